#include "marshal/compare.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace cppcassa {

namespace {

int sign_of(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

int compare_unsigned(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    if (n > 0) {
        const int c = std::memcmp(a.data(), b.data(), n);
        if (c != 0)
            return sign_of(c);
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// Java's ByteBuffer.compareTo: byte by byte as signed values, then the shorter first.
int compare_signed_bytes(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = static_cast<signed char>(a[i]);
        const auto y = static_cast<signed char>(b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// Two's-complement big-endian integers of any length (LongType, Int32Type, IntegerType,
// TimestampType): sign-extend the shorter, then the first byte signed and the rest unsigned.
int compare_twos_complement(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty())
        return a.empty() ? (b.empty() ? 0 : -1) : 1;
    const std::size_t n = std::max(a.size(), b.size());
    const auto byte_at = [n](std::string_view v, std::size_t i) -> unsigned {
        const std::size_t pad = n - v.size();
        if (i < pad)
            return (static_cast<unsigned char>(v[0]) & 0x80u) ? 0xffu : 0u;
        return static_cast<unsigned char>(v[i - pad]);
    };
    const auto first_a = static_cast<signed char>(byte_at(a, 0));
    const auto first_b = static_cast<signed char>(byte_at(b, 0));
    if (first_a != first_b)
        return first_a < first_b ? -1 : 1;
    for (std::size_t i = 1; i < n; ++i) {
        const unsigned x = byte_at(a, i);
        const unsigned y = byte_at(b, i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

std::uint64_t load_be(std::string_view v, std::size_t at, std::size_t n) {
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < n; ++i)
        x = (x << 8) | static_cast<unsigned char>(v[at + i]);
    return x;
}

// Java's Float.compare / Double.compare: -0.0 before 0.0, NaN after everything.
template <class F>
int compare_java_float(F x, F y) {
    if (x < y)
        return -1;
    if (x > y)
        return 1;
    const bool nx = std::isnan(x), ny = std::isnan(y);
    if (nx || ny)
        return nx == ny ? 0 : (nx ? 1 : -1);
    const bool sx = std::signbit(x), sy = std::signbit(y);
    return sx == sy ? 0 : (sx ? -1 : 1);
}

int compare_floating(std::string_view a, std::string_view b, std::size_t width) {
    if (a.size() != width || b.size() != width)
        return a.empty() || b.empty() ? compare_unsigned(a, b) : compare_unsigned(a, b);
    if (width == 4) {
        const auto x = std::bit_cast<float>(static_cast<std::uint32_t>(load_be(a, 0, 4)));
        const auto y = std::bit_cast<float>(static_cast<std::uint32_t>(load_be(b, 0, 4)));
        return compare_java_float(x, y);
    }
    return compare_java_float(std::bit_cast<double>(load_be(a, 0, 8)), std::bit_cast<double>(load_be(b, 0, 8)));
}

// A version 1 UUID's 60-bit timestamp, from its time_low, time_mid and time_hi fields.
std::uint64_t uuid_time(std::string_view u) {
    const std::uint64_t low = load_be(u, 0, 4);
    const std::uint64_t mid = load_be(u, 4, 2);
    const std::uint64_t hi = load_be(u, 6, 2) & 0x0fffu;
    return (hi << 48) | (mid << 32) | low;
}

int uuid_version(std::string_view u) { return (static_cast<unsigned char>(u[6]) >> 4) & 0x0f; }

// TimeUUIDType: the time first, then the bytes as Java's ByteBuffer.compareTo (signed).
int compare_time_uuid(std::string_view a, std::string_view b) {
    if (a.size() != 16 || b.size() != 16)
        return compare_unsigned(a, b);
    const std::uint64_t ta = uuid_time(a), tb = uuid_time(b);
    if (ta != tb)
        return ta < tb ? -1 : 1;
    return compare_signed_bytes(a, b);
}

// UUIDType: by version, then time for version 1, then signed bytes (RFC 4122's sample order).
int compare_uuid(std::string_view a, std::string_view b) {
    if (a.size() != 16 || b.size() != 16)
        return compare_unsigned(a, b);
    const int va = uuid_version(a), vb = uuid_version(b);
    if (va != vb)
        return va < vb ? -1 : 1;
    if (va == 1) {
        const std::uint64_t ta = uuid_time(a), tb = uuid_time(b);
        if (ta != tb)
            return ta < tb ? -1 : 1;
    }
    return compare_signed_bytes(a, b);
}

// LexicalUUIDType: java.util.UUID.compareTo, the two halves as signed longs.
int compare_lexical_uuid(std::string_view a, std::string_view b) {
    if (a.size() != 16 || b.size() != 16)
        return compare_unsigned(a, b);
    for (std::size_t half = 0; half < 2; ++half) {
        const auto x = static_cast<std::int64_t>(load_be(a, half * 8, 8));
        const auto y = static_cast<std::int64_t>(load_be(b, half * 8, 8));
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

// A non-negative magnitude as little-endian 32-bit limbs, from two's-complement bytes.
struct signed_magnitude {
    bool negative = false;
    std::vector<std::uint32_t> limbs;  // little-endian, no high zero limb
};

signed_magnitude magnitude_of(std::string_view raw) {
    signed_magnitude m;
    if (raw.empty())
        return m;
    std::vector<unsigned char> bytes(raw.begin(), raw.end());
    m.negative = (bytes[0] & 0x80u) != 0;
    if (m.negative) {  // negate: invert and add one
        for (auto& c : bytes)
            c = static_cast<unsigned char>(~c);
        for (std::size_t i = bytes.size(); i-- > 0;)
            if (++bytes[i] != 0)
                break;
    }
    for (std::size_t i = bytes.size(); i > 0; i -= std::min<std::size_t>(i, 4)) {
        std::uint32_t limb = 0;
        const std::size_t begin = i >= 4 ? i - 4 : 0;
        for (std::size_t j = begin; j < i; ++j)
            limb = (limb << 8) | bytes[j];
        m.limbs.push_back(limb);
    }
    while (!m.limbs.empty() && m.limbs.back() == 0)
        m.limbs.pop_back();
    if (m.limbs.empty())
        m.negative = false;
    return m;
}

void times_ten(std::vector<std::uint32_t>& limbs) {
    std::uint64_t carry = 0;
    for (auto& l : limbs) {
        const std::uint64_t v = std::uint64_t{l} * 10u + carry;
        l = static_cast<std::uint32_t>(v);
        carry = v >> 32;
    }
    if (carry)
        limbs.push_back(static_cast<std::uint32_t>(carry));
}

int compare_limbs(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = a.size(); i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

// DecimalType: numerically (BigDecimal.compareTo), so 1.5 and 1.50 are equal.
int compare_decimal(std::string_view a, std::string_view b) {
    if (a.size() < 4 || b.size() < 4)
        return compare_unsigned(a, b);
    auto sa = static_cast<std::int32_t>(load_be(a, 0, 4));
    auto sb = static_cast<std::int32_t>(load_be(b, 0, 4));
    signed_magnitude x = magnitude_of(a.substr(4));
    signed_magnitude y = magnitude_of(b.substr(4));
    const int sign_x = x.limbs.empty() ? 0 : (x.negative ? -1 : 1);
    const int sign_y = y.limbs.empty() ? 0 : (y.negative ? -1 : 1);
    if (sign_x != sign_y)
        return sign_x < sign_y ? -1 : 1;
    if (sign_x == 0)
        return 0;
    // Bring both to the larger scale; a huge scale gap is decided by sizes long before the end.
    std::int64_t gap = std::int64_t{sa} - sb;
    auto& smaller_scale = gap > 0 ? y.limbs : x.limbs;
    for (std::int64_t i = 0; i < (gap > 0 ? gap : -gap); ++i) {
        times_ten(smaller_scale);
        if (smaller_scale.size() > x.limbs.size() + y.limbs.size() + 2 && i > 64)
            break;  // already far larger than the other side
    }
    const int c = compare_limbs(x.limbs, y.limbs);
    return sign_x < 0 ? -c : c;
}

int compare_composite(const marshal_type& type, std::string_view a, std::string_view b) {
    if (a.empty() || b.empty())
        return a.empty() ? (b.empty() ? 0 : -1) : 1;
    const auto& parts = type.components();
    std::size_t i = 0;
    std::size_t pa = 0, pb = 0;
    while (pa < a.size() && pb < b.size()) {
        if (pa + 2 > a.size() || pb + 2 > b.size())
            return compare_unsigned(a.substr(pa), b.substr(pb));
        const std::size_t la = load_be(a, pa, 2), lb = load_be(b, pb, 2);
        if (pa + 2 + la > a.size() || pb + 2 + lb > b.size())
            return compare_unsigned(a.substr(pa), b.substr(pb));
        const std::string_view va = a.substr(pa + 2, la), vb = b.substr(pb + 2, lb);
        const marshal_type bytes_type;
        const int c = compare_names(i < parts.size() ? parts[i] : bytes_type, va, vb);
        if (c != 0)
            return c;
        pa += 2 + la;
        pb += 2 + lb;
        // The end-of-component bytes: -1 sorts before every name with this prefix, 1 after.
        const auto ea = pa < a.size() ? static_cast<signed char>(a[pa]) : 0;
        const auto eb = pb < b.size() ? static_cast<signed char>(b[pb]) : 0;
        if (ea != eb)
            return ea < eb ? -1 : 1;
        ++pa;
        ++pb;
        ++i;
    }
    if (pa >= a.size())
        return pb >= b.size() ? 0 : -1;
    return 1;
}

}  // namespace

int compare_names(const marshal_type& type, std::string_view a, std::string_view b) {
    switch (type.kind()) {
    case type_kind::reversed:
        // The open bound stays first: Cassandra's ReversedType keeps empty before everything.
        if (a.empty() || b.empty())
            return a.empty() ? (b.empty() ? 0 : -1) : 1;
        return -compare_names(type.inner(), a, b);
    case type_kind::int64:
    case type_kind::int32:
    case type_kind::varint:
    case type_kind::timestamp:
    case type_kind::counter:
        return compare_twos_complement(a, b);
    case type_kind::float32:
        return compare_floating(a, b, 4);
    case type_kind::float64:
        return compare_floating(a, b, 8);
    case type_kind::decimal:
        return compare_decimal(a, b);
    case type_kind::time_uuid:
        return compare_time_uuid(a, b);
    case type_kind::uuid:
        return compare_uuid(a, b);
    case type_kind::lexical_uuid:
        return compare_lexical_uuid(a, b);
    case type_kind::composite:
        return compare_composite(type, a, b);
    case type_kind::boolean:  // one byte, false (0) before true (1)
    case type_kind::date:     // DateType compares unsigned, unlike TimestampType (Cassandra's own quirk)
    case type_kind::bytes:
    case type_kind::ascii:
    case type_kind::utf8:
    case type_kind::opaque:
        break;
    }
    return compare_unsigned(a, b);
}

}  // namespace cppcassa
