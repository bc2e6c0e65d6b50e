// cppcassa::pool against the real Cassandra the launcher started, with dead servers beside it.
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using cppcassa::test::run_coroutine;

// Two refused ports, then the launcher's node.
cppcassa::pool_config pool_with_dead_servers(asio::any_io_executor executor) {
    const auto server = cppcassa::test::real_server();
    cppcassa::pool_config config;
    config.servers = {fmt::format("127.0.0.1:{}", cppcassa::test::closed_port(executor)),
                      fmt::format("127.0.0.1:{}", cppcassa::test::closed_port(executor)),
                      fmt::format("{}:{}", server.host, server.port)};
    config.keyspace = cppcassa::test::test_keyspace;
    return config;
}

TEST_CASE("a pool with two dead servers and the real node inserts and reads back through failover") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        {
            cppcassa::connection setup(executor, cppcassa::test::real_server_config());
            co_await setup.connect();
            co_await cppcassa::test::ensure_test_keyspace(setup);
        }
        cppcassa::pool pool(executor, pool_with_dead_servers(executor));
        const auto run = fmt::format("pool-{}", cppcassa::test::now_micros());
        for (int i = 0; i < 20; ++i) {
            thrift::insert_args write;
            write.key = fmt::format("{}-{}", run, i);
            write.column_parent.column_family = "Standard1";
            write.column.name = "c";
            write.column.value = fmt::format("value {}", i);
            write.column.timestamp = cppcassa::test::now_micros();
            auto insert = [write](cppcassa::connection& c) { return c.insert(write); };
            co_await pool.execute(insert);
        }
        for (int i = 0; i < 20; ++i) {
            thrift::get_args read;
            read.key = fmt::format("{}-{}", run, i);
            read.column_path.column_family = "Standard1";
            read.column_path.column = std::string("c");
            auto get = [read](cppcassa::connection& c) { return c.get(read); };
            const auto got = co_await pool.execute(get);
            REQUIRE(got.column);
            CHECK(got.column->value == fmt::format("value {}", i));
        }
        const auto stats = pool.stats();
        CHECK(stats.succeeded == 40);
        CHECK(stats.failed == 0);
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.hosts[1].marked_down == 1);
        CHECK_FALSE(stats.hosts[0].up);
        CHECK_FALSE(stats.hosts[1].up);
        CHECK(stats.hosts[2].operations == 40);
        CHECK(stats.hosts[2].up);
    });
}

TEST_CASE("a missing column through the pool is not_found at once, not retried") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        {
            // The keyspace of its own: run alone (or on a fresh server) nothing created it yet.
            cppcassa::connection setup(executor, cppcassa::test::real_server_config());
            co_await setup.connect();
            co_await cppcassa::test::ensure_test_keyspace(setup);
        }
        cppcassa::pool pool(executor, pool_with_dead_servers(executor));
        thrift::get_args read;
        read.key = "no-such-row-for-the-pool";
        read.column_path.column_family = "Standard1";
        read.column_path.column = std::string("c");
        // Each attempt on a connection records how it ended. Attempts before the not_found may
        // end otherwise (a slow node's timed_out, retried as it should be); after it, none run.
        auto outcomes = std::make_shared<std::vector<std::string>>();
        auto get = [read, outcomes](cppcassa::connection& c) -> asio::awaitable<thrift::ColumnOrSuperColumn> {
            try {
                auto got = co_await c.get(read);
                outcomes->push_back("found");
                co_return got;
            } catch (const cppcassa::not_found&) {
                outcomes->push_back("not_found");
                throw;
            } catch (const std::exception& e) {
                outcomes->push_back(e.what());
                throw;
            }
        };
        try {
            co_await pool.execute(get);
            FAIL("a missing column was found");
        } catch (const cppcassa::not_found&) {
        }
        // Connect failures on the dead servers may come first; once the real node answered
        // not_found, the operation ended: no attempt after it, and the node is still up.
        const auto stats = pool.stats();
        INFO("attempts on the real node: " << fmt::format("{}", fmt::join(*outcomes, " | ")));
        REQUIRE_FALSE(outcomes->empty());
        CHECK(outcomes->back() == "not_found");
        CHECK(std::count(outcomes->begin(), outcomes->end(), "not_found") == 1);
        CHECK(stats.hosts[2].operations == outcomes->size());
        CHECK(stats.hosts[2].up);
        CHECK(stats.failed == 1);
    });
}

TEST_CASE("a pool whose keyspace does not exist fails with invalid_request, not a retry loop") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        const auto server = cppcassa::test::real_server();
        cppcassa::pool_config config;
        config.servers = {fmt::format("{}:{}", server.host, server.port)};
        config.keyspace = "no_such_keyspace_for_the_pool";
        config.prefill = false;
        cppcassa::pool pool(executor, config);
        auto version = [](cppcassa::connection& c) { return c.describe_version(); };
        try {
            co_await pool.execute(version);
            FAIL("a missing keyspace was accepted");
        } catch (const cppcassa::invalid_request& e) {
            CHECK(e.why.find("no_such_keyspace_for_the_pool") != std::string::npos);
        }
        CHECK(pool.stats().retries == 0);
        CHECK(pool.stats().hosts[0].up);
    });
}

}  // namespace
