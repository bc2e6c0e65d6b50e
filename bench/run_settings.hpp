// The flags of `cppcassa-bench run`, the mode a user points at their own cluster, read once
// into one struct with its defaults. `cppcassa-bench run --help` prints run_usage().
#pragma once

#include "consistency.hpp"
#include "key_chooser.hpp"
#include "op_mix.hpp"

#include <cppcassa/connection_config.hpp>
#include <cppcassa/tls_options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::bench {

struct run_settings {
    // ---- the cluster ----
    // "host:port" entries as pool_config::servers takes them (names or addresses, any ports).
    std::vector<std::string> hosts{"127.0.0.1:9160"};
    std::optional<credentials> login;
    std::optional<tls_options> tls;
    // Pool connections (0: two per host) and requests in flight on each.
    std::size_t connections = 0;
    std::size_t depth = 32;
    // Time allowed for each call, from sending to its reply.
    std::chrono::milliseconds timeout{5000};
    // Attempts after a failed one (pool_config::max_retries): 0 counts every failure as an error.
    std::size_t retries = 0;

    // ---- the schema ----
    std::string keyspace = "cppcassa_run";
    std::string column_family = "data";
    // Replication factor of the keyspace when this run creates it (SimpleStrategy).
    int replication = 1;
    named_consistency read_cl;
    named_consistency write_cl;
    // Use the keyspace and column family as they are; create nothing.
    bool existing_schema = false;

    // ---- the data ----
    // Rows written before the run (0: none).
    std::uint64_t populate = 0;
    // The key space operations draw from (0: --populate's rows, else 100,000).
    std::uint64_t rows = 0;
    int columns = 10;
    // Bytes per value: uniform in [value_min, value_max].
    std::size_t value_min = 100;
    std::size_t value_max = 100;

    // ---- the workload ----
    op_mix mix = parse_mix("get=9,insert=1");
    key_distribution keys{};
    std::size_t batch = 1;           // rows per insert (one batch_mutate)
    std::size_t multiget_keys = 10;  // keys per multiget
    std::size_t page = 100;          // rows per range (get_range_slices)

    // ---- the load ----
    // Open loop at this many operations per second; unset: closed loop at `concurrency`.
    std::optional<double> rate;
    std::size_t concurrency = 32;
    // Open loop: operations in flight at most; past it, due operations start late.
    std::size_t max_in_flight = 4096;
    std::chrono::milliseconds duration{60'000};
    std::chrono::milliseconds interval{1'000};
    std::uint64_t seed = 42;
    // Reads of the run's sequence sent one after another before the clock starts, unmeasured,
    // by cppcassa and by every peer alike: the client's code and the server's path warmed up.
    std::uint64_t warmup_ops = 300;

    // ---- the output ----
    // Where the files go (empty: bench/results/run-<UTC time>).
    std::string out_dir;
    bool chart = true;

    // ---- the peers ----
    // Clients run after cppcassa with the same operations (run_peers.hpp), in this order.
    std::vector<std::string> peers;
    // Their connections in all (0: as cppcassa's pool). A blocking client runs a thread per
    // connection, so this is also how many operations it can have in flight.
    std::size_t peer_connections = 0;

    [[nodiscard]] std::uint64_t key_space() const { return rows ? rows : populate ? populate : 100'000; }
    [[nodiscard]] std::size_t pool_connections() const { return connections ? connections : 2 * hosts.size(); }
};

// The peers `run --peers` knows, in the order `all` runs them (bench/run_peers/).
inline const std::vector<std::string> run_peer_names{"apache-sync", "python", "astyanax", "python-driver", "gocql"};

// What parse_run_args found: settings, or a request for the help text.
struct run_args {
    run_settings settings;
    bool help = false;
};

// Reads the flags after `run` (`--name value` or `--name=value`). Throws std::invalid_argument
// with a message naming the flag and what it takes.
run_args parse_run_args(std::span<const std::string_view> args);

// The help text of `cppcassa-bench run`.
std::string run_usage();

// "60", "60s", "1.5s", "500ms", "2m": a duration (plain numbers are seconds).
std::chrono::milliseconds parse_duration(std::string_view flag, std::string_view text);

}  // namespace cppcassa::bench
