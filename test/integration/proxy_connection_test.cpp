// One connection to the real node through the fault proxy (test/support/fault_proxy.hpp): the
// replies are Cassandra's, the faults are the network's. Every failure must be a typed error,
// raised within the timeout that applies (plus a generous margin for a loaded machine).
#include "support/column_c.hpp"
#include "support/fault_proxy.hpp"
#include "support/proxy_fixture.hpp"
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <string>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::expect_failure;
using cppcassa::test::proxy_to_real_node;
using cppcassa::test::run_coroutine;
using cppcassa::test::proxy_margin;

cppcassa::connection_config through(const cppcassa::test::fault_proxy& proxy, std::chrono::milliseconds call_timeout) {
    return {.host = "127.0.0.1", .port = proxy.port(), .connect_timeout = 5000ms, .call_timeout = call_timeout};
}

TEST_CASE("a connection through the pass-through proxy writes and reads the real node") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        auto config = through(proxy, 5000ms);
        config.keyspace = cppcassa::test::test_keyspace;
        cppcassa::connection conn(executor, config);
        co_await conn.connect();

        const auto key = fmt::format("proxy-{}", cppcassa::test::now_micros());
        const auto write = cppcassa::test::insert_c(key, "through the proxy");
        co_await conn.insert(write);
        const auto read = cppcassa::test::get_c(write.key);
        const auto got = co_await conn.get(read);
        REQUIRE(got.column);
        CHECK(got.column->value == "through the proxy");

        const auto stats = proxy.stats();
        CHECK(stats.accepted == 1);
        CHECK(stats.open == 1);
        CHECK(stats.bytes_to_server > 0);
        CHECK(stats.bytes_to_client > 0);
        CHECK(stats.resets == 0);
    });
}

TEST_CASE("latency beyond the call timeout is call_timeout naming the host, and the connection closes") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::connection conn(executor, through(proxy, 400ms));
        co_await conn.connect();
        const auto version = co_await conn.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());

        proxy.add_latency(1500ms);
        auto call = conn.describe_version();
        const auto failure =
            co_await expect_failure<cppcassa::call_timeout>(call, "a reply 3 s late came within a 400 ms call timeout");
        CHECK(failure.took < 400ms + proxy_margin);
        CHECK(failure.what.find(fmt::format("describe_version on {}", proxy.endpoint())) != std::string::npos);
        CHECK_FALSE(conn.is_open());
        const bool closed = co_await cppcassa::test::proxy_connections_closed(proxy);
        CHECK(closed);
    });
}

TEST_CASE("a connection the proxy drops mid-call fails with connection_closed at once") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::connection conn(executor, through(proxy, 10000ms));
        co_await conn.connect();

        // The call waits behind 5 s of latency; the drop comes after 200 ms.
        proxy.add_latency(5000ms);
        asio::steady_timer dropper(executor);
        cppcassa::test::drop_after(dropper, proxy, 200ms);
        auto call = conn.describe_version();
        const auto failure =
            co_await expect_failure<cppcassa::connection_closed>(call, "a dropped connection answered");
        // Well before the latency or the call timeout: the failure came from the drop.
        CHECK(failure.took < 5000ms);
        CHECK(failure.what.find(proxy.endpoint()) != std::string::npos);
        CHECK_FALSE(conn.is_open());
        CHECK(proxy.stats().dropped == 1);
    });
}

TEST_CASE("a proxy that closes new connections at accept makes connect fail with a transport error") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        proxy.drop();
        // The TCP connect succeeds (the proxy accepts); set_keyspace meets the closed socket.
        auto config = through(proxy, 5000ms);
        config.keyspace = cppcassa::test::test_keyspace;
        cppcassa::connection conn(executor, config);
        auto connect = conn.connect();
        const auto failure = co_await expect_failure<cppcassa::transport_error>(
            connect, "connected through a proxy that drops every connection");
        CHECK(failure.took < 5000ms);
        CHECK(failure.what.find(proxy.endpoint()) != std::string::npos);
        CHECK_FALSE(conn.is_open());
        CHECK(proxy.stats().refused == 1);
    });
}

TEST_CASE("a reply reset mid-frame is a typed transport error, never a hang") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::connection conn(executor, through(proxy, 10000ms));
        co_await conn.connect();
        const auto version = co_await conn.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());

        // 6 bytes: the frame length and the start of the message header.
        proxy.reset_mid_reply(6);
        auto call = conn.describe_version();
        const auto failure = co_await expect_failure<cppcassa::connection_closed>(call, "a reset reply was delivered");
        // Not the call timeout: the reset itself ended the call.
        CHECK(failure.took < 10000ms);
        CHECK(failure.what.find(proxy.endpoint()) != std::string::npos);
        CHECK_FALSE(conn.is_open());
        CHECK(proxy.stats().resets == 1);
    });
}

TEST_CASE("a blackholed server makes a call time out at the call timeout, naming the host") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::connection conn(executor, through(proxy, 500ms));
        co_await conn.connect();

        proxy.blackhole();
        auto call = conn.describe_version();
        const auto failure = co_await expect_failure<cppcassa::call_timeout>(call, "a blackholed server answered");
        CHECK(failure.took >= 500ms);
        CHECK(failure.took < 500ms + proxy_margin);
        CHECK(failure.what.find(fmt::format("describe_version on {}", proxy.endpoint())) != std::string::npos);
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("connecting to a blackholed server fails within the connect timeout") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        proxy.blackhole();
        auto config = through(proxy, 5000ms);
        config.connect_timeout = 500ms;
        config.keyspace = cppcassa::test::test_keyspace;
        cppcassa::connection conn(executor, config);
        auto connect = conn.connect();
        const auto failure =
            co_await expect_failure<cppcassa::transport_error>(connect, "connected through a blackhole");
        CHECK(failure.took < 500ms + proxy_margin);
        CHECK(failure.what.find(proxy.endpoint()) != std::string::npos);
        CHECK_FALSE(conn.is_open());
    });
}

}  // namespace
