#include "cassandra_setup.hpp"

#include "concurrency.hpp"
#include "data.hpp"

#include <fmt/format.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <stdexcept>
#include <vector>

namespace cppcassa::bench {

namespace asio = boost::asio;

asio::awaitable<void> ensure_bench_schema(connection& conn) {
    bool exists = false;
    for (const auto& ks : co_await conn.describe_keyspaces())
        exists = exists || ks.name == bench_keyspace;
    if (!exists) {
        thrift::KsDef ks;
        ks.name = bench_keyspace;
        ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
        ks.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
        thrift::CfDef cf;
        cf.keyspace = bench_keyspace;
        cf.name = bench_column_family;
        cf.comparator_type = "BytesType";
        ks.cf_defs.push_back(std::move(cf));
        // Named, not a temporary in the co_await: g++ 12 ends such temporaries' lifetime at the first
        // suspension (the call then encodes freed memory).
        const thrift::system_add_keyspace_args add{.ks_def = std::move(ks)};
        co_await conn.system_add_keyspace(add);
    }
    const thrift::set_keyspace_args use{.keyspace = bench_keyspace};
    co_await conn.set_keyspace(use);
}

asio::awaitable<void> insert_rows(connection& conn, std::uint64_t rows, int columns, std::size_t value_size,
                                  std::uint64_t seed) {
    rng r(seed);
    const auto timestamp =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    std::vector<thrift::insert_args> inserts;
    for (std::uint64_t k = 0; k < rows; ++k)
        for (auto& c : make_row(r, columns, value_size, timestamp))
            inserts.push_back({.key = row_key(k),
                               .column_parent = {.column_family = bench_column_family},
                               .column = std::move(*c.column),
                               .consistency_level = thrift::ConsistencyLevel::ONE});

    // A few writers share the connection: setup is not what is measured, but it should be quick.
    std::size_t next = 0;
    co_await run_concurrently(16, [&](std::size_t) -> asio::awaitable<void> {
        while (next < inserts.size())
            co_await conn.insert(inserts[next++]);
    });
}

asio::awaitable<void> ensure_column_family(connection& conn, std::string name) {
    const thrift::describe_keyspace_args which{.keyspace = bench_keyspace};
    const auto ks = co_await conn.describe_keyspace(which);
    for (const auto& cf : ks.cf_defs)
        if (cf.name == name)
            co_return;
    thrift::CfDef cf;
    cf.keyspace = bench_keyspace;
    cf.name = std::move(name);
    cf.comparator_type = "BytesType";
    const thrift::system_add_column_family_args add{.cf_def = std::move(cf)};
    co_await conn.system_add_column_family(add);
    // One schema version across the live nodes ("UNREACHABLE" lists the others).
    for (int i = 0; i < 300; ++i) {
        const auto versions = co_await conn.describe_schema_versions();
        std::size_t live = 0;
        for (const auto& [version, hosts] : versions)
            live += version != "UNREACHABLE";
        if (live <= 1)
            co_return;
        asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::use_awaitable);
    }
    throw std::runtime_error("the nodes did not agree on the schema within 30 s");
}

namespace {

constexpr const char* marker_key = "__dataset__";

std::string marker_of(const dataset& d) {
    return fmt::format("columns={} value_size={} seed={}", d.columns, d.value_size, d.seed);
}

}  // namespace

asio::awaitable<bool> ensure_dataset(const std::string& host, std::uint16_t port, const dataset& d,
                                     std::size_t writers, std::optional<tls_options> tls) {
    const auto executor = co_await asio::this_coro::executor;
    std::vector<connection> conns;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, writers); ++i) {
        conns.emplace_back(executor,
                           connection_config{.host = host, .port = port, .tls = tls, .keyspace = bench_keyspace});
        co_await conns.back().connect();
    }
    // The marker: column "rows" holds the row count, column "shape" the rest.
    thrift::get_slice_args probe{.key = marker_key,
                                 .column_parent = {.column_family = rows_column_family},
                                 .predicate = {.slice_range = thrift::SliceRange{.start = "", .finish = "", .count = 10}},
                                 .consistency_level = thrift::ConsistencyLevel::ONE};
    const auto marker = co_await conns[0].get_slice(probe);
    std::uint64_t have_rows = 0;
    std::string have_shape;
    for (const auto& c : marker) {
        if (!c.column || !c.column->value)
            continue;
        if (c.column->name == "rows")
            have_rows = std::stoull(*c.column->value);
        else if (c.column->name == "shape")
            have_shape = *c.column->value;
    }
    if (have_shape == marker_of(d) && have_rows >= d.rows)
        co_return false;

    fmt::print(stderr, "writing the dataset: {} rows x {} columns of {} B into {}.{} (once; reused while its "
                       "marker matches)\n",
               d.rows, d.columns, d.value_size, bench_keyspace, rows_column_family);
    const auto timestamp =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    constexpr std::uint64_t rows_per_batch = 50;
    std::uint64_t next = 0;
    // Row k's values come from a generator seeded by (seed, k): any writer makes the same bytes.
    std::function<asio::awaitable<void>(std::size_t)> writer = [&](std::size_t w) -> asio::awaitable<void> {
        auto& conn = conns[w % conns.size()];
        while (next < d.rows) {
            const std::uint64_t first = next;
            const std::uint64_t last = std::min(d.rows, first + rows_per_batch);
            next = last;
            thrift::batch_mutate_args batch;
            for (std::uint64_t k = first; k < last; ++k) {
                rng r(d.seed * 0x100000001b3ULL + k);
                auto& mutations = batch.mutation_map[row_key(k)][rows_column_family];
                for (auto& c : make_row(r, d.columns, d.value_size, timestamp))
                    mutations.push_back(thrift::Mutation{.column_or_supercolumn = std::move(c), .deletion = {}});
            }
            co_await conn.batch_mutate(std::move(batch));
        }
    };
    co_await run_concurrently(conns.size() * 2, writer);

    thrift::batch_mutate_args mark;
    auto& m = mark.mutation_map[marker_key][rows_column_family];
    m.push_back({.column_or_supercolumn = thrift::ColumnOrSuperColumn{.column = thrift::Column{
                     .name = "rows", .value = std::to_string(d.rows), .timestamp = timestamp, .ttl = {}}},
                 .deletion = {}});
    m.push_back({.column_or_supercolumn = thrift::ColumnOrSuperColumn{.column = thrift::Column{
                     .name = "shape", .value = marker_of(d), .timestamp = timestamp, .ttl = {}}},
                 .deletion = {}});
    co_await conns[0].batch_mutate(std::move(mark));
    for (auto& c : conns)
        c.close();
    co_return true;
}

std::string server_hint(const std::string& host, std::uint16_t port) {
    return fmt::format("this workload needs Cassandra's Thrift API at {}:{} (start one with: bash "
                       "scripts/cassandra.sh start)",
                       host, port);
}

asio::awaitable<void> open_bench_connection(connection& conn, const std::string& host, std::uint16_t port) {
    try {
        co_await conn.connect();
    } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("{}; {}", e.what(), server_hint(host, port)));
    }
    co_await ensure_bench_schema(conn);
}

std::vector<std::string> consecutive_hosts(const std::string& host, std::size_t n) {
    const auto last_dot = host.rfind('.');
    if (last_dot == std::string::npos)
        throw std::invalid_argument(fmt::format("several servers need an IPv4 --host, not '{}'", host));
    const auto prefix = host.substr(0, last_dot + 1);
    const int first = std::stoi(host.substr(last_dot + 1));
    std::vector<std::string> hosts;
    for (std::size_t i = 0; i < n; ++i)
        hosts.push_back(n == 1 ? host : fmt::format("{}{}", prefix, first + static_cast<int>(i)));
    return hosts;
}

}  // namespace cppcassa::bench
