// The binary protocol's primitives: exact bytes out, the same values back, and every way the
// reader refuses bytes it cannot trust.
#include "codec/binary_reader.hpp"
#include "codec/binary_writer.hpp"
#include "codec/skip.hpp"
#include "unit/codec_test_support.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <limits>
#include <string>

using namespace cppcassa::codec;
using codec_test::hex;
using codec_test::to_hex;

namespace {

template <class Write>
std::string written(Write write) {
    std::string out;
    binary_writer w(out);
    write(w);
    return out;
}

}  // namespace

TEST_CASE("every primitive is written big-endian with the exact Thrift bytes") {
    CHECK(to_hex(written([](auto& w) { w.write_bool(true); w.write_bool(false); })) == "01 00");
    CHECK(to_hex(written([](auto& w) { w.write_byte(-2); })) == "fe");
    CHECK(to_hex(written([](auto& w) { w.write_i16(0x1234); w.write_i16(-2); })) == "12 34 ff fe");
    CHECK(to_hex(written([](auto& w) { w.write_i32(0x01020304); w.write_i32(-1); })) == "01 02 03 04 ff ff ff ff");
    CHECK(to_hex(written([](auto& w) { w.write_i64(0x0102030405060708); })) == "01 02 03 04 05 06 07 08");
    CHECK(to_hex(written([](auto& w) { w.write_i64(std::numeric_limits<std::int64_t>::min()); })) ==
          "80 00 00 00 00 00 00 00");
    CHECK(to_hex(written([](auto& w) { w.write_double(1.0); w.write_double(-2.5); })) ==
          "3f f0 00 00 00 00 00 00 c0 04 00 00 00 00 00 00");
    CHECK(to_hex(written([](auto& w) { w.write_string("abc"); w.write_string(""); })) ==
          "00 00 00 03 61 62 63 00 00 00 00");
}

TEST_CASE("field, container and stop headers have the exact Thrift bytes") {
    CHECK(to_hex(written([](auto& w) { w.write_field_begin(wire_type::i32, 5); })) == "08 00 05");
    CHECK(to_hex(written([](auto& w) { w.write_field_begin(wire_type::struct_, -1); })) == "0c ff ff");
    CHECK(to_hex(written([](auto& w) { w.write_field_stop(); })) == "00");
    CHECK(to_hex(written([](auto& w) { w.write_list_begin(wire_type::i64, 3); })) == "0a 00 00 00 03");
    CHECK(to_hex(written([](auto& w) { w.write_set_begin(wire_type::string, 0); })) == "0b 00 00 00 00");
    CHECK(to_hex(written([](auto& w) { w.write_map_begin(wire_type::string, wire_type::i32, 2); })) ==
          "0b 08 00 00 00 02");
}

TEST_CASE("a message header is the strict version word, the name and the seqid") {
    CHECK(to_hex(written([](auto& w) { w.write_message_begin("get", message_type::call, 7); })) ==
          "80 01 00 01 00 00 00 03 67 65 74 00 00 00 07");
    CHECK(to_hex(written([](auto& w) { w.write_message_begin("", message_type::exception, -1); })) ==
          "80 01 00 03 00 00 00 00 ff ff ff ff");
}

TEST_CASE("every primitive reads back what was written") {
    const std::string bytes = written([](auto& w) {
        w.write_bool(true);
        w.write_byte(-128);
        w.write_i16(-12345);
        w.write_i32(std::numeric_limits<std::int32_t>::min());
        w.write_i64(-1234567890123456789);
        w.write_double(3.141592653589793);
        w.write_string(std::string("a\0b", 3));
        w.write_field_begin(wire_type::map, 300);
        w.write_field_stop();
        w.write_list_begin(wire_type::double_, 2);
        w.write_set_begin(wire_type::bool_, 1);
        w.write_map_begin(wire_type::i16, wire_type::list, 0);
        w.write_message_begin("m", message_type::oneway, 42);
    });
    binary_reader r(bytes);
    CHECK(r.read_bool());
    CHECK(r.read_byte() == -128);
    CHECK(r.read_i16() == -12345);
    CHECK(r.read_i32() == std::numeric_limits<std::int32_t>::min());
    CHECK(r.read_i64() == -1234567890123456789);
    CHECK(r.read_double() == 3.141592653589793);
    CHECK(r.read_binary() == std::string_view("a\0b", 3));
    const auto f = r.read_field_begin();
    CHECK((f.type == wire_type::map && f.id == 300));
    CHECK(r.read_field_begin().type == wire_type::stop);
    // Element counts are checked against the bytes after them, which the later writes provide.
    const auto l = r.read_list_begin();
    CHECK((l.elem == wire_type::double_ && l.size == 2));
    const auto s = r.read_set_begin();
    CHECK((s.elem == wire_type::bool_ && s.size == 1));
    const auto m = r.read_map_begin();
    CHECK((m.key == wire_type::i16 && m.value == wire_type::list && m.size == 0));
    const auto h = r.read_message_begin();
    CHECK((h.name == "m" && h.type == message_type::oneway && h.seqid == 42));
    CHECK(r.remaining() == 0);
}

TEST_CASE("any nonzero bool byte reads as true, as Apache accepts it") {
    const std::string bytes = hex("02 ff 00");
    binary_reader r(bytes);
    CHECK(r.read_bool());
    CHECK(r.read_bool());
    CHECK_FALSE(r.read_bool());
}

TEST_CASE("reading past the end throws a truncation error saying where") {
    const std::string bytes = hex("00 00 01");
    binary_reader r(bytes);
    r.read_byte();
    REQUIRE_THROWS_AS(r.read_i32(), truncated_message);
    binary_reader again(bytes);
    again.read_byte();
    REQUIRE_THROWS_WITH(again.read_i32(),
                        "Thrift message truncated: needed 4 bytes at offset 1, only 2 left");
}

TEST_CASE("a negative string length is a protocol error") {
    const std::string bytes = hex("ff ff ff fe 61 62");
    binary_reader r(bytes);
    REQUIRE_THROWS_WITH(r.read_binary(), Catch::Contains("negative string length -2"));
}

TEST_CASE("a string longer than the remaining bytes is refused before it is copied") {
    const std::string bytes = hex("7f ff ff ff 61 62");
    binary_reader r(bytes);
    std::string s;
    REQUIRE_THROWS_AS(r.read_string(s), truncated_message);
    CHECK(s.empty());
}

TEST_CASE("a container count the remaining bytes cannot hold is refused") {
    // 2^31-1 i64 elements announced with 3 bytes left: rejected before anything is sized by it.
    const std::string list = hex("0a 7f ff ff ff 00 00 00");
    binary_reader r(list);
    REQUIRE_THROWS_WITH(r.read_list_begin(), Catch::Contains("list of 2147483647 elements needs at least"));
    // Even 1-byte elements are counted: 4 bools need 4 bytes.
    const std::string set = hex("02 00 00 00 04 01 01 01");
    binary_reader s(set);
    REQUIRE_THROWS_AS(s.read_set_begin(), truncated_message);
    // A map pair needs at least its key and value sizes: 2 pairs of (i32, i64) need 24 bytes.
    const std::string map = hex("08 0a 00 00 00 02") + std::string(23, '\0');
    binary_reader m(map);
    REQUIRE_THROWS_AS(m.read_map_begin(), truncated_message);
    const std::string map_ok = hex("08 0a 00 00 00 02") + std::string(24, '\0');
    binary_reader ok(map_ok);
    CHECK(ok.read_map_begin().size == 2);
}

TEST_CASE("a negative container count is a protocol error") {
    const std::string bytes = hex("08 ff ff ff ff");
    binary_reader r(bytes);
    REQUIRE_THROWS_WITH(r.read_list_begin(), Catch::Contains("negative list -1"));
}

TEST_CASE("an unknown wire type is a protocol error") {
    for (const char* tag : {"01", "05", "07", "09", "10", "11", "ff"}) {
        const std::string bytes = hex(tag) + hex("00 01");
        binary_reader r(bytes);
        REQUIRE_THROWS_WITH(r.read_field_begin(), Catch::Contains("unknown Thrift wire type"));
    }
    const std::string stop_elem = hex("00 00 00 00 00");
    binary_reader r(stop_elem);
    REQUIRE_THROWS_AS(r.read_list_begin(), cppcassa::protocol_error);
}

TEST_CASE("a strict header with a bad version is refused") {
    for (const char* version : {"80 02 00 01", "00 00 00 03", "7f 01 00 01"}) {
        const std::string bytes = hex(version) + hex("00 00 00 00 00 00 00 01");
        binary_reader r(bytes);
        REQUIRE_THROWS_WITH(r.read_message_begin(), Catch::StartsWith("bad Thrift version 0x"));
    }
}

TEST_CASE("a header with an unknown message type is refused") {
    for (const char* version : {"80 01 00 00", "80 01 00 05", "80 01 00 ff"}) {
        const std::string bytes = hex(version) + hex("00 00 00 00 00 00 00 01");
        binary_reader r(bytes);
        REQUIRE_THROWS_WITH(r.read_message_begin(), Catch::StartsWith("unknown message type"));
    }
}

TEST_CASE("skip walks past any value, nested ones included") {
    // struct { 1: list<string> ["ab"], 2: map<i32, struct{}> {7: {}}, 3: set<i64> {1} }, then a marker byte.
    const std::string bytes = hex("0f 00 01 0b 00 00 00 01 00 00 00 02 61 62"
                                  "0d 00 02 08 0c 00 00 00 01 00 00 00 07 00"
                                  "0e 00 03 0a 00 00 00 01 00 00 00 00 00 00 00 01"
                                  "00 99");
    binary_reader r(bytes);
    skip(r, wire_type::struct_);
    CHECK(r.read_byte() == static_cast<std::int8_t>(0x99));
    CHECK(r.remaining() == 0);
}

TEST_CASE("nesting up to 64 levels is read and the 65th is refused") {
    auto nested = [](int levels) {
        std::string bytes;
        for (int i = 1; i < levels; ++i)
            bytes += hex("0c 00 01");  // a struct field holding the next level
        return bytes + std::string(static_cast<std::size_t>(levels), '\0');
    };
    const std::string ok = nested(64);
    binary_reader r(ok);
    skip(r, wire_type::struct_);
    CHECK(r.remaining() == 0);

    const std::string too_deep = nested(65);
    binary_reader deep(too_deep);
    REQUIRE_THROWS_WITH(skip(deep, wire_type::struct_), Catch::Contains("deeper than 64 levels"));

    // Lists count as levels too.
    std::string lists;
    for (int i = 0; i < 65; ++i)
        lists += hex("0f 00 00 00 01");
    lists += hex("0f 00 00 00 00");
    binary_reader l(lists);
    REQUIRE_THROWS_WITH(skip(l, wire_type::list), Catch::Contains("deeper than 64 levels"));
}
