// column_family_map without a server: pycassa's column types (IntString, FloatString, Float64,
// DateTimeString, String), defaults on read, Boost.Describe inference and user-defined codecs.
#include "support/point_codec.hpp"
#include "support/pycassa_test_row.hpp"

#include <cppcassa/column_family_map.hpp>

#include <boost/describe/class.hpp>

#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace {

using namespace std::chrono;
using cppcassa::marshal_error;
namespace mapped = cppcassa::mapped;

// pycassa's Test class (test/support/pycassa_test_row.hpp).
using cppcassa::test::test_mapping;
using cppcassa::test::test_row;

cppcassa::column_family_types utf8_names() {
    cppcassa::column_family_types types;
    types.key = cppcassa::marshal_type(cppcassa::type_kind::utf8);
    types.name = cppcassa::marshal_type(cppcassa::type_kind::utf8);
    return types;
}

// A row's columns as a column_family read through the map returns them: values as raw bytes.
cppcassa::column_list columns(std::vector<std::pair<std::string, std::string>> cells) {
    std::vector<cppcassa::column> out;
    for (auto& [name, raw] : cells) {
        cppcassa::column c;
        c.name = name;
        c.packed_name = name;
        c.value = cppcassa::bytes{raw};
        out.push_back(std::move(c));
    }
    return cppcassa::column_list(std::move(out), nullptr);
}

template <class F>
std::string marshal_message(F&& f) {
    try {
        f();
    } catch (const marshal_error& e) {
        return e.what();
    }
    return "(no marshal_error)";
}

}  // namespace

TEST_CASE("IntString stores an integer as its decimal text") {
    const mapped::int_string c;
    CHECK(c.pack(18) == "18");
    CHECK(c.pack(-42) == "-42");
    CHECK(c.unpack("18") == 18);
    CHECK(c.unpack("+7") == 7);
    CHECK(c.unpack("-9223372036854775808") == INT64_MIN);
    CHECK_THROWS_AS(c.unpack("1.5"), marshal_error);
    CHECK_THROWS_AS(c.unpack(""), marshal_error);
    CHECK_THROWS_AS(c.unpack("+-1"), marshal_error);
    CHECK_THROWS_AS(c.unpack("12 "), marshal_error);
    CHECK_THAT(marshal_message([&] { (void)c.unpack("99999999999999999999"); }),
               Catch::Contains("IntString") && Catch::Contains("64-bit range"));
}

TEST_CASE("FloatString round trips 35.8 through its shortest decimal text") {
    const mapped::float_string c;
    CHECK(c.pack(35.8) == "35.8");
    CHECK(c.unpack("35.8") == 35.8);
    // Python's str(8.0) is "8.0": whole numbers keep the point.
    CHECK(c.pack(8.0) == "8.0");
    CHECK(c.pack(-3.0) == "-3.0");
    CHECK(c.unpack("8") == 8.0);
    CHECK(c.unpack("1e-3") == 0.001);
    CHECK(c.unpack(c.pack(0.1 + 0.2)) == 0.1 + 0.2);
    CHECK_THAT(marshal_message([&] { (void)c.unpack("35.8abc"); }), Catch::Contains("FloatString"));
}

TEST_CASE("Float64 stores a double as DoubleType's big-endian bytes") {
    const mapped::float64 c;
    const std::string expected("\x40\x41\xe6\x66\x66\x66\x66\x66", 8);
    CHECK(c.pack(35.8) == expected);
    CHECK(c.unpack(expected) == 35.8);
    CHECK_THROWS_AS(c.unpack("abc"), marshal_error);
}

TEST_CASE("DateTimeString writes pycassa's layout and reads it back") {
    const mapped::datetime_string c;
    const sys_seconds t = sys_days(2009y / December / 23) + 17h + 6min + 3s;
    CHECK(c.pack(t) == "2009-12-23 17:06:03");
    CHECK(c.unpack("2009-12-23 17:06:03") == t);
    CHECK(c.pack(sys_seconds(seconds(0))) == "1970-01-01 00:00:00");
    CHECK(c.unpack("1969-12-31 23:59:59") == sys_seconds(seconds(-1)));
}

TEST_CASE("DateTimeString refuses text that is not a valid YYYY-MM-DD HH:MM:SS") {
    const mapped::datetime_string c;
    for (const char* bad : {"2009-12-23T17:06:03", "2009-12-23 17:06", "2009-02-30 00:00:00", "2009-12-23 24:00:00",
                            "2009-13-01 00:00:00", "0000-01-01 00:00:00", "2009-12-23 17:60:00", " 2009-12-23 17:06:0"}) {
        INFO(bad);
        CHECK_THAT(marshal_message([&] { (void)c.unpack(bad); }),
                   Catch::Contains("DateTimeString") && Catch::Contains("YYYY-MM-DD HH:MM:SS"));
    }
    const sys_seconds far = sys_days(year(10000) / January / 1);
    CHECK_THAT(marshal_message([&] { (void)c.pack(far); }), Catch::Contains("year 10000"));
}

TEST_CASE("String checks UTF-8 both ways") {
    const mapped::string c;
    CHECK(c.pack("Grüße") == "Grüße");
    CHECK(c.unpack("Grüße") == "Grüße");
    CHECK_THROWS_AS(c.pack("\xff"), marshal_error);
    CHECK_THROWS_AS(c.unpack("\xc0\x80"), marshal_error);
}

TEST_CASE("a read fills the defaults of missing columns and ignores unmapped ones") {
    const cppcassa::detail::map_state state(test_mapping(), utf8_names());
    const auto row = columns({{"string_column", "string test"}, {"unmapped", "whatever"}});
    const test_row t = state.object_of(cppcassa::value("maptest"), row);
    CHECK(t.key == "maptest");
    CHECK(t.string_column == "string test");
    CHECK(t.int_str_column == 5);
    CHECK(t.float_str_column == 8.0);
    CHECK(t.float_column == 0.0);
    CHECK_FALSE(t.datetime_str_column.has_value());

    const test_row empty = state.object_of(cppcassa::value("ghost"), columns({}));
    CHECK(empty.string_column == "Your Default");
    CHECK(empty.key == "ghost");
}

TEST_CASE("a column's bytes are read with its own codec") {
    const cppcassa::detail::map_state state(test_mapping(), utf8_names());
    const auto row = columns({{"int_str_column", "18"},
                              {"float_str_column", "35.8"},
                              {"float_column", std::string("\x40\x41\xe6\x66\x66\x66\x66\x66", 8)},
                              {"datetime_str_column", "2009-12-23 17:06:03"}});
    const test_row t = state.object_of(cppcassa::value("k"), row);
    CHECK(t.int_str_column == 18);
    CHECK(t.float_str_column == 35.8);
    CHECK(t.float_column == 35.8);
    REQUIRE(t.datetime_str_column.has_value());
    CHECK(*t.datetime_str_column == sys_days(2009y / December / 23) + 17h + 6min + 3s);
    CHECK(t.string_column == "Your Default");
}

TEST_CASE("a column whose bytes its codec refuses is named in the error with its row") {
    const cppcassa::detail::map_state state(test_mapping(), utf8_names());
    const auto row = columns({{"int_str_column", "eighteen"}});
    const auto message = marshal_message([&] { (void)state.object_of(cppcassa::value("maptest"), row); });
    CHECK_THAT(message, Catch::Contains("int_str_column") && Catch::Contains("maptest") && Catch::Contains("IntString"));
}

TEST_CASE("the columns written are the mapped ones packed by their codecs, empty optionals left out") {
    const cppcassa::detail::map_state state(test_mapping(), utf8_names());
    test_row t;
    t.key = "maptest";
    t.string_column = "string test";
    t.int_str_column = 18;
    t.float_str_column = t.float_column = 35.8;
    auto written = state.columns_of(t);
    REQUIRE(written.size() == 4);
    CHECK(written[0].first.as<std::string>() == "string_column");
    CHECK(written[1].second == cppcassa::value(cppcassa::bytes{"18"}));
    CHECK(written[2].second == cppcassa::value(cppcassa::bytes{"35.8"}));
    CHECK(written[3].second == cppcassa::value(cppcassa::bytes{std::string("\x40\x41\xe6\x66\x66\x66\x66\x66", 8)}));
    t.datetime_str_column = sys_days(2009y / December / 23) + 17h + 6min + 3s;
    written = state.columns_of(t);
    REQUIRE(written.size() == 5);
    CHECK(written[4].second == cppcassa::value(cppcassa::bytes{"2009-12-23 17:06:03"}));
}

TEST_CASE("mapping a column name again replaces its type and default") {
    const auto m = test_mapping().column("int_str_column", &test_row::int_str_column, mapped::long_type{});
    REQUIRE(m.fields().size() == 5);
    CHECK(m.fields()[1].name == "int_str_column");
    test_row one;
    one.int_str_column = 1;
    CHECK(m.fields()[1].pack(one)->size() == 8);
    CHECK_FALSE(m.fields()[1].fill_default);
    CHECK(m.defaults().string_column == "Your Default");
}

// ---- Boost.Describe ----

namespace described {

struct user {
    std::int64_t id = 0;
    std::string key;
    std::string name = "anonymous";
    std::int64_t visits = 7;
    double score = 1.5;
    bool active = true;
    std::int32_t small = 3;
    cppcassa::uuid uid{};
    std::optional<system_clock::time_point> last_seen;
};
BOOST_DESCRIBE_STRUCT(user, (), (id, key, name, visits, score, active, small, uid, last_seen))

struct first_is_key {
    std::int64_t number = 0;
    std::string text = "t";
};
BOOST_DESCRIBE_STRUCT(first_is_key, (), (number, text))

struct super_row {
    std::string key;
    std::string super_column;
    std::string body = "empty";
};
BOOST_DESCRIBE_STRUCT(super_row, (), (key, super_column, body))

}  // namespace described

TEST_CASE("a described mapping keys on the member named key and infers column types from member types") {
    const auto m = cppcassa::described_mapping<described::user>();
    static_assert(std::is_same_v<decltype(m)::key_type, std::string>);
    static_assert(!decltype(m)::is_super);
    std::vector<std::string> names;
    for (const auto& f : m.fields())
        names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"id", "name", "visits", "score", "active", "small", "uid", "last_seen"});

    described::user u;
    u.last_seen = system_clock::time_point(milliseconds(1'000'123));
    const cppcassa::detail::map_state state(m, utf8_names());
    const auto written = state.columns_of(u);
    REQUIRE(written.size() == 8);
    const auto raw = [&](std::size_t i) { return written[i].second.as<std::string>(); };
    CHECK(raw(0) == std::string(8, '\0'));                                  // LongType
    CHECK(raw(1) == "anonymous");                                           // UTF8Type
    CHECK(raw(3) == std::string("\x3f\xf8\0\0\0\0\0\0", 8));                // DoubleType 1.5
    CHECK(raw(4) == std::string("\x01", 1));                                // BooleanType
    CHECK(raw(5) == std::string("\0\0\0\x03", 4));                          // Int32Type
    CHECK(raw(6).size() == 16);                                             // UUIDType
    CHECK(raw(7) == cppcassa::pack(cppcassa::marshal_type(cppcassa::type_kind::date), cppcassa::value(*u.last_seen)));

    // Defaults are the struct's own initializers: a row with only `visits` keeps the rest.
    const auto row = columns({{"visits", std::string("\0\0\0\0\0\0\0\x2a", 8)}});
    const auto back = state.object_of(cppcassa::value("u1"), row);
    CHECK(back.key == "u1");
    CHECK(back.visits == 42);
    CHECK(back.name == "anonymous");
    CHECK(back.score == 1.5);
    CHECK(back.small == 3);
    CHECK_FALSE(back.last_seen.has_value());
}

TEST_CASE("a described mapping without a key member keys on the first member") {
    const auto m = cppcassa::described_mapping<described::first_is_key>();
    static_assert(std::is_same_v<decltype(m)::key_type, std::int64_t>);
    REQUIRE(m.fields().size() == 1);
    CHECK(m.fields()[0].name == "text");
    const cppcassa::detail::map_state state(m, utf8_names());
    const auto back = state.object_of(cppcassa::value(42), columns({}));
    CHECK(back.number == 42);
    CHECK(back.text == "t");
}

TEST_CASE("a described struct with a super_column member maps a super column family") {
    const auto m = cppcassa::described_mapping<described::super_row>();
    static_assert(decltype(m)::is_super);
    static_assert(std::is_same_v<decltype(m)::super_type, std::string>);
    REQUIRE(m.fields().size() == 1);
    CHECK(m.fields()[0].name == "body");
}

// ---- user-defined column types ----

namespace {

// Stored as "x,y".
using cppcassa::test::point;
using cppcassa::test::point_codec;
static_assert(cppcassa::column_codec<point_codec>);
static_assert(!cppcassa::column_codec<int>);

struct place {
    std::string key;
    point where{1, 2};
};

}  // namespace

template <>
struct cppcassa::default_codec<point> {
    using type = point_codec;
};

namespace {
struct described_place {
    std::string key;
    point where{3, 4};
};
BOOST_DESCRIBE_STRUCT(described_place, (), (key, where))
}  // namespace

TEST_CASE("a user-defined codec maps a member of a custom type") {
    const auto m = cppcassa::mapping(&place::key).column("where", &place::where, point_codec{});
    const cppcassa::detail::map_state state(m, utf8_names());
    place p;
    p.key = "home";
    p.where = {10, -3};
    const auto written = state.columns_of(p);
    REQUIRE(written.size() == 1);
    CHECK(written[0].second.as<std::string>() == "10,-3");
    const auto back = state.object_of(cppcassa::value("home"), columns({{"where", "7,8"}}));
    CHECK(back.where == point{7, 8});
    const auto missing = state.object_of(cppcassa::value("home"), columns({}));
    CHECK(missing.where == point{1, 2});
    CHECK_THAT(marshal_message([&] { (void)state.object_of(cppcassa::value("home"), columns({{"where", "x"}})); }),
               Catch::Contains("where") && Catch::Contains("not a point"));
}

TEST_CASE("a described mapping uses default_codec specializations for custom member types") {
    const auto m = cppcassa::described_mapping<described_place>();
    const cppcassa::detail::map_state state(m, utf8_names());
    const auto written = state.columns_of(described_place{});
    REQUIRE(written.size() == 1);
    CHECK(written[0].second.as<std::string>() == "3,4");
}
