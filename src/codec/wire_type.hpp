// The type tags of Thrift's binary protocol, as they appear on the wire.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cppcassa::codec {

// TType values of Apache Thrift. VOID (1) and the UTF8/UTF16 tags never travel in the binary
// protocol, so the reader rejects them like any other unknown tag.
enum class wire_type : std::int8_t {
    stop = 0,
    bool_ = 2,
    byte = 3,
    double_ = 4,
    i16 = 6,
    i32 = 8,
    i64 = 10,
    string = 11,
    struct_ = 12,
    map = 13,
    set = 14,
    list = 15,
};

// The low byte of a message header's version word.
enum class message_type : std::int8_t { call = 1, reply = 2, exception = 3, oneway = 4 };

// Strict binary protocol version word; the message type goes into its low byte.
inline constexpr std::uint32_t binary_version_1 = 0x80010000u;
inline constexpr std::uint32_t binary_version_mask = 0xffff0000u;

// Whether every value of type `t` has the same size on the wire (min_wire_size(t)): a container
// of such elements is skipped or bounded by its count alone, without reading each element.
constexpr bool is_fixed_size(wire_type t) noexcept {
    return t != wire_type::string && t != wire_type::struct_ && t != wire_type::map && t != wire_type::set &&
           t != wire_type::list;
}

// The fewest bytes a value of type `t` can occupy (an empty string, struct or container still has
// its length, stop byte or header), or 0 for a tag that cannot start a value. The reader multiplies
// an announced element count by this before trusting it: a count the remaining bytes cannot hold
// is rejected before anything is allocated.
constexpr std::size_t min_wire_size(wire_type t) noexcept {
    switch (t) {
    case wire_type::bool_:
    case wire_type::byte:
    case wire_type::struct_:
        return 1;
    case wire_type::i16:
        return 2;
    case wire_type::i32:
    case wire_type::string:
        return 4;
    case wire_type::double_:
    case wire_type::i64:
        return 8;
    case wire_type::set:
    case wire_type::list:
        return 5;
    case wire_type::map:
        return 6;
    case wire_type::stop:
        return 0;
    }
    return 0;
}

// True for the tags that may start a value (everything but stop and unknown bytes).
constexpr bool is_value_type(std::int8_t tag) noexcept {
    return min_wire_size(static_cast<wire_type>(tag)) != 0;
}

// "i32", "list", ...: for error messages.
constexpr const char* wire_type_name(wire_type t) noexcept {
    switch (t) {
    case wire_type::stop: return "stop";
    case wire_type::bool_: return "bool";
    case wire_type::byte: return "byte";
    case wire_type::double_: return "double";
    case wire_type::i16: return "i16";
    case wire_type::i32: return "i32";
    case wire_type::i64: return "i64";
    case wire_type::string: return "string";
    case wire_type::struct_: return "struct";
    case wire_type::map: return "map";
    case wire_type::set: return "set";
    case wire_type::list: return "list";
    }
    return "unknown";
}

}  // namespace cppcassa::codec
