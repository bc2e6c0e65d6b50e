// The launcher's multi-node mode forms one ring of three real nodes on 127.0.0.1-3.
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/reference_client.hpp"
#include "support/test_server.hpp"

#include <cppcassa/connection.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace {

TEST_CASE("describe_ring on a 3-node launch lists three endpoints") {
    auto server = cppcassa::test::real_server();
    cppcassa::test::reference_client client(server.host, server.port);
    // system_distributed is replicated with SimpleStrategy, so every node owns ranges in it
    // (describe_ring refuses LocalStrategy keyspaces such as `system`).
    std::vector<org::apache::cassandra::TokenRange> ring;
    client->describe_ring(ring, "system_distributed");
    std::set<std::string> endpoints;
    for (const auto& range : ring)
        endpoints.insert(range.endpoints.begin(), range.endpoints.end());
    CHECK(endpoints == std::set<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.3"});
}

TEST_CASE("each of the three nodes answers Thrift on its own loopback address") {
    for (const char* host : {"127.0.0.1", "127.0.0.2", "127.0.0.3"}) {
        INFO("node " << host);
        cppcassa::test::reference_client client(host, 9160);
        std::string version;
        client->describe_version(version);
        CHECK(version == "20.1.0");
        CHECK(cppcassa::test::launcher_pid(host[8] - '0') > 0);
    }
}

TEST_CASE("our connection reads the same ring from every node as Apache's client") {
    std::vector<org::apache::cassandra::TokenRange> reference;
    cppcassa::test::reference_client client("127.0.0.1", 9160);
    client->describe_ring(reference, "system_distributed");
    for (const char* host : {"127.0.0.1", "127.0.0.2", "127.0.0.3"}) {
        INFO("node " << host);
        std::vector<cppcassa::thrift::TokenRange> ring;
        cppcassa::test::run_coroutine([&]() -> boost::asio::awaitable<void> {
            const auto executor = co_await boost::asio::this_coro::executor;
            cppcassa::connection conn(executor, {.host = host, .port = 9160});
            co_await conn.connect();
            const cppcassa::thrift::describe_ring_args args{.keyspace = "system_distributed"};
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
