#include "codec/framing.hpp"

#include "codec/byte_order.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

namespace cppcassa::codec {
namespace {

std::int32_t i32_at(std::string_view b, std::size_t at) {
    return static_cast<std::int32_t>(detail::load_be<std::uint32_t>(b.data() + at));
}

wire_type type_at(std::string_view b, std::size_t at) {
    const auto tag = static_cast<std::int8_t>(b[at]);
    if (!is_value_type(tag)) [[unlikely]]
        throw protocol_error(fmt::format("unknown Thrift wire type {} at offset {}", tag, at));
    return static_cast<wire_type>(tag);
}

[[noreturn]] void throw_negative(const char* what, std::int32_t n, std::size_t at) {
    throw protocol_error(fmt::format("negative {} {} in Thrift message at offset {}", what, n, at));
}

}  // namespace

std::optional<std::size_t> message_scanner::scan(std::string_view buffered) {
    if (!framed_)
        return scan_unframed(buffered);
    if (buffered.size() < 4)
        return std::nullopt;
    const std::int32_t length = i32_at(buffered, 0);
    if (length < 0) [[unlikely]]
        // An unframed strict header (0x8001....) read as a frame length is negative.
        throw protocol_error(fmt::format("negative Thrift frame length {}: is the server using unframed transport?",
                                         length));
    check_limit(static_cast<std::uint64_t>(length));
    const std::size_t total = 4 + static_cast<std::size_t>(length);
    if (buffered.size() < total)
        return std::nullopt;
    return total;
}

void message_scanner::check_limit(std::uint64_t bytes_needed) const {
    if (bytes_needed > limit_) [[unlikely]]
        throw frame_too_large(bytes_needed, limit_);
}

std::optional<std::size_t> message_scanner::scan_unframed(std::string_view b) {
    const auto need_more = [&]() -> std::optional<std::size_t> {
        check_limit(b.size() + 1);
        return std::nullopt;
    };
    if (!header_done_) {
        if (b.size() < 8)
            return need_more();
        const auto version = static_cast<std::uint32_t>(i32_at(b, 0));
        if ((version & binary_version_mask) != binary_version_1) [[unlikely]]
            throw protocol_error(fmt::format(
                "bad Thrift version 0x{:08x}: expected the strict binary protocol (0x8001....); "
                "is the server using framed transport?",
                version));
        const int type = static_cast<int>(version & 0xffu);
        if (type < 1 || type > 4) [[unlikely]]
            throw protocol_error(fmt::format("unknown message type {} in Thrift message header", type));
        const std::int32_t name_length = i32_at(b, 4);
        if (name_length < 0) [[unlikely]]
            throw_negative("method name length", name_length, 4);
        const std::uint64_t end = 12 + static_cast<std::uint64_t>(name_length);
        check_limit(end);
        if (b.size() < end)
            return need_more();
        pos_ = static_cast<std::size_t>(end);
        header_done_ = true;
        stack_[0] = {wire_type::struct_, wire_type::stop, wire_type::stop, 0};
        depth_ = 1;
    }
    while (depth_ > 0) {
        level& top = stack_[static_cast<std::size_t>(depth_ - 1)];
        if (top.kind == wire_type::struct_) {
            if (b.size() < pos_ + 1)
                return need_more();
            if (b[pos_] == 0) {
                ++pos_;
                --depth_;
                continue;
            }
            const wire_type t = type_at(b, pos_);
            if (b.size() < pos_ + 3 || !begin_value(b, pos_ + 3, t))
                return need_more();
        } else {
            if (top.remaining == 0) {
                --depth_;
                continue;
            }
            // A map counts keys and values down together: an even count left means a key is next.
            const wire_type t = top.kind == wire_type::map && top.remaining % 2 != 0 ? top.value : top.elem;
            if (!begin_value(b, pos_, t))
                return need_more();
            --top.remaining;  // `top` stays valid: stack_ is an array, begin_value only pushes above it
        }
    }
    return pos_;
}

// Walks past the start of a value of type t at `at`: all of it for a scalar, string or list of
// scalars, the header for a struct or container (pushed as a level). Returns false, changing
// nothing, when the bytes needed are not buffered yet.
bool message_scanner::begin_value(std::string_view b, std::size_t at, wire_type t) {
    const auto push = [&](level l) {
        if (depth_ == static_cast<int>(stack_.size())) [[unlikely]]
            throw protocol_error(fmt::format("Thrift message nests structs/containers deeper than {} levels (offset {})",
                                             stack_.size(), at));
        stack_[static_cast<std::size_t>(depth_++)] = l;
    };
    std::uint64_t end = at;
    switch (t) {
    case wire_type::struct_:
        push({wire_type::struct_, wire_type::stop, wire_type::stop, 0});
        break;
    case wire_type::string: {
        if (b.size() < at + 4)
            return false;
        const std::int32_t n = i32_at(b, at);
        if (n < 0) [[unlikely]]
            throw_negative("string length", n, at);
        end = at + 4 + static_cast<std::uint64_t>(n);
        break;
    }
    case wire_type::list:
    case wire_type::set: {
        if (b.size() < at + 5)
            return false;
        const wire_type elem = type_at(b, at);
        const std::int32_t n = i32_at(b, at + 1);
        if (n < 0) [[unlikely]]
            throw_negative("list/set size", n, at + 1);
        end = at + 5;
        check_limit(end + static_cast<std::uint64_t>(n) * min_wire_size(elem));
        if (is_fixed_size(elem)) {
            // Counts as a level for the depth limit, like the decoder, but needs no walking.
            if (depth_ == static_cast<int>(stack_.size())) [[unlikely]]
                push({});
            end += static_cast<std::uint64_t>(n) * min_wire_size(elem);
        } else {
            if (b.size() < end)
                return false;
            push({wire_type::list, elem, wire_type::stop, n});
        }
        break;
    }
    case wire_type::map: {
        if (b.size() < at + 6)
            return false;
        const wire_type key = type_at(b, at);
        const wire_type value = type_at(b, at + 1);
        const std::int32_t n = i32_at(b, at + 2);
        if (n < 0) [[unlikely]]
            throw_negative("map size", n, at + 2);
        end = at + 6;
        check_limit(end + static_cast<std::uint64_t>(n) * (min_wire_size(key) + min_wire_size(value)));
        push({wire_type::map, key, value, 2 * static_cast<std::int64_t>(n)});
        break;
    }
    default:
        end = at + min_wire_size(t);
        break;
    }
    check_limit(end);
    if (b.size() < end)
        return false;  // only scalars, strings and lists of scalars get here without pushing
    pos_ = static_cast<std::size_t>(end);
    return true;
}

std::optional<std::size_t> complete_message_size(std::string_view buffered, bool framed, std::size_t frame_limit) {
    message_scanner scanner(framed, frame_limit);
    return scanner.scan(buffered);
}

}  // namespace cppcassa::codec
