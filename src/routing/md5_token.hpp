// RandomPartitioner's token of a partition key: the MD5 digest read as a signed big-endian
// BigInteger, then abs() (FBUtilities.hashToBigInteger), so a value in [0, 2^127].
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

namespace cppcassa::routing {

// The token of a non-empty key as (high 64 bits, low 64 bits) of the unsigned value.
std::pair<std::uint64_t, std::uint64_t> md5_token(std::string_view key);

}  // namespace cppcassa::routing
