#include "marshal/hex_preview.hpp"
#include "marshal/text.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal.hpp>

#include <fmt/format.h>

#include <bit>

namespace cppcassa {

namespace {

[[noreturn]] void malformed(const marshal_type& type, std::string_view raw, std::string_view why) {
    throw marshal_error(fmt::format("cannot unpack {} ({} bytes) as {}: {}", detail::hex_preview(raw), raw.size(),
                                    type.short_name(), why));
}

std::uint64_t read_big_endian(std::string_view raw) {
    std::uint64_t v = 0;
    for (const char c : raw)
        v = (v << 8) | static_cast<std::uint8_t>(c);
    return v;
}

void expect_size(const marshal_type& type, std::string_view raw, std::size_t size) {
    if (raw.size() != size)
        malformed(type, raw, fmt::format("expected {} bytes (or none)", size));
}

value unpack_composite(const marshal_type& type, std::string_view raw) {
    const auto& types = type.base().components();
    composite out;
    std::size_t pos = 0;
    while (pos < raw.size()) {
        const std::size_t index = out.components.size();
        if (index == types.size())
            malformed(type, raw, fmt::format("more than the {} components the type declares", types.size()));
        if (raw.size() - pos < 2)
            malformed(type, raw, fmt::format("component {} has no 2-byte length", index));
        const std::size_t length = read_big_endian(raw.substr(pos, 2));
        pos += 2;
        if (raw.size() - pos < length + 1)
            malformed(type, raw, fmt::format("component {} announces {} bytes and its end-of-component byte, "
                                             "{} bytes are left", index, length, raw.size() - pos));
        out.components.push_back(unpack(types[index], raw.substr(pos, length)));
        pos += length;
        const char end_of_component = raw[pos++];
        // Cassandra refuses a non-zero end-of-component anywhere but on the last component.
        if (end_of_component != 0 && pos != raw.size())
            malformed(type, raw, fmt::format("component {} has end-of-component byte 0x{:02x} but more follows",
                                             index, static_cast<std::uint8_t>(end_of_component)));
    }
    return out;
}

}  // namespace

value unpack(const marshal_type& type, std::string_view raw) {
    const marshal_type& base = type.base();
    switch (base.kind()) {
    case type_kind::bytes:
    case type_kind::opaque:
        return bytes{std::string(raw)};
    case type_kind::ascii:
        if (const auto at = detail::first_non_ascii(raw))
            malformed(type, raw, fmt::format("byte at offset {} is not ASCII", *at));
        return std::string(raw);
    case type_kind::utf8:
        if (const auto at = detail::first_invalid_utf8(raw))
            malformed(type, raw, fmt::format("invalid UTF-8 at byte offset {}", *at));
        return std::string(raw);
    case type_kind::composite:
        return unpack_composite(type, raw);
    default:
        break;
    }
    if (raw.empty())
        return {};  // Cassandra's empty value of a fixed-width or numeric type
    switch (base.kind()) {
    case type_kind::int64:
    case type_kind::counter:
        expect_size(type, raw, 8);
        return static_cast<std::int64_t>(read_big_endian(raw));
    case type_kind::int32:
        expect_size(type, raw, 4);
        return value::int32(static_cast<std::int32_t>(static_cast<std::uint32_t>(read_big_endian(raw))));
    case type_kind::varint:
        return varint::from_bytes(raw);
    case type_kind::decimal:
        if (raw.size() < 5)
            malformed(type, raw, "expected a 4-byte scale and at least one byte of unscaled value");
        return decimal{varint::from_bytes(raw.substr(4)),
                       static_cast<std::int32_t>(static_cast<std::uint32_t>(read_big_endian(raw.substr(0, 4))))};
    case type_kind::float32:
        expect_size(type, raw, 4);
        return std::bit_cast<float>(static_cast<std::uint32_t>(read_big_endian(raw)));
    case type_kind::float64:
        expect_size(type, raw, 8);
        return std::bit_cast<double>(read_big_endian(raw));
    case type_kind::boolean:
        expect_size(type, raw, 1);
        return raw[0] != 0;  // Cassandra reads any non-zero byte as true
    case type_kind::date:
    case type_kind::timestamp:
        expect_size(type, raw, 8);
        return date(std::chrono::milliseconds(static_cast<std::int64_t>(read_big_endian(raw))));
    case type_kind::uuid:
    case type_kind::lexical_uuid:
        expect_size(type, raw, 16);
        return uuid::from_bytes(raw);
    case type_kind::time_uuid: {
        expect_size(type, raw, 16);
        const uuid u = uuid::from_bytes(raw);
        if (u.version() != 1)
            malformed(type, raw, fmt::format("version {} UUID, TimeUUIDType holds version 1 only", u.version()));
        return u;
    }
    default:
        break;
    }
    malformed(type, raw, "unsupported type");
}

}  // namespace cppcassa
