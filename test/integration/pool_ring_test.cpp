// Ring discovery and token-aware routing of the pool against the launcher's 3-node cluster
// (127.0.0.1-3:9160). Against a single node they say so and stop.
#include "integration/routing_keyspace.hpp"
#include "routing/token_ring.hpp"
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using cppcassa::test::run_coroutine;

// The real cluster's ring of the routing keyspace (RF 2); throws without 3 nodes.
asio::awaitable<cppcassa::routing::token_ring> cluster_ring() {
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::connection setup(executor, cppcassa::test::real_server_config());
    co_await setup.connect();
    if (const auto nodes = co_await cppcassa::test::ring_size(setup); nodes < 3) {
        throw std::runtime_error(fmt::format(
            "needs the 3-node cluster (scripts/cassandra.sh start --nodes 3), found {} node(s)", nodes));
    }
    co_await cppcassa::test::ensure_routing_keyspace(setup);
    const thrift::describe_ring_args which{.keyspace = cppcassa::test::routing_keyspace};
    const auto ranges = co_await setup.describe_ring(which);
    const auto partitioner = co_await setup.describe_partitioner();
    co_return cppcassa::routing::token_ring::build(partitioner, ranges, cppcassa::test::real_server().port);
}

cppcassa::pool_config one_seed() {
    const auto server = cppcassa::test::real_server();
    cppcassa::pool_config config;
    config.servers = {fmt::format("{}:{}", server.host, server.port)};
    config.keyspace = cppcassa::test::routing_keyspace;
    config.discover_ring = true;
    config.health_check_interval = std::chrono::milliseconds(0);
    return config;
}

asio::awaitable<void> until_ring_known(cppcassa::pool& pool) {
    const auto executor = co_await asio::this_coro::executor;
    for (int i = 0; i < 100 && pool.stats().ring_refreshes == 0; ++i) {
        asio::steady_timer pause(executor, std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::use_awaitable);
    }
    if (pool.stats().ring_refreshes == 0)
        throw std::runtime_error("the pool never learnt the ring: " + pool.stats().ring_error);
}

TEST_CASE("a pool discovering the ring from one node knows the cluster's three servers") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto ring = co_await cluster_ring();
        cppcassa::pool pool(co_await asio::this_coro::executor, one_seed());
        co_await until_ring_known(pool);
        const auto stats = pool.stats();
        REQUIRE(stats.hosts.size() == 3);
        std::set<std::string> endpoints;
        for (const auto& host : stats.hosts)
            endpoints.insert(host.endpoint);
        const auto expected = ring.endpoints();
        CHECK(endpoints == std::set<std::string>(expected.begin(), expected.end()));
        // Round-robin now reaches every node.
        auto version = [](cppcassa::connection& c) { return c.describe_version(); };
        for (int i = 0; i < 6; ++i) {
            const auto answer = co_await pool.execute(version);
            CHECK(answer == cppcassa::test::expected_api_version());
        }
        const auto after = pool.stats();
        for (const auto& host : after.hosts)
            CHECK(host.checkouts >= 2);
    });
}

TEST_CASE("a token-aware pool sends each keyed operation to the key's primary replica") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto ring = co_await cluster_ring();
        auto config = one_seed();
        config.token_aware = true;
        cppcassa::pool pool(co_await asio::this_coro::executor, config);
        co_await until_ring_known(pool);
        REQUIRE(pool.stats().routing);
        const auto before = pool.stats();

        std::map<std::string, std::uint64_t> expected;  // endpoint -> operations
        const auto run = fmt::format("routed-{}", cppcassa::test::now_micros());
        for (int i = 0; i < 30; ++i) {
            thrift::insert_args insert;
            insert.key = fmt::format("{}-{}", run, i);
            insert.column_parent.column_family = "Standard1";
            insert.column.name = "c";
            insert.column.value = "v";
            insert.column.timestamp = cppcassa::test::now_micros();
            expected[ring.replicas(insert.key).front()]++;
            cppcassa::operation_options options;
            options.routing_key = insert.key;
            auto op = [insert](cppcassa::connection& c) { return c.insert(insert); };
            co_await pool.execute(op, options);
        }
        const auto after = pool.stats();
        CHECK(after.routed - before.routed == 30);
        CHECK(expected.size() > 1);  // the keys spread: the per-host check means something
        for (std::size_t i = 0; i < after.hosts.size(); ++i) {
            INFO(after.hosts[i].endpoint);
            const auto ran = after.hosts[i].checkouts - (i < before.hosts.size() ? before.hosts[i].checkouts : 0);
            CHECK(ran == expected[after.hosts[i].endpoint]);
        }
    });
}

}  // namespace
