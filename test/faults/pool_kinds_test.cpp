// The pool kinds (pool_config::kind) facing scripted peers: static, null, assertion, per-thread.
// The queue pool, the default, is pool_faults_test.cpp's subject.
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/per_thread_pool.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "support/catch.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::closed_port;
using cppcassa::test::expect_pool_failure;
using cppcassa::test::expect_versions;
using cppcassa::test::fake_server;
using cppcassa::test::one_live_peer;
using cppcassa::test::pause_for;
using cppcassa::test::pool_config_for;
using cppcassa::test::run_coroutine;
using cppcassa::test::version_responder;

using cppcassa::test::version;

// Starts `count` operations at once and waits until every one has ended.
asio::awaitable<int> run_concurrently(cppcassa::pool& pool, int count) {
    int answered = 0;
    int ended = 0;
    for (int i = 0; i < count; ++i)
        asio::co_spawn(co_await asio::this_coro::executor, pool.execute(version),
                       [&](std::exception_ptr e, std::string v) {
                           answered += (!e && v == "20.1.0") ? 1 : 0;
                           ++ended;
                       });
    for (int i = 0; i < 400 && ended < count; ++i)
        co_await pause_for(5ms);
    co_return answered;
}

TEST_CASE("a static pool pipelines every operation on its one connection") {
    asio::io_context io;
    one_live_peer peer(io.get_executor());
    peer.live.hold_until = 5;  // answers only once 5 requests wait: proves they share the connection
    peer.config.kind = cppcassa::pool_kind::static_connection;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), peer.config);
        const int answered = co_await run_concurrently(pool, 20);
        CHECK(answered == 20);
        const auto stats = pool.stats();
        CHECK(stats.connections_opened == 1);
        CHECK(stats.open_connections == 1);
        CHECK(peer.live.connections == 1);
        CHECK(peer.live.most_waiting == 5);
        CHECK(stats.in_use == 0);
    });
}

TEST_CASE("a static pool replaces its connection on another server when its server fails") {
    asio::io_context io;
    cppcassa::test::drop_after_request dropper;
    fake_server a(io.get_executor(), dropper.behaviour());
    version_responder live;
    fake_server b(io.get_executor(), live.behaviour());
    auto config = pool_config_for({a.port(), b.port()});
    config.kind = cppcassa::pool_kind::static_connection;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool, 4);
        const auto stats = pool.stats();
        CHECK(stats.failovers == 1);
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.connections_opened == 2);
        CHECK(stats.open_connections == 1);
        CHECK(live.connections == 1);
        CHECK(live.calls == 4);
    });
}

TEST_CASE("a null pool opens a connection per operation and closes it after") {
    asio::io_context io;
    one_live_peer peer(io.get_executor());
    peer.config.kind = cppcassa::pool_kind::null;
    peer.config.prefill = true;  // ignored: nothing is pooled
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), peer.config);
        for (int i = 0; i < 5; ++i) {
            const auto answer = co_await pool.execute(version);
            CHECK(answer == "20.1.0");
            CHECK(pool.stats().open_connections == 0);
        }
        const auto stats = pool.stats();
        CHECK(stats.connections_opened == 5);
        CHECK(stats.connections_closed == 5);
        CHECK(peer.live.connections == 5);
    });
}

TEST_CASE("a null pool fails over from a dead server to a live one") {
    asio::io_context io;
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    auto config = pool_config_for({closed_port(io.get_executor()), server.port()});
    config.kind = cppcassa::pool_kind::null;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool, 3);
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.failovers == 1);
        CHECK(stats.hosts[1].operations == 3);
        CHECK(stats.open_connections == 0);
    });
}

TEST_CASE("an assertion pool serves operations one after another on one connection") {
    asio::io_context io;
    one_live_peer peer(io.get_executor());
    peer.config.kind = cppcassa::pool_kind::assertion;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), peer.config);
        co_await expect_versions(pool, 3);
        CHECK(pool.stats().connections_opened == 1);
        CHECK(pool.stats().failed == 0);
    });
}

TEST_CASE("an assertion pool rejects a second concurrent operation with pool_assertion_failed") {
    asio::io_context io;
    fake_server blackhole(io.get_executor(), cppcassa::test::silent);
    auto config = pool_config_for({blackhole.port()});
    config.kind = cppcassa::pool_kind::assertion;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        bool first_done = false;
        asio::co_spawn(io, pool.execute(version), [&](std::exception_ptr, std::string) { first_done = true; });
        co_await pause_for(50ms);  // the first operation holds the connection, awaiting its reply
        const auto e = co_await expect_pool_failure<cppcassa::pool_assertion_failed>(pool.execute(version));
        CHECK(std::string(e.what()).find("assertion pool") != std::string::npos);
        CHECK(std::string(e.what()).find(fmt::format("127.0.0.1:{}", blackhole.port())) != std::string::npos);
        CHECK_FALSE(e.retryable());
        CHECK_FALSE(first_done);
        const auto stats = pool.stats();
        CHECK(stats.failed == 1);
        CHECK(stats.retries == 0);
        CHECK(stats.connections_opened == 1);
        CHECK(stats.in_use == 1);
        pool.close();
        co_await pause_for(10ms);
        CHECK(first_done);
    });
}

TEST_CASE("a per-thread pool on an io_context run by 4 threads gives each calling thread one connection") {
    // The scripted server runs on a thread of its own: its counters are not shared with the pool's threads.
    asio::io_context server_io;
    version_responder live;
    fake_server server(server_io.get_executor(), live.behaviour());
    auto server_work = asio::make_work_guard(server_io);
    std::thread server_thread([&] { server_io.run(); });

    cppcassa::test::io_threads pool_threads(4);
    auto& io = pool_threads.io;

    auto config = pool_config_for({server.port()});
    config.kind = cppcassa::pool_kind::per_thread;
    const int count = 80;
    std::atomic<int> answered{0};
    std::atomic<int> ended{0};
    std::mutex mutex;
    std::set<std::thread::id> callers;
    std::promise<void> all_ended;
    cppcassa::pool_stats stats;
    {
        cppcassa::pool pool(io.get_executor(), config);
        for (int i = 0; i < count; ++i)
            asio::co_spawn(
                io,
                [&]() -> asio::awaitable<std::string> {
                    {
                        const std::lock_guard lock(mutex);
                        callers.insert(std::this_thread::get_id());
                    }
                    co_return co_await pool.execute(version);
                },
                [&](std::exception_ptr e, std::string v) {
                    if (!e && v == "20.1.0")
                        ++answered;
                    if (++ended == count)
                        all_ended.set_value();
                });
        REQUIRE(all_ended.get_future().wait_for(20s) == std::future_status::ready);
        // stats() of a per-thread pool is read on its strand.
        stats = cppcassa::test::stats_on_strand(pool);
        cppcassa::test::close_on_strand(pool);
    }
    pool_threads.stop();
    server_work.reset();
    server_io.stop();
    server_thread.join();

    CHECK(answered == count);
    CHECK(stats.succeeded == static_cast<std::uint64_t>(count));
    INFO("calling threads: " << callers.size());
    CHECK(callers.size() >= 1);
    CHECK(callers.size() <= 4);
    CHECK(stats.connections_opened == callers.size());
    CHECK(stats.open_connections == callers.size());
    CHECK(live.connections == callers.size());
    CHECK(stats.in_use == 0);
}

}  // namespace
