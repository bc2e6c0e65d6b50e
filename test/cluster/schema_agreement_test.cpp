// A schema change through system_manager returns only when all three nodes know it: a keyspace
// created through node 1 is usable through node 3 at once. (Cassandra 1.2+ no longer answers
// with SchemaDisagreement, so a client that does not poll returns while the others still lag.)
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/system_manager.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <string>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using cppcassa::test::node_host;

TEST_CASE("a keyspace and column family created through node 1 are usable through every node at once") {
    cppcassa::test::run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager_config config;
        config.pool.servers = {fmt::format("{}:9160", node_host(1))};
        cppcassa::system_manager sys(executor, config);
        for (int round = 0; round < 3; ++round) {
            const auto ks = fmt::format("agree_{}_{}", round, cppcassa::test::now_micros());
            cppcassa::keyspace_options replicated;
            replicated.strategy_options = {{"replication_factor", "3"}};
            co_await sys.create_keyspace(ks, replicated);
            co_await sys.create_column_family(ks, "cf");
            for (int node = 1; node <= 3; ++node) {
                INFO("round " << round << ", node " << node_host(node));
                const cppcassa::connection_config direct{.host = node_host(node), .port = 9160, .keyspace = ks};
                cppcassa::connection conn(executor, direct);
                co_await conn.connect();  // set_keyspace fails with invalid_request on a lagging node
                thrift::insert_args write;
                write.key = fmt::format("k{}", node);
                write.column_parent.column_family = "cf";
                write.column.name = "c";
                write.column.value = "v";
                write.column.timestamp = cppcassa::test::now_micros();
                write.consistency_level = thrift::ConsistencyLevel::ALL;
                co_await conn.insert(write);
                const auto versions = co_await conn.describe_schema_versions();
                CHECK(versions.size() == 1);
            }
            co_await sys.drop_keyspace(ks);
        }
    });
}

}  // namespace
