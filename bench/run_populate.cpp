#include "run_populate.hpp"

#include "concurrency.hpp"
#include "progress_bar.hpp"

#include <fmt/format.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

namespace cppcassa::bench {

namespace asio = boost::asio;

namespace {

using steady = std::chrono::steady_clock;

// Shows the bar at most every 200 ms on a terminal; elsewhere (logs, CI) at each 10 % step.
class populate_progress {
public:
    explicit populate_progress(std::uint64_t total) : total_(total), tty_(isatty(STDERR_FILENO) == 1) {}

    void update(std::uint64_t done, bool final = false) {
        const auto now = steady::now();
        const auto step = total_ ? done * 10 / total_ : 10;
        // The final line on a terminal replaces the bar and ends it; elsewhere it only adds the
        // time taken when the 100 % line has not been shown yet.
        if (tty_ ? !final && now - shown_ < std::chrono::milliseconds(200) : step == step_)
            return;
        shown_ = now;
        step_ = step;
        const auto line = progress_bar_line("populate", done, total_, std::chrono::duration<double>(now - start_).count());
        if (tty_)
            fmt::print(stderr, "\r{}\x1b[K{}", line, final ? "\n" : "");
        else
            fmt::print(stderr, "{}\n", line);
        std::fflush(stderr);
    }

private:
    std::uint64_t total_;
    bool tty_;
    steady::time_point start_ = steady::now();
    steady::time_point shown_{};
    std::uint64_t step_ = ~std::uint64_t{0};  // the first update shows the bar at 0 %
};

}  // namespace

asio::awaitable<populate_result> populate(run_ops& ops, const run_settings& s, const bool& stop) {
    populate_result out;
    const std::uint64_t total = s.populate;
    // About 64 KiB per call, at most 50 rows: each call touches rows on every replica, and a
    // coordinator given much more at once times out before it is done. Four calls in flight per
    // connection keep the cluster busy without queueing past its rpc timeout.
    const std::size_t row_bytes = static_cast<std::size_t>(s.columns) * (s.value_max + 24);
    const std::uint64_t rows_per_batch = std::clamp<std::uint64_t>(64 * 1024 / std::max<std::size_t>(row_bytes, 1), 1, 50);
    const std::size_t writers = std::min<std::size_t>({32, 4 * s.pool_connections(), s.pool_connections() * s.depth});
    constexpr int attempts = 4;

    populate_progress bar(total);
    bar.update(0);
    const auto start = steady::now();
    std::uint64_t next = 0;
    std::function<asio::awaitable<void>(std::size_t)> writer = [&](std::size_t w) -> asio::awaitable<void> {
        rng r(s.seed * 0x9e3779b97f4a7c15ULL + w + 1);
        asio::steady_timer pause(co_await asio::this_coro::executor);
        while (next < total && !stop) {
            const std::uint64_t first = next;
            const std::uint64_t last = std::min(total, first + rows_per_batch);
            next = last;
            bool written = false;
            for (int attempt = 0; attempt < attempts && !written && !stop; ++attempt) {
                std::string host;
                std::exception_ptr failure;
                try {
                    co_await ops.write_rows(first, last, r, host);
                    written = true;
                } catch (...) {
                    failure = std::current_exception();
                }
                if (!failure)
                    continue;
                const auto e = classify(failure);
                ++out.errors[static_cast<std::size_t>(e.kind)];
                if (out.first_error.empty())
                    out.first_error = fmt::format("{}: {}", error_name(e.kind), e.message);
                if (attempt + 1 < attempts) {
                    // A moment before the next attempt: a node restarting or a full pool recovers.
                    pause.expires_after(std::chrono::milliseconds(200 * (attempt + 1)));
                    co_await pause.async_wait(asio::use_awaitable);
                }
            }
            (written ? out.rows : out.failed_rows) += last - first;
            bar.update(out.rows + out.failed_rows);
        }
    };
    co_await run_concurrently(writers, writer);
    out.seconds = std::chrono::duration<double>(steady::now() - start).count();
    bar.update(out.rows + out.failed_rows, true);
    co_return out;
}

}  // namespace cppcassa::bench
