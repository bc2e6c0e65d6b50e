// The pool with the fault proxy (test/support/fault_proxy.hpp) as one of its servers and the
// real node as another: whatever the network does to the proxied server, operations end in a
// typed error or succeed on the real node, within the timeout that applies plus a margin.
//
// The pools use list order (round_robin = false) so the proxy, listed first, gets every attempt
// while it is healthy, and a long host backoff so that once down it stays down for the test.
#include "support/column_c.hpp"
#include "support/fault_proxy.hpp"
#include "support/proxy_fixture.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::ensure_keyspace_on_real_node;
using cppcassa::test::expect_failure;
using cppcassa::test::fault_proxy;
using cppcassa::test::proxy_to_real_node;
using cppcassa::test::run_coroutine;
using cppcassa::test::since;
using clock_type = cppcassa::test::proxy_clock;
using cppcassa::test::proxy_margin;

std::string real_endpoint() {
    const auto server = cppcassa::test::real_server();
    return fmt::format("{}:{}", server.host, server.port);
}

// [proxy, real node], list order, nothing opened in advance.
cppcassa::pool_config proxy_then_real(const fault_proxy& proxy, std::chrono::milliseconds call_timeout = 500ms) {
    cppcassa::pool_config config;
    config.servers = {proxy.endpoint(), real_endpoint()};
    config.keyspace = cppcassa::test::test_keyspace;
    config.prefill = false;
    config.round_robin = false;
    config.connect_timeout = 1000ms;
    config.call_timeout = call_timeout;
    config.host_backoff = {.initial = 60000ms, .max = 60000ms};
    return config;
}

// Inserts a column through the pool and reads it back through the pool.
asio::awaitable<void> write_and_read(cppcassa::pool& pool, const std::string& tag) {
    const auto key = fmt::format("proxy-pool-{}-{}", tag, cppcassa::test::now_micros());
    const auto write = cppcassa::test::insert_c(key, tag);
    auto insert = [write](cppcassa::connection& c) { return c.insert(write); };
    co_await pool.execute(insert);
    const auto read = cppcassa::test::get_c(write.key);
    auto get = [read](cppcassa::connection& c) { return c.get(read); };
    const auto got = co_await pool.execute(get);
    REQUIRE(got.column);
    CHECK(got.column->value == tag);
}

// How long write_and_read took: a failover must fit within the timeout that caused it.
asio::awaitable<std::chrono::milliseconds> timed_write_and_read(cppcassa::pool& pool, const std::string& tag) {
    const auto start = clock_type::now();
    co_await write_and_read(pool, tag);
    co_return since(start);
}

auto version_operation() {
    return [](cppcassa::connection& c) { return c.describe_version(); };
}

TEST_CASE("a pool whose only server is the pass-through proxy writes and reads the real node") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        auto config = proxy_then_real(proxy);
        config.servers = {proxy.endpoint()};
        cppcassa::pool pool(executor, config);
        for (int i = 0; i < 5; ++i)
            co_await write_and_read(pool, fmt::format("pass-{}", i));
        const auto stats = pool.stats();
        CHECK(stats.succeeded == 10);
        CHECK(stats.retries == 0);
        CHECK(stats.hosts[0].operations == 10);
        CHECK(proxy.stats().accepted >= 1);
        CHECK(proxy.stats().bytes_to_client > 0);
    });
}

TEST_CASE("a pool fails over to the real node when the proxied server's replies come after call_timeout") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::pool pool(executor, proxy_then_real(proxy));
        co_await write_and_read(pool, "before-latency");
        REQUIRE(pool.stats().hosts[0].operations == 2);

        proxy.add_latency(1500ms);
        const auto took = co_await timed_write_and_read(pool, "latency");
        CHECK(took < 500ms + proxy_margin);
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK_FALSE(stats.hosts[0].up);
        CHECK(stats.hosts[0].last_error.find(fmt::format("on {}: no reply within 500 ms", proxy.endpoint())) !=
              std::string::npos);
        CHECK(stats.hosts[1].operations == 2);
        CHECK(stats.failovers >= 1);
        // The timed-out connection was closed, not returned to the pool.
        const bool closed = co_await cppcassa::test::proxy_connections_closed(proxy);
        CHECK(closed);
    });
}

TEST_CASE("a pool fails over to the real node when the proxy drops its connection mid-call") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::pool pool(executor, proxy_then_real(proxy, 10000ms));
        co_await write_and_read(pool, "before-drop");

        // The attempt waits behind 5 s of latency; the drop comes after 200 ms.
        proxy.add_latency(5000ms);
        asio::steady_timer dropper(executor);
        cppcassa::test::drop_after(dropper, proxy, 200ms);
        const auto start = clock_type::now();
        auto version = version_operation();
        const auto got = co_await pool.execute(version);
        CHECK(got == cppcassa::test::expected_api_version());
        // Well before the latency: the drop (connection_closed) sent the attempt elsewhere.
        CHECK(since(start) < 5000ms);
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.hosts[0].last_error.find("the connection closed before the reply came") != std::string::npos);
        CHECK(stats.hosts[1].operations == 1);
        CHECK(stats.failovers == 1);
        CHECK(proxy.stats().dropped == 1);
    });
}

TEST_CASE("a pool retries on the real node after the proxy resets a reply mid-frame") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::pool pool(executor, proxy_then_real(proxy, 10000ms));
        co_await write_and_read(pool, "before-reset");

        proxy.reset_mid_reply(6);
        const auto took = co_await timed_write_and_read(pool, "reset");
        // Not the call timeout: the reset ended the attempt.
        CHECK(took < 10000ms);
        const auto stats = pool.stats();
        CHECK(proxy.stats().resets == 1);
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.hosts[0].last_error.find(proxy.endpoint()) != std::string::npos);
        CHECK(stats.hosts[1].operations == 2);
        CHECK(stats.failed == 0);
    });
}

TEST_CASE("a call to a blackholed server in a pool times out, fails over and succeeds") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::pool pool(executor, proxy_then_real(proxy));
        co_await write_and_read(pool, "before-blackhole");

        proxy.blackhole();
        const auto took = co_await timed_write_and_read(pool, "blackhole");
        CHECK(took >= 500ms);
        CHECK(took < 500ms + proxy_margin);
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.hosts[0].last_error.find(fmt::format("on {}: no reply within 500 ms", proxy.endpoint())) !=
              std::string::npos);
        CHECK(stats.hosts[1].operations == 2);
        CHECK(stats.failovers == 1);
        CHECK(stats.failed == 0);
    });
}

TEST_CASE("a pool whose first server is blackholed from the start connects elsewhere within connect_timeout") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        proxy.blackhole();
        cppcassa::pool pool(executor, proxy_then_real(proxy));
        const auto took = co_await timed_write_and_read(pool, "blackholed-from-start");
        CHECK(took < 1000ms + proxy_margin);
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.hosts[0].last_error.find(proxy.endpoint()) != std::string::npos);
        CHECK(stats.hosts[1].operations == 2);
        CHECK(proxy.stats().bytes_to_server == 0);
    });
}

TEST_CASE("concurrent operations on a pool with a blackholed server each end within their timeout") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace_on_real_node();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        cppcassa::pool pool(executor, proxy_then_real(proxy));
        co_await write_and_read(pool, "before-concurrent");

        proxy.blackhole();
        constexpr int operations = 8;
        int running = operations;
        int succeeded = 0;
        int typed_failures = 0;
        std::vector<std::chrono::milliseconds> took;
        // One closure alive until every operation ended (its captures live in it, not in the frames).
        auto one = [&](int i) -> asio::awaitable<void> {
            const auto start = clock_type::now();
            try {
                const auto key = fmt::format("proxy-pool-concurrent-{}-{}", i, cppcassa::test::now_micros());
                const auto write = cppcassa::test::insert_c(key, "concurrent");
                auto insert = [write](cppcassa::connection& c) { return c.insert(write); };
                co_await pool.execute(insert);
                ++succeeded;
            } catch (const cppcassa::error&) {
                ++typed_failures;
            }
            took.push_back(since(start));
            --running;
        };
        for (int i = 0; i < operations; ++i)
            asio::co_spawn(executor, one(i), asio::detached);
        // Bounded: a hang fails the checks below instead of the whole run.
        for (int i = 0; i < 500 && running > 0; ++i)
            co_await cppcassa::test::sleep_for(20ms);
        CHECK(running == 0);
        CHECK(succeeded == operations);
        CHECK(typed_failures == 0);
        for (const auto t : took)
            CHECK(t < 1000ms + proxy_margin);  // the longer of call_timeout and connect_timeout
        CHECK(pool.stats().hosts[0].marked_down >= 1);
    });
}

TEST_CASE("a pool of only a blackholed server fails with call_timeout at its operation deadline") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        proxy.blackhole();
        auto config = proxy_then_real(proxy);
        config.servers = {proxy.endpoint()};
        config.connect_timeout = 5000ms;
        config.call_timeout = 5000ms;
        config.max_retries = std::nullopt;
        config.host_backoff = {.initial = 50ms, .max = 50ms};
        config.operation_timeout = 1000ms;
        cppcassa::pool pool(executor, config);
        auto version = version_operation();
        auto call = pool.execute(version);
        const auto failure = co_await expect_failure<cppcassa::call_timeout>(call, "a blackholed server answered");
        CHECK(failure.took >= 1000ms);
        CHECK(failure.took < 1000ms + proxy_margin);
        CHECK(failure.what.find("deadline of 1000 ms") != std::string::npos);
        CHECK(failure.what.find(proxy.endpoint()) != std::string::npos);
    });
}

TEST_CASE("a pool whose servers are all dead fails with no_server_available naming each of them") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = proxy_to_real_node(executor);
        proxy.drop();  // accepts, then closes at once
        cppcassa::pool_config config = proxy_then_real(proxy);
        config.servers = {fmt::format("127.0.0.1:{}", cppcassa::test::closed_port(executor)),
                          fmt::format("127.0.0.1:{}", cppcassa::test::closed_port(executor)), proxy.endpoint()};
        config.round_robin = true;
        cppcassa::pool pool(executor, config);
        const auto start = clock_type::now();
        auto version = version_operation();
        std::vector<cppcassa::server_failure> servers;
        std::string what;
        try {
            co_await pool.execute(version);
            FAIL("a pool of dead servers answered");
        } catch (const cppcassa::no_server_available& e) {
            servers = e.servers;
            what = e.what();
        }
        CHECK(since(start) < 1000ms + proxy_margin);
        REQUIRE(servers.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            INFO(config.servers[i]);
            CHECK(servers[i].endpoint == config.servers[i]);
            CHECK_FALSE(servers[i].reason.empty());
            CHECK(what.find(config.servers[i]) != std::string::npos);
        }
        CHECK(proxy.stats().refused >= 1);
    });
}

}  // namespace
