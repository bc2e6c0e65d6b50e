// Checks of AsciiType and UTF8Type bytes, shared by pack and unpack.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace cppcassa::detail {

// Offset of the first byte above 127, if any.
std::optional<std::size_t> first_non_ascii(std::string_view s);
// Offset of the first byte where `s` stops being well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

}  // namespace cppcassa::detail
