// Timing loops shared by the workloads.
#pragma once

#include "histogram.hpp"
#include "metrics.hpp"
#include "report.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::bench {

using steady = std::chrono::steady_clock;

// Keeps a value alive as far as the optimiser knows: the computation that produced it cannot be
// dropped (Google Benchmark's DoNotOptimize).
template <class T>
inline void keep(T const& value) {
    asm volatile("" : : "r,m"(value) : "memory");
}

// How long a round lasts: a duration, or a fixed number of operations when `ops` is set.
struct round_limit {
    std::chrono::nanoseconds duration{};
    std::optional<std::uint64_t> ops;
};

struct round_timing {
    std::uint64_t ops = 0;
    std::chrono::nanoseconds elapsed{};

    [[nodiscard]] double ops_per_s() const {
        return elapsed.count() > 0 ? static_cast<double>(ops) * 1e9 / static_cast<double>(elapsed.count()) : 0.0;
    }
};

// A round of timed calls: how many in how long, and the latency of each.
struct measured_round {
    round_timing timing;
    histogram latency;
};

// Calls op() back to back until the limit is reached. The clock is read once per batch so that
// reading it costs nothing next to a sub-microsecond operation.
template <class Op>
round_timing run_round(const round_limit& limit, Op&& op, std::uint64_t batch = 16) {
    round_timing t;
    const auto start = steady::now();
    if (limit.ops) {
        for (std::uint64_t i = 0; i < *limit.ops; ++i)
            op();
        t.ops = *limit.ops;
        t.elapsed = steady::now() - start;
        return t;
    }
    const auto deadline = start + limit.duration;
    auto now = start;
    do {
        for (std::uint64_t i = 0; i < batch; ++i)
            op();
        t.ops += batch;
        now = steady::now();
    } while (now < deadline);
    t.elapsed = now - start;
    return t;
}


// One client of a synchronous case: runs one round of the operation under the given limit.
struct peer {
    std::string client;
    std::function<round_timing(const round_limit&)> round;
};

// Warms every peer up, then runs `rounds` rounds of each, alternating A/B/C/A/B/C so that drift
// (frequency scaling, a noisy neighbour) spreads over all peers, and keeps the median ops/s.
inline case_result run_alternating(std::string name, std::string baseline, std::uint64_t bytes_per_op,
                                   std::vector<peer>& peers, const round_limit& limit,
                                   const round_limit& warmup, int rounds) {
    case_result c{.name = std::move(name), .baseline = std::move(baseline), .rows = {}};
    for (auto& p : peers) {
        if (warmup.duration.count() > 0)
            p.round(round_limit{.duration = warmup.duration, .ops = std::nullopt});
        c.rows.push_back(row{.client = p.client, .ops_per_s = 0, .round_ops_per_s = {},
                             .bytes_per_op = bytes_per_op, .latency = std::nullopt});
    }
    std::vector<cost_total> cost(peers.size());
    for (int r = 0; r < rounds; ++r)
        for (std::size_t i = 0; i < peers.size(); ++i) {
            const auto before = sample_cost();
            const auto t = peers[i].round(limit);
            cost[i].add(before, sample_cost(), t.ops);
            c.rows[i].round_ops_per_s.push_back(t.ops_per_s());
        }
    for (std::size_t i = 0; i < peers.size(); ++i) {
        c.rows[i].ops_per_s = median(c.rows[i].round_ops_per_s);
        c.rows[i].total_ops = cost[i].ops;
        cost[i].apply(c.rows[i]);
    }
    fmt::print(stderr, "  {:<20}", c.name);
    for (const auto& x : c.rows)
        fmt::print(stderr, "  {} {:.0f} ops/s", x.client, x.ops_per_s);
    fmt::print(stderr, "\n");
    return c;
}

}  // namespace cppcassa::bench
