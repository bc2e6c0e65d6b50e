// `cppcassa-bench insert|get|multiget|mixed|range`: one client operation (client_peers.hpp) on
// real Cassandra, cppcassa against Apache's C++ client and Python's, rounds alternating
// A/B/C/A/B/C on the same server. The read workloads use a dataset of --rows rows written once
// (cassandra_setup.hpp) and reused by later runs.
#include "cassandra_setup.hpp"
#include "client_peers.hpp"
#include "client_round.hpp"
#include "concurrency.hpp"
#include "data.hpp"
#include "python_runner.hpp"
#include "workload.hpp"

#include "codec/cassandra_methods.hpp"
#include "codec/message.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;
namespace methods = codec::methods;

// Framed bytes of a call and of its reply, as all three clients send and receive them (they all
// speak framed TBinaryProtocol, byte for byte the same).
template <class M>
std::size_t wire_size(const typename M::args& args, const typename M::result& result) {
    std::string out;
    codec::encode_call<M>(out, args, 1, true);
    codec::encode_reply<M>(out, 1, result, true);
    return out.size();
}

// One operation of each kind on the dataset's first key, through the pool: checks the dataset is
// there and measures the operation's bytes on the wire.
asio::awaitable<double> probe(pool& p, const client_settings& s, const request_parts& parts) {
    const operation_options options;
    thrift::get_slice_args get{.key = row_key(0),
                               .column_parent = parts.read_parent,
                               .predicate = parts.predicate,
                               .consistency_level = s.consistency};
    auto get_op = [&get](connection& c) { return c.get_slice(get); };
    const auto row = co_await p.execute(get_op, options);
    if (s.kind != client_workload::insert && row.size() != static_cast<std::size_t>(s.columns))
        throw std::runtime_error(fmt::format("{} has {} columns in {}.{}, expected {}: the dataset is incomplete",
                                             get.key, row.size(), bench_keyspace, rows_column_family, s.columns));
    const double get_bytes = static_cast<double>(wire_size<methods::get_slice>(get, row));

    thrift::insert_args ins{.key = insert_key(0),
                            .column_parent = parts.write_parent,
                            .column = {.name = "c", .value = parts.value, .timestamp = 1, .ttl = {}},
                            .consistency_level = s.consistency};
    const double insert_bytes = static_cast<double>(wire_size<methods::insert>(ins, codec::void_result{}));

    switch (s.kind) {
    case client_workload::insert:
        co_return insert_bytes;
    case client_workload::mixed:
        co_return 0.9 * get_bytes + 0.1 * insert_bytes;
    case client_workload::multiget: {
        thrift::multiget_slice_args args{.keys = {},
                                         .column_parent = parts.read_parent,
                                         .predicate = parts.predicate,
                                         .consistency_level = s.consistency};
        for (std::size_t k = 0; k < s.keys; ++k)
            args.keys.push_back(row_key(k * 7919 % s.rows));
        auto op = [&args](connection& c) { return c.multiget_slice(args); };
        const auto rows = co_await p.execute(op, options);
        co_return static_cast<double>(wire_size<methods::multiget_slice>(args, rows));
    }
    case client_workload::range: {
        thrift::get_range_slices_args args{.column_parent = parts.read_parent,
                                           .predicate = parts.predicate,
                                           .range = {},
                                           .consistency_level = s.consistency};
        args.range.start_key = row_key(0);
        args.range.end_key = "";
        args.range.count = static_cast<std::int32_t>(s.page);
        auto op = [&args](connection& c) { return c.get_range_slices(args); };
        const auto page = co_await p.execute(op, options);
        co_return static_cast<double>(wire_size<methods::get_range_slices>(args, page));
    }
    default:
        co_return get_bytes;
    }
}

std::string case_name(const client_settings& s) {
    switch (s.kind) {
    case client_workload::insert: return fmt::format("insert 1 column x {} B", s.value_size);
    case client_workload::multiget: return fmt::format("multiget {} keys x {} columns", s.keys, s.columns);
    case client_workload::mixed: return "mixed 90% get / 10% insert";
    case client_workload::range: return fmt::format("get_range page of {} rows", s.page);
    default: return fmt::format("get {} columns x {} B", s.columns, s.value_size);
    }
}

asio::awaitable<report> run(client_workload kind, const options& opts) {
    const client_settings s = read_client_settings(kind, opts);
    const round_limit limit{.duration = opts.duration_or(std::chrono::seconds(5)), .ops = opts.ops};
    const round_limit warmup{.duration = opts.warmup_or(std::chrono::seconds(2)), .ops = std::nullopt};

    const auto executor = co_await asio::this_coro::executor;
    {
        connection conn(executor, {.host = opts.host, .port = opts.port});
        try {
            co_await conn.connect();
        } catch (const std::exception& e) {
            throw std::runtime_error(fmt::format("{}; {}", e.what(), server_hint(opts.host, opts.port)));
        }
        co_await ensure_bench_schema(conn);
        co_await ensure_column_family(conn, rows_column_family);
        co_await ensure_column_family(conn, writes_column_family);
        conn.close();
    }
    bool wrote = false;
    if (kind != client_workload::insert) {
        const dataset d{.rows = s.rows, .columns = s.columns, .value_size = s.value_size, .seed = opts.seed};
        wrote = co_await ensure_dataset(opts.host, opts.port, d);
    }

    const request_parts parts(s, opts.seed);
    pool ours(executor, bench_pool_config(opts.host, opts.port, bench_keyspace, s));
    const double wire = co_await probe(ours, s, parts);
    apache_connections apache(opts.host, opts.port, bench_keyspace, s.threads);

    // Every round draws new keys (the round number is in the seed), the same for every client.
    std::uint64_t round_no = 0;
    std::vector<client_runner> clients;
    clients.push_back({"cppcassa", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                           return cppcassa_round(ours, s, parts, l, label, opts.seed + 1000 * ++round_no);
                       }});
    clients.push_back({"apache-sync", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                           const auto m = apache_round(apache, s, parts, l, label, opts.seed + 1000 * round_no);
                           co_return m;
                       }});
    if (s.python)
        clients.push_back({"python", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                               // Each round is a fresh process: it warms up its own connections first.
                               const auto w = std::min<std::chrono::nanoseconds>(warmup.duration, std::chrono::seconds(1));
                               const auto args = python_args(opts.host, opts.port, s,
                                                             std::chrono::duration_cast<std::chrono::milliseconds>(w),
                                                             opts.seed + 1000 * round_no);
                               const auto m = run_python_round(args, l, label);
                               co_return m;
                           }});

    report rep;
    rep.workload = workload_name(kind);
    const std::string name = case_name(s);
    const std::string baseline = "cppcassa";
    rep.cases.push_back(co_await alternate(name, baseline, clients, opts.rounds, limit, warmup, wire));
    ours.close();

    rep.params = {{"server", fmt::format("{}:{}", opts.host, opts.port)},
                  {"connections", std::to_string(s.connections)},
                  {"concurrency", std::to_string(s.concurrency)},
                  {"depth", std::to_string(s.depth)},
                  {"threads", std::to_string(s.threads)},
                  {"py_threads", std::to_string(s.python ? s.py_threads : 0)},
                  {"rows", std::to_string(s.rows)},
                  {"value_size", std::to_string(s.value_size)},
                  {"consistency", s.consistency_name},
                  {"rounds", std::to_string(opts.rounds)},
                  {"round", opts.ops ? fmt::format("{} ops", *opts.ops)
                                     : fmt::format("{} ms", limit.duration.count() / 1'000'000)},
                  {"warmup", fmt::format("{} ms", warmup.duration.count() / 1'000'000)},
                  {"seed", std::to_string(opts.seed)},
                  {"wire_bytes", "computed from encoded message sizes (framed TBinaryProtocol, identical for every "
                                 "client); the connection does not count bytes"}};
    if (kind == client_workload::multiget)
        rep.params["keys"] = std::to_string(s.keys);
    if (kind == client_workload::range)
        rep.params["page"] = std::to_string(s.page);
    rep.notes.push_back(fmt::format("cppcassa: a pool of {} connections ({} in flight each), {} coroutines, one "
                                    "thread; apache-sync: {} threads x 1 connection; python: {} threads in "
                                    "/usr/bin/python3 with TBinaryProtocolAccelerated",
                                    s.connections, s.depth, s.concurrency, s.threads, s.py_threads));
    rep.notes.push_back("cpu s/Mop: user+sys CPU of the client's process over its rounds (Python: its own process); "
                        "allocs/op: operator new calls (not countable in Python)");
    if (kind != client_workload::insert)
        rep.notes.push_back(fmt::format("dataset {}.{}: {} rows x {} columns ({})", bench_keyspace, rows_column_family,
                                        s.rows, s.columns, wrote ? "written by this run" : "reused"));
    co_return rep;
}

report run_client(client_workload kind, const options& opts) {
    return run_to_completion(run(kind, opts));
}

}  // namespace

report run_insert(const options& opts) { return run_client(client_workload::insert, opts); }
report run_get(const options& opts) { return run_client(client_workload::get, opts); }
report run_multiget(const options& opts) { return run_client(client_workload::multiget, opts); }
report run_mixed(const options& opts) { return run_client(client_workload::mixed, opts); }
report run_range(const options& opts) { return run_client(client_workload::range, opts); }

}  // namespace cppcassa::bench
