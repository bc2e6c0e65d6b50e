// pycassa's tutorial (its README, "Basic Usage" and "Super Columns") followed line by line
// with cppcassa::column_family against the real Cassandra.
#include "integration/column_family_keyspace.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::test::run_coroutine;

// The (name, value) pairs of a row, as text, in the order read.
std::vector<std::pair<std::string, std::string>> texts(const cppcassa::column_list& columns) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& c : columns)
        out.emplace_back(c.name.as<std::string>(), c.as<std::string>());
    return out;
}

using text_pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("the standard column family steps of pycassa's tutorial work line by line") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto foo = cppcassa::test::fresh_key("foo");
        const auto bar = cppcassa::test::fresh_key("bar");

        // >>> cf.insert('foo', {'column1': 'val1'})   (returns the timestamp used)
        const cppcassa::column_values val1{{"column1", "val1"}};
        const auto before = cf.now();
        const std::int64_t timestamp = co_await cf.insert(foo, val1);
        CHECK(timestamp >= before);
        // >>> cf.get('foo')
        const auto first = co_await cf.get(foo);
        CHECK(texts(first.columns) == text_pairs{{"column1", "val1"}});
        CHECK(first["column1"].timestamp == timestamp);

        // Insert also acts to update values.
        const cppcassa::column_values val2{{"column1", "val2"}};
        co_await cf.insert(foo, val2);
        const auto updated = co_await cf.get(foo);
        CHECK(texts(updated.columns) == text_pairs{{"column1", "val2"}});

        // You may insert multiple columns at once.
        const cppcassa::column_values two{{"column1", "val3"}, {"column2", "val4"}};
        co_await cf.insert(bar, two);
        // >>> cf.multiget(['foo', 'bar'])
        const std::vector<cppcassa::value> keys{foo, bar};
        const auto rows = co_await cf.multiget(keys);
        REQUIRE(rows.size() == 2);
        CHECK(rows.front().key.as<std::string>() == foo);
        CHECK(rows.back().key.as<std::string>() == bar);
        CHECK(texts(rows[foo].columns) == text_pairs{{"column1", "val2"}});
        CHECK(texts(rows[bar].columns) == text_pairs{{"column1", "val3"}, {"column2", "val4"}});
        // >>> cf.get_count('bar')
        const auto count = co_await cf.get_count(bar);
        CHECK(count == 2);

        // You can remove entire keys or just a certain column.
        cppcassa::remove_options column1;
        column1.columns = std::vector<cppcassa::value>{"column1"};
        co_await cf.remove(bar, column1);
        const auto after = co_await cf.get(bar);
        CHECK(texts(after.columns) == text_pairs{{"column2", "val4"}});
        co_await cf.remove(bar);
        bool not_found = false;
        try {
            co_await cf.get(bar);
        } catch (const cppcassa::not_found&) {
            not_found = true;
        }
        CHECK(not_found);
        co_await cf.remove(foo);
    });
}

TEST_CASE("the super column family steps of pycassa's tutorial work line by line") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Super1");
        CHECK(cf.types().is_super());
        const auto key1 = cppcassa::test::fresh_key("key1");

        // >>> cf.insert('key1', {'1': {'sub1': 'val1', 'sub2': 'val2'}, '2': {'sub3': 'val3', 'sub4': 'val4'}})
        const cppcassa::super_column_values columns{{"1", {{"sub1", "val1"}, {"sub2", "val2"}}},
                                                    {"2", {{"sub3", "val3"}, {"sub4", "val4"}}}};
        co_await cf.insert(key1, columns);
        // >>> cf.get('key1')
        const auto whole = co_await cf.get(key1);
        REQUIRE(whole.super_columns.size() == 2);
        CHECK(whole.super_columns.front().name.as<std::string>() == "1");
        CHECK(texts(whole.super("1").columns) == text_pairs{{"sub1", "val1"}, {"sub2", "val2"}});
        CHECK(texts(whole.super("2").columns) == text_pairs{{"sub3", "val3"}, {"sub4", "val4"}});
        CHECK(whole.super("2")["sub4"].as<std::string>() == "val4");

        // >>> cf.remove('key1', super_column='1')
        cppcassa::remove_options super1;
        super1.super_column = "1";
        co_await cf.remove(key1, super1);
        const auto rest = co_await cf.get(key1);
        REQUIRE(rest.super_columns.size() == 1);
        CHECK(rest.super_columns.front().name.as<std::string>() == "2");

        // >>> cf.get('key1', super_column='2')
        cppcassa::read_options in2;
        in2.super_column = "2";
        const auto two = co_await cf.get(key1, in2);
        CHECK(texts(two.columns) == text_pairs{{"sub3", "val3"}, {"sub4", "val4"}});
        // >>> cf.multiget(['key1'], super_column='2')
        const std::vector<cppcassa::value> keys{key1};
        const auto rows = co_await cf.multiget(keys, in2);
        REQUIRE(rows.size() == 1);
        CHECK(texts(rows[key1].columns) == text_pairs{{"sub3", "val3"}, {"sub4", "val4"}});
        co_await cf.remove(key1);
    });
}

TEST_CASE("a string literal key is accepted directly inside co_await") {
    // `co_await cf.get("jsmith")` builds a cppcassa::value temporary in the co_await expression:
    // checked here under ASan on GCC 12 (a row missing, then present).
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        co_await cf.remove("jsmith");
        bool missing = false;
        try {
            co_await cf.get("jsmith");
        } catch (const cppcassa::not_found& e) {
            missing = std::string(e.what()).find("jsmith") != std::string::npos;
        }
        CHECK(missing);
        const cppcassa::column_values columns{{"first", "John"}, {"age", 42}};
        co_await cf.insert("jsmith", columns);
        const auto r = co_await cf.get("jsmith");
        CHECK(r["age"].as<std::int64_t>() == 42);
        CHECK(r["first"].as<std::string>() == "John");
        const auto count = co_await cf.get_count("jsmith");
        CHECK(count == 2);
        co_await cf.remove("jsmith");
    });
}
