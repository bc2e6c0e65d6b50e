// pack() and unpack() for every marshal type: exact bytes, edge values, conversions accepted,
// and the clear errors for what is refused.
#include <cppcassa/errors.hpp>
#include <cppcassa/types.hpp>

#include "support/catch.hpp"

#include <cmath>
#include <limits>
#include <random>

namespace {

using cppcassa::marshal_type;
using cppcassa::pack;
using cppcassa::type_kind;
using cppcassa::unpack;
using cppcassa::value;
using namespace std::chrono_literals;

std::string bytes_of(std::initializer_list<int> bytes) {
    std::string out;
    for (int b : bytes)
        out += static_cast<char>(b);
    return out;
}

const marshal_type bytes_type(type_kind::bytes);
const marshal_type ascii(type_kind::ascii);
const marshal_type utf8(type_kind::utf8);
const marshal_type long_type(type_kind::int64);
const marshal_type int32(type_kind::int32);
const marshal_type integer(type_kind::varint);
const marshal_type decimal_type(type_kind::decimal);
const marshal_type float_type(type_kind::float32);
const marshal_type double_type(type_kind::float64);
const marshal_type boolean(type_kind::boolean);
const marshal_type date_type(type_kind::date);
const marshal_type timestamp(type_kind::timestamp);
const marshal_type uuid_type(type_kind::uuid);
const marshal_type time_uuid(type_kind::time_uuid);
const marshal_type lexical_uuid(type_kind::lexical_uuid);
const marshal_type counter(type_kind::counter);

// pack gives `bytes`, and unpack gives back `expected`.
void check_round_trip(const marshal_type& type, const value& v, const std::string& bytes, const value& expected) {
    INFO(type.short_name() << " " << v.describe());
    CHECK(pack(type, v) == bytes);
    CHECK(unpack(type, bytes) == expected);
}
void check_round_trip(const marshal_type& type, const value& v, const std::string& bytes) {
    check_round_trip(type, v, bytes, v);
}

TEST_CASE("LongType and CounterColumnType pack 8 big-endian bytes, min and max included") {
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    for (const auto& type : {long_type, counter}) {
        check_round_trip(type, min, bytes_of({0x80, 0, 0, 0, 0, 0, 0, 0}));
        check_round_trip(type, max, bytes_of({0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
        check_round_trip(type, 0, bytes_of({0, 0, 0, 0, 0, 0, 0, 0}));
        check_round_trip(type, -1, std::string(8, '\xff'));
        check_round_trip(type, 1111111111111111LL, bytes_of({0x00, 0x03, 0xf2, 0x8c, 0xb7, 0x15, 0x71, 0xc7}));
    }
    // Any integer fits when its value does.
    CHECK(pack(long_type, value::int32(7)) == bytes_of({0, 0, 0, 0, 0, 0, 0, 7}));
    CHECK(pack(long_type, cppcassa::varint(-2)) == std::string(7, '\xff') + '\xfe');
    CHECK(pack(long_type, std::uint64_t{42}) == bytes_of({0, 0, 0, 0, 0, 0, 0, 42}));
}

TEST_CASE("Int32Type packs 4 bytes and refuses integers beyond 32 bits, naming type and value") {
    check_round_trip(int32, value::int32(std::numeric_limits<std::int32_t>::min()), bytes_of({0x80, 0, 0, 0}));
    check_round_trip(int32, value::int32(std::numeric_limits<std::int32_t>::max()), bytes_of({0x7f, 0xff, 0xff, 0xff}));
    // An int literal is an int64 value; it packs when in range and reads back as int32.
    check_round_trip(int32, 42, bytes_of({0, 0, 0, 42}), value::int32(42));
    CHECK(unpack(int32, bytes_of({0, 0, 0, 42})).as<std::int64_t>() == 42);
    CHECK_THROWS_WITH(pack(int32, std::int64_t{1} << 40),
                      Catch::Contains("Int32Type") && Catch::Contains("1099511627776") && Catch::Contains("32-bit"));
    CHECK_THROWS_AS(pack(int32, std::int64_t{std::numeric_limits<std::int32_t>::min()} - 1), cppcassa::marshal_error);
}

TEST_CASE("IntegerType packs varint bytes, negative values included") {
    check_round_trip(integer, 0, bytes_of({0}), cppcassa::varint(0));
    check_round_trip(integer, -1, bytes_of({0xff}), cppcassa::varint(-1));
    check_round_trip(integer, 128, bytes_of({0x00, 0x80}), cppcassa::varint(128));
    check_round_trip(integer, -129, bytes_of({0xff, 0x7f}), cppcassa::varint(-129));
    // pycassa's negative integers: -255, -256, -257.
    check_round_trip(integer, -255, bytes_of({0xff, 0x01}), cppcassa::varint(-255));
    check_round_trip(integer, -256, bytes_of({0xff, 0x00}), cppcassa::varint(-256));
    check_round_trip(integer, -257, bytes_of({0xfe, 0xff}), cppcassa::varint(-257));
    const auto big = cppcassa::varint::parse("-123456789012345678901234567890");
    check_round_trip(integer, big, bytes_of({0xfe, 0x71, 0x16, 0xf0, 0x09, 0x3c, 0x8c, 0x1f, 0x11, 0xb1, 0xc0, 0xf5, 0x2e}));
    CHECK(unpack(integer, pack(integer, std::numeric_limits<std::uint64_t>::max())).as<cppcassa::varint>().to_string() ==
          "18446744073709551615");
    // A varint that fits reads as int64 too.
    CHECK(unpack(integer, bytes_of({0xff, 0x00})).as<std::int64_t>() == -256);
    CHECK_THROWS_AS(unpack(integer, pack(integer, big)).as<std::int64_t>(), cppcassa::marshal_error);
}

TEST_CASE("DecimalType packs a 4-byte scale then the unscaled varint") {
    check_round_trip(decimal_type, cppcassa::decimal::parse("-1.50"), bytes_of({0, 0, 0, 2, 0xff, 0x6a}));
    check_round_trip(decimal_type, cppcassa::decimal::parse("0"), bytes_of({0, 0, 0, 0, 0}));
    check_round_trip(decimal_type, cppcassa::decimal::parse("1E+3"), bytes_of({0xff, 0xff, 0xff, 0xfd, 1}));
    const auto precise = cppcassa::decimal::parse("-123456789012345678901234567890.123456789");
    CHECK(unpack(decimal_type, pack(decimal_type, precise)).as<cppcassa::decimal>() == precise);
    // An integer is a decimal of scale 0; a double is refused (no exact decimal value).
    check_round_trip(decimal_type, 7, bytes_of({0, 0, 0, 0, 7}), cppcassa::decimal{7, 0});
    CHECK_THROWS_WITH(pack(decimal_type, 0.1), Catch::Contains("DecimalType") && Catch::Contains("decimal::parse"));
    CHECK_THROWS_AS(unpack(decimal_type, bytes_of({0, 0, 0, 1})), cppcassa::marshal_error);
}

TEST_CASE("FloatType and DoubleType pack IEEE 754 big-endian, infinities and NaN included") {
    check_round_trip(float_type, 1.5f, bytes_of({0x3f, 0xc0, 0, 0}));
    check_round_trip(float_type, std::numeric_limits<float>::max(), bytes_of({0x7f, 0x7f, 0xff, 0xff}));
    check_round_trip(float_type, -std::numeric_limits<float>::infinity(), bytes_of({0xff, 0x80, 0, 0}));
    check_round_trip(double_type, -2.5, bytes_of({0xc0, 0x04, 0, 0, 0, 0, 0, 0}));
    check_round_trip(double_type, std::numeric_limits<double>::denorm_min(), bytes_of({0, 0, 0, 0, 0, 0, 0, 1}));
    check_round_trip(double_type, -0.0, bytes_of({0x80, 0, 0, 0, 0, 0, 0, 0}));
    const value nan = unpack(double_type, pack(double_type, std::numeric_limits<double>::quiet_NaN()));
    CHECK(std::isnan(nan.as<double>()));
    // A double literal into FloatType rounds to the nearest float; beyond float's range it is refused.
    CHECK(pack(float_type, 0.1) == bytes_of({0x3d, 0xcc, 0xcc, 0xcd}));
    CHECK_THROWS_WITH(pack(float_type, 1e39), Catch::Contains("FloatType"));
    CHECK(pack(float_type, std::numeric_limits<double>::infinity()) == bytes_of({0x7f, 0x80, 0, 0}));
    // Integers only when held exactly.
    CHECK(pack(double_type, 42) == pack(double_type, 42.0));
    CHECK(pack(float_type, 1 << 24) == pack(float_type, 16777216.0f));
    CHECK_THROWS_AS(pack(float_type, (1 << 24) + 1), cppcassa::marshal_error);
    CHECK_THROWS_AS(pack(double_type, (std::int64_t{1} << 53) + 1), cppcassa::marshal_error);
    // A float widens to double exactly.
    CHECK(unpack(double_type, pack(double_type, 1.5f)).as<double>() == 1.5);
    CHECK(unpack(float_type, bytes_of({0x3f, 0xc0, 0, 0})).as<double>() == 1.5);
}

TEST_CASE("BooleanType packs one byte and reads any non-zero byte as true") {
    check_round_trip(boolean, true, bytes_of({1}));
    check_round_trip(boolean, false, bytes_of({0}));
    CHECK(unpack(boolean, bytes_of({0x2a})).as<bool>());
    CHECK_THROWS_WITH(pack(boolean, 1), Catch::Contains("BooleanType") && Catch::Contains("bool"));
    CHECK_THROWS_AS(unpack(boolean, bytes_of({0, 0})), cppcassa::marshal_error);
}

TEST_CASE("DateType and TimestampType pack milliseconds since the epoch, before 1970 too") {
    const cppcassa::date new_year_2013{1356998400000ms};
    for (const auto& type : {date_type, timestamp}) {
        check_round_trip(type, new_year_2013, bytes_of({0, 0, 0x01, 0x3b, 0xf3, 0x68, 0x58, 0x00}));
        check_round_trip(type, cppcassa::date{-1ms}, std::string(8, '\xff'));
        check_round_trip(type, cppcassa::date{0ms}, std::string(8, '\0'));
    }
    // Finer time points round down to the millisecond (toward the past).
    const auto fine = std::chrono::system_clock::time_point(-1ns);
    CHECK(unpack(date_type, pack(date_type, fine)).as<cppcassa::date>() == cppcassa::date{-1ms});
    CHECK(unpack(date_type, pack(date_type, new_year_2013)).as<std::chrono::system_clock::time_point>() ==
          std::chrono::system_clock::time_point(new_year_2013));
    CHECK_THROWS_WITH(pack(date_type, 1356998400000LL), Catch::Contains("DateType") && Catch::Contains("time point"));
}

TEST_CASE("UUID types pack 16 bytes; TimeUUIDType takes version 1 only, or a time") {
    const auto v1 = cppcassa::uuid::parse("ddc6118e-a003-11df-8abf-00234d21610a");
    const auto v4 = cppcassa::uuid::parse("550e8400-e29b-41d4-a716-446655440000");
    for (const auto& type : {uuid_type, time_uuid, lexical_uuid})
        check_round_trip(type, v1, v1.to_bytes());
    check_round_trip(uuid_type, v4, v4.to_bytes());
    check_round_trip(lexical_uuid, cppcassa::uuid(), std::string(16, '\0'));
    CHECK_THROWS_WITH(pack(time_uuid, v4), Catch::Contains("TimeUUIDType") && Catch::Contains("version 4"));
    CHECK_THROWS_AS(unpack(time_uuid, v4.to_bytes()), cppcassa::marshal_error);
    // pycassa's convenience: a time becomes a new version 1 UUID at that time.
    const cppcassa::date when{1356998400123ms};
    const auto made = unpack(time_uuid, pack(time_uuid, when)).as<cppcassa::uuid>();
    CHECK(made.version() == 1);
    CHECK(made.time() == when);
    CHECK(pack(time_uuid, when) != pack(time_uuid, when));  // random clock sequence and node
    CHECK_THROWS_AS(pack(uuid_type, "550e8400-e29b-41d4-a716-446655440000"), cppcassa::marshal_error);
    CHECK_THROWS_AS(unpack(uuid_type, std::string(15, 'x')), cppcassa::marshal_error);
}

TEST_CASE("UTF8Type packs text as is and refuses invalid UTF-8") {
    check_round_trip(utf8, "unicode \xe2\x9c\x93", "unicode \xe2\x9c\x93");
    check_round_trip(utf8, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");  // beyond the BMP
    check_round_trip(utf8, "", "");
    check_round_trip(utf8, std::string("nul\0inside", 10), std::string("nul\0inside", 10));
    // Bytes that are valid UTF-8 are accepted (pycassa took already-encoded str too).
    CHECK(pack(utf8, cppcassa::bytes{"abc"}) == "abc");
    for (const char* bad : {"\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ab\xe2\x9c"}) {
        INFO(bad);
        CHECK_THROWS_WITH(pack(utf8, bad), Catch::Contains("UTF8Type") && Catch::Contains("invalid UTF-8"));
        CHECK_THROWS_AS(unpack(utf8, bad), cppcassa::marshal_error);
    }
    CHECK_THROWS_WITH(pack(utf8, 123), Catch::Contains("cannot pack int64 123 as UTF8Type"));
}

TEST_CASE("AsciiType refuses bytes above 127") {
    check_round_trip(ascii, "~!\x7f", "~!\x7f");
    check_round_trip(ascii, "", "");
    CHECK_THROWS_WITH(pack(ascii, "caf\xc3\xa9"), Catch::Contains("AsciiType") && Catch::Contains("offset 3"));
    CHECK_THROWS_AS(unpack(ascii, "\x80"), cppcassa::marshal_error);
}

TEST_CASE("BytesType takes bytes or text and unpacks to bytes, but no numbers") {
    const std::string binary("\x00\xff\x80", 3);
    check_round_trip(bytes_type, cppcassa::bytes{binary}, binary);
    CHECK(pack(bytes_type, "col") == "col");
    CHECK(unpack(bytes_type, "col").as<std::string>() == "col");
    CHECK(unpack(bytes_type, "").kind() == cppcassa::value_kind::bytes);
    // pycassa's TypeError for {123: 'val'} on a BytesType column family.
    CHECK_THROWS_WITH(pack(bytes_type, 123), Catch::Contains("BytesType") && Catch::Contains("expects text"));
}

TEST_CASE("ReversedType packs as the type it wraps") {
    const auto reversed_long = marshal_type::reversed(long_type);
    check_round_trip(reversed_long, -5, pack(long_type, -5));
    const auto reversed_time = marshal_type::parse("ReversedType(TimeUUIDType)");
    const auto v1 = cppcassa::uuid::generate_time_based();
    check_round_trip(reversed_time, v1, v1.to_bytes());
}

TEST_CASE("opaque types pass bytes through") {
    const auto inet = marshal_type::parse("InetAddressType");
    check_round_trip(inet, cppcassa::bytes{"\x7f\x00\x00\x01"}, "\x7f\x00\x00\x01");
    CHECK_THROWS_AS(pack(inet, 1), cppcassa::marshal_error);
}

TEST_CASE("the empty value packs to no bytes for every type, and no bytes unpack to it") {
    for (const auto& type : {long_type, int32, integer, decimal_type, float_type, double_type, boolean, date_type,
                             uuid_type, time_uuid, lexical_uuid, counter}) {
        INFO(type.short_name());
        CHECK(pack(type, value{}).empty());
        CHECK(unpack(type, "").empty());
        CHECK_THROWS_WITH(unpack(type, "").as<std::int64_t>(), Catch::Contains("empty"));
    }
    // Text and bytes have a real empty value.
    CHECK(unpack(utf8, "") == value(""));
    CHECK(unpack(bytes_type, "") == value(cppcassa::bytes{}));
}

TEST_CASE("fixed-width types refuse bytes of the wrong length") {
    CHECK_THROWS_WITH(unpack(long_type, "abc"), Catch::Contains("LongType") && Catch::Contains("expected 8 bytes"));
    CHECK_THROWS_AS(unpack(int32, "abcde"), cppcassa::marshal_error);
    CHECK_THROWS_AS(unpack(float_type, "ab"), cppcassa::marshal_error);
    CHECK_THROWS_AS(unpack(double_type, "abcd"), cppcassa::marshal_error);
    CHECK_THROWS_AS(unpack(date_type, "abcd"), cppcassa::marshal_error);
    CHECK_THROWS_AS(unpack(counter, "a"), cppcassa::marshal_error);
}

TEST_CASE("value converts on as<T> only where nothing is lost") {
    const value i = 42;
    CHECK(i.kind() == cppcassa::value_kind::int64);
    CHECK(i.as<std::int32_t>() == 42);
    CHECK(i.as<cppcassa::varint>() == cppcassa::varint(42));
    CHECK(i.as<cppcassa::decimal>() == cppcassa::decimal{42, 0});
    CHECK_THROWS_WITH(i.as<std::string>(), Catch::Contains("int64 42") && Catch::Contains("std::string"));
    CHECK_THROWS_AS(value(std::int64_t{1} << 40).as<std::int32_t>(), cppcassa::marshal_error);
    CHECK_THROWS_AS(value(1.5).as<float>(), cppcassa::marshal_error);
    CHECK_THROWS_AS(i.as<double>(), cppcassa::marshal_error);
    CHECK(value("abc").kind() == cppcassa::value_kind::text);
    CHECK(value(true).kind() == cppcassa::value_kind::boolean);
    CHECK(value(std::numeric_limits<std::uint64_t>::max()).kind() == cppcassa::value_kind::varint);
    CHECK(value(std::chrono::system_clock::time_point(1500us)).as<cppcassa::date>() == cppcassa::date{1ms});
}


TEST_CASE("random bytes either unpack and re-pack to the same bytes, or are a marshal error") {
    std::mt19937 random(2024);
    const std::vector<marshal_type> canonical{
        bytes_type, ascii, utf8, long_type, int32, float_type, double_type, date_type, uuid_type, time_uuid,
        lexical_uuid, counter};
    // Types with several encodings of one value (varint sign bytes, any non-zero boolean byte, a
    // composite's last end-of-component byte, which only slice bounds set).
    const std::vector<marshal_type> lenient{integer, decimal_type, boolean,
                                            marshal_type::parse("CompositeType(LongType,UTF8Type)")};
    int unpacked = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string input(random() % 20, '\0');
        for (auto& c : input)
            c = static_cast<char>(random() % 4 == 0 ? 0 : random());
        const auto& type = i % 2 ? canonical[random() % canonical.size()] : lenient[random() % lenient.size()];
        try {
            const value v = unpack(type, input);
            ++unpacked;
            const std::string again = pack(type, v);
            if (i % 2)
                CHECK(again == input);
            else if (!(v.kind() == cppcassa::value_kind::float64 && std::isnan(v.as<double>())))
                CHECK(unpack(type, again) == v);
        } catch (const cppcassa::marshal_error&) {
        }
    }
    CHECK(unpacked > 1000);
}

}  // namespace
