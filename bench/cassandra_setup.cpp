#include "cassandra_setup.hpp"

#include "concurrency.hpp"
#include "data.hpp"

#include <fmt/format.h>

#include <chrono>
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

std::string server_hint(const std::string& host, std::uint16_t port) {
    return fmt::format("this workload needs Cassandra's Thrift API at {}:{} (start one with: bash "
                       "scripts/cassandra.sh start)",
                       host, port);
}

}  // namespace cppcassa::bench
