// `cppcassa-bench batch`: ingest through the batch mutator (cppcassa::batch over a pool) into
// the real Cassandra, one client per queue_size (1, 10, 100, 1000), rounds alternated so drift
// spreads over all of them. A round inserts --columns columns (rows of --width columns, values
// of 100 bytes) with flush_if_full() after each row and send() at the end; columns/s counts the
// final send. --duration caps a round (for a smoke run).
#include "cassandra_setup.hpp"
#include "concurrency.hpp"
#include "measure.hpp"
#include "workload.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/connection.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
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
    std::size_t in_flight = 2;          // batch_options::max_in_flight_flushes
    std::optional<std::chrono::milliseconds> cap;  // a round stops early after this
};

struct ingest_round {
    std::uint64_t columns = 0;
    std::chrono::nanoseconds elapsed{};
    std::size_t flushes = 0;
};

// One round of one queue_size: rows "<tag>_<n>" until `limit` columns or the cap.
asio::awaitable<ingest_round> ingest(column_family& cf, std::size_t queue_size, const ingest_settings& s,
                                     std::uint64_t limit, const std::string& tag) {
    batch_options options;
    options.queue_size = queue_size;
    options.max_in_flight_flushes = s.in_flight;
    auto b = make_batch(cf, options);
    column_values row;
    const std::string value(100, 'v');
    for (int c = 0; c < s.width; ++c)
        row.emplace_back(fmt::format("c{}", c), value);
    ingest_round r;
    const auto start = steady::now();
    std::uint64_t n = 0;
    while (r.columns < limit) {
        b.insert(fmt::format("{}_{}", tag, n++), row);
        r.columns += static_cast<std::uint64_t>(s.width);
        co_await b.flush_if_full();
        if (s.cap && (n & 63) == 0 && steady::now() - start >= *s.cap)
            break;
    }
    co_await b.send();
    r.elapsed = steady::now() - start;
    r.flushes = b.flushes();
    co_return r;
}

asio::awaitable<report> run(const options& opts) {
    ingest_settings s;
    s.columns = static_cast<std::uint64_t>(std::max<std::int64_t>(1, opts.extra_int("columns", 1'000'000)));
    s.width = static_cast<int>(std::clamp<std::int64_t>(opts.extra_int("width", 10), 1, 1000));
    s.in_flight = static_cast<std::size_t>(std::max<std::int64_t>(1, opts.extra_int("inflight", 2)));
    s.cap = opts.duration;
    const auto warmup_columns = std::min<std::uint64_t>(s.columns, 20'000);
    constexpr std::array<std::size_t, 4> queue_sizes{1, 10, 100, 1000};

    const auto executor = co_await asio::this_coro::executor;
    {
        connection conn(executor, {.host = opts.host, .port = opts.port});
        try {
            co_await conn.connect();
        } catch (const std::exception& e) {
            throw std::runtime_error(fmt::format("{}; {}", e.what(), server_hint(opts.host, opts.port)));
        }
        co_await ensure_bench_schema(conn);
        const std::string name = writes_column_family;
        co_await ensure_column_family(conn, name);
    }
    pool_config config;
    config.servers = {fmt::format("{}:{}", opts.host, opts.port)};
    config.keyspace = bench_keyspace;
    config.pool_size = s.in_flight + 1;
    pool p(executor, config);
    column_family cf(p, writes_column_family);  // BytesType: names and values as given

    report rep;
    rep.workload = "batch";
    case_result c{.name = fmt::format("ingest {}-column rows", s.width), .baseline = "queue_size 1000", .rows = {}};
    std::vector<std::size_t> flushes(queue_sizes.size());
    const auto run_id = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    for (std::size_t i = 0; i < queue_sizes.size(); ++i) {
        const auto tag = fmt::format("w{}q{}", run_id, queue_sizes[i]);
        co_await ingest(cf, queue_sizes[i], s, warmup_columns, tag);
        c.rows.push_back(row{.client = fmt::format("queue_size {}", queue_sizes[i]), .ops_per_s = 0,
                             .round_ops_per_s = {}, .bytes_per_op = 0, .latency = std::nullopt});
    }
    std::vector<std::uint64_t> total(queue_sizes.size());
    for (int round = 0; round < opts.rounds; ++round) {
        fmt::print(stderr, "round {}:", round + 1);
        for (std::size_t i = 0; i < queue_sizes.size(); ++i) {
            const auto tag = fmt::format("r{}q{}n{}", run_id, queue_sizes[i], round);
            const auto r = co_await ingest(cf, queue_sizes[i], s, s.columns, tag);
            const round_timing t{.ops = r.columns, .elapsed = r.elapsed};
            c.rows[i].round_ops_per_s.push_back(t.ops_per_s());
            total[i] += r.columns;
            flushes[i] += r.flushes;
            fmt::print(stderr, "  q{} {:.0f} columns/s", queue_sizes[i], t.ops_per_s());
        }
        fmt::print(stderr, "\n");
    }
    for (std::size_t i = 0; i < queue_sizes.size(); ++i) {
        c.rows[i].ops_per_s = median(c.rows[i].round_ops_per_s);
        c.rows[i].total_ops = total[i];
    }
    rep.cases.push_back(std::move(c));
    const auto stats = p.stats();
    p.close();

    rep.params = {{"server", config.servers.front()},
                  {"columns_per_round", std::to_string(s.columns)},
                  {"columns_per_row", std::to_string(s.width)},
                  {"value_bytes", "100"},
                  {"max_in_flight_flushes", std::to_string(s.in_flight)},
                  {"rounds", std::to_string(opts.rounds)},
                  {"round_cap", s.cap ? fmt::format("{} ms", s.cap->count()) : "none"}};
    rep.notes.push_back("ops/s here are columns/s: columns inserted per second, the final send() included");
    rep.notes.push_back(fmt::format("batch_mutate calls per queue_size (1/10/100/1000): {}/{}/{}/{}; pool: {} "
                                    "operations, {} failed",
                                    flushes[0], flushes[1], flushes[2], flushes[3], stats.operations, stats.failed));
    co_return rep;
}

}  // namespace

report run_batch(const options& opts) {
    return run_to_completion(run(opts));
}

}  // namespace cppcassa::bench
