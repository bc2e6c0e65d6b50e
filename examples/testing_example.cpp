// Testing your own code with cppcassa::testing: an embedded Cassandra (Thrift) in the test
// process, so tests start in milliseconds, need no JVM, and can make a node fail on demand.
//
// The code under test (`record_visit`) is ordinary cppcassa code; the test gives it a pool
// pointing at the embedded nodes instead of a real cluster.
// Catch2 3 (Debian 13) or Catch2 2 (Debian 12): the same test macros either way.
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#endif

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>
#include <cppcassa/testing/cluster.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>

#include <chrono>
#include <exception>
#include <string>

namespace asio = boost::asio;
using namespace std::chrono_literals;

// ---- the application code being tested ----

asio::awaitable<void> record_visit(cppcassa::pool& pool, std::string user, std::string page) {
    auto visits = co_await cppcassa::column_family::open(pool, "Visits");
    const cppcassa::column_values columns{{page, "1"}};
    co_await visits.insert(std::move(user), columns);
}

// ---- test helpers ----

// Runs a coroutine to completion on `io`, rethrowing what it threw.
template <class F>
void run(asio::io_context& io, F body) {
    std::exception_ptr failure;
    asio::co_spawn(io, body(), [&](std::exception_ptr e) {
        failure = e;
        io.stop();
    });
    io.run();
    io.restart();
    if (failure)
        std::rethrow_exception(failure);
}

// The schema the application expects, created with the client's own system_manager.
asio::awaitable<void> create_schema(const cppcassa::testing::cluster& db) {
    auto executor = co_await asio::this_coro::executor;
    cppcassa::system_manager_config config;
    config.pool.servers = db.servers();
    cppcassa::system_manager sys(executor, config);
    const cppcassa::keyspace_options simple{.strategy_class = "SimpleStrategy",
                                            .strategy_options = {{"replication_factor", "1"}}};
    co_await sys.create_keyspace("app", simple);
    const cppcassa::column_family_options text{.comparator_type = "UTF8Type",
                                               .key_validation_class = "UTF8Type",
                                               .default_validation_class = "UTF8Type"};
    co_await sys.create_column_family("app", "Visits", text);
}

cppcassa::pool_config pool_config_for(const cppcassa::testing::cluster& db) {
    cppcassa::pool_config config;
    config.servers = db.servers();  // "127.0.0.1:<ephemeral port>" per node
    config.keyspace = "app";
    config.call_timeout = 500ms;
    config.max_retries = 0;  // show the node's error instead of retrying it away
    return config;
}

TEST_CASE("a visit is recorded under the user's row") {
    asio::io_context io;
    cppcassa::testing::cluster db(io.get_executor());  // one node, listening already
    run(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        cppcassa::pool pool(io.get_executor(), pool_config_for(db));
        co_await record_visit(pool, "alice", "/home");

        auto visits = co_await cppcassa::column_family::open(pool, "Visits");
        const auto row = co_await visits.get("alice");
        REQUIRE(row.columns.size() == 1);
        CHECK(row.columns.begin()->name.as<std::string>() == "/home");
        pool.close();
    });
}

TEST_CASE("a write timing out on the server reaches the caller as cppcassa::timed_out") {
    asio::io_context io;
    cppcassa::testing::cluster db(io.get_executor());
    run(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        // Every Thrift insert (what column_family::insert of one column sends) now answers
        // TimedOutException, as an overloaded Cassandra would.
        db[0].fail_calls("insert", cppcassa::testing::injected_failure::timed_out, 0);
        cppcassa::pool pool(io.get_executor(), pool_config_for(db));
        bool timed_out = false;
        try {
            co_await record_visit(pool, "bob", "/cart");
        } catch (const cppcassa::error&) {
            timed_out = true;  // cppcassa::timed_out, or maximum_retry wrapping it
        }
        CHECK(timed_out);
        pool.close();
    });
}
