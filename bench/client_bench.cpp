// `cppcassa-bench insert|get|multiget|mixed|range`: one client operation (client_peers.hpp) on
// real Cassandra, cppcassa against Apache's C++ client and Python's, rounds alternating
// A/B/C/A/B/C on the same server. The read workloads use a dataset of --rows rows written once
// (cassandra_setup.hpp) and reused by later runs.
#include "cassandra_setup.hpp"
#include "client_case.hpp"
#include "client_peers.hpp"
#include "client_round.hpp"
#include "concurrency.hpp"
#include "workload.hpp"

#include <cppcassa/pool.hpp>

#include <fmt/format.h>

#include <string>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;

asio::awaitable<report> client_rounds(client_workload kind, const options& opts) {
    const client_settings s = read_client_settings(kind, opts);
    const auto [limit, warmup] = read_client_limits(opts);

    const bool wrote = co_await prepare_client_data(opts, s);

    const request_parts parts(s, opts.seed);
    const auto executor = co_await asio::this_coro::executor;
    pool ours(executor, bench_pool_config(opts.host, opts.port, bench_keyspace, s));
    const double wire = co_await probe_wire_bytes(ours, s, parts);
    apache_connections apache(opts.host, opts.port, bench_keyspace, s.threads, s.servers);

    auto clients = client_runners(ours, apache, s, parts, opts, warmup.duration);

    report rep;
    rep.workload = workload_name(kind);
    const std::string name = client_case_name(s);
    const std::string baseline = "cppcassa";
    rep.cases.push_back(co_await alternate(name, baseline, clients, opts.rounds, limit, warmup, wire));
    // Where cppcassa's operations went: with --servers, proof that they were spread.
    std::string per_server;
    for (const auto& h : ours.stats().hosts)
        per_server += fmt::format("{}{}={}", per_server.empty() ? "" : ",", h.endpoint, h.operations);
    ours.close();

    rep.params = client_params(opts, s, limit, warmup);
    rep.params["connections"] = std::to_string(s.connections);
    rep.params["concurrency"] = std::to_string(s.concurrency);
    rep.params["depth"] = std::to_string(s.depth);
    rep.params["threads"] = std::to_string(s.threads);
    rep.params["py_threads"] = std::to_string(s.python ? s.py_threads : 0);
    rep.params["cppcassa_operations_per_server"] = per_server;
    if (kind == client_workload::multiget)
        rep.params["keys"] = std::to_string(s.keys);
    if (kind == client_workload::range)
        rep.params["page"] = std::to_string(s.page);
    rep.notes.push_back(fmt::format("cppcassa: a pool of {} connections ({} in flight each), {} coroutines, one "
                                    "thread; apache-sync: {} threads x 1 connection; python: {} threads in "
                                    "/usr/bin/python3 with TBinaryProtocolAccelerated",
                                    s.connections, s.depth, s.concurrency, s.threads, s.py_threads));
    for (auto& n : client_notes(s, wrote))
        rep.notes.push_back(std::move(n));
    co_return rep;
}

report run_client(client_workload kind, const options& opts) {
    return run_to_completion(client_rounds(kind, opts));
}

}  // namespace

report run_insert(const options& opts) { return run_client(client_workload::insert, opts); }
report run_get(const options& opts) { return run_client(client_workload::get, opts); }
report run_multiget(const options& opts) { return run_client(client_workload::multiget, opts); }
report run_mixed(const options& opts) { return run_client(client_workload::mixed, opts); }
report run_range(const options& opts) { return run_client(client_workload::range, opts); }

}  // namespace cppcassa::bench
