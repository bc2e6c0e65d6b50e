// The generic struct codec: every member kind, optional and required fields, and the tolerance
// rules Apache's generated readers follow (unknown and mistyped fields are skipped).
#include "codec/struct_codec.hpp"
#include "unit/codec_test_support.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <string>

using namespace cppcassa::codec;
using namespace codec_test;

namespace {

template <class T>
std::string encoded(const T& v) {
    std::string out;
    binary_writer w(out);
    write_value(w, v);
    return out;
}

template <class T>
T decoded(std::string_view bytes) {
    binary_reader r(bytes);
    T v{};
    read_value(r, v);
    CHECK(r.remaining() == 0);
    return v;
}

everything sample() {
    everything e;
    e.b = true;
    e.y = -3;
    e.s = 1000;
    e.i = -70000;
    e.l = 1LL << 40;
    e.d = 0.5;
    e.str = "text";
    e.c = color::green;
    e.longs = {1, -1, 3};
    e.names = {"b", "a"};
    e.counts = {{"x", 1}, {"y", 2}};
    e.nested = {9, "nine"};
    e.maybe = 13;
    e.inners = {{1, std::nullopt}, {2, "two"}};
    e.flags = {true, false, true};
    e.deep = {{5, {{6, "six"}}}, {7, {}}};
    return e;
}

}  // namespace

static_assert(wire_type_of<bool> == wire_type::bool_);
static_assert(wire_type_of<std::int8_t> == wire_type::byte);
static_assert(wire_type_of<std::int16_t> == wire_type::i16);
static_assert(wire_type_of<std::int32_t> == wire_type::i32);
static_assert(wire_type_of<color> == wire_type::i32);
static_assert(wire_type_of<std::int64_t> == wire_type::i64);
static_assert(wire_type_of<double> == wire_type::double_);
static_assert(wire_type_of<std::string> == wire_type::string);
static_assert(wire_type_of<std::vector<inner>> == wire_type::list);
static_assert(wire_type_of<std::set<std::string>> == wire_type::set);
static_assert(wire_type_of<std::map<std::string, std::int32_t>> == wire_type::map);
static_assert(wire_type_of<inner> == wire_type::struct_);
static_assert(wire_type_of<std::optional<std::int64_t>> == wire_type::i64);

TEST_CASE("a struct is written as its fields in listed order, then a stop") {
    CHECK(to_hex(encoded(inner{7, "x"})) == "08 00 01 00 00 00 07 0b 00 02 00 00 00 01 78 00");
}

TEST_CASE("an unset optional member is not written, a default member always is") {
    CHECK(to_hex(encoded(inner{7, std::nullopt})) == "08 00 01 00 00 00 07 00");
    CHECK(to_hex(encoded(everything{})) ==
          to_hex(hex("02 00 01 00"                      // 1: bool false
                     "03 00 02 00"                      // 2: byte 0
                     "06 00 03 00 00"                   // 3: i16 0
                     "08 00 04 00 00 00 00"             // 4: i32 0
                     "0a 00 05 00 00 00 00 00 00 00 00" // 5: i64 0
                     "04 00 06 00 00 00 00 00 00 00 00" // 6: double 0
                     "0b 00 07 00 00 00 00"             // 7: ""
                     "08 00 08 00 00 00 01"             // 8: color::red
                     "0f 00 09 0a 00 00 00 00"          // 9: list<i64> []
                     "0e 00 0a 0b 00 00 00 00"          // 10: set<string> {}
                     "0d 00 0b 0b 08 00 00 00 00"       // 11: map<string, i32> {}
                     "0c 00 0c 08 00 01 00 00 00 00 00" // 12: inner{0}
                                                        // 13: unset optional, absent
                     "0f 00 0e 0c 00 00 00 00"          // 14: list<inner> []
                     "0f 00 0f 02 00 00 00 00"          // 15: list<bool> []
                     "0d 00 10 08 0f 00 00 00 00"       // 16: map<i32, list<inner>> {}
                     "00")));
}

TEST_CASE("containers are written as a header then their elements in order") {
    CHECK(to_hex(encoded(std::vector<inner>{{1, "a"}})) ==
          "0c 00 00 00 01 08 00 01 00 00 00 01 0b 00 02 00 00 00 01 61 00");
    CHECK(to_hex(encoded(std::map<std::string, std::int32_t>{{"b", 2}, {"a", 1}})) ==
          "0b 08 00 00 00 02 00 00 00 01 61 00 00 00 01 00 00 00 01 62 00 00 00 02");
    CHECK(to_hex(encoded(std::set<std::int16_t>{3, -1})) == "06 00 00 00 02 ff ff 00 03");
    CHECK(to_hex(encoded(std::vector<bool>{true, false})) == "02 00 00 00 02 01 00");
}

TEST_CASE("every member kind round-trips, nested structs and containers included") {
    const everything e = sample();
    CHECK(decoded<everything>(encoded(e)) == e);
}

TEST_CASE("an optional member absent from the wire stays unset") {
    const auto v = decoded<inner>(hex("08 00 01 00 00 00 07 00"));
    CHECK(v.a == 7);
    CHECK_FALSE(v.s.has_value());
}

TEST_CASE("unknown fields are skipped, wherever they appear") {
    inner_v2 newer;
    newer.a = 5;
    newer.s = "kept";
    newer.extra_list = {{1, "x"}, {2, std::nullopt}};
    newer.extra_map = {{"k", {1, 2, 3}}};
    newer.extra_double = 2.0;
    CHECK(decoded<inner>(encoded(newer)) == inner{5, "kept"});
}

TEST_CASE("a known field with an unexpected wire type is skipped like an unknown one") {
    // Field 1 (an i32 for us) arrives as the string "zz"; field 2 is fine.
    const auto v = decoded<inner>(hex("0b 00 01 00 00 00 02 7a 7a 0b 00 02 00 00 00 01 78 00"));
    CHECK(v == inner{0, "x"});
}

TEST_CASE("a missing required field is an error naming the struct and field") {
    REQUIRE_THROWS_WITH(decoded<keyed>(hex("08 00 02 00 00 00 01 00")),
                        "Thrift struct keyed is missing its required field 1");
    // Present with the wrong type counts as missing.
    REQUIRE_THROWS_WITH(decoded<keyed>(hex("0b 00 01 00 00 00 00 0b 00 02 00 00 00 00 00")),
                        "Thrift struct keyed is missing its required field 2");
    const auto k = decoded<keyed>(hex("08 00 02 00 00 00 01 0b 00 01 00 00 00 01 6b 00"));
    CHECK((k.key == "k" && k.value == 1));
}

TEST_CASE("a struct truncated at any byte boundary is a protocol error") {
    const std::string whole = encoded(sample());
    for (std::size_t n = 0; n < whole.size(); ++n) {
        INFO("truncated to " << n << " of " << whole.size() << " bytes");
        binary_reader r(std::string_view(whole).substr(0, n));
        everything e;
        REQUIRE_THROWS_AS(decode(r, e), cppcassa::protocol_error);
    }
}

TEST_CASE("a huge list count in a short message fails without allocating") {
    // 20 bytes announcing 2^31-1 i64s (16 GiB) for field 9 of `everything`.
    const std::string bytes = hex("0f 00 09 0a 7f ff ff ff") + std::string(12, '\0');
    REQUIRE(bytes.size() == 20);
    binary_reader r(bytes);
    everything e;
    REQUIRE_THROWS_AS(decode(r, e), truncated_message);
    CHECK(e.longs.capacity() == 0);
}

TEST_CASE("a non-empty container with the wrong element type is an error") {
    REQUIRE_THROWS_WITH(decoded<std::vector<std::int64_t>>(hex("08 00 00 00 01 00 00 00 01")),
                        Catch::Contains("i32 elements where i64 was expected"));
    // An empty one carries no element to misread, so its tag does not matter.
    CHECK(decoded<std::vector<std::int64_t>>(hex("08 00 00 00 00")).empty());
}

TEST_CASE("decoding a container replaces its previous contents") {
    std::vector<std::int64_t> v{9, 9, 9};
    const std::string bytes = hex("0a 00 00 00 01 00 00 00 00 00 00 00 04");
    binary_reader r(bytes);
    read_value(r, v);
    CHECK(v == std::vector<std::int64_t>{4});
}

TEST_CASE("duplicate map keys keep the last value and duplicate set elements the first") {
    const auto m = decoded<std::map<std::int16_t, std::int16_t>>(hex("06 06 00 00 00 02 00 01 00 0a 00 01 00 0b"));
    CHECK(m == std::map<std::int16_t, std::int16_t>{{1, 11}});
    const auto s = decoded<std::set<std::int16_t>>(hex("06 00 00 00 02 00 01 00 01"));
    CHECK(s == std::set<std::int16_t>{1});
}

TEST_CASE("a struct decoded over an earlier one equals one decoded fresh") {
    // Every field the wire leaves out takes its default, whatever the earlier value held.
    everything earlier = sample();
    const everything sparse = [] {
        everything e;
        e.i = 5;
        e.inners = {{3, "three"}};
        return e;
    }();
    std::string bytes = encoded(sparse);
    binary_reader r(bytes);
    read_value(r, earlier);
    CHECK(earlier == sparse);

    // The same with fields absent from the wire altogether: only field 4 (i) is sent.
    everything again = sample();
    const std::string only_i = hex("08 00 04 00 00 00 05 00");
    binary_reader r2(only_i);
    read_value(r2, again);
    everything expected;
    expected.i = 5;
    CHECK(again == expected);
}

TEST_CASE("a list decoded over a longer or shorter one has exactly the new elements") {
    std::vector<inner> v{{1, "one"}, {2, std::nullopt}, {3, "three"}};
    const std::vector<inner> two{{7, std::nullopt}, {8, "eight"}};
    const std::string shorter = encoded(two);
    binary_reader r(shorter);
    read_value(r, v);
    CHECK(v == two);

    const std::vector<inner> four{{4, "d"}, {5, "e"}, {6, std::nullopt}, {7, "g"}};
    const std::string longer = encoded(four);
    binary_reader r2(longer);
    read_value(r2, v);
    CHECK(v == four);
}

TEST_CASE("a list of the same shape decoded again reuses its elements' memory") {
    const std::string long_value(200, 'v');
    const std::vector<inner> first{{1, long_value}, {2, long_value}};
    std::vector<inner> v;
    const std::string first_bytes = encoded(first);
    binary_reader r(first_bytes);
    read_value(r, v);
    const auto* storage = v.data();
    const auto* first_string = v[0].s->data();

    const std::vector<inner> second{{3, std::string(150, 'w')}, {4, std::string(199, 'x')}};
    const std::string second_bytes = encoded(second);
    binary_reader r2(second_bytes);
    read_value(r2, v);
    CHECK(v == second);
    CHECK(v.data() == storage);
    CHECK(v[0].s->data() == first_string);
}
