#include "codec/binary_reader.hpp"

#include <fmt/format.h>

namespace cppcassa::codec {

message_header binary_reader::read_message_begin() {
    const auto version = static_cast<std::uint32_t>(read_i32());
    // Apache ignores bits 8..15 of the version word too; only the version and the type byte count.
    if ((version & binary_version_mask) != binary_version_1) [[unlikely]]
        throw protocol_error(fmt::format(
            "bad Thrift version 0x{:08x} at offset {}: expected the strict binary protocol "
            "(0x8001....); is the server speaking the compact protocol or unframed transport?",
            version, offset() - 4));
    const auto type = static_cast<std::int8_t>(version & 0xffu);
    if (type < 1 || type > 4) [[unlikely]]
        throw protocol_error(fmt::format("unknown message type {} in Thrift message header", type));
    const std::string_view name = read_binary();
    const std::int32_t seqid = read_i32();
    return {name, static_cast<message_type>(type), seqid};
}

void binary_reader::throw_truncated(std::size_t needed) const {
    throw truncated_message(fmt::format("Thrift message truncated: needed {} bytes at offset {}, only {} left",
                                        needed, offset(), remaining()));
}

void binary_reader::throw_negative(const char* what, std::int32_t n) const {
    throw protocol_error(fmt::format("negative {} {} in Thrift message before offset {}", what, n, offset()));
}

void binary_reader::throw_count_too_large(const char* what, std::int32_t n, std::size_t min_each) const {
    throw truncated_message(fmt::format(
        "Thrift message truncated: a {} of {} elements needs at least {} bytes at offset {}, only {} left",
        what, n, static_cast<std::uint64_t>(n) * min_each, offset(), remaining()));
}

void binary_reader::throw_bad_type(std::int8_t tag) const {
    throw protocol_error(fmt::format("unknown Thrift wire type {} at offset {}", tag, offset() - 1));
}

void binary_reader::throw_too_deep() const {
    throw protocol_error(fmt::format("Thrift message nests structs/containers deeper than {} levels (offset {})",
                                     max_nesting_depth, offset()));
}

}  // namespace cppcassa::codec
