// A position on the token ring, for either hashing partitioner, in one ordered type.
//
// Murmur3Partitioner tokens are Java longs; RandomPartitioner tokens are BigIntegers in
// [0, 2^127] (and -1 for the empty key). Both are mapped onto an unsigned 128-bit value that
// keeps their order, so the ring compares tokens without knowing the partitioner:
//   Murmur3: the long with its sign bit flipped (Long.MIN_VALUE -> 0);
//   Random:  the value + 1 (the minimum -1 -> 0).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cppcassa::routing {

enum class partitioner_kind { murmur3, random };

struct token {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;

    friend auto operator<=>(const token&, const token&) = default;
};

// The partitioner named by describe_partitioner's reply (a Java class name, with or without its
// package); std::nullopt for one we cannot route by (ordered partitioners, custom ones).
std::optional<partitioner_kind> parse_partitioner(std::string_view class_name);

token from_murmur3(std::int64_t value);
// A RandomPartitioner token in [0, 2^127] given as its (high, low) 64-bit words.
token from_random(std::uint64_t high, std::uint64_t low);
// RandomPartitioner's minimum, -1: the empty key's token, below every other.
token random_minimum();

// A token as describe_ring writes it (a decimal string); throws usage_error (invalid_argument)
// when it is not one of this partitioner's tokens.
token parse_token(partitioner_kind kind, std::string_view text);

// The token of a partition key.
token token_of(partitioner_kind kind, std::string_view key);

// The token in the server's decimal notation (for messages and tests).
std::string to_string(partitioner_kind kind, const token& t);

}  // namespace cppcassa::routing
