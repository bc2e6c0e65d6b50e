// Requests too large for the server against the real node: refused before they are sent, with
// an error that says so, without taking any server out of the pool; a batch's oversized mutation
// reported alone while the rest is written; a value just under the limit written and read back.
#include "integration/batch_keyspace.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <optional>
#include <string>

namespace {

namespace asio = boost::asio;
using cppcassa::test::batch_keyspace;
using cppcassa::test::batch_pool_config;
using cppcassa::test::ensure_batch_keyspace;
using cppcassa::test::run_coroutine;

constexpr std::size_t mib = 1024 * 1024;

// Two entries for the one node: a failover would have somewhere to go, and marking a server down
// for the request's fault would show on either. (Not "localhost": that is 127.0.0.1, another
// cluster's node when the launcher runs on another CPPCASSA_NET.)
cppcassa::pool_config two_servers() {
    auto config = batch_pool_config();
    const auto server = cppcassa::test::real_server();
    const auto endpoint = fmt::format("{}:{}", server.host, server.port);
    config.servers = {endpoint, endpoint};
    return config;
}

std::uint64_t times_marked_down(const cppcassa::pool& pool) {
    std::uint64_t n = 0;
    for (const auto& host : pool.stats().hosts)
        n += host.marked_down;
    return n;
}

}  // namespace

TEST_CASE("a 20 MiB insert is refused before it is sent, marks no server down, and the next call succeeds at once") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, two_servers());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = cppcassa::test::fresh_key("too_large");
        const cppcassa::column_values huge{{"blob", std::string(20 * mib, 'x')}};

        std::optional<cppcassa::request_too_large> caught;
        try {
            co_await cf.insert(key, huge);
        } catch (const cppcassa::request_too_large& e) {
            caught = e;
        }
        REQUIRE(caught);
        CHECK(caught->method == "insert");
        CHECK(caught->size > 20 * mib);
        CHECK(caught->limit == 15 * mib);
        CHECK_THAT(std::string(caught->what()), Catch::Contains("not sent") && Catch::Contains("request_limit"));
        CHECK_FALSE(caught->retryable());
        CHECK(times_marked_down(pool) == 0);
        for (const auto& host : pool.stats().hosts)
            CHECK(host.up);

        const cppcassa::column_values small{{"n", "1"}};
        co_await cf.insert(key, small);
        const auto row = co_await cf.get(key);
        CHECK(row["n"].as<std::string>() == "1");
        CHECK(times_marked_down(pool) == 0);
    });
}

TEST_CASE("a value just under the request limit is written and read back whole") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = cppcassa::test::fresh_key("just_under");
        std::string value(15 * mib - 4096, 'y');
        value.back() = 'z';
        const cppcassa::column_values columns{{"blob", value}};
        co_await cf.insert(key, columns);
        const auto row = co_await cf.get(key);
        const auto back = row["blob"].as<std::string>();
        CHECK(back.size() == value.size());
        CHECK(back == value);
    });
}

TEST_CASE("a batch reports its one oversized mutation as unapplied with request_too_large and writes the rest") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, two_servers());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto prefix = cppcassa::test::fresh_key("batch_too_large");
        cppcassa::batch_options options;
        options.queue_size = 100;
        auto b = cppcassa::make_batch(cf, options);
        const cppcassa::column_values small{{"n", "1"}};
        const cppcassa::column_values huge{{"blob", std::string(16 * mib, 'x')}, {"n", "2"}};
        for (int i = 0; i < 5; ++i)
            b.insert(fmt::format("{}_{}", prefix, i), small);
        const std::string big_key = prefix + "_big";
        b.insert(big_key, huge);
        for (int i = 5; i < 10; ++i)
            b.insert(fmt::format("{}_{}", prefix, i), small);

        std::optional<cppcassa::batch_error> caught;
        try {
            co_await b.send_all();
        } catch (const cppcassa::batch_error& e) {
            caught = e;
        }
        REQUIRE(caught);
        CHECK_THROWS_AS(std::rethrow_exception(caught->cause), cppcassa::request_too_large);
        // Exactly the oversized column: it is alone in its batch_mutate (over max_batch_bytes).
        CHECK(caught->unapplied_count() == 1);
        REQUIRE(caught->unapplied.count(big_key) == 1);
        const auto& lost = caught->unapplied.at(big_key).at("Standard1");
        REQUIRE(lost.size() == 1);
        CHECK(lost.front().column_or_supercolumn->column->name == "blob");
        CHECK(lost.front().column_or_supercolumn->column->value->size() == 16 * mib);
        CHECK(times_marked_down(pool) == 0);

        for (int i = 0; i < 10; ++i) {
            const auto row = co_await cf.get(fmt::format("{}_{}", prefix, i));
            CHECK(row["n"].as<std::string>() == "1");
        }
        // The big row's other column was sent in the next batch_mutate.
        const auto big = co_await cf.get(big_key);
        CHECK(big.size() == 1);
        CHECK(big["n"].as<std::string>() == "2");
    });
}
