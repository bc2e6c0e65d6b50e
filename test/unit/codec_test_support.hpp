// Bytes written as hex in the tests, and the small structs and methods the codec tests describe.
//
// The codec is generic; these few types exercise every member kind without depending on the
// Cassandra descriptions (which have their own test).
#pragma once

#include "codec/descriptors.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace codec_test {

// "80 01 00 01" -> the four bytes; whitespace ignored.
inline std::string hex(std::string_view text) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out;
    int high = -1;
    for (char c : text) {
        if (c == ' ' || c == '\n')
            continue;
        if (high < 0) {
            high = nibble(c);
        } else {
            out.push_back(static_cast<char>(high * 16 + nibble(c)));
            high = -1;
        }
    }
    return out;
}

// The bytes as "80 01 00 01", so a failed comparison prints something readable.
inline std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        if (!out.empty())
            out.push_back(' ');
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

enum class color : std::int32_t { red = 1, green = 2 };

struct inner {
    std::int32_t a = 0;
    std::optional<std::string> s;
    friend bool operator==(const inner&, const inner&) = default;
};

// Every member kind the codec supports.
struct everything {
    bool b = false;
    std::int8_t y = 0;
    std::int16_t s = 0;
    std::int32_t i = 0;
    std::int64_t l = 0;
    double d = 0;
    std::string str;
    color c = color::red;
    std::vector<std::int64_t> longs;
    std::set<std::string> names;
    std::map<std::string, std::int32_t> counts;
    inner nested;
    std::optional<std::int32_t> maybe;
    std::vector<inner> inners;
    std::vector<bool> flags;
    std::map<std::int32_t, std::vector<inner>> deep;
    friend bool operator==(const everything&, const everything&) = default;
};

// A newer version of `inner`: what an old reader must skip.
struct inner_v2 {
    std::int32_t a = 0;
    std::optional<std::string> s;
    std::vector<inner> extra_list;
    std::map<std::string, std::set<std::int16_t>> extra_map;
    double extra_double = 0;
};

struct keyed {
    std::string key;
    std::int32_t value = 0;
};

// Exceptions and args of the test methods.
struct invalid_ex {
    std::string why;
    friend bool operator==(const invalid_ex&, const invalid_ex&) = default;
};
struct missing_ex {
    friend bool operator==(const missing_ex&, const missing_ex&) = default;
};
struct get_thing_args {
    std::string key;
    std::int32_t level = 0;
};
struct put_thing_args {
    keyed item;
};

}  // namespace codec_test

namespace cppcassa::codec {

template <>
struct struct_info<codec_test::inner> {
    static constexpr std::string_view name = "inner";
    using T = codec_test::inner;
    using fields = std::tuple<field<1, &T::a>, field<2, &T::s, presence::optional>>;
};

template <>
struct struct_info<codec_test::everything> {
    static constexpr std::string_view name = "everything";
    using T = codec_test::everything;
    using fields = std::tuple<field<1, &T::b>, field<2, &T::y>, field<3, &T::s>, field<4, &T::i>, field<5, &T::l>,
                              field<6, &T::d>, field<7, &T::str>, field<8, &T::c>, field<9, &T::longs>,
                              field<10, &T::names>, field<11, &T::counts>, field<12, &T::nested>,
                              field<13, &T::maybe, presence::optional>, field<14, &T::inners>,
                              field<15, &T::flags>, field<16, &T::deep>>;
};

template <>
struct struct_info<codec_test::inner_v2> {
    static constexpr std::string_view name = "inner";
    using T = codec_test::inner_v2;
    using fields = std::tuple<field<1, &T::a>, field<3, &T::extra_list>, field<2, &T::s, presence::optional>,
                              field<4, &T::extra_map>, field<5, &T::extra_double>>;
};

template <>
struct struct_info<codec_test::keyed> {
    static constexpr std::string_view name = "keyed";
    using T = codec_test::keyed;
    using fields = std::tuple<field<1, &T::key, presence::required>, field<2, &T::value, presence::required>>;
};

template <>
struct struct_info<codec_test::invalid_ex> {
    static constexpr std::string_view name = "invalid_ex";
    using fields = std::tuple<field<1, &codec_test::invalid_ex::why, presence::required>>;
};

template <>
struct struct_info<codec_test::missing_ex> {
    static constexpr std::string_view name = "missing_ex";
    using fields = std::tuple<>;
};

template <>
struct struct_info<codec_test::get_thing_args> {
    static constexpr std::string_view name = "get_thing_args";
    using T = codec_test::get_thing_args;
    using fields = std::tuple<field<1, &T::key, presence::required>, field<2, &T::level>>;
};

template <>
struct struct_info<codec_test::put_thing_args> {
    static constexpr std::string_view name = "put_thing_args";
    using fields = std::tuple<field<1, &codec_test::put_thing_args::item, presence::required>>;
};

}  // namespace cppcassa::codec

namespace codec_test {

namespace codec = cppcassa::codec;

// inner get_thing(1: required string key, 2: i32 level) throws (1: invalid_ex ire, 2: missing_ex nfe)
struct get_thing {
    static constexpr std::string_view name = "get_thing";
    using args = get_thing_args;
    using result = inner;
    using exceptions = std::tuple<codec::throws<1, invalid_ex>, codec::throws<2, missing_ex>>;
};

// void put_thing(1: required keyed item) throws (1: invalid_ex ire)
struct put_thing {
    static constexpr std::string_view name = "put_thing";
    using args = put_thing_args;
    using result = codec::void_result;
    using exceptions = std::tuple<codec::throws<1, invalid_ex>>;
};

// list<i64> count_things() -- a non-struct result
struct count_things {
    static constexpr std::string_view name = "count_things";
    using args = missing_ex;  // no arguments: any empty described struct will do
    using result = std::vector<std::int64_t>;
    using exceptions = std::tuple<>;
};

}  // namespace codec_test
