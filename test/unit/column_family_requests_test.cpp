// The sans-io half of column_family: Thrift requests built from read/write options, results
// turned into ordered rows with lookup by name.
#include "api/column_family_requests.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/row.hpp>
#include <cppcassa/types.hpp>

#include "support/catch.hpp"

#include <limits>
#include <memory>
#include <string>

namespace {

namespace thrift = cppcassa::thrift;
using cppcassa::marshal_type;
using cppcassa::type_kind;
using cppcassa::value;

// Standard: LongType keys, UTF8Type names, BytesType values, "age" validated as LongType.
cppcassa::api::cf_codec standard_codec() {
    cppcassa::column_family_types types;
    types.key = marshal_type(type_kind::int64);
    types.name = marshal_type(type_kind::utf8);
    types.default_value = marshal_type(type_kind::utf8);
    types.values.emplace("age", marshal_type(type_kind::int64));
    return {"Users", std::make_shared<const cppcassa::column_family_types>(std::move(types))};
}

// Super: UTF8Type keys, LongType super column names, UTF8Type sub-column names and values.
cppcassa::api::cf_codec super_codec() {
    cppcassa::column_family_types types;
    types.key = marshal_type(type_kind::utf8);
    types.name = marshal_type(type_kind::int64);
    types.sub_name = marshal_type(type_kind::utf8);
    types.default_value = marshal_type(type_kind::utf8);
    return {"Super", std::make_shared<const cppcassa::column_family_types>(std::move(types))};
}

std::string long_bytes(std::int64_t v) { return cppcassa::pack(marshal_type(type_kind::int64), v); }

thrift::ColumnOrSuperColumn text_column(std::string name, std::string v, std::int64_t timestamp) {
    thrift::Column c;
    c.name = std::move(name);
    c.value = std::move(v);
    c.timestamp = timestamp;
    thrift::ColumnOrSuperColumn cosc;
    cosc.column = c;
    return cosc;
}

}  // namespace

TEST_CASE("a read by column names packs each name with the comparator") {
    const auto codec = standard_codec();
    cppcassa::read_options options;
    options.columns = std::vector<value>{"name", "age"};
    options.column_start = "ignored";  // names win over the slice
    const auto p = codec.predicate(options, false);
    REQUIRE(p.column_names);
    CHECK(*p.column_names == std::vector<std::string>{"name", "age"});
    CHECK_FALSE(p.slice_range);
}

TEST_CASE("a default read is the first 100 columns, a default count is unlimited") {
    const auto codec = standard_codec();
    const cppcassa::read_options options;
    const auto read = codec.predicate(options, false);
    REQUIRE(read.slice_range);
    CHECK(read.slice_range->start.empty());
    CHECK(read.slice_range->finish.empty());
    CHECK_FALSE(read.slice_range->reversed);
    CHECK(read.slice_range->count == 100);
    const auto count = codec.predicate(options, true);
    REQUIRE(count.slice_range);
    CHECK(count.slice_range->count == std::numeric_limits<std::int32_t>::max());
}

TEST_CASE("slice bounds, direction and count are carried into the SliceRange") {
    const auto codec = standard_codec();
    cppcassa::read_options options;
    options.column_start = "m";
    options.column_finish = "c";
    options.column_reversed = true;
    options.column_count = 7;
    const auto p = codec.predicate(options, false);
    REQUIRE(p.slice_range);
    CHECK(p.slice_range->start == "m");
    CHECK(p.slice_range->finish == "c");
    CHECK(p.slice_range->reversed);
    CHECK(p.slice_range->count == 7);
}

TEST_CASE("a name that does not fit the comparator fails before anything is sent") {
    const auto codec = standard_codec();
    cppcassa::read_options options;
    options.columns = std::vector<value>{cppcassa::bytes{"\xff"}};
    CHECK_THROWS_AS(codec.predicate(options, false), cppcassa::marshal_error);
}

TEST_CASE("inside a super column, names are packed with the sub-comparator and the parent names it") {
    const auto codec = super_codec();
    cppcassa::read_options options;
    options.super_column = 5;
    options.column_start = "sub1";
    const auto parent = codec.parent(options.super_column);
    CHECK(parent.column_family == "Super");
    CHECK(parent.super_column == long_bytes(5));
    const auto p = codec.predicate(options, false);
    REQUIRE(p.slice_range);
    CHECK(p.slice_range->start == "sub1");
    // Outside a super column the comparator (LongType) applies, and text does not fit it.
    cppcassa::read_options top;
    top.column_start = "sub1";
    CHECK_THROWS_AS(codec.predicate(top, false), cppcassa::marshal_error);
}

TEST_CASE("a super column on a standard column family is refused, naming the column family") {
    const auto codec = standard_codec();
    const std::optional<value> super_column = value("x");
    CHECK_THROWS_WITH(codec.parent(super_column), Catch::Contains("'Users' is not a super column family"));
}

TEST_CASE("a written column's value is packed with its own validator, else the default") {
    const auto codec = standard_codec();
    const auto age = codec.write_column("age", 42, false, 1000, 60);
    CHECK(age.name == "age");
    CHECK(age.value == long_bytes(42));
    CHECK(age.timestamp == 1000);
    CHECK(age.ttl == 60);
    const auto name = codec.write_column("name", "Ann", false, 1000, std::nullopt);
    CHECK(name.value == "Ann");
    CHECK_FALSE(name.ttl);
    CHECK_THROWS_AS(codec.write_column("age", "forty-two", false, 1, std::nullopt), cppcassa::marshal_error);
}

TEST_CASE("super column inserts become one SuperColumn mutation per super column") {
    const auto codec = super_codec();
    const cppcassa::super_column_values columns{{1, {{"sub1", "val1"}, {"sub2", "val2"}}}, {2, {{"sub3", "val3"}}}};
    const auto mutations = codec.insert_mutations(columns, 77, std::nullopt);
    REQUIRE(mutations.size() == 2);
    REQUIRE(mutations[0].column_or_supercolumn);
    const auto& first = mutations[0].column_or_supercolumn->super_column;
    REQUIRE(first);
    CHECK(first->name == long_bytes(1));
    REQUIRE(first->columns.size() == 2);
    CHECK(first->columns[1].name == "sub2");
    CHECK(first->columns[1].value == "val2");
    CHECK(first->columns[1].timestamp == 77);
    CHECK_FALSE(mutations[1].deletion);
}

TEST_CASE("a removal of columns or of a range is a Deletion with the matching predicate") {
    const auto codec = super_codec();
    cppcassa::remove_options by_name;
    by_name.super_column = 3;
    by_name.columns = std::vector<value>{"a", "b"};
    const auto named = codec.deletion(by_name, 5);
    CHECK(named.timestamp == 5);
    CHECK(named.super_column == long_bytes(3));
    REQUIRE(named.predicate);
    CHECK(named.predicate->column_names == std::vector<std::string>{"a", "b"});

    cppcassa::remove_options by_range;
    by_range.range = cppcassa::column_range{2, 4};  // whole super columns
    const auto ranged = codec.deletion(by_range, 6);
    REQUIRE(ranged.predicate);
    REQUIRE(ranged.predicate->slice_range);
    CHECK(ranged.predicate->slice_range->start == long_bytes(2));
    CHECK(ranged.predicate->slice_range->finish == long_bytes(4));
    CHECK_FALSE(ranged.predicate->column_names);
    CHECK_FALSE(ranged.super_column);

    // A range of sub-columns: no Cassandra line deletes one (docs/server_versions.md).
    cppcassa::remove_options sub_range;
    sub_range.super_column = 3;
    sub_range.range = cppcassa::column_range{"b", "d"};
    CHECK(cppcassa::test::usage_code([&] { (void)codec.deletion(sub_range, 1); }) ==
          cppcassa::client_errc::not_supported);

    cppcassa::remove_options both = by_range;
    both.columns = std::vector<value>{"a"};
    CHECK(cppcassa::test::usage_code([&] { (void)codec.deletion(both, 1); }) ==
          cppcassa::client_errc::conflicting_arguments);
}

TEST_CASE("a result keeps Cassandra's order and finds columns by their typed name") {
    cppcassa::column_family_types types;
    types.key = marshal_type(type_kind::utf8);
    types.name = marshal_type(type_kind::int64);
    types.default_value = marshal_type(type_kind::utf8);
    const cppcassa::api::cf_codec codec{"Longs", std::make_shared<const cppcassa::column_family_types>(types)};
    // LongType order: -1 before 2 before 300, although -1's bytes (0xff...) sort last.
    const std::vector<thrift::ColumnOrSuperColumn> columns{text_column(long_bytes(-1), "minus one", 10),
                                                           text_column(long_bytes(2), "two", 11),
                                                           text_column(long_bytes(300), "three hundred", 12)};
    const auto r = codec.to_row("jsmith", columns, false);
    CHECK(r.key == value("jsmith"));
    REQUIRE(r.columns.size() == 3);
    CHECK(r.columns.front().name == value(-1));
    CHECK(r.columns.back().name == value(300));
    CHECK(r[2].as<std::string>() == "two");
    CHECK(r[-1].value == value("minus one"));
    CHECK(r[300].timestamp == 12);
    CHECK_FALSE(r.columns.contains(7));
    CHECK(cppcassa::test::usage_code([&] { (void)r[7]; }) == cppcassa::client_errc::no_such_element);
    CHECK(r.super_columns.empty());
}

TEST_CASE("super columns nest their sub-columns, each found by name") {
    const auto codec = super_codec();
    thrift::SuperColumn one;
    one.name = long_bytes(1);
    one.columns = {thrift::Column{.name = "sub1", .value = "val1", .timestamp = 1, .ttl = std::nullopt},
                   thrift::Column{.name = "sub2", .value = "val2", .timestamp = 1, .ttl = 30}};
    thrift::ColumnOrSuperColumn cosc;
    cosc.super_column = one;
    const std::vector<thrift::ColumnOrSuperColumn> columns{cosc};
    const auto r = codec.to_row("key1", columns, false);
    REQUIRE(r.super_columns.size() == 1);
    CHECK(r.super(1).name == value(1));
    CHECK(r.super(1)["sub2"].as<std::string>() == "val2");
    CHECK(r.super(1)["sub2"].ttl == 30);
    CHECK(r.columns.empty());
    // Read inside a super column: the columns are sub-columns, named with the sub-comparator.
    const std::vector<thrift::ColumnOrSuperColumn> subs{text_column("sub3", "val3", 2)};
    const auto inside = codec.to_row("key1", subs, true);
    CHECK(inside["sub3"].as<std::string>() == "val3");
}

TEST_CASE("counter columns read back as 64-bit values without a timestamp") {
    cppcassa::column_family_types types;
    types.name = marshal_type(type_kind::utf8);
    types.default_value = marshal_type(type_kind::counter);
    const cppcassa::api::cf_codec codec{"Counters", std::make_shared<const cppcassa::column_family_types>(types)};
    thrift::ColumnOrSuperColumn cosc;
    cosc.counter_column = thrift::CounterColumn{.name = "hits", .value = -5};
    const std::vector<thrift::ColumnOrSuperColumn> columns{cosc};
    const auto r = codec.to_row("page", columns, false);
    CHECK(r["hits"].as<std::int64_t>() == -5);
    CHECK_FALSE(r["hits"].timestamp);
    // Raw keys (BytesType) come back as bytes.
    CHECK(r.key == value(cppcassa::bytes{"page"}));
}

TEST_CASE("rows of a multiget are found by key and keep the caller's order") {
    const auto codec = standard_codec();
    std::vector<cppcassa::row> rows;
    for (std::int64_t key : {30, 10, 20}) {
        const std::vector<thrift::ColumnOrSuperColumn> columns{text_column("name", "n", 1)};
        rows.push_back(codec.to_row(long_bytes(key), columns, false));
    }
    const cppcassa::row_list list(std::move(rows), std::make_shared<const marshal_type>(type_kind::int64));
    REQUIRE(list.size() == 3);
    CHECK(list.front().key == value(30));
    CHECK(list.back().key == value(20));
    CHECK(list[10].key == value(10));
    CHECK(list.find(40) == nullptr);
}

TEST_CASE("not found names the column family, the key and the super column") {
    cppcassa::read_options options;
    options.super_column = "2";
    const auto message = cppcassa::api::not_found_message("Users", "jsmith", options);
    CHECK_THAT(message, Catch::Contains("'Users'") && Catch::Contains("\"jsmith\"") && Catch::Contains("super column"));
}

TEST_CASE("an open-ended slice inside a super column reads the whole super column by name") {
    const auto codec = super_codec();
    cppcassa::read_options options;
    options.super_column = 7;
    const auto open = codec.plan_read(options, false);
    CHECK(open.whole_super_column);
    CHECK_FALSE(open.parent.super_column);
    REQUIRE(open.predicate.column_names);
    CHECK(*open.predicate.column_names == std::vector<std::string>{long_bytes(7)});

    options.column_start = "a";
    options.column_finish = "c";
    const auto closed = codec.plan_read(options, false);
    CHECK_FALSE(closed.whole_super_column);
    CHECK(closed.parent.super_column == long_bytes(7));

    cppcassa::read_options named;
    named.super_column = 7;
    named.columns = std::vector<value>{"a"};
    CHECK_FALSE(codec.plan_read(named, false).whole_super_column);
    // Top-level slices are not affected.
    const cppcassa::read_options top;
    CHECK_FALSE(codec.plan_read(top, false).whole_super_column);
}

TEST_CASE("a whole super column is sliced here by bounds, direction and count") {
    const auto codec = super_codec();
    thrift::SuperColumn s;
    s.name = long_bytes(7);
    for (const char* name : {"a", "b", "c", "d"})
        s.columns.push_back(thrift::Column{.name = name, .value = "v", .timestamp = 1, .ttl = std::nullopt});
    thrift::ColumnOrSuperColumn cosc;
    cosc.super_column = s;
    const std::vector<thrift::ColumnOrSuperColumn> fetched{cosc};
    auto names_of = [](const std::vector<thrift::ColumnOrSuperColumn>& columns) {
        std::vector<std::string> out;
        for (const auto& c : columns)
            out.push_back(c.column->name);
        return out;
    };
    cppcassa::read_options options;
    options.super_column = 7;
    options.column_start = "b";
    CHECK(names_of(codec.slice_super_column(fetched, options, false)) == std::vector<std::string>{"b", "c", "d"});
    options.column_reversed = true;
    options.column_count = 2;
    CHECK(names_of(codec.slice_super_column(fetched, options, false)) == std::vector<std::string>{"b", "a"});
    cppcassa::read_options upto;
    upto.super_column = 7;
    upto.column_finish = "c";
    upto.column_count = 2;
    CHECK(names_of(codec.slice_super_column(fetched, upto, false)) == std::vector<std::string>{"a", "b"});
    const std::vector<thrift::ColumnOrSuperColumn> nothing;
    CHECK(codec.slice_super_column(nothing, upto, false).empty());
}

TEST_CASE("one open end inside a super column is refused for sub-comparators ordered elsewhere") {
    cppcassa::column_family_types types;
    types.name = marshal_type(type_kind::utf8);
    types.sub_name = marshal_type(type_kind::time_uuid);
    const cppcassa::api::cf_codec codec{"Events", std::make_shared<const cppcassa::column_family_types>(types)};
    cppcassa::read_options options;
    options.super_column = "day";
    options.column_start = cppcassa::uuid::generate_time_based();
    CHECK_THROWS_WITH(codec.plan_read(options, false), Catch::Contains("give both column_start and column_finish"));
    options.column_start = value{};
    CHECK(codec.plan_read(options, false).whole_super_column);
}
