// column_family writes against the real Cassandra: timestamps and the clock, ttl expiry,
// batch_insert, every form of remove (a column range included), truncate, counters.
#include "integration/column_family_keyspace.hpp"
#include "support/row_checks.hpp"
#include "support/run_coroutine.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::value;
using cppcassa::test::run_coroutine;
using cppcassa::test::names;
using cppcassa::test::is_missing;

}  // namespace

TEST_CASE("writes use the explicit timestamp or the replaceable clock, and older writes lose") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = cppcassa::test::fresh_key("ts");
        cppcassa::write_options at_1000;
        at_1000.timestamp = 1000;
        const cppcassa::column_values newer{{"c", "newer"}};
        const auto written = co_await cf.insert(key, newer, at_1000);
        CHECK(written == 1000);
        cppcassa::write_options at_500;
        at_500.timestamp = 500;
        const cppcassa::column_values older{{"c", "older"}};
        co_await cf.insert(key, older, at_500);
        const auto r = co_await cf.get(key);
        CHECK(r["c"].as<std::string>() == "newer");
        CHECK(r["c"].timestamp == 1000);

        std::int64_t ticks = 2000;
        cf.set_clock([&ticks] { return ticks++; });
        const cppcassa::column_values latest{{"c", "latest"}, {"d", "D"}};
        const auto clocked = co_await cf.insert(key, latest);
        CHECK(clocked == 2000);
        const auto after = co_await cf.get(key);
        CHECK(after["c"].as<std::string>() == "latest");
        CHECK(after["d"].timestamp == 2000);
        // A removal at the clock's next tick (2001) deletes what was written at 2000.
        co_await cf.remove(key);
        const auto gone = co_await is_missing(cf, key);
        CHECK(gone);
    });
}

TEST_CASE("columns written with a ttl report it and expire after it") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = cppcassa::test::fresh_key("ttl");
        // Long enough that the first read comes before expiry on a loaded machine (1 s did not).
        cppcassa::write_options four_seconds;
        four_seconds.ttl = 4;
        const cppcassa::column_values brief{{"brief", "soon gone"}};
        co_await cf.insert(key, brief, four_seconds);
        const cppcassa::column_values lasting{{"lasting", "stays"}};
        co_await cf.insert(key, lasting);
        const auto fresh = co_await cf.get(key);
        CHECK(fresh["brief"].ttl == 4);
        CHECK_FALSE(fresh["lasting"].ttl);

        asio::steady_timer wait(executor, std::chrono::milliseconds(4600));
        co_await wait.async_wait(asio::use_awaitable);
        const auto later = co_await cf.get(key);
        CHECK(names(later.columns) == std::vector<std::string>{"lasting"});
    });
}

TEST_CASE("batch_insert writes several rows of a standard and of a super column family") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto k1 = cppcassa::test::fresh_key("b1");
        const auto k2 = cppcassa::test::fresh_key("b2");
        const cppcassa::row_values rows{{k1, {{"x", "1"}, {"y", "2"}}}, {k2, {{"x", "3"}}}};
        cppcassa::write_options at;
        at.timestamp = 4242;
        const auto timestamp = co_await cf.batch_insert(rows, at);
        CHECK(timestamp == 4242);
        const std::vector<value> keys{k1, k2};
        const auto read = co_await cf.multiget(keys);
        REQUIRE(read.size() == 2);
        CHECK(read[k1]["y"].as<std::string>() == "2");
        CHECK(read[k2]["x"].as<std::string>() == "3");
        CHECK(read[k2]["x"].timestamp == 4242);

        auto super = co_await cppcassa::column_family::open(pool, "Super1");
        const cppcassa::super_row_values super_rows{{k1, {{"s", {{"a", "A"}}}}}, {k2, {{"t", {{"b", "B"}}}}}};
        co_await super.batch_insert(super_rows);
        const auto s2 = co_await super.get(k2);
        CHECK(s2.super("t")["b"].as<std::string>() == "B");

        // Each form refuses the other kind of column family before sending anything.
        auto standard_rows = super.batch_insert(rows);
        const auto standard_rows_refused = co_await cppcassa::test::usage_code_of(std::move(standard_rows));
        CHECK(standard_rows_refused == cppcassa::client_errc::wrong_column_family_kind);
        bool super_rows_refused = false;
        try {
            co_await cf.batch_insert(super_rows);
        } catch (const cppcassa::usage_error& e) {
            super_rows_refused = e.code == cppcassa::client_errc::wrong_column_family_kind &&
                                 std::string(e.what()).find("standard column family") != std::string::npos;
        }
        CHECK(super_rows_refused);
    });
}

TEST_CASE("a column list written inline in insert is copied before the call returns, numbers and super columns alike") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = cppcassa::test::fresh_key("inline");
        // Each list's array ends with its statement, before the insert runs: under ASan a call
        // that kept a reference to it would read freed stack. (Awaited apart, as GCC 12 needs.)
        auto bare_number = cf.insert(key, {{"age", 42}});
        co_await std::move(bare_number);
        cppcassa::write_options at;
        at.timestamp = 77;
        auto two_columns = cf.insert(key, {{"name", "Jim"}, {"city", "Oslo"}}, at);
        co_await std::move(two_columns);
        const auto row = co_await cf.get(key);
        CHECK(row["age"].value.as<std::int64_t>() == 42);  // LongType: the bare int packed as a long
        CHECK(row["name"].as<std::string>() == "Jim");
        CHECK(row["city"].timestamp == 77);

        auto super = co_await cppcassa::column_family::open(pool, "Super1");
        auto one_sub_column = super.insert(key, {{"s", {{"a", "A"}}}});
        co_await std::move(one_sub_column);
        auto two_super_columns = super.insert(key, {{"s", {{"b", "B"}}}, {"t", {{"c", "C"}, {"d", "D"}}}}, at);
        co_await std::move(two_super_columns);
        const auto read = co_await super.get(key);
        REQUIRE(read.super_columns.size() == 2);
        CHECK(names(read.super("s").columns) == std::vector<std::string>{"a", "b"});
        CHECK(read.super("t")["d"].as<std::string>() == "D");
    });
}

TEST_CASE("remove deletes columns by name, column ranges, super columns and sub-columns by name") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = cppcassa::test::fresh_key("rm");
        const cppcassa::column_values columns{{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}, {"e", "E"}, {"f", "F"}};
        co_await cf.insert(key, columns);

        cppcassa::remove_options by_name;
        by_name.columns = std::vector<value>{"a", "f"};
        co_await cf.remove(key, by_name);
        const auto named = co_await cf.get(key);
        CHECK(names(named.columns) == std::vector<std::string>{"b", "c", "d", "e"});

        // A range tombstone through Thrift (pycassa never offered it).
        cppcassa::remove_options by_range;
        by_range.range = cppcassa::column_range{"c", "d"};
        co_await cf.remove(key, by_range);
        const auto ranged = co_await cf.get(key);
        CHECK(names(ranged.columns) == std::vector<std::string>{"b", "e"});

        auto super = co_await cppcassa::column_family::open(pool, "Super1");
        const auto skey = cppcassa::test::fresh_key("srm");
        const cppcassa::super_column_values supers{{"1", {{"p", "P"}, {"q", "Q"}, {"r", "R"}, {"s", "S"}}},
                                                   {"2", {{"p", "P"}}},
                                                   {"3", {{"p", "P"}}}};
        co_await super.insert(skey, supers);
        cppcassa::remove_options sub_names;
        sub_names.super_column = "1";
        sub_names.columns = std::vector<value>{"q"};
        co_await super.remove(skey, sub_names);
        // No line deletes a range of sub-columns (3.0 and later refuse it, 2.x misses the
        // range): refused before anything is sent, on every line (docs/server_versions.md).
        cppcassa::remove_options sub_range;
        sub_range.super_column = "1";
        sub_range.range = cppcassa::column_range{"r", "s"};
        auto remove_range = super.remove(skey, sub_range);
        const auto refused = co_await cppcassa::test::usage_code_of(std::move(remove_range));
        CHECK(refused == cppcassa::client_errc::not_supported);
        cppcassa::remove_options sub_names2;
        sub_names2.super_column = "1";
        sub_names2.columns = std::vector<value>{"r", "s"};
        co_await super.remove(skey, sub_names2);
        cppcassa::remove_options whole;
        whole.super_column = "2";
        co_await super.remove(skey, whole);
        const auto left = co_await super.get(skey);
        REQUIRE(left.super_columns.size() == 2);
        CHECK(names(left.super("1").columns) == std::vector<std::string>{"p"});
        CHECK(left.super_columns.back().name.as<std::string>() == "3");

        // A range of whole super columns (no super_column given).
        cppcassa::remove_options super_range;
        super_range.range = cppcassa::column_range{"2", "3"};
        co_await super.remove(skey, super_range);
        const auto first_only = co_await super.get(skey);
        REQUIRE(first_only.super_columns.size() == 1);
        CHECK(first_only.super_columns.front().name.as<std::string>() == "1");

        // The wrong shape for the column family is refused before anything is sent.
        const cppcassa::column_values flat{{"p", "P"}};
        auto flat_into_super = super.insert(skey, flat);
        const auto wrong_shape = co_await cppcassa::test::usage_code_of(std::move(flat_into_super));
        CHECK(wrong_shape == cppcassa::client_errc::wrong_column_family_kind);

        co_await cf.remove(key);
        const auto gone = co_await is_missing(cf, key);
        CHECK(gone);
    });
}

TEST_CASE("truncate removes every row of the column family") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Truncated");
        const auto k1 = cppcassa::test::fresh_key("t1");
        const auto k2 = cppcassa::test::fresh_key("t2");
        const cppcassa::row_values rows{{k1, {{"x", "1"}}}, {k2, {{"x", "2"}}}};
        co_await cf.batch_insert(rows);
        const std::vector<value> keys{k1, k2};
        const auto before = co_await cf.multiget(keys);
        CHECK(before.size() == 2);
        co_await cf.truncate();
        const auto after = co_await cf.multiget(keys);
        CHECK(after.empty());
    });
}

TEST_CASE("counters are added to, read back and removed, in standard and super column families") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Counter1");
        CHECK(cf.types().is_counter());
        const auto key = cppcassa::test::fresh_key("hits");
        co_await cf.add(key, "home", 5);
        co_await cf.add(key, "home", -2);
        co_await cf.add(key, "about");  // +1
        const auto r = co_await cf.get(key);
        CHECK(names(r.columns) == std::vector<std::string>{"about", "home"});
        CHECK(r["home"].as<std::int64_t>() == 3);
        CHECK_FALSE(r["home"].timestamp);
        co_await cf.remove_counter(key, "about");
        const auto left = co_await cf.get(key);
        CHECK(names(left.columns) == std::vector<std::string>{"home"});

        auto super = co_await cppcassa::column_family::open(pool, "SuperCounter1");
        cppcassa::counter_options in_week;
        in_week.super_column = "week1";
        co_await super.add(key, "mon", 7, in_week);
        co_await super.add(key, "tue", 1, in_week);
        const auto weeks = co_await super.get(key);
        CHECK(weeks.super("week1")["mon"].as<std::int64_t>() == 7);
        co_await super.remove_counter(key, "mon", in_week);
        cppcassa::read_options read_week;
        read_week.super_column = "week1";
        const auto week = co_await super.get(key, read_week);
        CHECK(names(week.columns) == std::vector<std::string>{"tue"});
    });
}
