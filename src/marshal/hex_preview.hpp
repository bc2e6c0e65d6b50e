// The first bytes of a value in hex, for error messages that must show bad input without
// printing all of it.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa::detail {

// "0x" and up to 32 bytes in hex, then "..." when there are more.
inline std::string hex_preview(std::string_view raw) {
    constexpr std::size_t shown = 32;
    std::string out = "0x";
    for (std::size_t i = 0; i < raw.size() && i < shown; ++i)
        out += fmt::format("{:02x}", static_cast<std::uint8_t>(raw[i]));
    return raw.size() > shown ? out + "..." : out;
}

}  // namespace cppcassa::detail
