// The braced forms a user writes first, each straight inside a co_await: column lists, key lists
// and option structs built in place. GCC before 13 cannot be trusted with them (some do not
// compile, one destroys a string twice); this file is built under ASan by every compiler the
// README lists as free of that, so the claim is measured on each (test/compilers/CMakeLists.txt).
#include "support/run_coroutine.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>
#include <cppcassa/testing/cluster.hpp>

#include <boost/asio/io_context.hpp>

#include "support/catch.hpp"

#include <chrono>
#include <string>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::run_coroutine;

cppcassa::pool_config pool_for(const cppcassa::testing::cluster& db, std::string keyspace) {
    cppcassa::pool_config c;
    c.servers = db.servers();
    c.keyspace = std::move(keyspace);
    c.prefill = false;
    c.health_check_interval = 0ms;
    return c;
}

// Keyspace "forms" with Standard1 (UTF8 names and values) and Counted (Int32 values).
asio::awaitable<void> create_schema(const cppcassa::testing::cluster& db) {
    cppcassa::system_manager_config config;
    config.pool = pool_for(db, "");
    config.schema_poll_interval = 10ms;
    cppcassa::system_manager sys(co_await asio::this_coro::executor, config);
    co_await sys.create_keyspace(
        "forms", {.strategy_class = "SimpleStrategy", .strategy_options = {{"replication_factor", "1"}}});
    co_await sys.create_column_family("forms", "Standard1",
                                      {.comparator_type = "UTF8Type",
                                       .key_validation_class = "UTF8Type",
                                       .default_validation_class = "UTF8Type"});
    co_await sys.create_column_family("forms", "Counted",
                                      {.comparator_type = "UTF8Type",
                                       .key_validation_class = "UTF8Type",
                                       .default_validation_class = "Int32Type"});
}

std::string text(const cppcassa::value& v) { return v.as<std::string>(); }

}  // namespace

TEST_CASE("column lists, key lists and option structs braced inside co_await", "[braced]") {
    asio::io_context io;
    cppcassa::testing::cluster db(io.get_executor());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        cppcassa::pool pool(co_await asio::this_coro::executor, pool_for(db, "forms"));
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");

        co_await cf.insert("k", {{"a", "b"}});
        co_await cf.insert("k2", {{"a", "c"}, {"b", "d"}});
        co_await cf.insert("k", {{"c", "e"}}, {.ttl = 3600});

        const auto rows = co_await cf.multiget({"k", "k2"});
        REQUIRE(rows.size() == 2);
        CHECK(text(rows.front().key) == "k");
        CHECK(rows["k"].columns.size() == 2);
        CHECK(rows["k2"].columns.size() == 2);

        // A read_options temporary holding a vector.
        const auto picked = co_await cf.get("k2", {.columns = {{"b"}}});
        REQUIRE(picked.columns.size() == 1);
        CHECK(text(picked["b"].value) == "d");

        // A name longer than the small-string buffer in a designated-initialiser temporary: the
        // form GCC 12 destroys twice.
        const std::string long_name(40, 'z');
        const auto sliced = co_await cf.get("k", {.column_finish = long_name, .column_count = 2});
        CHECK(sliced.columns.size() == 2);
        CHECK(text(sliced.columns.front().name) == "a");

        // A bare number: pycassa's tutorial's `{'age': 42}`.
        auto counted = co_await cppcassa::column_family::open(pool, "Counted");
        co_await counted.insert("jim", {{"age", 42}});
        const auto jim = co_await counted.get("jim", {.columns = {{"age"}}});
        REQUIRE(jim.columns.size() == 1);
        CHECK(jim["age"].value.as<std::int32_t>() == 42);
    });
}
