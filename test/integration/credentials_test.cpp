// A password never shows in what the library tells anyone: the launcher's PasswordAuthenticator
// node refusing a wrong password and an unknown user, and a node without authentication taking
// credentials it does not need (the real node with AllowAllAuthenticator, and the embedded
// server in the embedded label). Scripted peers and the embedded server with users cover the
// other paths (test/faults/credentials_faults_test.cpp).
#include "support/credentials_capture.hpp"
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/pool.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <cstdlib>
#include <string>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::credentials_capture;
using cppcassa::test::run_coroutine;
using cppcassa::test::secret_password;

std::string auth_host() {
    const char* host = std::getenv("CPPCASSA_TEST_AUTH_HOST");
    return host ? host : cppcassa::test::node_net() + ".9";
}

cppcassa::connection_config login_config(std::string host, std::string user) {
    cppcassa::connection_config config{.host = std::move(host), .port = cppcassa::test::real_server().port};
    config.login = cppcassa::credentials{std::move(user), secret_password};
    return config;
}

cppcassa::pool_config pool_at(const std::string& host) {
    cppcassa::pool_config config;
    config.servers = {fmt::format("{}:{}", host, cppcassa::test::real_server().port)};
    config.prefill = false;
    config.health_check_interval = 0ms;
    return config;
}

TEST_CASE("a wrong password and an unknown user on the auth node fail without the password",
          "[real-only][auth-node]") {
    credentials_capture capture;
    run_coroutine([&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        // Named first: GCC 12 mishandles temporaries inside co_await (docs/architecture.md).
        const auto wrong_password = login_config(auth_host(), "cassandra");
        const auto unknown_user = login_config(auth_host(), "nobody_cppcassa");
        const auto pool_config = pool_at(auth_host());
        co_await capture.connect(executor, wrong_password);
        co_await capture.connect(executor, unknown_user);
        co_await capture.pool_operation(executor, pool_config, "cassandra");
        co_await capture.pool_operation(executor, pool_config, "nobody_cppcassa");
    });
    CHECK(capture.authentication_errors >= 4);
    CHECK(capture.mentions("login on " + auth_host()));
    capture.check_no_password();
}

TEST_CASE("credentials sent to a node without authentication leave no password anywhere") {
    credentials_capture capture;
    run_coroutine([&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        const auto node = cppcassa::test::real_server();
        const auto config = login_config(node.host, "cassandra");
        const auto pool_config = pool_at(node.host);
        co_await capture.connect(executor, config);
        co_await capture.pool_operation(executor, pool_config, "cassandra");
    });
    CHECK(capture.authentication_errors == 0);
    CHECK(capture.mentions(cppcassa::test::expected_api_version()));
    capture.check_no_password();
}

}  // namespace
