// `cppcassa-bench run`: the steps of a run against the user's cluster, in order: the schema,
// the populate step, the measured run, the summary and the files. Each step lives in its own
// file; this one only sequences them and says what it is doing.
#include "run_command.hpp"

#include "concurrency.hpp"
#include "metrics.hpp"
#include "run_driver.hpp"
#include "run_files.hpp"
#include "run_ops.hpp"
#include "run_peers.hpp"
#include "run_populate.hpp"
#include "run_recorder.hpp"
#include "run_report.hpp"
#include "run_schema.hpp"
#include "run_settings.hpp"

#include <cppcassa/pool.hpp>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

namespace cppcassa::bench {

namespace asio = boost::asio;

namespace {

std::string default_out_dir() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    return fmt::format("{}/run-{:%Y%m%dT%H%M%SZ}", CPPCASSA_BENCH_RESULTS_DIR, fmt::gmtime(now));
}

std::string seconds_text(std::chrono::milliseconds d) {
    return d.count() % 1000 ? fmt::format("{:.3g} s", static_cast<double>(d.count()) / 1e3)
                            : fmt::format("{} s", d.count() / 1000);
}

void print_banner(const run_settings& s, const std::string& dir) {
    std::string hosts;
    for (const auto& h : s.hosts)
        hosts += fmt::format("{}{}", hosts.empty() ? "" : ", ", h);
    fmt::print("cppcassa-bench run: cppcassa against {}{}{}\n", hosts, s.tls ? " over TLS" : "",
               s.login ? fmt::format(" as {}", s.login->username) : std::string());
    if (s.rate)
        fmt::print("  load: open loop at {:.0f} ops/s for {} (at most {} in flight), one line per {}\n", *s.rate,
                   seconds_text(s.duration), s.max_in_flight, seconds_text(s.interval));
    else
        fmt::print("  load: closed loop, {} in flight, for {}, one line per {}\n", s.concurrency,
                   seconds_text(s.duration), seconds_text(s.interval));
    const std::string values = s.value_min == s.value_max ? fmt::format("{} B", s.value_min)
                                                          : fmt::format("{}..{} B", s.value_min, s.value_max);
    fmt::print("  workload: {} on {}.{}, keys {} over {} rows, {} columns x {}, {} row(s) per insert; reads {}, writes {}\n",
               s.mix.describe(), s.keyspace, s.column_family, s.keys.describe(), s.key_space(), s.columns, values,
               s.batch, s.read_cl.name, s.write_cl.name);
    fmt::print("  pool: {} connections x {} in flight, call timeout {}, {} retries\n", s.pool_connections(), s.depth,
               seconds_text(s.timeout), s.retries);
    if (!s.peers.empty()) {
        std::string peers;
        for (const auto& p : s.peers)
            peers += fmt::format("{}{}", peers.empty() ? "" : ", ", p);
        fmt::print("  then the same operations with: {} ({} connections each)\n", peers,
                   s.peer_connections ? s.peer_connections : s.pool_connections());
    }
    fmt::print("  output: {}\n", dir);
    std::fflush(stdout);
}

// Ctrl-C (or SIGTERM): the first ends the current step early, and the run still writes its
// figures; a second one exits at once. Shared with the waiting coroutine, which may outlive run().
struct interrupt_state {
    explicit interrupt_state(asio::any_io_executor ex) : signals(std::move(ex), SIGINT, SIGTERM) {}
    asio::signal_set signals;
    bool stop = false;
    std::function<void()> hook;
};

asio::awaitable<void> wait_for_interrupt(std::shared_ptr<interrupt_state> state) {
    for (;;) {
        boost::system::error_code ec;
        co_await state->signals.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;  // cancelled: the run is over
        if (state->stop)
            std::_Exit(130);
        state->stop = true;
        fmt::print(stderr, "\ninterrupted: finishing what is in flight, then writing the figures (Ctrl-C again to quit "
                           "at once)\n");
        if (state->hook)
            state->hook();
    }
}

// The peers, then every client side by side (comparison.json too).
void run_and_compare_peers(const run_settings& s, const std::string& dir, client_run& cppcassa) {
    std::vector<client_run> peers = run_peers(s, dir);
    std::vector<const client_run*> all{&cppcassa};
    for (const auto& p : peers)
        all.push_back(&p);
    fmt::print("{}", comparison_text(s, all));
    const std::string path = dir + "/comparison.json";
    std::ofstream out(path);
    out << comparison_json(s, all);
    if (!out)
        fmt::print(stderr, "cannot write {}\n", path);
    else
        fmt::print("  {}\n", path);
}

asio::awaitable<int> run_steps(const run_settings& s, const std::string& dir, std::shared_ptr<interrupt_state> interrupt) {
    const auto executor = co_await asio::this_coro::executor;
    print_banner(s, dir);

    std::vector<std::string> schema_notes;
    try {
        schema_notes = co_await prepare_schema(s);
    } catch (const std::exception& e) {
        fmt::print(stderr, "cppcassa-bench run: could not prepare the schema: {}\n", e.what());
        co_return 1;
    }
    for (const auto& n : schema_notes)
        fmt::print("schema: {}\n", n);

    pool p(executor, run_pool_config(s));
    run_ops ops(p, s);
    std::optional<populate_result> populated;
    if (s.populate) {
        populated = co_await populate(ops, s, interrupt->stop);
        std::uint64_t failed_attempts = 0;
        for (const auto n : populated->errors)
            failed_attempts += n;
        if (failed_attempts)
            fmt::print(stderr, "populate: {} attempts failed and were sent again; {} rows not written after 4 "
                               "attempts; first error: {}\n",
                       failed_attempts, populated->failed_rows, populated->first_error);
    }

    run_recorder recorder;
    run_outcome outcome;
    double cpu_before = 0;
    double cpu_after = 0;
    if (!interrupt->stop) {
        if (s.warmup_ops) {
            fmt::print("warm-up: up to {} reads one after another, not measured\n", s.warmup_ops);
            co_await warm_up(ops, s);
        }
        interval_csv csv(dir + "/intervals.csv");
        const bool open_loop = s.rate.has_value();
        fmt::print("{}\n", interval_header(open_loop));
        // Named callables, not temporaries converted inside the co_await (GCC 12).
        std::function<void(const interval_row&)> on_interval = [&csv, open_loop](const interval_row& row) {
            fmt::print("{}\n", interval_line(row, open_loop));
            std::fflush(stdout);
            if (const auto warning = schedule_warning(row); !warning.empty())
                fmt::print(stderr, "{}\n", warning);
            csv.append(row);
        };
        std::function<void(std::function<void()>)> set_interrupt = [interrupt](std::function<void()> hook) {
            interrupt->hook = std::move(hook);
        };
        cpu_before = process_cpu_seconds();
        outcome = co_await drive_run(ops, s, recorder, on_interval, set_interrupt);
        cpu_after = process_cpu_seconds();
    }
    p.close();
    if (outcome.intervals.empty())
        co_return 130;

    fmt::print("{}", summary_text(s, outcome, recorder));
    const run_files_input files{.settings = s,
                                .schema_notes = schema_notes,
                                .populated = populated,
                                .outcome = outcome,
                                .recorder = recorder};
    auto written = write_run_files(dir, files);
    written.insert(written.begin(), dir + "/intervals.csv");
    if (s.chart) {
        std::fflush(stdout);
        draw_run_chart(dir);
    }
    fmt::print("files:\n");
    for (const auto& f : written)
        fmt::print("  {}\n", f);
    if (!s.peers.empty() && !interrupt->stop) {
        client_run cppcassa{.name = "cppcassa",
                            .failure = {},
                            .outcome = std::move(outcome),
                            .recorder = std::move(recorder),
                            .cpu_s = cpu_after - cpu_before,
                            .cpu_of_whole_process = false,
                            .max_rss_mb = static_cast<double>(peak_rss_kb()) / 1024.0,
                            .dir = dir};
        run_and_compare_peers(s, dir, cppcassa);
    }
    co_return interrupt->stop ? 130 : 0;
}

asio::awaitable<int> run(const run_settings& s, const std::string& dir) {
    const auto executor = co_await asio::this_coro::executor;
    auto interrupt = std::make_shared<interrupt_state>(executor);
    asio::co_spawn(executor, wait_for_interrupt(interrupt), asio::detached);
    std::exception_ptr failure;
    int code = 1;
    try {
        code = co_await run_steps(s, dir, interrupt);
    } catch (...) {
        failure = std::current_exception();
    }
    // The signal wait would keep the io_context running.
    interrupt->signals.cancel();
    if (failure)
        std::rethrow_exception(failure);
    co_return code;
}

}  // namespace

int run_command(std::span<const std::string_view> args) {
    run_args parsed;
    try {
        parsed = parse_run_args(args);
    } catch (const std::exception& e) {
        fmt::print(stderr, "cppcassa-bench run: {}\n", e.what());
        return 2;
    }
    if (parsed.help) {
        fmt::print("{}", run_usage());
        return 0;
    }
    const run_settings& s = parsed.settings;
    // Line by line, also into a pipe or a file: the intervals are a live record, and the order of
    // stdout and stderr (warnings, the progress bar) stays the order things happened.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::string dir = s.out_dir.empty() ? default_out_dir() : s.out_dir;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        fmt::print(stderr, "cppcassa-bench run: cannot create the output folder {}: {}\n", dir, ec.message());
        return 1;
    }
    try {
        return run_to_completion(run(s, dir));
    } catch (const std::exception& e) {
        fmt::print(stderr, "cppcassa-bench run: {}\n", e.what());
        return 1;
    }
}

}  // namespace cppcassa::bench
