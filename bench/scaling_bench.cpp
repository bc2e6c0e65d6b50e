// `cppcassa-bench scaling`: each client's best configuration on real Cassandra, found in one
// run. One operation (--op), a list of sizes (--sizes); at size n cppcassa has a pool of n
// connections with --depth calls in flight each (n x depth coroutines, one thread), apache-sync
// n threads of one connection, python n threads (at most --py-max-threads). Each size is one
// case alternating A/B/C rounds, so the ratios within a size come from the same rounds. The
// summary then gives each client's peak, the smallest size reaching 90 % of it, and the
// best-vs-best ratios of ops/s and CPU per operation: how many connections cppcassa needs
// where the blocking peers need threads.
#include "cassandra_setup.hpp"
#include "client_case.hpp"
#include "client_peers.hpp"
#include "client_round.hpp"
#include "concurrency.hpp"
#include "workload.hpp"

#include <cppcassa/pool.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;

client_workload read_op(const options& opts) {
    const auto it = opts.extra.find("op");
    const std::string op = it == opts.extra.end() ? "get" : it->second;
    if (op == "get")
        return client_workload::get;
    if (op == "insert")
        return client_workload::insert;
    if (op == "mixed")
        return client_workload::mixed;
    throw std::invalid_argument(fmt::format("--op: expected get, insert or mixed, got '{}'", op));
}

std::vector<std::size_t> read_sizes(const options& opts) {
    const auto it = opts.extra.find("sizes");
    const std::string_view text = it == opts.extra.end() ? std::string_view("1,2,4,8,16,32,64") : it->second;
    std::vector<std::size_t> sizes;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const std::string_view item = text.substr(at, comma - at);
        std::size_t n = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
        if (ec != std::errc{} || end != item.data() + item.size() || n < 1)
            throw std::invalid_argument(fmt::format("--sizes: expected positive numbers separated by commas, got '{}'",
                                                    text));
        sizes.push_back(n);
        at = comma + 1;
    }
    return sizes;
}

// One client's figures across the sizes, in the client's own unit (connections or threads).
struct client_curve {
    std::string client;
    // What the size counts for this client, for the notes.
    std::string unit;
    struct point {
        std::size_t units = 0;
        double ops_per_s = 0;
        std::optional<double> cpu_s_per_mop;
    };
    std::vector<point> points;

    [[nodiscard]] const point* peak() const {
        const auto it = std::max_element(points.begin(), points.end(),
                                          [](const point& a, const point& b) { return a.ops_per_s < b.ops_per_s; });
        return it == points.end() || it->ops_per_s <= 0 ? nullptr : &*it;
    }
    // The fewest units whose ops/s is at least `share` of the peak.
    [[nodiscard]] std::size_t units_to_reach(double share) const {
        const double bar = share * peak()->ops_per_s;
        std::size_t fewest = peak()->units;
        for (const auto& p : points)
            if (p.ops_per_s >= bar)
                fewest = std::min(fewest, p.units);
        return fewest;
    }
};

// The per-client summary groups, the best-vs-best group, and the sentences for the notes.
void summarise(const std::vector<client_curve>& curves, report& rep) {
    const client_curve::point* ours = curves.front().peak();
    if (!ours)
        return;
    summary_group best{.name = "best_vs_best", .values = {}};
    std::string reach = "to reach 90% of its own peak:";
    std::string vs = "best vs best (each client at its own peak):";
    for (const auto& c : curves) {
        const auto* top = c.peak();
        if (!top)
            continue;
        const std::size_t to_90 = c.units_to_reach(0.9);
        summary_group g{.name = c.client, .values = {}};
        g.values.emplace_back("peak_ops_per_s", top->ops_per_s);
        g.values.emplace_back(fmt::format("peak_{}", c.unit), static_cast<double>(top->units));
        g.values.emplace_back(fmt::format("{}_to_90pct_peak", c.unit), static_cast<double>(to_90));
        if (top->cpu_s_per_mop)
            g.values.emplace_back("cpu_us_per_op_at_peak", *top->cpu_s_per_mop);
        rep.summary.push_back(std::move(g));
        // "1 threads" reads badly in the note; the JSON keys keep the plural.
        const auto count = [&c](std::size_t k) {
            return fmt::format("{} {}", k, k == 1 ? c.unit.substr(0, c.unit.size() - 1) : c.unit);
        };
        reach += fmt::format(" {} {} (peak {:.0f} ops/s with {});", c.client, count(to_90), top->ops_per_s,
                             count(top->units));
        if (top == ours)
            continue;
        const double ops_ratio = ours->ops_per_s / top->ops_per_s;
        best.values.emplace_back(fmt::format("cppcassa_over_{}_ops", c.client), ops_ratio);
        vs += fmt::format(" cppcassa {:.2f}x {}'s ops/s", ops_ratio, c.client);
        if (ours->cpu_s_per_mop && top->cpu_s_per_mop && *ours->cpu_s_per_mop > 0) {
            const double cpu_ratio = *top->cpu_s_per_mop / *ours->cpu_s_per_mop;
            best.values.emplace_back(fmt::format("{}_over_cppcassa_cpu_per_op", c.client), cpu_ratio);
            vs += fmt::format(", CPU/op {:.2f} us vs {}'s {:.2f} us ({} {:.2f}x cppcassa's)", *ours->cpu_s_per_mop,
                              c.client, *top->cpu_s_per_mop, c.client, cpu_ratio);
        }
        vs += ';';
    }
    reach.pop_back();
    vs.pop_back();
    rep.notes.push_back(reach);
    if (!best.values.empty()) {
        rep.summary.push_back(std::move(best));
        rep.notes.push_back(vs);
    }
}

asio::awaitable<report> run(const options& opts) {
    const client_settings s = read_client_settings(read_op(opts), opts);
    const std::vector<std::size_t> sizes = read_sizes(opts);
    const auto py_max = static_cast<std::size_t>(std::max<std::int64_t>(1, opts.extra_int("py-max-threads", 64)));
    const auto [limit, warmup] = read_client_limits(opts);

    const bool wrote = co_await prepare_client_data(opts, s);
    const request_parts parts(s, opts.seed);
    const auto executor = co_await asio::this_coro::executor;

    report rep;
    rep.workload = "scaling";
    std::vector<client_curve> curves{{.client = "cppcassa", .unit = "connections", .points = {}},
                                     {.client = "apache-sync", .unit = "threads", .points = {}}};
    if (s.python)
        curves.push_back({.client = "python", .unit = "threads", .points = {}});
    std::optional<double> wire;
    for (const std::size_t n : sizes) {
        client_settings at = s;
        at.connections = n;
        at.concurrency = n * s.depth;
        at.threads = n;
        at.py_threads = std::min(n, py_max);
        // A pool and Apache's connections per size, closed after it: no idle connection of one
        // size stays open on the server while the next size runs.
        pool ours(executor, bench_pool_config(opts.host, opts.port, bench_keyspace, at));
        if (!wire)
            wire = co_await probe_wire_bytes(ours, at, parts);
        apache_connections apache(opts.host, opts.port, bench_keyspace, at.threads, at.servers);
        auto clients = client_runners(ours, apache, at, parts, opts, warmup.duration);
        const std::string name = fmt::format("{} @{}", client_case_name(s), n);
        const std::string baseline = "cppcassa";
        rep.cases.push_back(co_await alternate(name, baseline, clients, opts.rounds, limit, warmup, wire));
        ours.close();
        const std::size_t units[] = {at.connections, at.threads, at.py_threads};
        for (std::size_t i = 0; i < curves.size(); ++i)
            for (const auto& x : rep.cases.back().rows)
                if (x.client == curves[i].client)
                    curves[i].points.push_back(
                        {.units = units[i], .ops_per_s = x.ops_per_s, .cpu_s_per_mop = x.cpu_s_per_mop});
    }
    summarise(curves, rep);

    rep.params = client_params(opts, s, limit, warmup);
    rep.params["op"] = workload_name(s.kind);
    rep.params["sizes"] = fmt::format("{}", fmt::join(sizes, ","));
    rep.params["depth"] = std::to_string(s.depth);
    rep.params["py_max_threads"] = std::to_string(s.python ? py_max : 0);
    std::string sizing = fmt::format("case '@n': cppcassa a pool of n connections, {} in flight each, n x {} "
                                     "coroutines on one thread; apache-sync n threads x 1 connection",
                                     s.depth, s.depth);
    if (s.python)
        sizing += fmt::format("; python min(n, {}) threads in /usr/bin/python3 with TBinaryProtocolAccelerated", py_max);
    rep.notes.insert(rep.notes.begin(), sizing);
    for (auto& n : client_notes(s, wrote))
        rep.notes.push_back(std::move(n));
    co_return rep;
}

}  // namespace

report run_scaling(const options& opts) { return run_to_completion(run(opts)); }

}  // namespace cppcassa::bench
