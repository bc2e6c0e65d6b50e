// cppcassa::varint and cppcassa::decimal: IntegerType's and DecimalType's bytes at the edges.
#include <cppcassa/errors.hpp>
#include <cppcassa/types/varint.hpp>

#include "support/catch.hpp"

#include <limits>
#include <random>

namespace {

using cppcassa::decimal;
using cppcassa::varint;

std::string hex(const std::string& raw) {
    std::string out;
    for (unsigned char c : raw) {
        constexpr const char* digits = "0123456789abcdef";
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

TEST_CASE("varint bytes are BigInteger's shortest two's complement") {
    // Expected bytes are Python's int.to_bytes(..., signed=True) at Java's minimal length.
    const std::vector<std::pair<std::string, std::string>> cases{
        {"0", "00"},
        {"1", "01"},
        {"127", "7f"},
        {"128", "0080"},
        {"255", "00ff"},
        {"256", "0100"},
        {"-1", "ff"},
        {"-128", "80"},
        {"-129", "ff7f"},
        {"-255", "ff01"},
        {"-256", "ff00"},
        {"-257", "feff"},
        {"-12342390", "ff43ab8a"},
        {"9223372036854775807", "7fffffffffffffff"},
        {"-9223372036854775808", "8000000000000000"},
        {"18446744073709551616", "010000000000000000"},
        {"123456789012345678901234567890", "018ee90ff6c373e0ee4e3f0ad2"},
        {"-123456789012345678901234567890", "fe7116f0093c8c1f11b1c0f52e"},
    };
    for (const auto& [text, bytes] : cases) {
        INFO(text);
        const varint v = varint::parse(text);
        CHECK(hex(v.to_bytes()) == bytes);
        CHECK(v.to_string() == text);
        CHECK(varint::from_bytes(v.to_bytes()) == v);
    }
}

TEST_CASE("varint converts to and from int64 exactly where it fits") {
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    CHECK(varint(min).to_string() == "-9223372036854775808");
    CHECK(varint(max).to_int64() == max);
    CHECK(varint(min).to_int64() == min);
    CHECK_FALSE(varint::parse("9223372036854775808").to_int64());
    CHECK_FALSE(varint::parse("-9223372036854775809").to_int64());
    CHECK(varint::from_unsigned(std::numeric_limits<std::uint64_t>::max()).to_string() == "18446744073709551615");
    CHECK(varint::parse("+42") == varint(42));
    CHECK(varint::parse("-0") == varint(0));
    CHECK_FALSE(varint::parse("-0").is_negative());
}

TEST_CASE("varint reads bytes with redundant sign bytes") {
    CHECK(varint::from_bytes(std::string("\xff\xff\xff", 3)) == varint(-1));
    CHECK(varint::from_bytes(std::string("\x00\x00\x01", 3)) == varint(1));
    CHECK(varint::from_bytes(std::string("\x00", 1)) == varint(0));
    CHECK(hex(varint::from_bytes(std::string("\xff\x80", 2)).to_bytes()) == "80");
    CHECK_THROWS_AS(varint::from_bytes(""), cppcassa::marshal_error);
}

TEST_CASE("random int64 values round-trip through text and bytes, in numeric order") {
    std::mt19937_64 random(42);
    for (int i = 0; i < 5000; ++i) {
        const auto a = static_cast<std::int64_t>(random()) >> (random() % 64);
        const auto b = static_cast<std::int64_t>(random()) >> (random() % 64);
        const varint va(a);
        CHECK(varint::parse(std::to_string(a)) == va);
        CHECK(va.to_string() == std::to_string(a));
        CHECK(varint::from_bytes(va.to_bytes()).to_int64() == a);
        CHECK((va <=> varint(b)) == (a <=> b));
    }
}

TEST_CASE("varint text that is not an integer is a marshal error") {
    for (const char* bad : {"", "-", "+", "1.5", " 1", "1 ", "0x10", "1e3"}) {
        INFO(bad);
        CHECK_THROWS_AS(varint::parse(bad), cppcassa::marshal_error);
    }
}

TEST_CASE("decimal text keeps its scale, as BigDecimal does") {
    const std::vector<std::tuple<std::string, std::string, std::int32_t, std::string>> cases{
        // text, unscaled, scale, to_string
        {"-1.50", "-150", 2, "-1.50"},
        {"1.5", "15", 1, "1.5"},
        {"0", "0", 0, "0"},
        {"0.00", "0", 2, "0.00"},
        {"-0.001", "-1", 3, "-0.001"},
        {".5", "5", 1, "0.5"},
        {"5.", "5", 0, "5"},
        {"1E+3", "1", -3, "1E+3"},
        {"1.5e3", "15", -2, "15E+2"},
        {"-2.5e-7", "-25", 8, "-0.00000025"},
        {"123456789012345678901234567890.123456789", "123456789012345678901234567890123456789", 9,
         "123456789012345678901234567890.123456789"},
        {"1.123456789123456789", "1123456789123456789", 18, "1.123456789123456789"},
        {"5E-40", "5", 40, "5E-40"},
    };
    for (const auto& [text, unscaled, scale, printed] : cases) {
        INFO(text);
        const decimal d = decimal::parse(text);
        CHECK(d.unscaled.to_string() == unscaled);
        CHECK(d.scale == scale);
        CHECK(d.to_string() == printed);
        CHECK(decimal::parse(d.to_string()) == d);
    }
    CHECK(decimal::parse("1.5") != decimal::parse("1.50"));
}

TEST_CASE("decimal text that is not a number is a marshal error") {
    for (const char* bad : {"", "-", ".", "1..5", "1.5.", "e5", "1e", "1e+", "NaN", "1,5", "1e99999999999"}) {
        INFO(bad);
        CHECK_THROWS_AS(decimal::parse(bad), cppcassa::marshal_error);
    }
}

}  // namespace
