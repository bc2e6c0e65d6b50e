// column_family::get_range against the real Cassandra: every row once across small pages,
// row_count, token ranges, key ranges, range ghosts, super columns.
#include "integration/column_family_keyspace.hpp"
#include "support/run_coroutine.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::value;
using cppcassa::test::run_coroutine;

asio::awaitable<std::vector<cppcassa::row>> read_all(cppcassa::row_range& range) {
    std::vector<cppcassa::row> rows;
    while (auto r = co_await range.next())
        rows.push_back(std::move(*r));
    co_return rows;
}

std::vector<std::string> keys_of(const std::vector<cppcassa::row>& rows) {
    std::vector<std::string> keys;
    for (const auto& r : rows)
        keys.push_back(r.key.as<std::string>());
    return keys;
}

}  // namespace

TEST_CASE("get_range returns every row once across small pages, honours row_count and token ranges") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Ranged");
        co_await cf.truncate();
        cppcassa::row_values rows;
        std::set<std::string> written;
        for (int i = 0; i < 25; ++i) {
            const auto key = "row" + std::to_string(i);
            rows.emplace_back(key, cppcassa::column_values{{"a", "A"}, {"b", std::to_string(i)}});
            written.insert(key);
        }
        co_await cf.batch_insert(rows);

        cppcassa::range_options paged;
        paged.read.buffer_size = 4;
        auto range = cf.get_range(paged);
        const auto all = co_await read_all(range);
        const auto keys = keys_of(all);
        CHECK(std::set<std::string>(keys.begin(), keys.end()) == written);
        CHECK(keys.size() == 25);  // no row twice at page boundaries
        CHECK(all.front()["a"].as<std::string>() == "A");

        // The default options read the same rows in the same (token) order.
        auto whole = cf.get_range();
        const auto unpaged = co_await read_all(whole);
        CHECK(keys_of(unpaged) == keys);

        cppcassa::range_options ten = paged;
        ten.row_count = 10;
        auto first_ten = cf.get_range(ten);
        const auto limited = co_await read_all(first_ten);
        CHECK(keys_of(limited) == std::vector<std::string>(keys.begin(), keys.begin() + 10));

        // Slice options apply to each row.
        cppcassa::range_options only_b = paged;
        only_b.read.columns = std::vector<value>{"b"};
        auto b_range = cf.get_range(only_b);
        const auto bs = co_await read_all(b_range);
        REQUIRE(bs.size() == 25);
        CHECK(bs.front().size() == 1);

        // Murmur3Partitioner: (min, 0] and (0, max] split the ring's rows between them.
        cppcassa::range_options low = paged;
        low.start_token = "-9223372036854775808";
        low.finish_token = "0";
        cppcassa::range_options high = paged;
        high.start_token = "0";
        high.finish_token = "9223372036854775807";
        auto low_range = cf.get_range(low);
        const auto low_rows = co_await read_all(low_range);
        auto high_range = cf.get_range(high);
        const auto high_rows = co_await read_all(high_range);
        CHECK(low_rows.size() + high_rows.size() == 25);
        auto joined = keys_of(low_rows);
        const auto high_keys = keys_of(high_rows);
        joined.insert(joined.end(), high_keys.begin(), high_keys.end());
        CHECK(joined == keys);

        // Half a token range is refused before anything is sent (Cassandra would refuse it too).
        cppcassa::range_options half;
        half.start_token = "0";
        const auto refused = cppcassa::test::usage_code([&] { (void)cf.get_range(half); });
        CHECK(refused == cppcassa::client_errc::conflicting_arguments);

        // A key range: from the 5th row (in token order) to the 9th, inclusive.
        cppcassa::range_options by_key = paged;
        by_key.start_key = keys[4];
        by_key.finish_key = keys[8];
        auto key_range = cf.get_range(by_key);
        const auto between = co_await read_all(key_range);
        CHECK(keys_of(between) == std::vector<std::string>(keys.begin() + 4, keys.begin() + 9));
    });
}

TEST_CASE("get_range skips deleted rows unless filter_empty is off, and reads inside a super column") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "RangedSuper");
        co_await cf.truncate();
        const cppcassa::super_row_values rows{{"key1", {{"1", {{"sub1", "val1"}, {"sub2", "val2"}}},
                                                        {"2", {{"sub3", "val3"}, {"sub4", "val4"}}}}},
                                              {"key2", {{"1", {{"sub1", "x"}}}}}};
        co_await cf.batch_insert(rows);
        // >>> list(cf.get_range(super_column='2'))  ->  [('key1', {'sub3': 'val3', 'sub4': 'val4'})]
        cppcassa::range_options in2;
        in2.read.super_column = "2";
        auto range = cf.get_range(in2);
        const auto found = co_await read_all(range);
        REQUIRE(found.size() == 1);
        CHECK(found.front().key.as<std::string>() == "key1");
        CHECK(found.front()["sub4"].as<std::string>() == "val4");

        co_await cf.remove("key2");
        auto after = cf.get_range();
        const auto live = co_await read_all(after);
        CHECK(keys_of(live) == std::vector<std::string>{"key1"});
        // Cassandra 3.11 still lists the deleted row (a "range ghost", pycassa's README), without
        // columns, until its tombstone is purged: filter_empty = false shows it.
        cppcassa::range_options ghosts;
        ghosts.filter_empty = false;
        auto unfiltered = cf.get_range(ghosts);
        const auto all = co_await read_all(unfiltered);
        auto all_keys = keys_of(all);
        std::sort(all_keys.begin(), all_keys.end());
        CHECK(all_keys == std::vector<std::string>{"key1", "key2"});
        for (const auto& r : all)
            CHECK(r.empty() == (r.key.as<std::string>() == "key2"));
    });
}

TEST_CASE("xget pages through a wide row in comparator order, bounded by column_count") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        // LongType names: a page's next start is the packed name Cassandra returned.
        auto cf = co_await cppcassa::column_family::open(pool, "Numbers");
        const auto key = cppcassa::test::fresh_key("wide");
        cppcassa::column_values columns;
        std::vector<std::int64_t> expected;
        for (std::int64_t i = -12; i <= 12; ++i) {
            columns.emplace_back(i * 1000, i);
            expected.push_back(i * 1000);
        }
        co_await cf.insert(key, columns);

        auto read_names = [&cf, &key](cppcassa::read_options options) -> asio::awaitable<std::vector<std::int64_t>> {
            auto sequence = cf.xget(key, options);
            std::vector<std::int64_t> names;
            while (auto c = co_await sequence.next())
                names.push_back(c->name.as<std::int64_t>());
            co_return names;
        };
        cppcassa::read_options paged;
        paged.buffer_size = 4;
        const auto all = co_await read_names(paged);
        CHECK(all == expected);

        cppcassa::read_options ten = paged;
        ten.column_count = 10;
        const auto first_ten = co_await read_names(ten);
        CHECK(first_ten == std::vector<std::int64_t>(expected.begin(), expected.begin() + 10));

        cppcassa::read_options backwards = paged;
        backwards.column_reversed = true;
        backwards.column_start = 2000;
        backwards.column_finish = -3000;
        const auto down = co_await read_names(backwards);
        CHECK(down == std::vector<std::int64_t>{2000, 1000, 0, -1000, -2000, -3000});

        auto whole = cf.xget(key);
        std::size_t n = 0;
        while (auto c = co_await whole.next())
            ++n;
        CHECK(n == expected.size());

        auto super = co_await cppcassa::column_family::open(pool, "Super1");
        const auto refused = cppcassa::test::usage_code([&] { (void)super.xget(key); });
        CHECK(refused == cppcassa::client_errc::wrong_column_family_kind);
        const cppcassa::super_column_values subs{{"s", {{"a", "A"}, {"b", "B"}, {"c", "C"}}}};
        co_await super.insert(key, subs);
        cppcassa::read_options in_s;
        in_s.super_column = "s";
        in_s.buffer_size = 1;
        auto sub_sequence = super.xget(key, in_s);
        std::vector<std::string> sub_names;
        while (auto c = co_await sub_sequence.next())
            sub_names.push_back(c->name.as<std::string>());
        CHECK(sub_names == std::vector<std::string>{"a", "b", "c"});
    });
}

TEST_CASE("get_indexed_slices returns the rows matching index expressions, paged") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_cf_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::cf_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Indexed");
        // A state value no other run used, so rows of earlier runs never match.
        const auto state = cppcassa::test::fresh_key("UT");
        const auto other = cppcassa::test::fresh_key("CA");
        const cppcassa::row_values rows{{state + "_1", {{"state", state}, {"birth_date", 1970}}},
                                        {state + "_2", {{"state", state}, {"birth_date", 1980}}},
                                        {state + "_3", {{"state", state}, {"birth_date", 1990}}},
                                        {other + "_4", {{"state", other}, {"birth_date", 1980}}}};
        co_await cf.batch_insert(rows);

        const std::vector<cppcassa::index_expression> in_state{
            {.column = "state", .op = cppcassa::thrift::IndexOperator::EQ, .value = state}};
        cppcassa::range_options paged;
        paged.read.buffer_size = 1;
        auto matching = cf.get_indexed_slices(in_state, paged);
        const auto found = co_await read_all(matching);
        auto keys = keys_of(found);
        std::sort(keys.begin(), keys.end());
        CHECK(keys == std::vector<std::string>{state + "_1", state + "_2", state + "_3"});
        REQUIRE(!found.empty());
        CHECK(found.front()["state"].as<std::string>() == state);

        const std::vector<cppcassa::index_expression> born_late{
            {.column = "state", .op = cppcassa::thrift::IndexOperator::EQ, .value = state},
            {.column = "birth_date", .op = cppcassa::thrift::IndexOperator::GTE, .value = 1980}};
        auto late = cf.get_indexed_slices(born_late);
        const auto late_rows = co_await read_all(late);
        auto late_keys = keys_of(late_rows);
        std::sort(late_keys.begin(), late_keys.end());
        CHECK(late_keys == std::vector<std::string>{state + "_2", state + "_3"});

        cppcassa::range_options one;
        one.row_count = 1;
        auto first = cf.get_indexed_slices(in_state, one);
        const auto just_one = co_await read_all(first);
        CHECK(just_one.size() == 1);
    });
}
