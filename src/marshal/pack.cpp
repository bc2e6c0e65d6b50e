#include "marshal/append_packed.hpp"
#include "marshal/composite_codec.hpp"
#include "marshal/text.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal.hpp>

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <limits>

namespace cppcassa {

namespace {

[[noreturn]] void refuse(const marshal_type& type, const value& v, std::string_view why) {
    throw marshal_error(fmt::format("cannot pack {} as {}: {}", v.describe(), type.short_name(), why));
}

void append_big_endian(std::string& out, std::uint64_t v, std::size_t width) {
    char b[8];
    for (std::size_t i = 0; i < width; ++i)
        b[width - 1 - i] = static_cast<char>(v >> (8 * i));
    out.append(b, width);
}

// The integer a value holds, when it holds one (int64, int32, or a varint that fits).
std::optional<std::int64_t> integer_of(const value& v) {
    switch (v.kind()) {
    case value_kind::int64:
        return std::get<std::int64_t>(v.get());
    case value_kind::int32:
        return std::get<std::int32_t>(v.get());
    case value_kind::varint:
        return std::get<varint>(v.get()).to_int64();
    default:
        return std::nullopt;
    }
}

bool is_integer(const value& v) {
    return v.kind() == value_kind::int64 || v.kind() == value_kind::int32 || v.kind() == value_kind::varint;
}

std::string_view text_or_bytes(const marshal_type& type, const value& v) {
    if (const auto* s = std::get_if<std::string>(&v.get()))
        return *s;
    if (const auto* b = std::get_if<bytes>(&v.get()))
        return b->data;
    refuse(type, v, "expects text (std::string, const char*) or cppcassa::bytes");
}

void append_floating(std::string& out, const marshal_type& type, const value& v, bool single) {
    double d = 0;
    if (v.kind() == value_kind::float32) {
        d = std::get<float>(v.get());
    } else if (v.kind() == value_kind::float64) {
        d = std::get<double>(v.get());
        // A double literal into FloatType rounds to the nearest float, like a C++ conversion;
        // only a finite value beyond float's range is refused.
        if (single && std::isfinite(d) && std::abs(d) > std::numeric_limits<float>::max())
            refuse(type, v, "out of FloatType's range (about ±3.4e38)");
    } else if (const auto i = integer_of(v)) {
        // Integers only when the floating type holds them exactly (long double holds any int64).
        const long double wide = static_cast<long double>(*i);
        const bool exact = single ? static_cast<long double>(static_cast<float>(*i)) == wide
                                  : static_cast<long double>(static_cast<double>(*i)) == wide;
        if (!exact)
            refuse(type, v, "the integer has no exact representation in this floating-point type");
        d = static_cast<double>(*i);
    } else {
        refuse(type, v, "expects float, double or an integer it holds exactly");
    }
    if (single && v.kind() == value_kind::float32)  // the float's own bits: a NaN payload survives
        return append_big_endian(out, std::bit_cast<std::uint32_t>(std::get<float>(v.get())), 4);
    if (single)
        return append_big_endian(out, std::bit_cast<std::uint32_t>(static_cast<float>(d)), 4);
    if (v.kind() == value_kind::float32)  // widen the float itself, NaN payload included
        return append_big_endian(out, std::bit_cast<std::uint64_t>(static_cast<double>(std::get<float>(v.get()))), 8);
    return append_big_endian(out, std::bit_cast<std::uint64_t>(d), 8);
}

}  // namespace

namespace detail {

void append_packed(std::string& out, const marshal_type& type, const value& v) {
    if (v.empty())
        return;
    const marshal_type& base = type.base();
    switch (base.kind()) {
    case type_kind::bytes:
    case type_kind::opaque:
        out.append(text_or_bytes(type, v));
        return;
    case type_kind::ascii: {
        const std::string_view s = text_or_bytes(type, v);
        if (const auto at = detail::first_non_ascii(s))
            refuse(type, v, fmt::format("byte 0x{:02x} at offset {} is not ASCII", static_cast<std::uint8_t>(s[*at]), *at));
        out.append(s);
        return;
    }
    case type_kind::utf8: {
        const std::string_view s = text_or_bytes(type, v);
        if (const auto at = detail::first_invalid_utf8(s))
            refuse(type, v, fmt::format("invalid UTF-8 at byte offset {}", *at));
        out.append(s);
        return;
    }
    case type_kind::int64:
    case type_kind::counter: {
        if (!is_integer(v))
            refuse(type, v, "expects an integer");
        const auto i = integer_of(v);
        if (!i)
            refuse(type, v, "out of the 64-bit range");
        return append_big_endian(out, static_cast<std::uint64_t>(*i), 8);
    }
    case type_kind::int32: {
        if (!is_integer(v))
            refuse(type, v, "expects an integer");
        const auto i = integer_of(v);
        if (!i || *i < std::numeric_limits<std::int32_t>::min() || *i > std::numeric_limits<std::int32_t>::max())
            refuse(type, v, "out of the 32-bit range (-2147483648 to 2147483647)");
        return append_big_endian(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(*i)), 4);
    }
    case type_kind::varint:
        if (!is_integer(v))
            refuse(type, v, "expects an integer (int, int64_t, cppcassa::varint)");
        out.append(v.as<varint>().to_bytes());
        return;
    case type_kind::decimal: {
        if (v.kind() != value_kind::decimal && !is_integer(v))
            refuse(type, v, "expects a cppcassa::decimal (decimal::parse(\"1.50\")) or an integer; a double has no exact decimal value");
        const decimal d = v.as<decimal>();
        append_big_endian(out, static_cast<std::uint32_t>(d.scale), 4);
        out.append(d.unscaled.to_bytes());
        return;
    }
    case type_kind::float32:
        return append_floating(out, type, v, true);
    case type_kind::float64:
        return append_floating(out, type, v, false);
    case type_kind::boolean:
        if (v.kind() != value_kind::boolean)
            refuse(type, v, "expects a bool");
        out.push_back(std::get<bool>(v.get()) ? '\x01' : '\x00');
        return;
    case type_kind::date:
    case type_kind::timestamp:
        if (v.kind() != value_kind::date)
            refuse(type, v, "expects a std::chrono::system_clock time point");
        return append_big_endian(out, static_cast<std::uint64_t>(std::get<date>(v.get()).time_since_epoch().count()), 8);
    case type_kind::uuid:
    case type_kind::lexical_uuid:
        if (v.kind() != value_kind::uuid)
            refuse(type, v, "expects a cppcassa::uuid");
        out.append(std::get<uuid>(v.get()).to_bytes());
        return;
    case type_kind::time_uuid:
        if (v.kind() == value_kind::date) {  // pycassa's convenience: a new UUID at that time
            out.append(uuid::time_based(std::get<date>(v.get())).to_bytes());
            return;
        }
        if (v.kind() != value_kind::uuid)
            refuse(type, v, "expects a version 1 cppcassa::uuid or a time point");
        if (std::get<uuid>(v.get()).version() != 1)
            refuse(type, v, fmt::format("TimeUUIDType only takes version 1 UUIDs, this is version {}",
                                        std::get<uuid>(v.get()).version()));
        out.append(std::get<uuid>(v.get()).to_bytes());
        return;
    case type_kind::composite: {
        if (v.kind() != value_kind::composite)
            refuse(type, v, "expects a cppcassa::composite{...} of its components");
        const auto& components = std::get<composite>(v.get()).components;
        if (components.size() > base.components().size())
            refuse(type, v, fmt::format("{} components given, the type has {}", components.size(),
                                        base.components().size()));
        for (std::size_t i = 0; i < components.size(); ++i)
            detail::append_component(out, base, i, pack(base.components()[i], components[i]), 0);
        return;
    }
    case type_kind::reversed:
        break;  // base() never is
    }
    refuse(type, v, "unsupported type");
}

}  // namespace detail

std::string pack(const marshal_type& type, const value& v) {
    std::string out;
    detail::append_packed(out, type, v);
    return out;
}

}  // namespace cppcassa
