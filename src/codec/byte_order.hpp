// Thrift's binary protocol is big-endian throughout; std::byteswap is C++23, so the builtins.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace cppcassa::codec::detail {

template <class U>
constexpr U big_endian(U v) noexcept {
    static_assert(std::is_unsigned_v<U>);
    if constexpr (std::endian::native == std::endian::big || sizeof(U) == 1)
        return v;
    else if constexpr (sizeof(U) == 2)
        return __builtin_bswap16(v);
    else if constexpr (sizeof(U) == 4)
        return __builtin_bswap32(v);
    else
        return __builtin_bswap64(v);
}

template <class U>
inline void store_be(char* out, U v) noexcept {
    v = big_endian(v);
    std::memcpy(out, &v, sizeof v);
}

template <class U>
inline U load_be(const char* in) noexcept {
    U v;
    std::memcpy(&v, in, sizeof v);
    return big_endian(v);
}

}  // namespace cppcassa::codec::detail
