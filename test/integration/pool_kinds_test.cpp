// Each pool kind (pool_config::kind) against the real node the launcher started: writes and
// reads back, the assertion pool's failure, the null pool's failover, per-thread with 4 threads.
#include "support/column_c.hpp"
#include "support/per_thread_pool.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <atomic>
#include <future>
#include <string>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::run_coroutine;

cppcassa::pool_config real_node(cppcassa::pool_kind kind) {
    const auto server = cppcassa::test::real_server();
    cppcassa::pool_config config;
    config.kind = kind;
    config.servers = {fmt::format("{}:{}", server.host, server.port)};
    config.keyspace = cppcassa::test::test_keyspace;
    return config;
}

asio::awaitable<void> ensure_keyspace() {
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::connection setup(executor, cppcassa::test::real_server_config());
    co_await setup.connect();
    co_await cppcassa::test::ensure_test_keyspace(setup);
}

asio::awaitable<void> write(cppcassa::pool& pool, const std::string& key, const std::string& value) {
    const auto insert = cppcassa::test::insert_c(key, value);
    auto op = [insert](cppcassa::connection& c) { return c.insert(insert); };
    co_await pool.execute(op);
}

asio::awaitable<std::string> read(cppcassa::pool& pool, const std::string& key) {
    const auto get = cppcassa::test::get_c(key);
    auto op = [get](cppcassa::connection& c) { return c.get(get); };
    const auto got = co_await pool.execute(op);
    co_return got.column && got.column->value ? *got.column->value : std::string();
}

// Writes `count` keys one after another and reads each back.
asio::awaitable<int> round_trips(cppcassa::pool& pool, const std::string& run, int count) {
    int matched = 0;
    for (int i = 0; i < count; ++i) {
        const auto key = fmt::format("{}-{}", run, i);
        const auto value = fmt::format("value {}", i);
        co_await write(pool, key, value);
        const auto back = co_await read(pool, key);
        matched += back == value ? 1 : 0;
    }
    co_return matched;
}

std::string run_name(cppcassa::pool_kind kind) {
    return fmt::format("kind{}-{}", static_cast<int>(kind), cppcassa::test::now_micros());
}

TEST_CASE("every pool kind writes and reads back through the real node") {
    for (const auto kind : {cppcassa::pool_kind::queue, cppcassa::pool_kind::static_connection,
                            cppcassa::pool_kind::null, cppcassa::pool_kind::assertion,
                            cppcassa::pool_kind::per_thread}) {
        INFO("kind " << static_cast<int>(kind));
        run_coroutine([kind]() -> asio::awaitable<void> {
            co_await ensure_keyspace();
            cppcassa::pool pool(co_await asio::this_coro::executor, real_node(kind));
            const int matched = co_await round_trips(pool, run_name(kind), 10);
            CHECK(matched == 10);
            const auto stats = pool.stats();
            CHECK(stats.succeeded == 20);
            CHECK(stats.failed == 0);
            if (kind == cppcassa::pool_kind::null) {
                CHECK(stats.connections_opened == 20);
                CHECK(stats.open_connections == 0);
            }
            if (kind == cppcassa::pool_kind::static_connection || kind == cppcassa::pool_kind::assertion ||
                kind == cppcassa::pool_kind::per_thread)
                CHECK(stats.connections_opened == 1);
        });
    }
}

TEST_CASE("an assertion pool against the real node rejects an operation started while another runs") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto config = real_node(cppcassa::pool_kind::assertion);
        config.prefill = false;  // the awaited operation below opens the connection itself
        cppcassa::pool pool(executor, config);
        // Two operations at once: whichever asks second (while the first connects) is rejected.
        std::exception_ptr spawned;
        bool spawned_done = false;
        auto version = [](cppcassa::connection& c) { return c.describe_version(); };
        asio::co_spawn(executor, pool.execute(version), [&](std::exception_ptr e, std::string) {
            spawned = e;
            spawned_done = true;
        });
        std::exception_ptr awaited;
        try {
            co_await pool.execute(version);
        } catch (...) {
            awaited = std::current_exception();
        }
        for (int i = 0; i < 100 && !spawned_done; ++i) {
            asio::steady_timer pause(executor, 10ms);
            co_await pause.async_wait(asio::use_awaitable);
        }
        REQUIRE(spawned_done);
        REQUIRE((!awaited != !spawned));  // exactly one failed
        CHECK_THROWS_AS(std::rethrow_exception(awaited ? awaited : spawned), cppcassa::pool_assertion_failed);
        // One after another is fine.
        const auto again = co_await pool.execute(version);
        CHECK(again == cppcassa::test::expected_api_version());
        CHECK(pool.stats().failed == 1);
        CHECK(pool.stats().connections_opened == 1);
    });
}

TEST_CASE("a null pool fails over from a dead port to the real node") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto config = real_node(cppcassa::pool_kind::null);
        config.servers.insert(config.servers.begin(),
                              fmt::format("127.0.0.1:{}", cppcassa::test::closed_port(executor)));
        cppcassa::pool pool(executor, config);
        const int matched = co_await round_trips(pool, run_name(cppcassa::pool_kind::null), 5);
        CHECK(matched == 5);
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK_FALSE(stats.hosts[0].up);
        CHECK(stats.failovers == 1);
        CHECK(stats.hosts[1].operations == 10);
        CHECK(stats.connections_opened == 10);
        CHECK(stats.open_connections == 0);
    });
}

TEST_CASE("a per-thread pool serves an io_context run by 4 threads against the real node") {
    asio::io_context setup_io;
    cppcassa::test::run_coroutine(setup_io, ensure_keyspace);

    cppcassa::test::io_threads pool_threads(4);
    auto& io = pool_threads.io;

    const int count = 40;
    const auto run = run_name(cppcassa::pool_kind::per_thread);
    std::atomic<int> matched{0};
    std::atomic<int> ended{0};
    std::promise<void> all_ended;
    cppcassa::pool_stats stats;
    {
        cppcassa::pool pool(io.get_executor(), real_node(cppcassa::pool_kind::per_thread));
        for (int i = 0; i < count; ++i)
            asio::co_spawn(
                io,
                [&pool, &run, i]() -> asio::awaitable<bool> {
                    const auto key = fmt::format("{}-{}", run, i);
                    const auto value = fmt::format("value {}", i);
                    co_await write(pool, key, value);
                    const auto back = co_await read(pool, key);
                    co_return back == value;
                },
                [&](std::exception_ptr e, bool same) {
                    if (!e && same)
                        ++matched;
                    if (++ended == count)
                        all_ended.set_value();
                });
        REQUIRE(all_ended.get_future().wait_for(30s) == std::future_status::ready);
        stats = cppcassa::test::stats_on_strand(pool);
        cppcassa::test::close_on_strand(pool);
    }
    pool_threads.stop();

    CHECK(matched == count);
    CHECK(stats.succeeded == 2 * count);
    CHECK(stats.failed == 0);
    CHECK(stats.connections_opened >= 1);
    CHECK(stats.connections_opened <= 4);  // one per calling thread at most
    CHECK(stats.in_use == 0);
}

}  // namespace
