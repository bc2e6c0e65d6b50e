// The pool's listener hooks and per-host counters, facing scripted peers.
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::closed_port;
using cppcassa::test::fake_server;
using cppcassa::test::pause_for;
using cppcassa::test::pool_config_for;
using cppcassa::test::recording_listener;
using cppcassa::test::run_coroutine;
using cppcassa::test::version_responder;

using cppcassa::test::version;

std::string at(std::uint16_t port) { return fmt::format("127.0.0.1:{}", port); }

TEST_CASE("the listener sees a failover's events in the order they happen") {
    asio::io_context io;
    const auto dead = closed_port(io.get_executor());
    cppcassa::test::drop_after_request dropper;
    fake_server dropping(io.get_executor(), dropper.behaviour());
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    auto config = pool_config_for({dead, dropping.port(), server.port()});
    auto listener = std::make_shared<recording_listener>();
    config.listener = listener;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        {
            cppcassa::pool pool(io.get_executor(), config);
            const auto answer = co_await pool.execute(version);
            CHECK(answer == "20.1.0");
        }
        const std::vector<std::string> expected{
            "failed " + at(dead),                          // connect refused
            "down " + at(dead),                            // so it sits out its backoff
            "created " + at(dropping.port()),              // the next server
            "out " + at(dropping.port()),                  //
            "in " + at(dropping.port()),                   // it closed the connection mid-call
            "disposed " + at(dropping.port()) + " broken", //
            "down " + at(dropping.port()),                 //
            "created " + at(server.port()),                // the third server answers
            "out " + at(server.port()),                    //
            "in " + at(server.port()),                     //
            "disposed " + at(server.port()) + " pool_closed",
            "closed",
        };
        CHECK(listener->snapshot() == expected);
    });
}

TEST_CASE("the listener sees a downed server marked up when it answers again") {
    asio::io_context io;
    bool healthy = false;
    version_responder responder;
    auto answering = responder.behaviour();
    fake_server server(io.get_executor(), [&](asio::ip::tcp::socket& socket) -> asio::awaitable<void> {
        if (healthy)
            co_await answering(socket);
    });
    auto config = pool_config_for({server.port()});
    config.host_backoff = {.initial = 50ms, .max = 1000ms};
    auto listener = std::make_shared<recording_listener>();
    config.listener = listener;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await cppcassa::test::expect_pool_failure<cppcassa::no_server_available>(pool.execute(version));
        CHECK(listener->count("down ") == 1);
        CHECK(listener->count("up ") == 0);
        healthy = true;
        co_await pause_for(80ms);
        const auto answer = co_await pool.execute(version);
        CHECK(answer == "20.1.0");
        CHECK(listener->count("up " + at(server.port())) == 1);
        // Up already: later successes are not news.
        const auto again = co_await pool.execute(version);
        CHECK(again == "20.1.0");
        CHECK(listener->count("up ") == 1);
    });
}

TEST_CASE("the listener hears that the pool is at its maximum when an operation has to wait") {
    asio::io_context io;
    version_responder live;
    live.hold_until = 2;  // the first call is answered only once the second arrives
    fake_server server(io.get_executor(), live.behaviour());
    auto config = pool_config_for({server.port()});
    config.pool_size = 1;
    config.max_overflow = 0;
    config.max_in_flight = 1;
    auto listener = std::make_shared<recording_listener>();
    config.listener = listener;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        int ended = 0;
        for (int i = 0; i < 2; ++i)
            asio::co_spawn(io, pool.execute(version), [&](std::exception_ptr, std::string) { ++ended; });
        co_await pause_for(100ms);
        CHECK(listener->count("at max") >= 1);
        CHECK(pool.stats().waits >= 1);
        pool.close();
        co_await pause_for(10ms);
        CHECK(ended == 2);
    });
}

TEST_CASE("a listener that throws does not break an operation") {
    struct throwing_listener : cppcassa::pool_listener {
        void checked_out(const std::string&) override { throw std::runtime_error("listener bug"); }
    };
    asio::io_context io;
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    auto config = pool_config_for({server.port()});
    config.listener = std::make_shared<throwing_listener>();
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        const auto answer = co_await pool.execute(version);
        CHECK(answer == "20.1.0");
    });
}

TEST_CASE("per-host counters count retries, checkouts, connects and operations in flight") {
    asio::io_context io;
    cppcassa::test::get_exception_responder<cppcassa::thrift::TimedOutException> timing_out;
    fake_server a(io.get_executor(), timing_out.behaviour());
    fake_server blackhole(io.get_executor(), cppcassa::test::silent);
    auto config = pool_config_for({a.port(), blackhole.port()});
    config.round_robin = false;  // always the first server while it is healthy
    config.max_retries = 2;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        cppcassa::thrift::get_args args;
        args.key = "key";
        args.column_path.column_family = "Standard1";
        auto get = [args](cppcassa::connection& c) { return c.get(args); };
        co_await cppcassa::test::expect_pool_failure<cppcassa::maximum_retry>(pool.execute(get));
        auto stats = pool.stats();
        CHECK(stats.hosts[0].checkouts == 3);  // TimedOut does not mark it down: 3 attempts there
        CHECK(stats.hosts[0].retries == 2);
        CHECK(stats.hosts[0].connects == 1);
        CHECK(stats.hosts[0].in_flight == 0);
        CHECK(stats.hosts[0].open_connections == 1);
        CHECK(stats.hosts[1].checkouts == 0);
        CHECK(stats.checkouts == 3);

        // An operation waiting on the blackhole is in flight there.
        auto only_second = pool_config_for({blackhole.port()});
        cppcassa::pool second(io.get_executor(), only_second);
        bool ended = false;
        asio::co_spawn(io, second.execute(version), [&](std::exception_ptr, std::string) { ended = true; });
        co_await pause_for(50ms);
        stats = second.stats();
        CHECK(stats.hosts[0].in_flight == 1);
        CHECK(stats.hosts[0].connects == 1);
        CHECK(stats.in_use == 1);
        second.close();
        co_await pause_for(10ms);
        CHECK(ended);
    });
}

}  // namespace
