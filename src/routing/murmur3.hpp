// Murmur3Partitioner's token of a partition key: Cassandra's own MurmurHash3 x64_128, quirks
// included, so a key hashes here exactly as on the server.
#pragma once

#include <cstdint>
#include <string_view>

namespace cppcassa::routing {

// The first half of Cassandra's MurmurHash.hash3_x64_128(key, seed 0), as a Java long.
std::int64_t murmur3_hash3_x64_128_h1(std::string_view key);

// The token Murmur3Partitioner gives `key`: h1, with Long.MIN_VALUE moved to Long.MAX_VALUE
// (the minimum is reserved), and Long.MIN_VALUE for the empty key.
std::int64_t murmur3_token(std::string_view key);

}  // namespace cppcassa::routing
