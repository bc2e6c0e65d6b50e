// The "Class Mapping" section of pycassa's README (ColumnFamilyMap) followed line by line with
// cppcassa::column_family_map against the real Cassandra, plus defaults for columns added later,
// a custom column type, a described struct and the super column family form.
#include "integration/column_family_keyspace.hpp"
#include "support/point_codec.hpp"
#include "support/pycassa_test_row.hpp"
#include "support/run_coroutine.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/column_family_map.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/describe/class.hpp>

#include "support/catch.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace mapped = cppcassa::mapped;
using cppcassa::test::run_coroutine;
using namespace std::chrono;

// Bump the suffix when the definitions below change: a keyspace left by an older run is reused.
constexpr const char* map_keyspace = "cppcassa_map_v1";

cppcassa::thrift::CfDef map_cf(std::string name, bool super) {
    cppcassa::thrift::CfDef cf;
    cf.name = std::move(name);
    cf.comparator_type = "UTF8Type";
    cf.key_validation_class = "UTF8Type";
    cf.default_validation_class = "BytesType";
    if (super) {
        cf.column_type = "Super";
        cf.subcomparator_type = "UTF8Type";
    }
    return cf;
}

// Test / TestSuper: the column families of pycassa's tutorial, each truncated by the one test that
// follows the tutorial on it. Mapped / MappedSuper: every other test, with fresh keys.
asio::awaitable<void> ensure_map_keyspace() {
    std::vector<cppcassa::thrift::CfDef> column_families{map_cf("Test", false), map_cf("TestSuper", true),
                                                         map_cf("Mapped", false), map_cf("MappedSuper", true)};
    const std::string name = map_keyspace;
    const std::string replication = "1";
    co_await cppcassa::test::ensure_keyspace(name, replication, std::move(column_families));
}

cppcassa::pool_config map_pool_config() {
    cppcassa::pool_config config;
    config.servers = {cppcassa::test::test_server_endpoint()};
    config.keyspace = map_keyspace;
    config.pool_size = 2;
    config.prefill = false;
    return config;
}

// pycassa's Test class (test/support/pycassa_test_row.hpp).
using cppcassa::test::test_mapping;
using cppcassa::test::test_row;

// datetime(2009, 12, 23, 17, 6, 3), the value in pycassa's tutorial.
const sys_seconds tutorial_time = sys_days(2009y / December / 23) + 17h + 6min + 3s;

template <class Awaitable>
asio::awaitable<bool> throws_not_found(Awaitable call) {
    bool missing = false;
    try {
        co_await std::move(call);
    } catch (const cppcassa::not_found&) {
        missing = true;
    }
    co_return missing;
}

}  // namespace

TEST_CASE("pycassa's class mapping steps work line by line") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Test");
        co_await cf.truncate();

        // >>> Test.objects = pycassa.ColumnFamilyMap(Test, cf)
        cppcassa::column_family_map objects(cf, test_mapping());
        // >>> t = Test(); t.key = 'maptest'; ...; Test.objects.insert(t)
        test_row t;
        t.key = "maptest";
        t.string_column = "string test";
        t.int_str_column = 18;
        t.float_column = t.float_str_column = 35.8;
        t.datetime_str_column = tutorial_time;
        co_await objects.insert(t);

        // >>> Test.objects.get(t.key).string_column   (and the other columns)
        const std::string key = t.key;
        const test_row got = co_await objects.get(key);
        CHECK(got.key == "maptest");
        CHECK(got.string_column == "string test");
        CHECK(got.int_str_column == 18);
        CHECK(got.float_str_column == 35.8);
        CHECK(got.float_column == 35.8);
        CHECK(got.datetime_str_column == std::optional<sys_seconds>(tutorial_time));

        // Stored as the mapping's column types say, whatever the column family's validator.
        const cppcassa::row raw = co_await cf.get(key);
        CHECK(raw["int_str_column"].as<std::string>() == "18");
        CHECK(raw["float_str_column"].as<std::string>() == "35.8");
        CHECK(raw["float_column"].as<std::string>() == std::string("\x40\x41\xe6\x66\x66\x66\x66\x66", 8));
        CHECK(raw["datetime_str_column"].as<std::string>() == "2009-12-23 17:06:03");
        CHECK(raw["string_column"].as<std::string>() == "string test");

        // >>> Test.objects.multiget([t.key])
        const std::vector<std::string> keys{key};
        const auto many = co_await objects.multiget(keys);
        REQUIRE(many.size() == 1);
        CHECK(many.front().first == "maptest");
        CHECK(many["maptest"].string_column == "string test");
        CHECK(many["maptest"].float_column == 35.8);

        // >>> list(Test.objects.get_range())
        std::vector<test_row> listed;
        {
            auto range = objects.get_range();
            while (auto next = co_await range.next())
                listed.push_back(*next);
        }
        REQUIRE(listed.size() == 1);
        CHECK(listed.front().key == "maptest");
        CHECK(listed.front().int_str_column == 18);

        // >>> Test.objects.get_count(t.key)
        const auto count = co_await objects.get_count(key);
        CHECK(count == 5);

        // >>> Test.objects.remove(t); Test.objects.get(t.key)  -> NotFoundException
        co_await objects.remove(t);
        auto lookup = objects.get(key);
        const bool missing = co_await throws_not_found(std::move(lookup));
        CHECK(missing);

        // get_range() after the remove: the removed row is a range ghost. By default it is
        // skipped (filter_empty); with filter_empty = false it comes back as pycassa's tutorial shows,
        // an object holding every default.
        std::vector<test_row> after;
        {
            auto range = objects.get_range();
            while (auto next = co_await range.next())
                after.push_back(*next);
        }
        CHECK(after.empty());
        cppcassa::range_options ghosts;
        ghosts.filter_empty = false;
        std::vector<test_row> with_ghosts;
        {
            auto range = objects.get_range(ghosts);
            while (auto next = co_await range.next())
                with_ghosts.push_back(*next);
        }
        // Cassandra 3.11 lists a removed row until its tombstone is purged (gc_grace_seconds and
        // a compaction later), as Cassandra 0.6 did when pycassa's tutorial was written.
        REQUIRE(with_ghosts.size() == 1);
        for (const auto& ghost : with_ghosts) {
            CHECK(ghost.key == "maptest");
            // >>> list(Test.objects.get_range())[0].string_column  -> 'Your Default'
            CHECK(ghost.string_column == "Your Default");
            CHECK(ghost.int_str_column == 5);
            CHECK(ghost.float_str_column == 8.0);
            CHECK_FALSE(ghost.datetime_str_column.has_value());
        }
    });
}

TEST_CASE("a column added to the mapping later reads as its default on rows written before") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Mapped");
        const auto old_key = cppcassa::test::fresh_key("old");
        const auto absent_key = cppcassa::test::fresh_key("absent");

        // An old row: written before int_str_column, float_* and datetime_str_column existed,
        // with a column the mapping does not know.
        const cppcassa::column_values old_columns{{"string_column", "written long ago"}, {"legacy", "ignored"}};
        co_await cf.insert(old_key, old_columns);

        cppcassa::column_family_map objects(cf, test_mapping());
        const test_row old = co_await objects.get(old_key);
        CHECK(old.string_column == "written long ago");
        CHECK(old.int_str_column == 5);
        CHECK(old.float_str_column == 8.0);
        CHECK(old.float_column == 0.0);
        CHECK_FALSE(old.datetime_str_column.has_value());
        // Only mapped columns are counted.
        const auto count = co_await objects.get_count(old_key);
        CHECK(count == 1);

        // multiget keeps the caller's order and leaves out the missing row.
        test_row fresh;
        fresh.key = cppcassa::test::fresh_key("new");
        fresh.string_column = "new";
        co_await objects.insert(fresh);
        const std::vector<std::string> keys{fresh.key, absent_key, old_key};
        const auto rows = co_await objects.multiget(keys);
        REQUIRE(rows.size() == 2);
        CHECK(rows.front().first == fresh.key);
        CHECK(rows.back().first == old_key);
        CHECK_FALSE(rows.contains(absent_key));
        CHECK(rows[old_key].int_str_column == 5);
        // The new row was written whole: an empty optional is not written, the rest are.
        CHECK(rows[fresh.key].int_str_column == 0);
        const auto fresh_count = co_await objects.get_count(fresh.key);
        CHECK(fresh_count == 4);

        // A row holding only unmapped columns has no object: not_found, as pycassa's get with
        // the mapped columns gave.
        const cppcassa::column_values only_legacy{{"legacy", "x"}};
        const auto legacy_key = cppcassa::test::fresh_key("legacy");
        co_await cf.insert(legacy_key, only_legacy);
        auto lookup = objects.get(legacy_key);
        const bool missing = co_await throws_not_found(std::move(lookup));
        CHECK(missing);

        co_await cf.remove(old_key);
        co_await cf.remove(legacy_key);
        co_await objects.remove(fresh);
    });
}

TEST_CASE("a bad value stored under a mapped column is reported with its column and row") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Mapped");
        const auto key = cppcassa::test::fresh_key("bad");
        const cppcassa::column_values bad{{"int_str_column", "eighteen"}};
        co_await cf.insert(key, bad);
        cppcassa::column_family_map objects(cf, test_mapping());
        std::string message;
        try {
            co_await objects.get(key);
        } catch (const cppcassa::marshal_error& e) {
            message = e.what();
        }
        CHECK_THAT(message, Catch::Contains("int_str_column") && Catch::Contains(key) && Catch::Contains("IntString"));
        co_await cf.remove(key);
    });
}

namespace {

// A user-defined column type: a point stored as "x,y".
using cppcassa::test::point;
using cppcassa::test::point_codec;

struct place {
    std::string key;
    point where{0, 0};
    std::int64_t visits = 0;
};

// A described struct: columns typed from its members, defaults from its initializers.
struct visitor {
    std::string key;
    std::string name = "anonymous";
    std::int64_t visits = 1;
    double score = 0.5;
    bool active = true;
    std::optional<system_clock::time_point> last_seen;
};
BOOST_DESCRIBE_STRUCT(visitor, (), (key, name, visits, score, active, last_seen))

}  // namespace

TEST_CASE("a user-defined column type round trips through Cassandra") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Mapped");
        const auto m = cppcassa::mapping(&place::key)
                           .column("where", &place::where, point_codec{})
                           .column("visits", &place::visits, mapped::long_type{});
        cppcassa::column_family_map places(cf, m);
        place home;
        home.key = cppcassa::test::fresh_key("home");
        home.where = {12, -7};
        home.visits = 3;
        co_await places.insert(home);
        const place back = co_await places.get(home.key);
        CHECK(back.where == point{12, -7});
        CHECK(back.visits == 3);
        const cppcassa::row raw = co_await cf.get(home.key);
        CHECK(raw["where"].as<std::string>() == "12,-7");
        CHECK(raw["visits"].as<std::string>() == std::string("\0\0\0\0\0\0\0\x03", 8));
        co_await places.remove(home);
    });
}

TEST_CASE("a described struct is written with inferred types and read back with its own defaults") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Mapped");
        cppcassa::column_family_map visitors(cf, cppcassa::described_mapping<visitor>());
        visitor v;
        v.key = cppcassa::test::fresh_key("visitor");
        v.name = "Ann";
        v.visits = 42;
        v.score = 35.8;
        v.active = false;
        v.last_seen = system_clock::time_point(milliseconds(1'261'587'963'123));
        co_await visitors.insert(v);
        const visitor back = co_await visitors.get(v.key);
        CHECK(back.name == "Ann");
        CHECK(back.visits == 42);
        CHECK(back.score == 35.8);
        CHECK_FALSE(back.active);
        CHECK(back.last_seen == v.last_seen);
        const cppcassa::row raw = co_await cf.get(v.key);
        CHECK(raw["visits"].as<std::string>() == std::string("\0\0\0\0\0\0\0\x2a", 8));   // LongType

        // An old row with only a name: the struct's initializers fill the rest.
        const auto old_key = cppcassa::test::fresh_key("old_visitor");
        const cppcassa::column_values name_only{{"name", "Bob"}};
        co_await cf.insert(old_key, name_only);
        const visitor old = co_await visitors.get(old_key);
        CHECK(old.name == "Bob");
        CHECK(old.visits == 1);
        CHECK(old.score == 0.5);
        CHECK(old.active);
        CHECK_FALSE(old.last_seen.has_value());
        co_await visitors.remove(v);
        co_await cf.remove(old_key);
    });
}

TEST_CASE("insert with write options sets the ttl and timestamp of every mapped column") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Mapped");
        cppcassa::column_family_map objects(cf, test_mapping());
        test_row t;
        t.key = cppcassa::test::fresh_key("ttl");
        t.string_column = "expiring";
        cppcassa::write_options options;
        options.ttl = 3600;
        options.timestamp = 1'234'567;
        const auto written = co_await objects.insert(t, options);
        CHECK(written == 1'234'567);
        const cppcassa::row raw = co_await cf.get(t.key);
        REQUIRE(raw.columns.size() == 4);
        for (const auto& c : raw.columns) {
            CHECK(c.ttl == std::optional<std::int32_t>(3600));
            CHECK(c.timestamp == std::optional<std::int64_t>(1'234'567));
        }
        co_await cf.remove(t.key);
    });
}

TEST_CASE("pycassa's super column family mapping returns objects per super column") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "TestSuper");
        co_await cf.truncate();

        // >>> Test.objects = pycassa.ColumnFamilyMap(Test, cf)   (cf a super column family)
        cppcassa::column_family_map objects(cf, test_mapping().super_column(&test_row::super_column));
        // >>> t.key = 'key1'; t.super_column = 'super1'; t.string_column = 'foobar'; ...
        test_row t;
        t.key = "key1";
        t.super_column = "super1";
        t.string_column = "foobar";
        t.int_str_column = 5;
        t.float_column = t.float_str_column = 35.8;
        t.datetime_str_column = tutorial_time;
        co_await objects.insert(t);

        // >>> Test.objects.get(t.key)  -> {'super1': <Test>}
        const std::string key = t.key;
        const auto got = co_await objects.get(key);
        REQUIRE(got.size() == 1);
        CHECK(got.front().first == "super1");
        const test_row& one = got["super1"];
        CHECK(one.key == "key1");
        CHECK(one.super_column == "super1");
        CHECK(one.string_column == "foobar");
        CHECK(one.int_str_column == 5);
        CHECK(one.float_column == 35.8);
        CHECK(one.datetime_str_column == std::optional<sys_seconds>(tutorial_time));

        // >>> Test.objects.multiget([t.key])  -> {'key1': {'super1': <Test>}}
        const std::vector<std::string> keys{key};
        const auto many = co_await objects.multiget(keys);
        REQUIRE(many.size() == 1);
        CHECK(many.front().first == "key1");
        REQUIRE(many["key1"].size() == 1);
        CHECK(many["key1"]["super1"].string_column == "foobar");

        // A second super column: objects in the comparator's order; a missing sub-column gets
        // its default; get_count counts super columns; get_range yields (key, objects) rows.
        test_row second;
        second.key = "key1";
        second.super_column = "super0";
        second.float_column = 1.0;
        co_await objects.insert(second);
        cppcassa::remove_options only_string;
        only_string.columns = std::vector<cppcassa::value>{"string_column"};
        co_await objects.remove(second, only_string);
        const auto both = co_await objects.get(key);
        REQUIRE(both.size() == 2);
        CHECK(both.front().first == "super0");
        CHECK(both["super0"].string_column == "Your Default");
        CHECK(both["super0"].float_column == 1.0);
        const auto count = co_await objects.get_count(key);
        CHECK(count == 2);
        cppcassa::read_options just_super1;
        just_super1.super_column = cppcassa::value("super1");
        const auto just = co_await objects.get(key, just_super1);
        REQUIRE(just.size() == 1);
        CHECK(just["super1"].string_column == "foobar");
        std::vector<std::string> range_keys;
        std::size_t range_objects = 0;
        {
            auto range = objects.get_range();
            while (auto r = co_await range.next()) {
                range_keys.push_back(r->first);
                range_objects += r->second.size();
            }
        }
        CHECK(range_keys == std::vector<std::string>{"key1"});
        CHECK(range_objects == 2);

        // remove(t) removes t's super column only.
        co_await objects.remove(second);
        const auto rest = co_await objects.get(key);
        REQUIRE(rest.size() == 1);
        CHECK(rest.front().first == "super1");
        co_await objects.remove(t);
        auto lookup = objects.get(key);
        const bool missing = co_await throws_not_found(std::move(lookup));
        CHECK(missing);
    });
}

TEST_CASE("a mapping refuses a column family of the other kind") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        const auto standard = co_await cppcassa::column_family::open(pool, "Mapped");
        const auto super = co_await cppcassa::column_family::open(pool, "MappedSuper");
        const auto standard_mapping = test_mapping();
        const auto super_mapping = test_mapping().super_column(&test_row::super_column);
        using cppcassa::test::usage_code;
        constexpr auto wrong_kind = cppcassa::client_errc::wrong_column_family_kind;
        CHECK(usage_code([&] { cppcassa::column_family_map(super, standard_mapping); }) == wrong_kind);
        CHECK(usage_code([&] { cppcassa::column_family_map(standard, super_mapping); }) == wrong_kind);
        CHECK_NOTHROW(cppcassa::column_family_map(super, super_mapping));
    });
}

TEST_CASE("inserting an object whose mapped members are all empty is refused before anything is sent") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_map_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, map_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Mapped");
        const auto only_date = cppcassa::mapping(&test_row::key)
                                   .column("datetime_str_column", &test_row::datetime_str_column,
                                           mapped::datetime_string{});
        cppcassa::column_family_map objects(cf, only_date);
        test_row t;
        t.key = cppcassa::test::fresh_key("nothing");
        auto insert = objects.insert(t);
        const auto refused = co_await cppcassa::test::usage_code_of(std::move(insert));
        CHECK(refused == cppcassa::client_errc::invalid_argument);
        const auto count = co_await cf.get_count(t.key);
        CHECK(count == 0);
    });
}
