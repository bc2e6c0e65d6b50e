// The launcher's multi-node mode forms one ring of three real nodes on <net>.1-3 (127.0.0.1-3
// unless CPPCASSA_NET names another /24; see node_host).
#include "integration/routing_keyspace.hpp"
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/reference_client.hpp"
#include "support/server_line.hpp"

#include <cppcassa/connection.hpp>

#include "support/catch.hpp"

#include <set>
#include <string>

namespace {

using cppcassa::test::node_host;

TEST_CASE("describe_ring on a 3-node launch lists three endpoints") {
    cppcassa::test::reference_client client(node_host(1), 9160);
    std::vector<org::apache::cassandra::TokenRange> ring;
    client->describe_ring(ring, cppcassa::test::ring_keyspace);
    std::set<std::string> endpoints;
    for (const auto& range : ring)
        endpoints.insert(range.endpoints.begin(), range.endpoints.end());
    CHECK(endpoints == std::set<std::string>{node_host(1), node_host(2), node_host(3)});
}

TEST_CASE("each of the three nodes answers Thrift on its own loopback address") {
    for (int node = 1; node <= 3; ++node) {
        const std::string host = node_host(node);
        INFO("node " << host);
        cppcassa::test::reference_client client(host, 9160);
        std::string version;
        client->describe_version(version);
        CHECK(version == cppcassa::test::expected_api_version());
        CHECK(cppcassa::test::launcher_pid(node) > 0);
    }
}

TEST_CASE("our connection reads the same ring from every node as Apache's client") {
    std::vector<org::apache::cassandra::TokenRange> reference;
    cppcassa::test::reference_client client(node_host(1), 9160);
    client->describe_ring(reference, cppcassa::test::ring_keyspace);
    for (int node = 1; node <= 3; ++node) {
        const std::string host = node_host(node);
        INFO("node " << host);
        std::vector<cppcassa::thrift::TokenRange> ring;
        cppcassa::test::run_coroutine([&]() -> boost::asio::awaitable<void> {
            const auto executor = co_await boost::asio::this_coro::executor;
            const cppcassa::connection_config config{.host = host, .port = 9160};
            cppcassa::connection conn(executor, config);
            co_await conn.connect();
            const cppcassa::thrift::describe_ring_args args{.keyspace = cppcassa::test::ring_keyspace};
            ring = co_await conn.describe_ring(args);
        });
        REQUIRE(ring.size() == reference.size());
        for (std::size_t i = 0; i < ring.size(); ++i) {
            CHECK(ring[i].start_token == reference[i].start_token);
            CHECK(ring[i].end_token == reference[i].end_token);
            CHECK(ring[i].endpoints == reference[i].endpoints);
        }
    }
}

}  // namespace
