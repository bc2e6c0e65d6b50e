// Where the integration tests find their server: the real Cassandra that scripts/cassandra.sh
// started, or (CPPCASSA_BACKEND=embedded) an embedded cppcassa::testing cluster in this process,
// so one test source runs against both backends (docs/testing.md, "The differential suite").
#pragma once

#include <cppcassa/testing/cluster.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace cppcassa::test {

struct server_address {
    std::string host;
    std::uint16_t port;
};

// The process-wide embedded node, started (on a thread of its own) by the first test that asks
// for a server. One node, as the launcher's single-node setup the integration label runs against.
inline const cppcassa::testing::node& embedded_server() {
    static cppcassa::testing::cluster db{cppcassa::testing::cluster_options{}};
    return db[0];
}

// The launcher's node 1 on its CPPCASSA_NET (127.0.0.1:9160 by default); CPPCASSA_TEST_HOST and
// CPPCASSA_TEST_PORT override it.
inline server_address real_server() {
    if (cppcassa::testing::embedded_backend_requested()) {
        const auto& node = embedded_server();
        return {node.host(), node.port()};
    }
    const char* host = std::getenv("CPPCASSA_TEST_HOST");
    const char* port = std::getenv("CPPCASSA_TEST_PORT");
    const char* net = std::getenv("CPPCASSA_NET");
    const std::string node1 = std::string(net && *net ? net : "127.0.0") + ".1";
    return {host ? host : node1, static_cast<std::uint16_t>(port ? std::atoi(port) : 9160)};
}

}  // namespace cppcassa::test
