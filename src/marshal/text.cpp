#include "marshal/text.hpp"

#include <cstdint>

namespace cppcassa::detail {

std::optional<std::size_t> first_non_ascii(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (static_cast<std::uint8_t>(s[i]) > 127)
            return i;
    return std::nullopt;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<std::uint8_t>(s[i]);
        std::size_t length = 0;
        std::uint8_t low = 0x80, high = 0xbf;  // allowed range of the second byte
        if (b0 < 0x80) {
            ++i;
            continue;
        } else if (b0 >= 0xc2 && b0 <= 0xdf) {
            length = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            length = 3;
            if (b0 == 0xe0)
                low = 0xa0;  // overlong below U+0800
            if (b0 == 0xed)
                high = 0x9f;  // UTF-16 surrogates
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            length = 4;
            if (b0 == 0xf0)
                low = 0x90;  // overlong below U+10000
            if (b0 == 0xf4)
                high = 0x8f;  // above U+10FFFF
        } else {
            return i;  // a continuation byte, an overlong lead (0xc0, 0xc1) or 0xf5..0xff
        }
        if (i + length > s.size())
            return i;
        const auto b1 = static_cast<std::uint8_t>(s[i + 1]);
        if (b1 < low || b1 > high)
            return i;
        for (std::size_t k = 2; k < length; ++k)
            if ((static_cast<std::uint8_t>(s[i + k]) & 0xc0) != 0x80)
                return i;
        i += length;
    }
    return std::nullopt;
}

}  // namespace cppcassa::detail
