// cppcassa-bench: `cppcassa-bench <workload> [options]`. See README.md.
#include "backend_peer.hpp"
#include "options.hpp"
#include "report.hpp"
#include "run_apache_peer.hpp"
#include "run_command.hpp"
#include "workload.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cppcassa::bench {
namespace {

using flag = std::pair<std::string_view, std::string_view>;

constexpr std::array<flag, 0> no_flags{};
constexpr std::array pipeline_flags{
    flag{"depth", "coroutines sharing the connection in the pipelined client (default 64)"},
    flag{"rows", "rows inserted before measuring, 10 columns each (default 100)"},
};

constexpr std::array routing_flags{
    flag{"depth", "callers per pool for get/insert (default 32)"},
    flag{"mdepth", "callers per pool for multiget (default 4)"},
    flag{"keys", "keys per multiget (default 100)"},
    flag{"rows", "rows inserted before measuring, the key set (default 1000)"},
    flag{"nodes", "servers: --host and the next addresses, 127.0.0.1..3 (default 3)"},
};

// The client workloads' knobs (client_settings.hpp).
constexpr std::array client_flags{
    flag{"connections", "cppcassa: connections in its pool (default: --threads; null: 1)"},
    flag{"concurrency", "cppcassa: coroutines calling at once, one thread (default: connections x depth)"},
    flag{"depth", "cppcassa: requests in flight per connection (default 1; null: 256)"},
    flag{"threads", "apache-sync: threads, one connection each (default 16; null: 1)"},
    flag{"py-threads", "python: threads, one connection each (default: --threads)"},
    flag{"servers", "every client's connections spread over --host and the next addresses (default 1)"},
    flag{"rows", "rows in the read dataset, 10 columns each, written once (default 100000)"},
    flag{"keys", "keys per multiget (default 100)"},
    flag{"page", "rows per get_range page (default 100)"},
    flag{"value-size", "bytes per column value (default 100)"},
    flag{"consistency", "ONE, QUORUM, ALL, ... (default ONE)"},
    flag{"python", "0: leave the Python peer out (default 1)"},
    flag{"other-backend", "cppcassa-bench built for the other Asio backend: measured beside this one as cppcassa-<backend>"},
};

constexpr std::array batch_flags{
    flag{"columns", "columns inserted per round and queue_size (default 1000000)"},
    flag{"width", "columns per row (default 10)"},
    flag{"inflight", "cppcassa: max_in_flight_flushes of the batch (default 2)"},
    flag{"python", "0: leave the Python peer out (default 1)"},
};

constexpr std::array scaling_flags{
    flag{"op", "get, insert or mixed (default get)"},
    flag{"sizes", "cppcassa connections = apache-sync threads = python threads per case (default 1,2,4,8,16,32,64)"},
    flag{"depth", "cppcassa: requests in flight per connection; n x depth coroutines (default 1: as many in flight as the peers)"},
    flag{"py-max-threads", "python: at most this many threads (default 64)"},
    flag{"servers", "every client's connections spread over --host and the next addresses (default 1)"},
    flag{"rows", "rows in the read dataset, 10 columns each, written once (default 100000)"},
    flag{"value-size", "bytes per column value (default 100)"},
    flag{"consistency", "ONE, QUORUM, ALL, ... (default ONE)"},
    flag{"python", "0: leave the Python peer out (default 1)"},
};

constexpr std::array tls_flags{
    flag{"op", "get or insert (default: both, one case each)"},
    flag{"tls-host", "the TLS node (default 127.0.0.10, the launcher's `tls` node)"},
    flag{"tls-port", "its Thrift port (default 9160)"},
    flag{"ca-file", "PEM of the CA that signed its certificate (required; the launcher's: "
                    "$(bash scripts/cassandra.sh tls-dir)/ca.pem)"},
    flag{"connections", "connections in each pool (default 16)"},
    flag{"concurrency", "coroutines calling at once, one thread (default: connections x depth)"},
    flag{"depth", "requests in flight per connection (default 1)"},
    flag{"rows", "rows in the read dataset on each server, 10 columns each, written once (default 100000)"},
    flag{"value-size", "bytes per column value (default 100)"},
    flag{"consistency", "ONE, QUORUM, ALL, ... (default ONE)"},
};

// New workload families go here, and in workload.hpp.
constexpr std::array workloads{
    workload{"codec", "encode/decode get_slice messages in memory: cppcassa's codec vs Apache Thrift's generated C++",
             no_flags, run_codec},
    workload{"pipeline",
             "get_slice on one connection (needs Cassandra): one at a time vs pipelined vs Apache's CassandraClient",
             pipeline_flags, run_pipeline},
    workload{"routing",
             "pool over a 3-node cluster (RF 1): round-robin vs token-aware get/insert, multiget vs fan-out",
             routing_flags, run_routing},
    workload{"insert", "insert one column of --value-size bytes (needs Cassandra): cppcassa vs apache-sync vs python",
             client_flags, run_insert},
    workload{"get", "get_slice of a 10-column row (needs Cassandra): cppcassa vs apache-sync vs python", client_flags,
             run_get},
    workload{"multiget", "multiget_slice of --keys rows (needs Cassandra): cppcassa vs apache-sync vs python",
             client_flags, run_multiget},
    workload{"mixed", "90% get / 10% insert (needs Cassandra): cppcassa vs apache-sync vs python", client_flags,
             run_mixed},
    workload{"range", "get_range_slices paging over the dataset (needs Cassandra): cppcassa vs apache-sync vs python",
             client_flags, run_range},
    workload{"null", "get_slice against an in-process null server, and the syscall floor: client cost alone",
             client_flags, run_null},
    workload{"batch",
             "batch ingest, queue_size 1, 10, 100, 1000 (needs Cassandra): cppcassa::batch vs apache-sync vs python",
             batch_flags, run_batch},
    workload{"scaling",
             "each client's best configuration (needs Cassandra): one case per size, the size reaching 90% of each peak",
             scaling_flags, run_scaling},
    workload{"tls",
             "the cppcassa pool in plaintext (--host) vs over TLS (--tls-host), get and insert (needs both nodes)",
             tls_flags, run_tls},
};

void usage(std::FILE* to) {
    fmt::print(to,
               "usage: cppcassa-bench <workload> [options]\n"
               "       cppcassa-bench run [options]   benchmark your own cluster with cppcassa: open-loop "
               "rate or fixed\n"
               "                                      concurrency, a mix of operations, live intervals, CSV, "
               "JSON,\n"
               "                                      HdrHistogram and a chart (cppcassa-bench run --help)\n\n"
               "workloads (cppcassa and its peers side by side on a test node):\n");
    for (const auto& w : workloads) {
        fmt::print(to, "  {:<10} {}\n", w.name, w.summary);
        for (const auto& [name, help] : w.flags)
            fmt::print(to, "      --{:<8} {}\n", name, help);
    }
    fmt::print(to,
               "\ncommon options:\n"
               "  --host H          Cassandra host (default 127.0.0.1)\n"
               "  --port P          Thrift port (default 9160)\n"
               "  --duration S      seconds per measured round (workload default: codec 0.3, server 3)\n"
               "  --ops N           operations per round instead of a duration\n"
               "  --warmup S        unmeasured seconds per client before its first round\n"
               "  --rounds N        rounds per client, alternated A/B/A/B; median reported (default 5)\n"
               "  --seed N          seed for generated data and key choice (default 42)\n"
               "  --json FILE       JSON result path (default bench/results/<workload>-<time>.json)\n"
               "  --no-json         do not write JSON\n");
}

template <class T>
T parse_number(std::string_view flag_name, std::string_view text) {
    T v{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size())
        throw std::invalid_argument(fmt::format("--{} expects a number, got '{}'", flag_name, text));
    return v;
}

std::chrono::milliseconds parse_seconds(std::string_view flag_name, std::string_view text) {
    const double s = parse_number<double>(flag_name, text);
    if (!(s >= 0))
        throw std::invalid_argument(fmt::format("--{} must not be negative", flag_name));
    return std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000 + 0.5));
}

options parse(const workload& w, const std::vector<std::string_view>& args) {
    options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (!a.starts_with("--"))
            throw std::invalid_argument(fmt::format("unexpected argument '{}'", a));
        a.remove_prefix(2);
        if (a == "no-json") {
            o.write_json = false;
            continue;
        }
        if (i + 1 >= args.size())
            throw std::invalid_argument(fmt::format("--{} needs a value", a));
        const std::string_view v = args[++i];
        if (a == "host") o.host = std::string(v);
        else if (a == "port") o.port = parse_number<std::uint16_t>(a, v);
        else if (a == "duration") o.duration = parse_seconds(a, v);
        else if (a == "ops") o.ops = parse_number<std::uint64_t>(a, v);
        else if (a == "warmup") o.warmup = parse_seconds(a, v);
        else if (a == "rounds") o.rounds = std::max(1, parse_number<int>(a, v));
        else if (a == "seed") o.seed = parse_number<std::uint64_t>(a, v);
        else if (a == "json") o.json_path = std::string(v);
        else {
            bool known = false;
            for (const auto& f : w.flags)
                known = known || f.first == a;
            if (!known)
                throw std::invalid_argument(fmt::format("unknown option --{} for '{}'", a, w.name));
            o.extra[std::string(a)] = std::string(v);
        }
    }
    return o;
}

// Takes --peer-seed N and --peer-warmup S (peer-round only) out of `args`.
void take_peer_flags(std::vector<std::string_view>& args, std::uint64_t& seed, std::chrono::milliseconds& warmup) {
    for (std::size_t i = 0; i + 1 < args.size();) {
        if (args[i] == "--peer-seed")
            seed = parse_number<std::uint64_t>("peer-seed", args[i + 1]);
        else if (args[i] == "--peer-warmup")
            warmup = parse_seconds("peer-warmup", args[i + 1]);
        else {
            ++i;
            continue;
        }
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    }
}

}  // namespace

std::int64_t options::extra_int(const std::string& name, std::int64_t fallback) const {
    const auto it = extra.find(name);
    return it == extra.end() ? fallback : parse_number<std::int64_t>(name, it->second);
}

}  // namespace cppcassa::bench

int main(int argc, char** argv) {
    using namespace cppcassa::bench;
    if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string_view name = argv[1];
    if (name == "run") {
        const std::vector<std::string_view> args(argv + 2, argv + argc);
        return run_command(args);
    }
    // `run-peer apache-sync PROFILE`: a peer of `run --peers` built into this binary (run_apache_peer.hpp).
    if (name == "run-peer") {
        if (argc != 4 || std::string_view(argv[2]) != "apache-sync") {
            fmt::print(stderr, "usage: cppcassa-bench run-peer apache-sync PROFILE\n");
            return 2;
        }
        return run_apache_peer(argv[3]);
    }
    if (name == "--io-backend") {  // what --other-backend asks of the binary it is given
        fmt::print("{}\n", this_backend());
        return 0;
    }
    // `peer-round <workload> ...`: one round of this build for another build's run (backend_peer.hpp).
    const bool peer_round = name == "peer-round" && argc >= 3;
    const std::string_view workload_name = peer_round ? std::string_view(argv[2]) : name;
    const workload* w = nullptr;
    for (const auto& candidate : workloads)
        if (candidate.name == workload_name)
            w = &candidate;
    if (!w) {
        fmt::print(stderr, "cppcassa-bench: unknown workload '{}'\n\n", workload_name);
        usage(stderr);
        return 2;
    }
    options opts;
    std::uint64_t peer_seed = 0;
    std::chrono::milliseconds peer_warmup{0};
    try {
        std::vector<std::string_view> args(argv + (peer_round ? 3 : 2), argv + argc);
        if (peer_round)
            take_peer_flags(args, peer_seed, peer_warmup);
        opts = parse(*w, args);
    } catch (const std::exception& e) {
        fmt::print(stderr, "cppcassa-bench: {}\n", e.what());
        return 2;
    }
    if (peer_round)
        return run_peer_round(workload_name, opts, peer_seed, peer_warmup);
    try {
        const report r = w->run(opts);
        print_table(r);
        if (opts.write_json) {
            const std::string path = opts.json_path.value_or(default_json_path(r.workload));
            if (!write_json(r, path))
                return 1;
            fmt::print("json: {}\n", path);
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "cppcassa-bench {}: {}\n", name, e.what());
        return 1;
    }
    return 0;
}
