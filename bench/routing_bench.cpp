// `cppcassa-bench routing`: what token-aware routing gains on a multi-node cluster (RF 1, so a
// coordinator that is not the key's replica must forward the request to it).
//   get / insert of one column, --depth callers:
//     round-robin   pool over the servers in turn: ~2/3 of requests land on a non-replica (3 nodes)
//     token-aware   pool with discover_ring + token_aware, routing_key = the row key
//   multiget of --keys keys (default 100), --mdepth callers:
//     one-coordinator  one multiget_slice through the round-robin pool
//     fan-out          fan_out_multiget_slice through the token-aware pool (one call per replica)
// Both pools get the same servers, sizes and keys; rounds alternate A/B/A/B, the median is kept.
#include "cassandra_setup.hpp"
#include "concurrency.hpp"
#include "data.hpp"
#include "histogram.hpp"
#include "measure.hpp"
#include "workload.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/fan_out.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;

constexpr std::size_t routing_value_size = 100;

// One measured operation: the i-th of the round, on its client.
using operation = std::function<asio::awaitable<std::size_t>(std::uint64_t)>;

// `depth` callers run `op` until the round's limit; each call's latency is recorded.
asio::awaitable<measured_round> timed_round(std::size_t depth, const round_limit& limit, const operation& op,
                                            std::uint64_t& sink) {
    measured_round m;
    const auto start = steady::now();
    const auto deadline = start + limit.duration;
    std::uint64_t started = 0;
    // Named, not a lambda temporary in the co_await (GCC 12, docs/architecture.md).
    std::function<asio::awaitable<void>(std::size_t)> caller = [&](std::size_t) -> asio::awaitable<void> {
        while (limit.ops ? started < *limit.ops : steady::now() < deadline) {
            const auto i = started++;
            const auto t0 = steady::now();
            sink += co_await op(i);
            m.latency.record(static_cast<std::uint64_t>((steady::now() - t0).count()));
            ++m.timing.ops;
        }
    };
    co_await run_concurrently(depth, caller);
    m.timing.elapsed = steady::now() - start;
    co_return m;
}

struct client {
    std::string name;
    operation op;
    std::size_t depth;
};

// Warms each client up, then alternates their rounds; ops/s is the median round.
asio::awaitable<case_result> measure(std::string name, std::vector<client>& clients, const options& opts,
                                     const round_limit& limit, const round_limit& warmup, std::uint64_t& sink) {
    case_result c{.name = std::move(name), .baseline = clients.back().name, .rows = {}};
    std::vector<histogram> latency(clients.size());
    std::vector<cost_total> cost(clients.size());
    for (auto& cl : clients) {
        co_await timed_round(cl.depth, warmup, cl.op, sink);
        c.rows.push_back(row{.client = cl.name, .ops_per_s = 0, .round_ops_per_s = {}, .bytes_per_op = 0,
                             .latency = std::nullopt});
    }
    for (int round = 0; round < opts.rounds; ++round) {
        fmt::print(stderr, "{} round {}:", c.name, round + 1);
        for (std::size_t i = 0; i < clients.size(); ++i) {
            const auto before = sample_cost();
            const auto m = co_await timed_round(clients[i].depth, limit, clients[i].op, sink);
            cost[i].add(before, sample_cost(), m.timing.ops);
            c.rows[i].round_ops_per_s.push_back(m.timing.ops_per_s());
            latency[i].merge(m.latency);
            fmt::print(stderr, "  {} {:.0f} ops/s", clients[i].name, m.timing.ops_per_s());
        }
        fmt::print(stderr, "\n");
    }
    for (std::size_t i = 0; i < clients.size(); ++i) {
        c.rows[i].ops_per_s = median(c.rows[i].round_ops_per_s);
        c.rows[i].latency = latency_summary{.p50_ns = latency[i].quantile(0.5),
                                            .p99_ns = latency[i].quantile(0.99),
                                            .p999_ns = latency[i].quantile(0.999),
                                            .max_ns = latency[i].max()};
        c.rows[i].total_ops = cost[i].ops;
        cost[i].apply(c.rows[i]);
    }
    co_return c;
}

std::vector<std::string> cluster(const options& opts, std::int64_t nodes) {
    std::vector<std::string> servers;
    for (const auto& h : consecutive_hosts(opts.host, static_cast<std::size_t>(nodes)))
        servers.push_back(fmt::format("{}:{}", h, opts.port));
    return servers;
}

asio::awaitable<report> routing_rounds(const options& opts) {
    const auto depth = static_cast<std::size_t>(std::max<std::int64_t>(1, opts.extra_int("depth", 32)));
    const auto mdepth = static_cast<std::size_t>(std::max<std::int64_t>(1, opts.extra_int("mdepth", 4)));
    const auto rows = static_cast<std::uint64_t>(std::max<std::int64_t>(1, opts.extra_int("rows", 1000)));
    const auto mkeys = static_cast<std::size_t>(std::max<std::int64_t>(1, opts.extra_int("keys", 100)));
    const auto nodes = std::max<std::int64_t>(1, opts.extra_int("nodes", 3));
    const round_limit limit{.duration = opts.duration_or(std::chrono::seconds(3)), .ops = opts.ops};
    const round_limit warmup{.duration = opts.warmup_or(std::chrono::seconds(1)), .ops = std::nullopt};

    const auto executor = co_await asio::this_coro::executor;
    {
        connection conn(executor, {.host = opts.host, .port = opts.port});
        co_await open_bench_connection(conn, opts.host, opts.port);
        fmt::print(stderr, "inserting {} rows of 1 column into {}.{}\n", rows, bench_keyspace, bench_column_family);
        co_await insert_rows(conn, rows, 1, routing_value_size, opts.seed);
    }

    pool_config plain;
    plain.servers = cluster(opts, nodes);
    plain.keyspace = bench_keyspace;
    plain.pool_size = static_cast<std::size_t>(2 * nodes);
    plain.max_overflow = 0;
    pool_config aware = plain;
    aware.discover_ring = true;
    aware.token_aware = true;
    pool round_robin(executor, plain);
    pool token_aware(executor, aware);
    for (int i = 0; i < 100 && !token_aware.stats().routing; ++i) {
        asio::steady_timer pause(executor, std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::use_awaitable);
    }
    if (!token_aware.stats().routing)
        throw std::runtime_error("the token-aware pool did not learn the ring: " + token_aware.stats().ring_error);

    std::vector<std::string> keys;
    for (std::uint64_t k = 0; k < rows; ++k)
        keys.push_back(row_key(k));
    // The same key sequence for every client: key i of a round is keys[hash(i)].
    const auto key_at = [&keys, seed = opts.seed](std::uint64_t i) -> const std::string& {
        rng r(seed ^ (i * 0x9e3779b97f4a7c15ULL));
        return keys[r.below(keys.size())];
    };
    rng value_rng(opts.seed);
    const std::string value = random_bytes(value_rng, routing_value_size);

    const auto get_on = [&](pool& p) -> operation {
        return [&p, &key_at](std::uint64_t i) -> asio::awaitable<std::size_t> {
            thrift::get_args args;
            args.key = key_at(i);
            args.column_path.column_family = bench_column_family;
            args.column_path.column = column_name(0);
            operation_options routed;
            routed.routing_key = args.key;
            auto op = [&args](connection& c) { return c.get(args); };
            const auto got = co_await p.execute(op, routed);
            co_return got.column ? 1 : 0;
        };
    };
    const auto insert_on = [&](pool& p) -> operation {
        return [&p, &key_at, &value](std::uint64_t i) -> asio::awaitable<std::size_t> {
            thrift::insert_args args;
            args.key = key_at(i);
            args.column_parent.column_family = bench_column_family;
            args.column = thrift::Column{.name = column_name(1), .value = value,
                                         .timestamp = static_cast<std::int64_t>(i), .ttl = std::nullopt};
            operation_options routed;
            routed.routing_key = args.key;
            auto op = [&args](connection& c) { return c.insert(args); };
            co_await p.execute(op, routed);
            co_return 1;
        };
    };
    const auto multiget_args = [&](std::uint64_t i) {
        thrift::multiget_slice_args args;
        for (std::size_t k = 0; k < mkeys; ++k)
            args.keys.push_back(key_at(i * mkeys + k));
        args.column_parent.column_family = bench_column_family;
        args.predicate.slice_range = thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = 10};
        return args;
    };
    const operation multiget_plain = [&](std::uint64_t i) -> asio::awaitable<std::size_t> {
        const auto args = multiget_args(i);
        auto op = [&args](connection& c) { return c.multiget_slice(args); };
        const auto got = co_await round_robin.execute(op);
        co_return got.size();
    };
    const operation multiget_fan_out = [&](std::uint64_t i) -> asio::awaitable<std::size_t> {
        const auto args = multiget_args(i);
        const auto got = co_await fan_out_multiget_slice(token_aware, args);
        co_return got.size();
    };

    std::uint64_t sink = 0;
    report rep;
    rep.workload = "routing";
    {
        std::vector<client> clients{{"round-robin", get_on(round_robin), depth},
                                    {"token-aware", get_on(token_aware), depth}};
        const std::string name = "get 1 column";
        rep.cases.push_back(co_await measure(name, clients, opts, limit, warmup, sink));
    }
    {
        std::vector<client> clients{{"round-robin", insert_on(round_robin), depth},
                                    {"token-aware", insert_on(token_aware), depth}};
        const std::string name = "insert 1 column";
        rep.cases.push_back(co_await measure(name, clients, opts, limit, warmup, sink));
    }
    {
        std::vector<client> clients{{"one-coordinator", multiget_plain, mdepth}, {"fan-out", multiget_fan_out, mdepth}};
        const std::string name = fmt::format("multiget {} keys", mkeys);
        rep.cases.push_back(co_await measure(name, clients, opts, limit, warmup, sink));
    }
    const auto ta = token_aware.stats();
    const auto rr = round_robin.stats();
    round_robin.close();
    token_aware.close();

    rep.params = {{"servers", fmt::format("{}", fmt::join(plain.servers, ","))},
                  {"depth", std::to_string(depth)},
                  {"multiget_depth", std::to_string(mdepth)},
                  {"multiget_keys", std::to_string(mkeys)},
                  {"rows", std::to_string(rows)},
                  {"pool_size", std::to_string(plain.pool_size)},
                  {"rounds", std::to_string(opts.rounds)},
                  {"round", opts.ops ? fmt::format("{} ops", *opts.ops)
                                     : fmt::format("{} ms", limit.duration.count() / 1'000'000)},
                  {"warmup", fmt::format("{} ms", warmup.duration.count() / 1'000'000)},
                  {"seed", std::to_string(opts.seed)}};
    rep.notes.push_back(fmt::format("keyspace {} (RF 1): each key has one replica; ratio = token-aware (fan-out) ops/s "
                                    "/ this row's",
                                    bench_keyspace));
    rep.notes.push_back(fmt::format("token-aware pool: {} of {} operations routed to a replica; round-robin pool: "
                                    "{} operations; columns read: {}",
                                    ta.routed, ta.operations, rr.operations, sink));
    co_return rep;
}

}  // namespace

report run_routing(const options& opts) {
    return run_to_completion(routing_rounds(opts));
}

}  // namespace cppcassa::bench
