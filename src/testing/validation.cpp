#include "testing/validation.hpp"

#include "marshal/text.hpp"

#include <fmt/format.h>

namespace cppcassa::testing::detail {

namespace {

std::optional<std::string> fixed(std::string_view bytes, std::size_t width, std::string_view what) {
    if (bytes.empty() || bytes.size() == width)
        return std::nullopt;
    return fmt::format("Expected {} or 0 byte {} ({})", width, what, bytes.size());
}

std::optional<std::string> composite_problem(const marshal_type& type, std::string_view bytes) {
    const auto& parts = type.components();
    std::size_t at = 0;
    for (std::size_t i = 0; at < bytes.size(); ++i) {
        if (at + 2 > bytes.size())
            return std::string("Not enough bytes to read value size of component ") + std::to_string(i);
        const std::size_t n = (static_cast<std::size_t>(static_cast<unsigned char>(bytes[at])) << 8) |
                              static_cast<unsigned char>(bytes[at + 1]);
        at += 2;
        if (at + n > bytes.size())
            return std::string("Not enough bytes to read value of component ") + std::to_string(i);
        if (i < parts.size())
            if (auto problem = marshal_problem(parts[i], bytes.substr(at, n)))
                return problem;
        at += n;
        if (at >= bytes.size())
            return std::string("Not enough bytes to read the end-of-component byte of component") + std::to_string(i);
        const auto eoc = static_cast<signed char>(bytes[at++]);
        if (eoc != 0 && at != bytes.size())
            return std::string("Invalid bytes remaining after an end-of-component at component") + std::to_string(i);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> marshal_problem(const marshal_type& type, std::string_view bytes) {
    switch (type.kind()) {
    case type_kind::reversed:
        return marshal_problem(type.inner(), bytes);
    case type_kind::int64:
    case type_kind::counter:
        return fixed(bytes, 8, "long");
    case type_kind::timestamp:
    case type_kind::date:
        return fixed(bytes, 8, "long for date");
    case type_kind::int32:
        return fixed(bytes, 4, "int");
    case type_kind::float32:
        return fixed(bytes, 4, "value for a float");
    case type_kind::float64:
        return fixed(bytes, 8, "value for a double");
    case type_kind::boolean:
        if (bytes.size() > 1)
            return fmt::format("Expected 1 or 0 byte value ({})", bytes.size());
        return std::nullopt;
    case type_kind::uuid:
    case type_kind::lexical_uuid:
        if (!bytes.empty() && bytes.size() != 16)
            return fmt::format("UUID should be 16 or 0 bytes ({})", bytes.size());
        return std::nullopt;
    case type_kind::time_uuid:
        if (!bytes.empty() && bytes.size() != 16)
            return fmt::format("UUID should be 16 or 0 bytes ({})", bytes.size());
        if (bytes.size() == 16 && ((static_cast<unsigned char>(bytes[6]) >> 4) & 0x0f) != 1)
            return std::string("Invalid version for TimeUUID type.");
        return std::nullopt;
    case type_kind::ascii:
        if (const auto at = cppcassa::detail::first_non_ascii(bytes))
            return fmt::format("Invalid byte for ascii: {}", static_cast<int>(static_cast<signed char>(bytes[*at])));
        return std::nullopt;
    case type_kind::utf8:
        if (cppcassa::detail::first_invalid_utf8(bytes))
            return std::string("String didn't validate.");
        return std::nullopt;
    case type_kind::decimal:
        if (!bytes.empty() && bytes.size() < 4)
            return std::string("Not enough bytes to read a decimal");
        return std::nullopt;
    case type_kind::composite:
        return composite_problem(type, bytes);
    case type_kind::varint:
    case type_kind::bytes:
    case type_kind::opaque:
        break;
    }
    return std::nullopt;
}

}  // namespace cppcassa::testing::detail
