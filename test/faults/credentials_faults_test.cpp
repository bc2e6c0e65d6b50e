// A password never shows in what the library tells anyone: exception messages, the pool's
// listener hooks and its stats. Every login failure path runs with a recognisable password, and
// all the text it produced is searched for it. The real auth node's paths are in
// test/integration/credentials_test.cpp; these face scripted peers and the embedded server.
#include "support/credentials_capture.hpp"
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/testing/cluster.hpp>

#include <boost/asio/io_context.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <memory>
#include <string>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::credentials_capture;
using cppcassa::test::fake_server;
using cppcassa::test::run_coroutine;
using cppcassa::test::secret_password;

cppcassa::connection_config config_at(std::uint16_t port, std::string user) {
    cppcassa::connection_config config{
        .host = "127.0.0.1", .port = port, .connect_timeout = 1000ms, .learn_server_version = false};
    config.login = cppcassa::credentials{std::move(user), secret_password};
    return config;
}

TEST_CASE("a connection lost during login says so without the password") {
    asio::io_context io;
    cppcassa::test::drop_after_request dropper;
    fake_server server(io.get_executor(), dropper.behaviour());
    credentials_capture capture;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const auto config = config_at(server.port(), "jsmith");
        const auto pool_config = cppcassa::test::pool_config_for({server.port()});
        co_await capture.connect(io.get_executor(), config);
        co_await capture.pool_operation(io.get_executor(), pool_config, "jsmith");
    });
    CHECK(dropper.calls >= 2);
    capture.check_no_password();
    CHECK(capture.mentions("login on 127.0.0.1"));
}

TEST_CASE("a login the server never answers times out without the password") {
    asio::io_context io;
    fake_server server(io.get_executor(), cppcassa::test::silent);
    credentials_capture capture;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const auto config = config_at(server.port(), "jsmith");
        co_await capture.connect(io.get_executor(), config);
    });
    capture.check_no_password();
    CHECK(capture.mentions("login on 127.0.0.1"));
}

TEST_CASE("a wrong password and an unknown user on the embedded server fail without the password") {
    asio::io_context io;
    cppcassa::testing::cluster db(io.get_executor(), cppcassa::testing::cluster_options{.users = {{"alice", "right"}}});
    const auto port = db[0].port();
    credentials_capture capture;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const auto wrong_password = config_at(port, "alice");
        const auto unknown_user = config_at(port, "nobody");
        const auto pool_config = cppcassa::test::pool_config_for({port});
        co_await capture.connect(io.get_executor(), wrong_password);
        co_await capture.connect(io.get_executor(), unknown_user);
        co_await capture.pool_operation(io.get_executor(), pool_config, "alice");
        co_await capture.pool_operation(io.get_executor(), pool_config, "nobody");
    });
    CHECK(capture.authentication_errors == 4);  // two connects, two pool operations
    capture.check_no_password();
    CHECK(capture.mentions("alice"));
}

TEST_CASE("credentials sent to a server without authentication leave no password in the pool's events") {
    asio::io_context io;
    cppcassa::testing::cluster db(io.get_executor());
    const auto port = db[0].port();
    credentials_capture capture;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const auto config = config_at(port, "alice");
        const auto pool_config = cppcassa::test::pool_config_for({port});
        co_await capture.connect(io.get_executor(), config);
        co_await capture.pool_operation(io.get_executor(), pool_config, "alice");
    });
    capture.check_no_password();
    CHECK(capture.mentions("created 127.0.0.1"));
}

}  // namespace
