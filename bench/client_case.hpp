// What every client workload (client_bench.cpp, scaling_bench.cpp) does around a measured case:
// the schema and dataset on the server, the wire size of one operation, the case's name, the
// three alternated clients (client_peers.hpp) and the parameters recorded in the report.
#pragma once

#include "client_peers.hpp"
#include "client_round.hpp"
#include "client_settings.hpp"
#include "options.hpp"

#include <cppcassa/pool.hpp>
#include <cppcassa/tls_options.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::bench {

// A measured round (--duration, 5 s by default, or --ops) and the warm-up before a client's first
// round (--warmup, 2 s by default).
struct client_limits {
    round_limit round;
    round_limit warmup;
};
client_limits read_client_limits(const options& opts);

// Creates the bench keyspace and its column families when missing and, for a workload that
// reads, writes the dataset unless it is already there; returns whether it wrote the dataset.
// A connection failure says how to start a server. Against opts.host:opts.port in plaintext, or
// (the tls workload) against `host`:`port` over `tls`.
boost::asio::awaitable<bool> prepare_client_data(const options& opts, const client_settings& s);
boost::asio::awaitable<bool> prepare_client_data(const options& opts, const client_settings& s,
                                                 const std::string& host, std::uint16_t port,
                                                 const std::optional<tls_options>& tls);

// One operation of the workload's kind on the dataset's first keys, through the pool: checks
// the dataset is complete and returns the bytes an operation moves on the wire (request + reply,
// frames included; identical for every client, all speak framed TBinaryProtocol).
boost::asio::awaitable<double> probe_wire_bytes(pool& p, const client_settings& s, const request_parts& parts);

// "get 10 columns x 100 B", "insert 1 column x 100 B", ...
std::string client_case_name(const client_settings& s);

// cppcassa (baseline), with --other-backend cppcassa built for the other Asio backend,
// apache-sync and, unless --python 0, python, each running `s`'s operation.
// Every round draws new keys (the round number is in the seed), the same for every client. The
// runners refer to their arguments, which must outlive them. `warmup`: the Python process's
// own warm-up before each round (each round is a fresh process), at most a second.
std::vector<client_runner> client_runners(pool& ours, apache_connections& apache, const client_settings& s,
                                          const request_parts& parts, const options& opts,
                                          std::chrono::nanoseconds warmup);

// The report parameters every client workload records: server, rows, value size, consistency,
// rounds, round length, warm-up, seed, how wire bytes are known.
std::map<std::string, std::string> client_params(const options& opts, const client_settings& s,
                                                 const round_limit& limit, const round_limit& warmup);

// The notes every client workload adds under its table: what the cost columns measure and, when
// it reads, the dataset and whether this run wrote it.
std::vector<std::string> client_notes(const client_settings& s, bool wrote_dataset);

}  // namespace cppcassa::bench
