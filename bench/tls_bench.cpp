// `cppcassa-bench tls`: what TLS costs the client. For each --op (get, insert; both by default)
// one case of two alternated clients with the same pool settings (client_peers.hpp):
// `cppcassa`, plaintext against --host:--port (the baseline), and `cppcassa-tls`, the same pool
// with pool_config::tls against --tls-host:--tls-port (the launcher's `tls` node, started with
// `bash scripts/cassandra.sh start --tls`). The two servers are separate one-node clusters, so
// the schema and the get dataset are prepared on each.
#include "cassandra_setup.hpp"
#include "client_case.hpp"
#include "client_peers.hpp"
#include "client_round.hpp"
#include "concurrency.hpp"
#include "workload.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/tls_options.hpp>

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;

struct tls_target {
    std::string host;
    std::uint16_t port = 9160;
    tls_options tls;
};

tls_target read_tls_target(const options& opts) {
    tls_target t;
    const auto host = opts.extra.find("tls-host");
    t.host = host == opts.extra.end() ? "127.0.0.10" : host->second;
    const auto port = opts.extra_int("tls-port", 9160);
    if (port < 1 || port > 65535)
        throw std::invalid_argument(fmt::format("--tls-port: expected 1..65535, got {}", port));
    t.port = static_cast<std::uint16_t>(port);
    const auto ca = opts.extra.find("ca-file");
    if (ca == opts.extra.end() || ca->second.empty())
        throw std::invalid_argument(
            "tls needs --ca-file: the PEM file of the CA that signed the TLS node's certificate (the launcher's "
            "test CA: --ca-file \"$(bash scripts/cassandra.sh tls-dir)/ca.pem\")");
    t.tls.ca_file = ca->second;
    return t;
}

std::vector<client_workload> read_ops(const options& opts) {
    const auto it = opts.extra.find("op");
    if (it == opts.extra.end())
        return {client_workload::get, client_workload::insert};
    if (it->second == "get")
        return {client_workload::get};
    if (it->second == "insert")
        return {client_workload::insert};
    throw std::invalid_argument(fmt::format("--op: expected get or insert, got '{}'", it->second));
}

// Connects once over TLS before anything else, so that a missing node or a TLS failure says
// which node and how to start it (the plaintext hint of open_bench_connection would not).
asio::awaitable<void> check_tls_node(const tls_target& t) {
    // No co_await in the statement that builds the config: g++ 12 mishandles temporaries there.
    const auto executor = co_await asio::this_coro::executor;
    const connection_config config{.host = t.host, .port = t.port, .tls = t.tls};
    connection conn(executor, config);
    try {
        co_await conn.connect();
    } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("{}; the tls workload needs Cassandra's Thrift API over TLS at {}:{} "
                                             "(start the launcher's TLS nodes with: bash scripts/cassandra.sh "
                                             "start --tls)",
                                             e.what(), t.host, t.port));
    }
    conn.close();
}

struct case_outcome {
    case_result result;
    bool wrote_plain = false;
    bool wrote_tls = false;
    pool_stats plain_stats;
    pool_stats tls_stats;
};

asio::awaitable<case_outcome> run_case(client_workload kind, const options& opts, const tls_target& t) {
    const client_settings s = read_client_settings(kind, opts);
    const auto [limit, warmup] = read_client_limits(opts);

    case_outcome out;
    out.wrote_plain = co_await prepare_client_data(opts, s);
    // Named, never temporaries in a co_await (g++ 12 ends their lifetime at the first suspension).
    const std::optional<tls_options> tls = t.tls;
    out.wrote_tls = co_await prepare_client_data(opts, s, t.host, t.port, tls);

    const request_parts parts(s, opts.seed);
    const auto executor = co_await asio::this_coro::executor;
    pool plain(executor, bench_pool_config(opts.host, opts.port, bench_keyspace, s));
    pool_config tls_config = bench_pool_config(t.host, t.port, bench_keyspace, s);
    tls_config.tls = t.tls;
    pool secure(executor, tls_config);
    // Also checks that each node's dataset is complete.
    const double wire = co_await probe_wire_bytes(plain, s, parts);
    co_await probe_wire_bytes(secure, s, parts);

    // The same keys for both clients in a round: the first moves the round number on.
    auto round_no = std::make_shared<std::uint64_t>(0);
    const std::uint64_t seed = opts.seed;
    std::vector<client_runner> clients;
    clients.push_back({"cppcassa",
                       [&plain, &s, &parts, round_no, seed](const round_limit& l, const std::string& label) {
                           return cppcassa_round(plain, s, parts, l, label, seed + 1000 * ++*round_no);
                       }});
    clients.push_back({"cppcassa-tls",
                       [&secure, &s, &parts, round_no, seed](const round_limit& l, const std::string& label) {
                           return cppcassa_round(secure, s, parts, l, label, seed + 1000 * *round_no);
                       }});
    const std::string name = client_case_name(s);
    const std::string baseline = "cppcassa";
    out.result = co_await alternate(name, baseline, clients, opts.rounds, limit, warmup, wire);
    out.plain_stats = plain.stats();
    out.tls_stats = secure.stats();
    plain.close();
    secure.close();
    co_return out;
}

asio::awaitable<report> run(const options& opts) {
    const tls_target t = read_tls_target(opts);
    const auto ops = read_ops(opts);
    co_await check_tls_node(t);

    report rep;
    rep.workload = "tls";
    const client_settings first = read_client_settings(ops.front(), opts);
    const auto [limit, warmup] = read_client_limits(opts);
    rep.params = client_params(opts, first, limit, warmup);
    rep.params["tls_server"] = fmt::format("{}:{}", t.host, t.port);
    rep.params["ca_file"] = t.tls.ca_file;
    rep.params["connections"] = std::to_string(first.connections);
    rep.params["concurrency"] = std::to_string(first.concurrency);
    rep.params["depth"] = std::to_string(first.depth);

    bool read_dataset = false;
    bool wrote_plain = false, wrote_tls = false;
    for (const auto kind : ops) {
        auto out = co_await run_case(kind, opts, t);
        rep.cases.push_back(std::move(out.result));
        // Connections each pool opened and attempts it retried: more than --connections, or any
        // retry, would mean handshakes inside the rounds.
        const std::string op = workload_name(kind);
        rep.params[op + "_connections_opened"] = fmt::format("cppcassa={},cppcassa-tls={}",
                                                             out.plain_stats.connections_opened,
                                                             out.tls_stats.connections_opened);
        rep.params[op + "_retries"] =
            fmt::format("cppcassa={},cppcassa-tls={}", out.plain_stats.retries, out.tls_stats.retries);
        if (kind != client_workload::insert) {
            read_dataset = true;
            wrote_plain = wrote_plain || out.wrote_plain;
            wrote_tls = wrote_tls || out.wrote_tls;
        }
    }

    rep.notes.push_back(fmt::format("cppcassa: a pool of {} connections ({} in flight each), {} coroutines, one "
                                    "thread, plaintext to {}:{}; cppcassa-tls: the same pool with "
                                    "pool_config::tls (ca_file {}) to {}:{}",
                                    first.connections, first.depth, first.concurrency, opts.host, opts.port,
                                    t.tls.ca_file, t.host, t.port));
    rep.notes.push_back(
        "the two servers are different single-node Cassandra processes on the same machine, so ops/s also "
        "reflects the server; cpu s/Mop (client CPU per operation) is the client-side cost of TLS");
    rep.notes.push_back("wire B/op counts Thrift's framed bytes only; TLS records add their own header and tag");
    for (auto& n : client_notes(first, false))
        if (n.starts_with("cpu s/Mop"))
            rep.notes.push_back(std::move(n));
    if (read_dataset)
        rep.notes.push_back(fmt::format("dataset {}.{} on each server: {} rows x {} columns (plaintext node: {}; "
                                        "TLS node: {})",
                                        bench_keyspace, rows_column_family, first.rows, first.columns,
                                        wrote_plain ? "written by this run" : "reused",
                                        wrote_tls ? "written by this run" : "reused"));
    co_return rep;
}

}  // namespace

report run_tls(const options& opts) { return run_to_completion(run(opts)); }

}  // namespace cppcassa::bench
