// Where the integration tests find the real Cassandra that scripts/cassandra.sh started.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>

namespace cppcassa::test {

struct server_address {
    std::string host;
    std::uint16_t port;
};

// CPPCASSA_TEST_HOST / CPPCASSA_TEST_PORT override the launcher's defaults (127.0.0.1:9160).
inline server_address real_server() {
    const char* host = std::getenv("CPPCASSA_TEST_HOST");
    const char* port = std::getenv("CPPCASSA_TEST_PORT");
    return {host ? host : "127.0.0.1", static_cast<std::uint16_t>(port ? std::atoi(port) : 9160)};
}

}  // namespace cppcassa::test
