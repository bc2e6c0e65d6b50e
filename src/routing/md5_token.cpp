#include "routing/md5_token.hpp"

#include <boost/uuid/detail/md5.hpp>


namespace cppcassa::routing {

std::pair<std::uint64_t, std::uint64_t> md5_token(std::string_view key) {
    boost::uuids::detail::md5 hash;
    hash.process_bytes(key.data(), key.size());
    boost::uuids::detail::md5::digest_type digest;
    hash.get_digest(digest);
    unsigned char bytes[16];
    if constexpr (sizeof(digest[0]) == 1) {
        // Boost 1.86 and later: the digest is its 16 bytes, in order.
        for (int i = 0; i < 16; ++i)
            bytes[i] = static_cast<unsigned char>(digest[i]);
    } else {
        // Boost 1.71 to 1.85 store four 32-bit words, each so that its *value* read most
        // significant byte first gives the digest bytes in order, on either byte order (its
        // name-based uuid generator reads it that way). A memcpy of the array would give each
        // word's bytes reversed on x86.
        for (int w = 0; w < 4; ++w)
            for (int b = 0; b < 4; ++b)
                bytes[w * 4 + b] = static_cast<unsigned char>(digest[w] >> (24 - 8 * b));
    }

    std::uint64_t hi = 0, lo = 0;
    for (int i = 0; i < 8; ++i) {
        hi = (hi << 8) | bytes[i];
        lo = (lo << 8) | bytes[i + 8];
    }
    // BigInteger(byte[]) reads two's complement; abs() of a negative value is its negation,
    // computed here on the 128-bit pair (-2^127 maps to 2^127, which fits unsigned).
    if (hi >> 63) {
        hi = ~hi;
        lo = ~lo;
        if (++lo == 0)
            ++hi;
    }
    return {hi, lo};
}

}  // namespace cppcassa::routing
