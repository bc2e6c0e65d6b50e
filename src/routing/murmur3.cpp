#include "routing/murmur3.hpp"

#include <cstring>
#include <limits>

namespace cppcassa::routing {
namespace {

// Java's long arithmetic wraps; unsigned arithmetic is how C++ gets the same bits without UB.
using u64 = std::uint64_t;

constexpr u64 c1 = 0x87c37b91114253d5ULL;
constexpr u64 c2 = 0x4cf5ad432745937fULL;

constexpr u64 rotl64(u64 v, int n) { return (v << n) | (v >> (64 - n)); }

constexpr u64 fmix(u64 k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

// Blocks are read little-endian with each byte masked (Cassandra's getblock), so they match the
// reference MurmurHash3 whatever the host's byte order.
u64 block(const unsigned char* p) {
    u64 v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

// The tail is where Cassandra differs from the reference MurmurHash3: it widens each byte with
// `(long) key.get(i)`, which sign-extends bytes >= 0x80, so their high bits spill over the
// bytes above them. Keys with such bytes in their last (length % 16) positions hash differently
// from the reference algorithm, and the server's tokens are what count.
u64 tail_byte(unsigned char b, int shift) {
    const auto widened = static_cast<u64>(static_cast<std::int64_t>(static_cast<signed char>(b)));
    return widened << shift;
}

}  // namespace

std::int64_t murmur3_hash3_x64_128_h1(std::string_view key) {
    const auto* data = reinterpret_cast<const unsigned char*>(key.data());
    const std::size_t length = key.size();
    const std::size_t nblocks = length / 16;
    u64 h1 = 0, h2 = 0;  // seed 0

    for (std::size_t i = 0; i < nblocks; ++i) {
        u64 k1 = block(data + i * 16);
        u64 k2 = block(data + i * 16 + 8);
        k1 *= c1; k1 = rotl64(k1, 31); k1 *= c2; h1 ^= k1;
        h1 = rotl64(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
        k2 *= c2; k2 = rotl64(k2, 33); k2 *= c1; h2 ^= k2;
        h2 = rotl64(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
    }

    const unsigned char* tail = data + nblocks * 16;
    const std::size_t rest = length & 15;
    u64 k1 = 0, k2 = 0;
    for (std::size_t i = rest; i > 8; --i)
        k2 ^= tail_byte(tail[i - 1], static_cast<int>((i - 9) * 8));
    if (rest > 8) {
        k2 *= c2; k2 = rotl64(k2, 33); k2 *= c1; h2 ^= k2;
    }
    for (std::size_t i = rest < 8 ? rest : 8; i > 0; --i)
        k1 ^= tail_byte(tail[i - 1], static_cast<int>((i - 1) * 8));
    if (rest > 0) {
        k1 *= c1; k1 = rotl64(k1, 31); k1 *= c2; h1 ^= k1;
    }

    h1 ^= static_cast<u64>(length);
    h2 ^= static_cast<u64>(length);
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    return static_cast<std::int64_t>(h1);
}

std::int64_t murmur3_token(std::string_view key) {
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    if (key.empty())
        return min;
    const std::int64_t h = murmur3_hash3_x64_128_h1(key);
    return h == min ? std::numeric_limits<std::int64_t>::max() : h;
}

}  // namespace cppcassa::routing
