// `cppcassa-bench pipeline`: get_slice of a small row on ONE connection, three ways:
//   cppcassa-seq        one call at a time (co_await each): a round trip per call
//   cppcassa-pipelined  --depth coroutines (default 64) sharing the connection: calls written
//                       back to back, replies matched in order
//   apache-sync         Apache's CassandraClient (TFramedTransport + TBinaryProtocol), blocking,
//                       one call at a time: what the reference client can do with one socket
// Rounds alternate A/B/C/A/B/C on the same server; ops/s is the median round, latencies come
// from every measured call of every round.
#include "apache_types.hpp"
#include "cassandra_setup.hpp"
#include "concurrency.hpp"
#include "data.hpp"
#include "histogram.hpp"
#include "measure.hpp"
#include "workload.hpp"

#include <cppcassa/connection.hpp>

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;
namespace tp = ::apache::thrift::protocol;
namespace tt = ::apache::thrift::transport;

constexpr int columns_per_row = 10;
constexpr std::size_t pipeline_value_size = 100;

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

private:
    round_limit limit_;
    steady::time_point start_, deadline_;
    std::uint64_t started_ = 0;
};

// The requests: one prebuilt get_slice per row, so no client pays for building arguments.
struct workload_data {
    std::vector<thrift::get_slice_args> ours;
    struct apache_args {
        std::string key;
        ac::ColumnParent parent;
        ac::SlicePredicate predicate;
    };
    std::vector<apache_args> apache;
};

class apache_client {
public:
    apache_client(const std::string& host, std::uint16_t port)
        : socket_(std::make_shared<tt::TSocket>(host, port)),
          transport_(std::make_shared<tt::TFramedTransport>(socket_)),
          client_(std::make_shared<tp::TBinaryProtocol>(transport_)) {
        transport_->open();
        client_.set_keyspace(bench_keyspace);
    }
    ~apache_client() { transport_->close(); }
    ac::CassandraClient& operator*() { return client_; }

private:
    std::shared_ptr<tt::TSocket> socket_;
    std::shared_ptr<tt::TTransport> transport_;
    ac::CassandraClient client_;
};

measured_round apache_round(apache_client& client, const workload_data& data, rng& r, const round_limit& limit,
                            std::uint64_t& sink) {
    measured_round m;
    round_clock rc(limit);
    std::vector<ac::ColumnOrSuperColumn> out;
    while (rc.claim()) {
        const auto& a = data.apache[r.below(data.apache.size())];
        const auto t0 = steady::now();
        (*client).get_slice(out, a.key, a.parent, a.predicate, ac::ConsistencyLevel::ONE);
        m.latency.record(static_cast<std::uint64_t>((steady::now() - t0).count()));
        sink += out.size();
        ++m.timing.ops;
    }
    m.timing.elapsed = steady::now() - rc.start();
    return m;
}

// `depth` callers share `conn`; depth 1 is the one-at-a-time client.
asio::awaitable<measured_round> ours_round(connection& conn, std::size_t depth, const workload_data& data, rng& r,
                                           const round_limit& limit, std::uint64_t& sink) {
    measured_round m;
    round_clock rc(limit);
    co_await run_concurrently(depth, [&](std::size_t) -> asio::awaitable<void> {
        while (rc.claim()) {
            const auto& args = data.ours[r.below(data.ours.size())];
            const auto t0 = steady::now();
            const auto columns = co_await conn.get_slice(args);
            m.latency.record(static_cast<std::uint64_t>((steady::now() - t0).count()));
            sink += columns.size();
            ++m.timing.ops;
        }
    });
    m.timing.elapsed = steady::now() - rc.start();
    co_return m;
}

asio::awaitable<report> pipeline_rounds(const options& opts) {
    const auto depth = static_cast<std::size_t>(std::max<std::int64_t>(1, opts.extra_int("depth", 64)));
    const auto rows = static_cast<std::uint64_t>(std::max<std::int64_t>(1, opts.extra_int("rows", 100)));
    const round_limit limit{.duration = opts.duration_or(std::chrono::seconds(3)), .ops = opts.ops};
    const round_limit warmup{.duration = opts.warmup_or(std::chrono::seconds(1)), .ops = std::nullopt};

    const auto executor = co_await asio::this_coro::executor;
    connection conn(executor, {.host = opts.host, .port = opts.port});
    co_await open_bench_connection(conn, opts.host, opts.port);
    fmt::print(stderr, "inserting {} rows of {} columns into {}.{}\n", rows, columns_per_row, bench_keyspace,
               bench_column_family);
    co_await insert_rows(conn, rows, columns_per_row, pipeline_value_size, opts.seed);

    workload_data data;
    for (std::uint64_t k = 0; k < rows; ++k) {
        auto args = make_get_slice(row_key(k), bench_column_family, 100);
        data.apache.push_back({args.key, to_apache(args.column_parent), to_apache(args.predicate)});
        data.ours.push_back(std::move(args));
    }
    apache_client apache(opts.host, opts.port);

    // Every client reads the rows it was given back in full, before anything is timed.
    {
        std::vector<ac::ColumnOrSuperColumn> out;
        (*apache).get_slice(out, data.apache[0].key, data.apache[0].parent, data.apache[0].predicate,
                            ac::ConsistencyLevel::ONE);
        const auto ours = co_await conn.get_slice(data.ours[0]);
        if (out.size() != columns_per_row || ours.size() != columns_per_row)
            throw std::runtime_error(fmt::format("expected {} columns in {}, got {} (cppcassa) and {} (apache)",
                                                 columns_per_row, data.ours[0].key, ours.size(), out.size()));
    }

    const std::string seq = "cppcassa-seq", pipe = "cppcassa-pipelined", sync = "apache-sync";
    std::uint64_t sink = 0;
    rng r(opts.seed ^ 0x5eed);
    fmt::print(stderr, "warming up\n");
    co_await ours_round(conn, 1, data, r, warmup, sink);
    co_await ours_round(conn, depth, data, r, warmup, sink);
    apache_round(apache, data, r, warmup, sink);

    case_result c{.name = "get_slice 10x100B", .baseline = pipe, .rows = {}};
    for (const auto* name : {&seq, &pipe, &sync})
        c.rows.push_back(row{.client = *name, .ops_per_s = 0, .round_ops_per_s = {}, .bytes_per_op = 0,
                             .latency = std::nullopt});
    std::vector<histogram> latency(3);
    std::vector<cost_total> cost(3);
    for (int round = 0; round < opts.rounds; ++round) {
        std::vector<measured_round> m;
        auto before = sample_cost();
        m.push_back(co_await ours_round(conn, 1, data, r, limit, sink));
        auto after = sample_cost();
        cost[0].add(before, after, m.back().timing.ops);
        before = after;
        m.push_back(co_await ours_round(conn, depth, data, r, limit, sink));
        after = sample_cost();
        cost[1].add(before, after, m.back().timing.ops);
        before = after;
        m.push_back(apache_round(apache, data, r, limit, sink));
        cost[2].add(before, sample_cost(), m.back().timing.ops);
        fmt::print(stderr, "round {}:", round + 1);
        for (std::size_t i = 0; i < 3; ++i) {
            c.rows[i].round_ops_per_s.push_back(m[i].timing.ops_per_s());
            latency[i].merge(m[i].latency);
            fmt::print(stderr, "  {} {:.0f} ops/s", c.rows[i].client, m[i].timing.ops_per_s());
        }
        fmt::print(stderr, "\n");
    }
    for (std::size_t i = 0; i < 3; ++i) {
        c.rows[i].ops_per_s = median(c.rows[i].round_ops_per_s);
        c.rows[i].latency = latency_summary{.p50_ns = latency[i].quantile(0.5),
                                            .p99_ns = latency[i].quantile(0.99),
                                            .p999_ns = latency[i].quantile(0.999),
                                            .max_ns = latency[i].max()};
        c.rows[i].total_ops = cost[i].ops;
        cost[i].apply(c.rows[i]);
    }
    conn.close();

    report rep;
    rep.workload = "pipeline";
    rep.params = {{"server", fmt::format("{}:{}", opts.host, opts.port)},
                  {"depth", std::to_string(depth)},
                  {"rows", std::to_string(rows)},
                  {"row", fmt::format("{} columns x {} B", columns_per_row, pipeline_value_size)},
                  {"rounds", std::to_string(opts.rounds)},
                  {"round", opts.ops ? fmt::format("{} ops", *opts.ops)
                                     : fmt::format("{} ms", limit.duration.count() / 1'000'000)},
                  {"warmup", fmt::format("{} ms", warmup.duration.count() / 1'000'000)},
                  {"seed", std::to_string(opts.seed)}};
    rep.cases.push_back(std::move(c));
    rep.notes.push_back(fmt::format("one connection per client; cppcassa-pipelined runs {} coroutines on it", depth));
    rep.notes.push_back(fmt::format("columns read: {}", sink));
    co_return rep;
}

}  // namespace

report run_pipeline(const options& opts) {
    return run_to_completion(pipeline_rounds(opts));
}

}  // namespace cppcassa::bench
