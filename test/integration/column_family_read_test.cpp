// column_family reads against the real Cassandra: typed schema, slices, multiget order and
// batching, counts, not_found, bad requests, consistency levels, raw mode.
#include "integration/column_family_keyspace.hpp"
#include "support/row_checks.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::value;
using cppcassa::test::run_coroutine;
using cppcassa::test::names;

// Columns a..e of one row of Standard1, values "A".."E".
asio::awaitable<std::string> alphabet_row(cppcassa::column_family& cf) {
    const auto key = cppcassa::test::fresh_key("alphabet");
    const cppcassa::column_values columns{{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}, {"e", "E"}};
    co_await cf.insert(key, columns);
    co_return key;
}

}  // namespace

TEST_CASE("open reads the schema so typed names and values round-trip in comparator order") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Numbers");
        CHECK(cf.types().name.kind() == cppcassa::type_kind::int64);
        const auto key = cppcassa::test::fresh_key("numbers");
        const cppcassa::column_values columns{{300, 3}, {-1, -10}, {2, 20}};
        co_await cf.insert(key, columns);
        const auto r = co_await cf.get(key);
        REQUIRE(r.columns.size() == 3);
        // LongType order: -1 first although its bytes sort last.
        CHECK(r.columns.front().name.as<std::int64_t>() == -1);
        CHECK(r.columns.back().name.as<std::int64_t>() == 300);
        CHECK(r[2].as<std::int64_t>() == 20);
        CHECK(r[-1].as<std::int64_t>() == -10);
        // A value the validator refuses fails before anything is sent.
        const cppcassa::column_values wrong{{1, "one"}};
        bool refused = false;
        try {
            co_await cf.insert(key, wrong);
        } catch (const cppcassa::marshal_error&) {
            refused = true;
        }
        CHECK(refused);

        // Standard1's "age" has its own validator (LongType) beside the UTF8Type default.
        auto users = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto user = cppcassa::test::fresh_key("user");
        const cppcassa::column_values person{{"name", "Ann"}, {"age", 42}};
        co_await users.insert(user, person);
        const auto ann = co_await users.get(user);
        CHECK(ann["age"].as<std::int64_t>() == 42);
        CHECK(ann["name"].as<std::string>() == "Ann");
    });
}

TEST_CASE("open of a column family the keyspace lacks is not_found naming both") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        std::string message;
        try {
            co_await cppcassa::column_family::open(pool, "NoSuchCf");
        } catch (const cppcassa::not_found& e) {
            message = e.what();
        }
        CHECK_THAT(message, Catch::Contains("NoSuchCf") && Catch::Contains(cppcassa::test::cf_keyspace));
    });
}

TEST_CASE("slice options select columns by name, by range, reversed and counted") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = co_await alphabet_row(cf);

        cppcassa::read_options by_name;
        by_name.columns = std::vector<value>{"d", "b", "z"};
        const auto named = co_await cf.get(key, by_name);
        CHECK(names(named.columns) == std::vector<std::string>{"b", "d"});

        cppcassa::read_options range;
        range.column_start = "b";
        range.column_finish = "d";
        const auto ranged = co_await cf.get(key, range);
        CHECK(names(ranged.columns) == std::vector<std::string>{"b", "c", "d"});

        cppcassa::read_options reversed;
        reversed.column_start = "d";
        reversed.column_reversed = true;
        reversed.column_count = 2;
        const auto backwards = co_await cf.get(key, reversed);
        CHECK(names(backwards.columns) == std::vector<std::string>{"d", "c"});

        cppcassa::read_options first_two;
        first_two.column_count = 2;
        const auto counted = co_await cf.get(key, first_two);
        CHECK(names(counted.columns) == std::vector<std::string>{"a", "b"});
        CHECK(counted["a"].timestamp.has_value());
        CHECK_FALSE(counted["a"].ttl.has_value());
    });
}

TEST_CASE("get of a missing row or an empty slice is not_found naming the column family and key") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto missing = cppcassa::test::fresh_key("missing");
        std::string message;
        try {
            co_await cf.get(missing);
        } catch (const cppcassa::not_found& e) {
            message = e.what();
        }
        CHECK_THAT(message, Catch::Contains("Standard1") && Catch::Contains(missing));

        const auto key = co_await alphabet_row(cf);
        cppcassa::read_options empty_slice;
        empty_slice.column_start = "x";
        bool empty = false;
        try {
            co_await cf.get(key, empty_slice);
        } catch (const cppcassa::not_found&) {
            empty = true;
        }
        CHECK(empty);
    });
}

TEST_CASE("multiget returns rows in the caller's key order, omits missing rows and batches keys") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        std::vector<value> keys;
        std::vector<std::string> written;
        for (int i = 0; i < 5; ++i) {
            const auto key = cppcassa::test::fresh_key("mg") + "_" + std::to_string(i);
            const cppcassa::column_values columns{{"i", std::to_string(i)}};
            co_await cf.insert(key, columns);
            written.push_back(key);
        }
        // Reverse order, a missing key in the middle, and a repeated key.
        const auto absent = cppcassa::test::fresh_key("absent");
        for (auto it = written.rbegin(); it != written.rend(); ++it) {
            keys.emplace_back(*it);
            if (it == written.rbegin() + 1)
                keys.emplace_back(absent);
        }
        keys.emplace_back(written.back());
        cppcassa::read_options small;
        small.buffer_size = 2;
        const auto rows = co_await cf.multiget(keys, small);
        REQUIRE(rows.size() == 5);
        std::vector<std::string> order;
        for (const auto& r : rows)
            order.push_back(r.key.as<std::string>());
        CHECK(order == std::vector<std::string>(written.rbegin(), written.rend()));
        CHECK(rows.find(absent) == nullptr);
        CHECK(rows[written[3]]["i"].as<std::string>() == "3");

        const auto counts = co_await cf.multiget_count(keys, small);
        REQUIRE(counts.size() == 6);
        CHECK(counts[0].key.as<std::string>() == written[4]);
        CHECK(counts[0].count == 1);
        CHECK(counts[2].key.as<std::string>() == absent);
        CHECK(counts[2].count == 0);
    });
}

TEST_CASE("get_count and multiget_count count a slice, names and a super column") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = co_await alphabet_row(cf);
        const auto all = co_await cf.get_count(key);
        CHECK(all == 5);
        cppcassa::read_options slice;
        slice.column_start = "b";
        slice.column_finish = "d";
        const auto in_slice = co_await cf.get_count(key, slice);
        CHECK(in_slice == 3);
        cppcassa::read_options by_name;
        by_name.columns = std::vector<value>{"a", "e", "q"};
        const auto named = co_await cf.get_count(key, by_name);
        CHECK(named == 2);
        cppcassa::read_options capped;
        capped.column_count = 4;
        const auto limited = co_await cf.get_count(key, capped);
        CHECK(limited == 4);
        const auto missing = co_await cf.get_count(cppcassa::test::fresh_key("none"));
        CHECK(missing == 0);

        auto super = co_await cppcassa::column_family::open(pool, "Super1");
        const auto skey = cppcassa::test::fresh_key("scount");
        const cppcassa::super_column_values columns{{"x", {{"1", "a"}, {"2", "b"}, {"3", "c"}}}, {"y", {{"1", "a"}}}};
        co_await super.insert(skey, columns);
        const auto supers = co_await super.get_count(skey);
        CHECK(supers == 2);
        cppcassa::read_options in_x;
        in_x.super_column = "x";
        const auto subs = co_await super.get_count(skey, in_x);
        CHECK(subs == 3);
        const std::vector<value> keys{skey};
        const auto counts = co_await super.multiget_count(keys, in_x);
        REQUIRE(counts.size() == 1);
        CHECK(counts[0].count == 3);
    });
}

TEST_CASE("a bad column family and a reversed slice in the wrong order are invalid_request with the reason") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        cppcassa::column_family nowhere(pool, "NoSuchCf");
        std::string unknown;
        try {
            co_await nowhere.get("k");
        } catch (const cppcassa::invalid_request& e) {
            unknown = e.why;
        }
        CHECK_THAT(unknown, Catch::Contains("NoSuchCf"));

        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        cppcassa::read_options wrong_order;
        wrong_order.column_start = "b";
        wrong_order.column_finish = "d";  // reversed: finish must sort before start, not after
        wrong_order.column_reversed = true;
        std::string reason;
        try {
            co_await cf.get("k", wrong_order);
        } catch (const cppcassa::invalid_request& e) {
            reason = e.why;
        }
        CHECK_THAT(reason, Catch::Contains("range finish must come after start"));
    });
}

TEST_CASE("consistency levels apply per column family and are overridden per call") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto config = cppcassa::test::cf_pool_config();
        // Surface unavailable at once instead of retrying it.
        config.retry_on = [](const cppcassa::error&) { return false; };
        cppcassa::pool pool(executor, config);
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key = co_await alphabet_row(cf);
        // Replication factor 1: THREE replicas can never answer.
        cf.set_read_consistency_level(cppcassa::thrift::ConsistencyLevel::THREE);
        bool unavailable = false;
        try {
            co_await cf.get(key);
        } catch (const cppcassa::unavailable&) {
            unavailable = true;
        }
        CHECK(unavailable);
        cppcassa::read_options one;
        one.read_consistency_level = cppcassa::thrift::ConsistencyLevel::ONE;
        const auto r = co_await cf.get(key, one);
        CHECK(r.size() == 5);

        cf.set_write_consistency_level(cppcassa::thrift::ConsistencyLevel::THREE);
        const cppcassa::column_values columns{{"f", "F"}};
        bool write_refused = false;
        try {
            co_await cf.insert(key, columns);
        } catch (const cppcassa::unavailable&) {
            write_refused = true;
        }
        CHECK(write_refused);
        cppcassa::write_options write_one;
        write_one.write_consistency_level = cppcassa::thrift::ConsistencyLevel::ONE;
        co_await cf.insert(key, columns, write_one);
        const auto count = co_await cf.get_count(key, one);
        CHECK(count == 6);
    });
}

TEST_CASE("raw mode takes and returns bytes, keeping the schema's kind") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto raw = co_await cppcassa::column_family::open(pool, "Numbers", cppcassa::packing::raw);
        CHECK(raw.types().name.kind() == cppcassa::type_kind::bytes);
        auto typed = co_await cppcassa::column_family::open(pool, "Numbers");
        const auto key = cppcassa::test::fresh_key("raw");
        const std::string seven("\0\0\0\0\0\0\0\x07", 8);
        const cppcassa::column_values columns{{cppcassa::bytes{seven}, cppcassa::bytes{seven}}};
        co_await raw.insert(key, columns);
        const auto r = co_await raw.get(key);
        CHECK(r.columns.front().name == value(cppcassa::bytes{seven}));
        CHECK(r.key == value(cppcassa::bytes{key}));
        const auto t = co_await typed.get(key);
        CHECK(t[7].as<std::int64_t>() == 7);

        // Without a schema read: a standard column family of bytes.
        cppcassa::column_family plain(pool, "Standard1");
        const auto text_key = cppcassa::test::fresh_key("plain");
        const cppcassa::column_values text{{"n", "v"}};
        co_await plain.insert(text_key, text);
        const auto back = co_await plain.get(text_key);
        CHECK(back["n"].value == value(cppcassa::bytes{"v"}));
    });
}

TEST_CASE("slices inside a super column work on any replica, with open, one or two ends") {
    // Cassandra 3.11 cannot forward an open-ended sub-column slice to another node; column_family
    // reads the whole super column then (api::read_plan). Several keys: some live on other nodes.
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Super1");
        const cppcassa::super_column_values columns{{"s", {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}}},
                                                    {"t", {{"z", "Z"}}}};
        std::vector<value> keys;
        for (int i = 0; i < 6; ++i) {
            const auto key = cppcassa::test::fresh_key("sslice") + "_" + std::to_string(i);
            co_await cf.insert(key, columns);
            keys.emplace_back(key);
        }
        for (const auto& key : keys) {
            cppcassa::read_options from_b;
            from_b.super_column = "s";
            from_b.column_start = "b";
            const auto tail = co_await cf.get(key, from_b);
            CHECK(names(tail.columns) == std::vector<std::string>{"b", "c", "d"});

            cppcassa::read_options up_to_b = from_b;
            up_to_b.column_start = value{};
            up_to_b.column_finish = "b";
            const auto head = co_await cf.get(key, up_to_b);
            CHECK(names(head.columns) == std::vector<std::string>{"a", "b"});

            cppcassa::read_options last_two;
            last_two.super_column = "s";
            last_two.column_reversed = true;
            last_two.column_count = 2;
            const auto backwards = co_await cf.get(key, last_two);
            CHECK(names(backwards.columns) == std::vector<std::string>{"d", "c"});

            cppcassa::read_options below_c = last_two;
            below_c.column_start = "c";
            below_c.column_count = 10;
            const auto down = co_await cf.get(key, below_c);
            CHECK(names(down.columns) == std::vector<std::string>{"c", "b", "a"});

            cppcassa::read_options both_ends;
            both_ends.super_column = "s";
            both_ends.column_start = "b";
            both_ends.column_finish = "c";
            const auto middle = co_await cf.get(key, both_ends);
            CHECK(names(middle.columns) == std::vector<std::string>{"b", "c"});

            const auto counted = co_await cf.get_count(key, from_b);
            CHECK(counted == 3);
        }
        cppcassa::read_options in_s;
        in_s.super_column = "s";
        const auto rows = co_await cf.multiget(keys, in_s);
        CHECK(rows.size() == keys.size());
        CHECK(rows.back()["d"].as<std::string>() == "D");
        cppcassa::read_options missing_super;
        missing_super.super_column = "nope";
        const auto none = co_await cf.multiget(keys, missing_super);
        CHECK(none.empty());
        const auto counts = co_await cf.multiget_count(keys, in_s);
        REQUIRE(counts.size() == keys.size());
        CHECK(counts.front().count == 4);
    });
}
