#include "run_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

namespace cppcassa::bench {
namespace {

template <class T>
T number(std::string_view flag, std::string_view text) {
    T v{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        throw std::invalid_argument(fmt::format("--{} expects a number, got '{}'", flag, text));
    return v;
}

template <class T>
T at_least(std::string_view flag, std::string_view text, T minimum) {
    const T v = number<T>(flag, text);
    if (v < minimum)
        throw std::invalid_argument(fmt::format("--{} must be at least {}, got {}", flag, minimum, text));
    return v;
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t next = std::min(text.find(sep, pos), text.size());
        parts.emplace_back(text.substr(pos, next - pos));
        pos = next + 1;
    }
    return parts;
}

// "a:9160,b,[::1]:9161": each entry a host, optionally with its port (the pool parses them).
std::vector<std::string> parse_hosts(std::string_view text) {
    auto hosts = split(text, ',');
    for (const auto& h : hosts) {
        if (h.empty())
            throw std::invalid_argument(
                fmt::format("--hosts: empty entry in '{}' (expected host:port,host:port,...)", text));
        const auto colon = h.rfind(':');
        const bool bracketed = h.front() == '[';
        if (colon != std::string::npos && (!bracketed || h[colon - 1] == ']')) {
            const std::string_view port = std::string_view(h).substr(colon + 1);
            unsigned p = 0;
            const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
            if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || p == 0 || p > 65535)
                throw std::invalid_argument(
                    fmt::format("--hosts: bad port in '{}' (expected host:port with a port from 1 to 65535)", h));
        }
    }
    return hosts;
}

// "100" or "100..1000".
void parse_value_size(std::string_view text, run_settings& s) {
    const auto dots = text.find("..");
    if (dots == std::string_view::npos) {
        s.value_min = s.value_max = at_least<std::size_t>("value-size", text, 0);
        return;
    }
    s.value_min = at_least<std::size_t>("value-size", text.substr(0, dots), 0);
    s.value_max = at_least<std::size_t>("value-size", text.substr(dots + 2), 0);
    if (s.value_min > s.value_max)
        throw std::invalid_argument(fmt::format("--value-size: '{}' is an empty range (expected N..M with N <= M)", text));
}

tls_options& tls_of(run_settings& s) {
    if (!s.tls)
        s.tls.emplace();
    return *s.tls;
}

// "apache-sync,gocql" or "all": each peer once, among run_peer_names.
std::vector<std::string> parse_peers(std::string_view text) {
    if (text == "all")
        return run_peer_names;
    std::vector<std::string> peers;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string name(text.substr(pos, comma - pos));
        pos = comma + 1;
        std::string known;
        for (const auto& n : run_peer_names)
            known += fmt::format("{}{}", known.empty() ? "" : ", ", n);
        if (std::find(run_peer_names.begin(), run_peer_names.end(), name) == run_peer_names.end())
            throw std::invalid_argument(fmt::format("--peers: no peer named '{}' (known: {}, or all)", name, known));
        if (std::find(peers.begin(), peers.end(), name) != peers.end())
            throw std::invalid_argument(fmt::format("--peers: '{}' is named twice", name));
        peers.push_back(name);
    }
    return peers;
}

credentials& login_of(run_settings& s) {
    if (!s.login)
        s.login.emplace();
    return *s.login;
}

// Applies `--name value` to `s`; false when `name` is not a flag of run.
bool apply(std::string_view name, std::string_view v, run_settings& s) {
    if (name == "hosts") s.hosts = parse_hosts(v);
    else if (name == "user") login_of(s).username = std::string(v);
    else if (name == "password") login_of(s).password = std::string(v);
    else if (name == "ca-file") tls_of(s).ca_file = std::string(v);
    else if (name == "cert") tls_of(s).certificate_file = std::string(v);
    else if (name == "key") tls_of(s).private_key_file = std::string(v);
    else if (name == "tls-server-name") tls_of(s).server_name = std::string(v);
    else if (name == "connections") s.connections = at_least<std::size_t>(name, v, 1);
    else if (name == "depth") s.depth = at_least<std::size_t>(name, v, 1);
    else if (name == "timeout") s.timeout = parse_duration(name, v);
    else if (name == "retries") s.retries = at_least<std::size_t>(name, v, 0);
    else if (name == "keyspace") s.keyspace = std::string(v);
    else if (name == "column-family") s.column_family = std::string(v);
    else if (name == "replication") s.replication = at_least<int>(name, v, 1);
    else if (name == "read-cl") s.read_cl = consistency_of(v, name);
    else if (name == "write-cl") s.write_cl = consistency_of(v, name);
    else if (name == "populate") s.populate = at_least<std::uint64_t>(name, v, 0);
    else if (name == "rows") s.rows = at_least<std::uint64_t>(name, v, 1);
    else if (name == "columns") s.columns = at_least<int>(name, v, 1);
    else if (name == "value-size") parse_value_size(v, s);
    else if (name == "mix") s.mix = parse_mix(v);
    else if (name == "keys") s.keys = parse_key_distribution(v);
    else if (name == "batch") s.batch = at_least<std::size_t>(name, v, 1);
    else if (name == "multiget-keys") s.multiget_keys = at_least<std::size_t>(name, v, 1);
    else if (name == "page") s.page = at_least<std::size_t>(name, v, 1);
    else if (name == "rate") {
        const double r = number<double>(name, v);
        if (!(r > 0) || !std::isfinite(r))
            throw std::invalid_argument(fmt::format("--rate must be a number of operations per second above 0, got '{}'", v));
        s.rate = r;
    } else if (name == "concurrency") s.concurrency = at_least<std::size_t>(name, v, 1);
    else if (name == "max-in-flight") s.max_in_flight = at_least<std::size_t>(name, v, 1);
    else if (name == "duration") s.duration = parse_duration(name, v);
    else if (name == "interval") s.interval = parse_duration(name, v);
    else if (name == "seed") s.seed = number<std::uint64_t>(name, v);
    else if (name == "warmup-ops") s.warmup_ops = at_least<std::uint64_t>(name, v, 0);
    else if (name == "out") s.out_dir = std::string(v);
    else if (name == "peers") s.peers = parse_peers(v);
    else if (name == "peer-connections") s.peer_connections = at_least<std::size_t>(name, v, 1);
    else return false;
    return true;
}

}  // namespace

std::chrono::milliseconds parse_duration(std::string_view flag, std::string_view text) {
    std::string_view digits = text;
    double scale = 1000;  // milliseconds per unit: seconds unless told
    if (digits.ends_with("ms")) {
        digits.remove_suffix(2);
        scale = 1;
    } else if (digits.ends_with("s")) {
        digits.remove_suffix(1);
    } else if (digits.ends_with("m")) {
        digits.remove_suffix(1);
        scale = 60'000;
    } else if (digits.ends_with("h")) {
        digits.remove_suffix(1);
        scale = 3'600'000;
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || !(v > 0) || !std::isfinite(v))
        throw std::invalid_argument(
            fmt::format("--{} expects a duration above 0 such as 60, 60s, 500ms or 2m, got '{}'", flag, text));
    return std::chrono::milliseconds(std::max<std::int64_t>(1, std::llround(v * scale)));
}

run_args parse_run_args(std::span<const std::string_view> args) {
    run_args out;
    run_settings& s = out.settings;
    bool rate_given = false, concurrency_given = false, tls_given = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--help" || a == "-h") {
            out.help = true;
            return out;
        }
        if (!a.starts_with("--"))
            throw std::invalid_argument(fmt::format("unexpected argument '{}' (flags start with --)", a));
        a.remove_prefix(2);
        std::string_view name = a, value;
        bool inline_value = false;
        if (const auto eq = a.find('='); eq != std::string_view::npos) {
            name = a.substr(0, eq);
            value = a.substr(eq + 1);
            inline_value = true;
        }
        // Flags without a value.
        if (name == "existing-schema" || name == "no-chart" || name == "tls") {
            if (inline_value)
                throw std::invalid_argument(fmt::format("--{} takes no value", name));
            if (name == "existing-schema") s.existing_schema = true;
            else if (name == "no-chart") s.chart = false;
            else tls_given = true;
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size())
                throw std::invalid_argument(fmt::format("--{} needs a value", name));
            value = args[++i];
        }
        if (!apply(name, value, s))
            throw std::invalid_argument(
                fmt::format("unknown option --{} for run (cppcassa-bench run --help lists them)", name));
        rate_given = rate_given || name == "rate";
        concurrency_given = concurrency_given || name == "concurrency";
    }
    if (rate_given && concurrency_given)
        throw std::invalid_argument("--rate (open loop: a fixed schedule) and --concurrency (closed loop: a fixed "
                                    "number in flight) exclude each other; give one (with --rate, "
                                    "--max-in-flight bounds what is in flight)");
    if (tls_given)
        tls_of(s);
    if (s.tls && s.tls->certificate_file.empty() != s.tls->private_key_file.empty())
        throw std::invalid_argument("--cert and --key go together: the client certificate and its private key");
    if (s.login && s.login->username.empty())
        throw std::invalid_argument("--password without --user");
    if (s.tls && !s.peers.empty())
        throw std::invalid_argument("--peers with TLS: the peers connect in the clear; run them against a cluster "
                                    "without TLS, or leave --peers out");
    if (s.interval > s.duration)
        s.interval = s.duration;
    return out;
}

std::string run_usage() {
    return R"(usage: cppcassa-bench run [options]

Benchmarks your cluster with cppcassa: creates a keyspace and column family (or uses yours),
optionally writes rows first, then runs a mix of operations for --duration at a fixed rate
(open loop: each latency counts from the operation's intended start) or a fixed concurrency,
printing one line per interval and writing CSV, JSON, an HdrHistogram percentile distribution
and a chart to --out.

cluster:
  --hosts H:P,...        servers, names or addresses, any ports (default 127.0.0.1:9160)
  --user U --password P  log in (PasswordAuthenticator)
  --tls                  TLS, trusting the system's CAs
  --ca-file PEM          TLS, trusting this CA (implies --tls)
  --cert PEM --key PEM   client certificate and key, for servers requiring one (implies --tls)
  --tls-server-name N    name the servers' certificates must carry (default: the host connected to)
  --connections N        pool connections (default 2 per host)
  --depth N              requests in flight per connection (default 32)
  --timeout T            time allowed per call (default 5s)
  --retries N            attempts after a failed one (default 0: every failure is counted)

schema:
  --keyspace NAME        (default cppcassa_run), created when missing with SimpleStrategy and
  --replication N        this replication factor (default 1)
  --column-family NAME   (default data), created when missing (BytesType)
  --existing-schema      create nothing: use the keyspace and column family as they are
  --read-cl CL           consistency of reads (default ONE)
  --write-cl CL          consistency of writes (default ONE)

data:
  --populate N           write rows 0..N-1 before the run, with a progress bar
  --rows N               key space the operations draw from (default --populate, else 100000)
  --columns N            columns per row (default 10)
  --value-size N|N..M    bytes per value, or uniform in N..M (default 100)

workload:
  --mix OP=W,...         weights of get, insert, multiget, range (default get=9,insert=1)
  --keys DIST            uniform, zipf:S, seq or latest[:S] (default uniform)
  --batch N              rows per insert, one batch_mutate (default 1)
  --multiget-keys N      keys per multiget (default 10)
  --page N               rows per range (get_range_slices from a drawn key, default 100)

load:
  --rate OPS             open loop: OPS operations per second on a fixed schedule
  --max-in-flight N      open loop: at most N in flight; due operations wait (default 4096)
  --concurrency N        closed loop: N operations in flight, each starting as one ends (default 32)
  --duration T           (default 60s; plain numbers are seconds, or 500ms, 2m)
  --interval T           one line, CSV row and chart point per interval (default 1s)
  --seed N               keys, values and mix draws (default 42)
  --warmup-ops N         reads sent one after another before the clock starts, not measured
                         (default 300; every peer does the same)

output:
  --out DIR              where intervals.csv, run.json, latency*.hgrm and run.png go
                         (default bench/results/run-<UTC time>)
  --no-chart             skip run.png (drawn with gnuplot by bench/run_chart.sh)

peers (bench/run_peers/README.md):
  --peers LIST           after cppcassa's run, run the very same operations with other
                         clients, one after the other, each in its own process, and print
                         them side by side: apache-sync, python (Thrift); astyanax (JVM,
                         Thrift); python-driver, gocql (CQL, port 9042 of each host); or all
  --peer-connections N   the peers' connections in all (default: as cppcassa's pool); the
                         blocking ones (apache-sync, python, astyanax) run a thread on each
)";
}

}  // namespace cppcassa::bench
