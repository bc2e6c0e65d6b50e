// Reads Thrift's binary protocol from bytes already in memory, trusting none of them.
//
// Every read is bounds-checked and throws cppcassa::protocol_error on bad input; lengths and
// element counts are compared with the bytes actually left before anything is sized by them, so a
// hostile or corrupt message can neither read out of bounds nor make us allocate gigabytes.
// Strings can be read as views into the input (no copy) for callers that only compare them.
#pragma once

#include "codec/byte_order.hpp"
#include "codec/wire_type.hpp"

#include <cppcassa/errors.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa::codec {

struct field_header {
    wire_type type;   // wire_type::stop ends the struct (id is then 0)
    std::int16_t id;
};

struct list_header {
    wire_type elem;
    std::int32_t size;  // >= 0, and the remaining bytes can hold that many elements
};

struct map_header {
    wire_type key;
    wire_type value;
    std::int32_t size;  // >= 0, and the remaining bytes can hold that many pairs
};

struct message_header {
    std::string_view name;  // a view into the reader's input
    message_type type;
    std::int32_t seqid;
};

// Apache Thrift's default recursion limit: deeper structs/containers are refused, so a message of
// nested lists cannot overflow the stack of the recursive decoder.
inline constexpr int max_nesting_depth = 64;

// The input ended before the value did (or a length/count points past its end). Still a
// protocol_error for a whole message; the distinct type only lets tests and framing tell it apart.
class truncated_message : public protocol_error {
public:
    using protocol_error::protocol_error;
};

class binary_reader {
public:
    // Reads `data`, which must outlive the reader and every view it returns.
    explicit binary_reader(std::string_view data) noexcept
        : begin_(data.data()), pos_(data.data()), end_(data.data() + data.size()) {}

    bool read_bool() { return *take(1) != 0; }  // nonzero is true, as Apache accepts it
    std::int8_t read_byte() { return static_cast<std::int8_t>(*take(1)); }
    std::int16_t read_i16() { return static_cast<std::int16_t>(get<std::uint16_t>()); }
    std::int32_t read_i32() { return static_cast<std::int32_t>(get<std::uint32_t>()); }
    std::int64_t read_i64() { return static_cast<std::int64_t>(get<std::uint64_t>()); }
    double read_double() { return std::bit_cast<double>(get<std::uint64_t>()); }

    // A string or binary as a view into the input (no copy).
    std::string_view read_binary() {
        const std::int32_t n = read_i32();
        if (n < 0) [[unlikely]]
            throw_negative("string length", n);
        return {take(static_cast<std::size_t>(n)), static_cast<std::size_t>(n)};
    }
    void read_string(std::string& out) { out.assign(read_binary()); }

    field_header read_field_begin() {
        const auto type = read_type(true);
        if (type == wire_type::stop)
            return {type, 0};
        return {type, read_i16()};
    }

    list_header read_list_begin() { return read_sequence_begin("list"); }
    list_header read_set_begin() { return read_sequence_begin("set"); }
    map_header read_map_begin() {
        const auto key = read_type(false);
        const auto value = read_type(false);
        const std::int32_t n = read_i32();
        check_count("map", n, min_wire_size(key) + min_wire_size(value));
        return {key, value, n};
    }

    // Accepts only the strict header (version 0x8001) with a known message type.
    message_header read_message_begin();

    // Advances over `n` bytes without looking at them.
    void skip_bytes(std::size_t n) { take(n); }

    [[nodiscard]] std::size_t offset() const noexcept { return static_cast<std::size_t>(pos_ - begin_); }
    [[nodiscard]] std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - pos_); }

    // Held while reading the inside of a struct or container; throws past max_nesting_depth.
    class nesting {
    public:
        explicit nesting(binary_reader& r) : r_(&r) {
            if (r.depth_ == max_nesting_depth) [[unlikely]]
                r.throw_too_deep();
            ++r.depth_;
        }
        ~nesting() { --r_->depth_; }
        nesting(const nesting&) = delete;
        nesting& operator=(const nesting&) = delete;

    private:
        binary_reader* r_;
    };
    [[nodiscard]] nesting nest() { return nesting(*this); }

private:
    const char* take(std::size_t n) {
        if (n > remaining()) [[unlikely]]
            throw_truncated(n);
        const char* p = pos_;
        pos_ += n;
        return p;
    }

    template <class U>
    U get() {
        return detail::load_be<U>(take(sizeof(U)));
    }

    wire_type read_type(bool allow_stop) {
        const std::int8_t tag = read_byte();
        if (!is_value_type(tag) && !(allow_stop && tag == 0)) [[unlikely]]
            throw_bad_type(tag);
        return static_cast<wire_type>(tag);
    }

    list_header read_sequence_begin(const char* what) {
        const auto elem = read_type(false);
        const std::int32_t n = read_i32();
        check_count(what, n, min_wire_size(elem));
        return {elem, n};
    }

    void check_count(const char* what, std::int32_t n, std::size_t min_each) {
        if (n < 0) [[unlikely]]
            throw_negative(what, n);
        // At most 2^31 * 16: no overflow in 64 bits.
        if (static_cast<std::uint64_t>(n) * min_each > remaining()) [[unlikely]]
            throw_count_too_large(what, n, min_each);
    }

    [[noreturn, gnu::cold]] void throw_truncated(std::size_t needed) const;
    [[noreturn, gnu::cold]] void throw_negative(const char* what, std::int32_t n) const;
    [[noreturn, gnu::cold]] void throw_count_too_large(const char* what, std::int32_t n,
                                                      std::size_t min_each) const;
    [[noreturn, gnu::cold]] void throw_bad_type(std::int8_t tag) const;
    [[noreturn, gnu::cold]] void throw_too_deep() const;

    const char* begin_;
    const char* pos_;
    const char* end_;
    int depth_ = 0;
};

}  // namespace cppcassa::codec
