// `cppcassa-bench batch`: batch ingest into the real Cassandra, one case per queue_size (1, 10,
// 100, 1000), each client ingesting the way its users do with pycassa's Mutator semantics: one
// producer queues rows; once queue_size mutations (columns) are queued they go as one
// batch_mutate.
//   cppcassa     cppcassa::batch over a pool, flush_if_full() after each row, send() at the end;
//                up to --inflight (2) flushes run while the producer fills the next batch
//   apache-sync  Apache's generated CassandraClient, one thread: columns into a mutation_map,
//                a blocking batch_mutate each time queue_size columns are queued, the rest at the end
//   python       bench/python_peer.py --workload batch: the same with TBinaryProtocolAccelerated
// A round inserts --columns columns (rows "<tag>_<n>" of --width columns "c0".., 100-byte values,
// consistency ONE) into writes_column_family, or fewer when --duration, a cap (10 s unless given:
// a one-column-per-call client needs minutes for a million), runs out first.
// ops/s are columns/s, the final send included; rounds alternate through client_round.hpp.
#include "cassandra_setup.hpp"
#include "client_peers.hpp"
#include "client_round.hpp"
#include "concurrency.hpp"
#include "data.hpp"
#include "python_runner.hpp"
#include "workload.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/connection.hpp>
#include <cppcassa/pool.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;

struct ingest_settings {
    std::uint64_t columns = 1'000'000;  // per round
    int width = 10;                     // columns per row
    std::size_t in_flight = 2;          // cppcassa: batch_options::max_in_flight_flushes
    std::optional<std::chrono::milliseconds> cap;  // a round stops early after this
    bool python = true;
    std::vector<std::string> names;  // "c0", "c1", ...: one row's column names
    std::string value = std::string(100, 'v');
};

constexpr auto consistency = thrift::ConsistencyLevel::ONE;

std::int64_t micros_since_epoch() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The producer's bookkeeping, the same for each in-process client: columns queued, the time each
// row took (queuing it plus any send or wait it caused), the stop rule, the progress line. A round
// ends at limit.ops columns or after limit.duration, whichever comes first.
class ingest_meter {
public:
    ingest_meter(const round_limit& limit, int width, const std::string& label)
        : limit_(limit), width_(static_cast<std::uint64_t>(width)), label_(label), before_(sample_cost()),
          start_(steady::now()) {}

    [[nodiscard]] bool more() const { return !capped_ && m_.timing.ops < limit_.ops.value_or(std::numeric_limits<std::uint64_t>::max()); }

    void row_done(steady::time_point t0) {
        const auto now = steady::now();
        m_.latency.record(static_cast<std::uint64_t>((now - t0).count()));
        m_.timing.ops += width_;
        capped_ = now - start_ >= limit_.duration;
        if ((++rows_ & 1023) == 0)
            progress::show(label_, m_.timing.ops, std::chrono::duration<double>(now - start_).count(), std::nullopt);
    }

    // After the final send.
    client_round finish() {
        m_.timing.elapsed = steady::now() - start_;
        const auto after = sample_cost();
        m_.cpu_s = after.cpu_s - before_.cpu_s;
        m_.allocs = after.allocs - before_.allocs;
        return m_;
    }

private:
    round_limit limit_;
    std::uint64_t width_;
    std::string label_;
    cost_sample before_;
    steady::time_point start_;
    client_round m_;
    std::uint64_t rows_ = 0;
    bool capped_ = false;
};

// `tag` by value: the caller passes a temporary, and a coroutine keeps references, not copies.
asio::awaitable<client_round> cppcassa_ingest(column_family& cf, std::size_t queue_size, const ingest_settings& s,
                                              const round_limit& limit, std::string tag, const std::string& label,
                                              std::size_t& flushes) {
    batch_options options;
    options.queue_size = queue_size;
    options.max_in_flight_flushes = s.in_flight;
    options.write_consistency_level = consistency;
    auto b = make_batch(cf, options);
    column_values row;
    for (const auto& name : s.names)
        row.emplace_back(name, s.value);
    ingest_meter meter(limit, s.width, label);
    std::uint64_t n = 0;
    while (meter.more()) {
        const auto t0 = steady::now();
        b.insert(fmt::format("{}_{}", tag, n++), row);
        co_await b.flush_if_full();
        meter.row_done(t0);
    }
    co_await b.send();
    flushes += b.flushes();
    const client_round m = meter.finish();
    co_return m;
}

// What a user of the generated client writes: one mutation per column, the same timestamp for a
// row's columns, the map sent and cleared once it holds queue_size of them.
client_round apache_ingest(ac::CassandraClient& client, std::size_t queue_size, const ingest_settings& s,
                           const round_limit& limit, const std::string& tag, const std::string& label,
                           std::size_t& sends) {
    using mutation_map = std::map<std::string, std::map<std::string, std::vector<ac::Mutation>>>;
    const std::string cf = writes_column_family;
    const auto cl = to_apache(consistency);
    std::vector<ac::Mutation> templates(s.names.size());
    for (std::size_t c = 0; c < s.names.size(); ++c) {
        ac::Column column;
        column.__set_name(s.names[c]);
        column.__set_value(s.value);
        ac::ColumnOrSuperColumn cosc;
        cosc.__set_column(column);
        templates[c].__set_column_or_supercolumn(cosc);
    }
    mutation_map mutations;
    std::size_t queued = 0;
    ingest_meter meter(limit, s.width, label);
    std::uint64_t n = 0;
    while (meter.more()) {
        const auto t0 = steady::now();
        const std::string key = fmt::format("{}_{}", tag, n++);
        const auto timestamp = micros_since_epoch();
        for (const auto& t : templates) {
            auto& m = mutations[key][cf].emplace_back(t);
            m.column_or_supercolumn.column.__set_timestamp(timestamp);
            if (++queued == queue_size) {
                client.batch_mutate(mutations, cl);
                mutations.clear();
                queued = 0;
                ++sends;
            }
        }
        meter.row_done(t0);
    }
    if (queued > 0) {
        client.batch_mutate(mutations, cl);
        ++sends;
    }
    return meter.finish();
}

// The Python peer's flags for one round (python_runner adds --ops: the columns to insert).
std::vector<std::string> python_batch_args(const options& opts, std::size_t queue_size, const ingest_settings& s,
                                           const std::string& tag, std::chrono::nanoseconds warmup) {
    // No cap: a day, which no round reaches.
    const double cap_s = s.cap ? std::chrono::duration<double>(*s.cap).count() : 86'400.0;
    return {"--host",        opts.host,
            "--port",        std::to_string(opts.port),
            "--keyspace",    bench_keyspace,
            "--workload",    "batch",
            "--write-cf",    writes_column_family,
            "--queue-size",  std::to_string(queue_size),
            "--width",       std::to_string(s.width),
            "--key-prefix",  tag,
            "--value-size",  std::to_string(s.value.size()),
            "--duration",    fmt::format("{:.3f}", cap_s),
            "--warmup",      fmt::format("{:.3f}", std::chrono::duration<double>(warmup).count()),
            "--consistency", std::to_string(static_cast<int>(consistency))};
}

// The first row of a client's last round holds all its columns: the peers wrote what cppcassa did.
asio::awaitable<void> check_written(pool& p, const std::string& client, const std::string& tag, int width) {
    thrift::get_slice_args args = make_get_slice(fmt::format("{}_0", tag), writes_column_family, width + 1);
    args.consistency_level = consistency;
    auto op = [&args](connection& c) { return c.get_slice(args); };
    const operation_options options;
    const auto got = co_await p.execute(op, options);
    if (got.size() != static_cast<std::size_t>(width))
        throw std::runtime_error(fmt::format("{}: row {} has {} columns, expected {}", client, args.key, got.size(),
                                             width));
}

asio::awaitable<report> batch_rounds(const options& opts) {
    ingest_settings s;
    s.columns = static_cast<std::uint64_t>(std::max<std::int64_t>(1, opts.extra_int("columns", 1'000'000)));
    s.width = static_cast<int>(std::clamp<std::int64_t>(opts.extra_int("width", 10), 1, 1000));
    s.in_flight = static_cast<std::size_t>(std::max<std::int64_t>(1, opts.extra_int("inflight", 2)));
    s.cap = opts.duration.value_or(std::chrono::seconds(10));
    s.python = opts.extra_int("python", 1) != 0;
    for (int c = 0; c < s.width; ++c)
        s.names.push_back(fmt::format("c{}", c));
    constexpr std::array<std::size_t, 4> queue_sizes{1, 10, 100, 1000};
    // A round is --columns columns, cut short by the cap; a warm-up 20,000 columns or --warmup.
    constexpr auto no_cap = std::chrono::hours(24);
    const round_limit limit{.duration = s.cap.value_or(no_cap), .ops = s.columns};
    const round_limit warmup{.duration = opts.warmup_or(std::chrono::seconds(2)),
                             .ops = std::min<std::uint64_t>(s.columns, 20'000)};

    const auto executor = co_await asio::this_coro::executor;
    {
        connection conn(executor, {.host = opts.host, .port = opts.port});
        co_await open_bench_connection(conn, opts.host, opts.port);
        const std::string name = writes_column_family;
        co_await ensure_column_family(conn, name);
    }
    pool_config config;
    config.servers = {fmt::format("{}:{}", opts.host, opts.port)};
    config.keyspace = bench_keyspace;
    config.pool_size = s.in_flight + 1;
    pool p(executor, config);
    column_family cf(p, writes_column_family);  // BytesType: names and values as given
    apache_connections apache(opts.host, opts.port, bench_keyspace, 1);

    report rep;
    rep.workload = "batch";
    const auto run_id = micros_since_epoch();
    std::vector<std::size_t> flushes(queue_sizes.size()), sends(queue_sizes.size());
    for (std::size_t i = 0; i < queue_sizes.size(); ++i) {
        const std::size_t q = queue_sizes[i];
        // Each client's key prefix for its next round (warm-up included): "<client letter><run>q<size>n<k>".
        std::map<std::string, std::string> last_tag;
        std::map<char, int> rounds_done;
        const auto next_tag = [&](const std::string& client) {
            const char letter = client[0];
            return last_tag[client] = fmt::format("{}{}q{}n{}", letter, run_id, q, rounds_done[letter]++);
        };
        std::vector<client_runner> clients;
        clients.push_back({"cppcassa", [&](const round_limit& l, const std::string& label) {
                               return cppcassa_ingest(cf, q, s, l, next_tag("cppcassa"), label, flushes[i]);
                           }});
        clients.push_back(
            {"apache-sync", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                 const auto m = apache_ingest(apache.client(0), q, s, l, next_tag("apache-sync"), label, sends[i]);
                 co_return m;
             }});
        if (s.python)
            clients.push_back(
                {"python", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                     // Each round is a fresh process: it warms up its own connection first.
                     const auto w = std::min<std::chrono::nanoseconds>(warmup.duration, std::chrono::seconds(1));
                     const auto args = python_batch_args(opts, q, s, next_tag("python"), w);
                     const auto m = run_python_round(args, l, label);
                     co_return m;
                 }});
        const std::string name = fmt::format("ingest {}-column rows, queue_size {}", s.width, q);
        const std::string baseline = "cppcassa";
        rep.cases.push_back(co_await alternate(name, baseline, clients, opts.rounds, limit, warmup, std::nullopt));
        for (const auto& [client, tag] : last_tag)
            co_await check_written(p, client, tag, s.width);
    }
    const auto stats = p.stats();
    p.close();

    rep.params = {{"server", config.servers.front()},
                  {"columns_per_round", std::to_string(s.columns)},
                  {"columns_per_row", std::to_string(s.width)},
                  {"value_bytes", std::to_string(s.value.size())},
                  {"consistency", "ONE"},
                  {"max_in_flight_flushes", std::to_string(s.in_flight)},
                  {"rounds", std::to_string(opts.rounds)},
                  {"round_cap", s.cap ? fmt::format("{} ms", s.cap->count()) : "none"},
                  {"warmup", warmup.duration.count() == 0
                                 ? std::string("none")
                                 : fmt::format("{} columns or {} ms", *warmup.ops,
                                               std::chrono::duration_cast<std::chrono::milliseconds>(warmup.duration)
                                                   .count())}};
    rep.notes.push_back("ops/s here are columns/s: columns inserted per second, the final send included; p50/p99: "
                        "the producer's time per row (queuing it plus any send or wait it caused)");
    rep.notes.push_back(fmt::format(
        "one producer each; a batch_mutate goes once queue_size columns are queued (pycassa's Mutator). cppcassa "
        "overlaps up to {} flushes with the producer (max_in_flight_flushes); apache-sync and python (one thread, "
        "TBinaryProtocolAccelerated) wait for each batch_mutate",
        s.in_flight));
    rep.notes.push_back(fmt::format("batch_mutate calls, cppcassa/apache-sync, queue_size 1: {}/{}, 10: {}/{}, 100: "
                                    "{}/{}, 1000: {}/{}; cppcassa's pool: {} operations, {} failed",
                                    flushes[0], sends[0], flushes[1], sends[1], flushes[2], sends[2], flushes[3],
                                    sends[3], stats.operations, stats.failed));
    co_return rep;
}

}  // namespace

report run_batch(const options& opts) {
    return run_to_completion(batch_rounds(opts));
}

}  // namespace cppcassa::bench
