// The first bytes of a value in hex, for error messages that must show bad input without
// printing all of it.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa::detail {

// How many bytes hex_preview shows.
inline constexpr std::size_t hex_preview_bytes = 32;

// "0x" and up to hex_preview_bytes bytes in hex, then "..." when there are more.
inline std::string hex_preview(std::string_view raw) {
    std::string out = "0x";
    for (std::size_t i = 0; i < raw.size() && i < hex_preview_bytes; ++i)
        out += fmt::format("{:02x}", static_cast<std::uint8_t>(raw[i]));
    return raw.size() > hex_preview_bytes ? out + "..." : out;
}

}  // namespace cppcassa::detail
