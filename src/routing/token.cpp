#include "routing/token.hpp"

#include "routing/md5_token.hpp"
#include "routing/murmur3.hpp"

#include <cppcassa/errors.hpp>

#include <algorithm>
#include <charconv>
#include <string>

namespace cppcassa::routing {
namespace {

constexpr std::uint64_t sign_bit = 0x8000'0000'0000'0000ULL;

usage_error bad_token(std::string_view text, std::string_view why) {
    return usage_error(client_errc::invalid_argument,
                       "malformed token '" + std::string(text) + "': " + std::string(why));
}

// (hi, lo) * 10 + digit; false on overflow past 2^128.
bool times_ten_plus(std::uint64_t& hi, std::uint64_t& lo, unsigned digit) {
    // Split lo in 32-bit halves so the carries of lo * 10 are exact.
    const std::uint64_t lo_lo = (lo & 0xffff'ffffULL) * 10 + digit;
    const std::uint64_t lo_hi = (lo >> 32) * 10 + (lo_lo >> 32);
    const std::uint64_t carry = lo_hi >> 32;
    if (hi > (~std::uint64_t{0} - carry) / 10)
        return false;
    hi = hi * 10 + carry;
    lo = (lo_hi << 32) | (lo_lo & 0xffff'ffffULL);
    return true;
}

// (hi, lo) / 10, returning the remainder.
unsigned divide_by_ten(std::uint64_t& hi, std::uint64_t& lo) {
    std::uint64_t rem = hi % 10;
    hi /= 10;
    std::uint64_t out = 0;
    for (int shift = 32; shift >= 0; shift -= 32) {
        const std::uint64_t part = (rem << 32) | ((lo >> shift) & 0xffff'ffffULL);
        out = (out << 32) | (part / 10);
        rem = part % 10;
    }
    lo = out;
    return static_cast<unsigned>(rem);
}

}  // namespace

std::optional<partitioner_kind> parse_partitioner(std::string_view class_name) {
    const auto dot = class_name.rfind('.');
    const std::string_view simple = dot == std::string_view::npos ? class_name : class_name.substr(dot + 1);
    if (simple == "Murmur3Partitioner")
        return partitioner_kind::murmur3;
    if (simple == "RandomPartitioner")
        return partitioner_kind::random;
    return std::nullopt;
}

token from_murmur3(std::int64_t value) { return {0, static_cast<std::uint64_t>(value) ^ sign_bit}; }

token from_random(std::uint64_t high, std::uint64_t low) {
    // + 1 leaves room for the -1 minimum below every real token.
    return {low == ~std::uint64_t{0} ? high + 1 : high, low + 1};
}

token random_minimum() { return {0, 0}; }

token parse_token(partitioner_kind kind, std::string_view text) {
    if (kind == partitioner_kind::murmur3) {
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
            throw bad_token(text, "not a Murmur3Partitioner token (a 64-bit signed integer)");
        return from_murmur3(v);
    }
    if (text == "-1")
        return random_minimum();
    if (text.empty() || text.size() > 39 || !std::all_of(text.begin(), text.end(), [](char c) {
            return c >= '0' && c <= '9';
        }))
        throw bad_token(text, "not a RandomPartitioner token (an integer in 0..2^127)");
    std::uint64_t hi = 0, lo = 0;
    for (const char c : text)
        if (!times_ten_plus(hi, lo, static_cast<unsigned>(c - '0')))
            throw bad_token(text, "larger than 2^127");
    if (hi > sign_bit || (hi == sign_bit && lo != 0))
        throw bad_token(text, "larger than 2^127");
    return from_random(hi, lo);
}

token token_of(partitioner_kind kind, std::string_view key) {
    if (kind == partitioner_kind::murmur3)
        return from_murmur3(murmur3_token(key));
    // RandomPartitioner gives the empty key its minimum, like Murmur3Partitioner.
    if (key.empty())
        return random_minimum();
    const auto [hi, lo] = md5_token(key);
    return from_random(hi, lo);
}

std::string to_string(partitioner_kind kind, const token& t) {
    if (kind == partitioner_kind::murmur3)
        return std::to_string(static_cast<std::int64_t>(t.lo ^ sign_bit));
    if (t == random_minimum())
        return "-1";
    std::uint64_t hi = t.hi, lo = t.lo;
    // Undo the + 1 of from_random.
    if (lo-- == 0)
        --hi;
    std::string digits;
    do
        digits.push_back(static_cast<char>('0' + divide_by_ten(hi, lo)));
    while (hi != 0 || lo != 0);
    std::reverse(digits.begin(), digits.end());
    return digits;
}

}  // namespace cppcassa::routing
