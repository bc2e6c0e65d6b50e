// Arbitrary-precision integers and decimals, as Cassandra's IntegerType (Java BigInteger) and
// DecimalType (Java BigDecimal) store them.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa {

// An integer of any size. Its bytes are Java's BigInteger.toByteArray(): two's complement,
// big-endian, shortest form (0 is one 0x00 byte, -1 one 0xff byte, 128 is 0x00 0x80).
class varint {
public:
    varint() = default;
    varint(std::int64_t v);  // NOLINT(google-explicit-constructor): every int64 is a varint
    static varint from_unsigned(std::uint64_t v);

    // Decimal digits with an optional sign ("-123456789012345678901234567890"); marshal_error
    // on anything else (empty, spaces, other characters).
    static varint parse(std::string_view text);
    // From two's-complement big-endian bytes of any length (leading sign bytes are dropped);
    // marshal_error on no bytes at all.
    static varint from_bytes(std::string_view raw);

    // Shortest two's-complement big-endian bytes, what IntegerType stores.
    [[nodiscard]] std::string to_bytes() const;
    [[nodiscard]] std::string to_string() const;
    // The value when it fits in an int64_t.
    [[nodiscard]] std::optional<std::int64_t> to_int64() const;

    [[nodiscard]] bool is_negative() const noexcept { return negative_; }
    [[nodiscard]] bool is_zero() const noexcept { return magnitude_.empty(); }

    friend bool operator==(const varint&, const varint&) = default;
    friend std::strong_ordering operator<=>(const varint& a, const varint& b);

    // Sign and magnitude (little-endian 32-bit limbs, no high zero limb; zero is empty and not
    // negative). Exposed for decimal's arithmetic only.
    varint(bool negative, std::vector<std::uint32_t> magnitude);
    [[nodiscard]] const std::vector<std::uint32_t>& magnitude() const noexcept { return magnitude_; }

private:
    void normalize();

    bool negative_ = false;
    std::vector<std::uint32_t> magnitude_;
};

// unscaled × 10^-scale, as Java's BigDecimal and Cassandra's DecimalType (4-byte big-endian
// scale, then the unscaled value's varint bytes). "1.5" and "1.50" are different values here
// (scale 1 and 2) and pack to different bytes, as in Cassandra.
struct decimal {
    varint unscaled;
    std::int32_t scale = 0;

    // "-1.50", "0", "123.456", "1E+3", "-2.5e-7": what Java's new BigDecimal(String) accepts.
    // marshal_error on anything else.
    static decimal parse(std::string_view text);
    // Plain notation when scale >= 0 ("-1.50"); "<unscaled>E+<n>" when scale < 0 ("15E+2"),
    // so parse(to_string()) gives back the same unscaled value and scale.
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const decimal&, const decimal&) = default;
};

// Write to_string().
std::ostream& operator<<(std::ostream& out, const varint& v);
std::ostream& operator<<(std::ostream& out, const decimal& d);

}  // namespace cppcassa
