// Rounds of whole clients (a cppcassa pool, Apache's threads, the Python process) and their
// alternation A/B/C/A/B/C, with every metric the table shows: ops/s, latency quantiles, CPU,
// allocations and peak RSS per client, wire bytes per operation per case.
#pragma once

#include "histogram.hpp"
#include "measure.hpp"
#include "metrics.hpp"
#include "progress.hpp"
#include "report.hpp"

#include <boost/asio/awaitable.hpp>

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::bench {

// What one measured round of one client did and cost.
struct client_round {
    round_timing timing;
    histogram latency;
    // The client's CPU seconds over the round (other in-process work already taken off).
    double cpu_s = 0;
    // operator new calls over the round; unset when not countable (another process).
    std::optional<std::uint64_t> allocs;
    // Peak RSS of the client's process when the round ended; unset: this process.
    std::optional<std::uint64_t> rss_kb;
};

// One client of a case: runs a round under a limit. `label` names it on the progress line.
struct client_runner {
    std::string name;
    std::function<boost::asio::awaitable<client_round>(const round_limit&, const std::string& label)> round;
};

// Ends a round by time or by operation count; `claim` is called once per operation started.
class round_clock {
public:
    explicit round_clock(const round_limit& limit)
        : limit_(limit), start_(steady::now()), deadline_(start_ + limit.duration) {}
    bool claim() {
        if (limit_.ops ? started_ >= *limit_.ops : steady::now() >= deadline_)
            return false;
        ++started_;
        return true;
    }
    [[nodiscard]] steady::time_point start() const { return start_; }
    [[nodiscard]] steady::time_point deadline() const { return deadline_; }
    [[nodiscard]] double elapsed_s() const { return std::chrono::duration<double>(steady::now() - start_).count(); }

private:
    round_limit limit_;
    steady::time_point start_, deadline_;
    std::uint64_t started_ = 0;
};

// Warms each client up (one unmeasured round of `warmup`, when not zero), then runs `rounds`
// rounds of each in turn; ops/s is the median round, latencies merge every measured call.
inline boost::asio::awaitable<case_result> alternate(std::string name, std::string baseline,
                                                     std::vector<client_runner>& clients, int rounds,
                                                     round_limit limit, round_limit warmup,
                                                     std::optional<double> wire_bytes_per_op) {
    case_result c{.name = std::move(name), .baseline = std::move(baseline), .rows = {}};
    std::vector<histogram> latency(clients.size());
    std::vector<cost_total> cost(clients.size());
    std::vector<std::optional<std::uint64_t>> rss(clients.size());
    for (auto& cl : clients) {
        if (warmup.duration.count() > 0) {
            const std::string label = fmt::format("{} {} warm-up", c.name, cl.name);
            co_await cl.round(warmup, label);
            progress::clear();
        }
        c.rows.push_back(row{.client = cl.name, .ops_per_s = 0, .round_ops_per_s = {}, .bytes_per_op = 0,
                             .latency = std::nullopt});
    }
    for (int r = 0; r < rounds; ++r) {
        // Printed whole at the end of the round: the progress line would overwrite a prefix.
        std::string summary = fmt::format("{} round {}/{}:", c.name, r + 1, rounds);
        for (std::size_t i = 0; i < clients.size(); ++i) {
            const std::string label = fmt::format("{} {} round {}/{}", c.name, clients[i].name, r + 1, rounds);
            const client_round m = co_await clients[i].round(limit, label);
            progress::clear();
            c.rows[i].round_ops_per_s.push_back(m.timing.ops_per_s());
            latency[i].merge(m.latency);
            if (m.allocs)
                cost[i].add({0, 0}, {m.cpu_s, *m.allocs}, m.timing.ops);
            else
                cost[i].add_external(m.cpu_s, m.timing.ops);
            if (m.rss_kb)
                rss[i] = std::max(rss[i].value_or(0), *m.rss_kb);
            summary += fmt::format("  {} {:.0f} ops/s", clients[i].name, m.timing.ops_per_s());
        }
        fmt::print(stderr, "{}\n", summary);
    }
    for (std::size_t i = 0; i < clients.size(); ++i) {
        auto& x = c.rows[i];
        x.ops_per_s = median(x.round_ops_per_s);
        x.total_ops = cost[i].ops;
        x.latency = latency_summary{.p50_ns = latency[i].quantile(0.5),
                                    .p99_ns = latency[i].quantile(0.99),
                                    .p999_ns = latency[i].quantile(0.999),
                                    .max_ns = latency[i].max()};
        cost[i].apply(x, rss[i]);
        x.wire_bytes_per_op = wire_bytes_per_op;
        x.bytes_per_op = wire_bytes_per_op ? static_cast<std::uint64_t>(*wire_bytes_per_op + 0.5) : 0;
    }
    co_return c;
}

}  // namespace cppcassa::bench
