// Appends values in Thrift's binary protocol (TBinaryProtocol, strict) to a std::string.
//
// There is no struct-begin/end or field-end method: the binary protocol writes no bytes for them.
#pragma once

#include "codec/byte_order.hpp"
#include "codec/wire_type.hpp"

#include <cppcassa/errors.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace cppcassa::codec {

class binary_writer {
public:
    // Appends to `out`, which must outlive the writer.
    explicit binary_writer(std::string& out) noexcept : out_(&out) {}

    void write_bool(bool v) { out_->push_back(v ? '\1' : '\0'); }
    void write_byte(std::int8_t v) { out_->push_back(static_cast<char>(v)); }
    void write_i16(std::int16_t v) { put(static_cast<std::uint16_t>(v)); }
    void write_i32(std::int32_t v) { put(static_cast<std::uint32_t>(v)); }
    void write_i64(std::int64_t v) { put(static_cast<std::uint64_t>(v)); }
    void write_double(double v) { put(std::bit_cast<std::uint64_t>(v)); }

    // An i32 length, then the bytes (Thrift's string and binary are the same on the wire).
    void write_string(std::string_view s) {
        write_i32(checked_size(s.size(), "string"));
        out_->append(s);
    }

    void write_field_begin(wire_type t, std::int16_t id) {
        char b[3];
        b[0] = static_cast<char>(t);
        detail::store_be(b + 1, static_cast<std::uint16_t>(id));
        out_->append(b, sizeof b);
    }
    void write_field_stop() { out_->push_back('\0'); }

    void write_list_begin(wire_type elem, std::int32_t size) { container_header(elem, size); }
    void write_set_begin(wire_type elem, std::int32_t size) { container_header(elem, size); }
    void write_map_begin(wire_type key, wire_type value, std::int32_t size) {
        char b[6];
        b[0] = static_cast<char>(key);
        b[1] = static_cast<char>(value);
        detail::store_be(b + 2, static_cast<std::uint32_t>(size));
        out_->append(b, sizeof b);
    }

    // Strict header: version word with the type in its low byte, method name, sequence id.
    void write_message_begin(std::string_view name, message_type type, std::int32_t seqid) {
        write_i32(static_cast<std::int32_t>(binary_version_1 | static_cast<std::uint32_t>(type)));
        write_string(name);
        write_i32(seqid);
    }

    [[nodiscard]] std::string& buffer() const noexcept { return *out_; }

    // A size as Thrift's i32, or protocol_error when it does not fit (Thrift caps at 2^31-1).
    static std::int32_t checked_size(std::size_t n, const char* what) {
        if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) [[unlikely]]
            throw_too_long(n, what);
        return static_cast<std::int32_t>(n);
    }

private:
    template <class U>
    void put(U v) {
        char b[sizeof(U)];
        detail::store_be(b, v);
        out_->append(b, sizeof b);
    }

    void container_header(wire_type elem, std::int32_t size) {
        char b[5];
        b[0] = static_cast<char>(elem);
        detail::store_be(b + 1, static_cast<std::uint32_t>(size));
        out_->append(b, sizeof b);
    }

    [[noreturn, gnu::cold, gnu::noinline]] static void throw_too_long(std::size_t n, const char* what) {
        throw protocol_error(std::string("cannot encode a ") + what + " of " + std::to_string(n) +
                             " elements or bytes: Thrift sizes are limited to 2^31-1");
    }

    std::string* out_;
};

}  // namespace cppcassa::codec
