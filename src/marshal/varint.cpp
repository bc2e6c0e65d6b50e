#include <cppcassa/errors.hpp>
#include <cppcassa/types/varint.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace cppcassa {

namespace {

using limbs = std::vector<std::uint32_t>;

// magnitude = magnitude * factor + addend
void multiply_add(limbs& m, std::uint32_t factor, std::uint32_t addend) {
    std::uint64_t carry = addend;
    for (auto& limb : m) {
        const std::uint64_t t = std::uint64_t{limb} * factor + carry;
        limb = static_cast<std::uint32_t>(t);
        carry = t >> 32;
    }
    if (carry != 0)
        m.push_back(static_cast<std::uint32_t>(carry));
}

// magnitude /= divisor, returning the remainder.
std::uint32_t divide(limbs& m, std::uint32_t divisor) {
    std::uint64_t rem = 0;
    for (auto it = m.rbegin(); it != m.rend(); ++it) {
        const std::uint64_t cur = (rem << 32) | *it;
        *it = static_cast<std::uint32_t>(cur / divisor);
        rem = cur % divisor;
    }
    while (!m.empty() && m.back() == 0)
        m.pop_back();
    return static_cast<std::uint32_t>(rem);
}

limbs from_u64(std::uint64_t v) {
    limbs m;
    if (v != 0)
        m.push_back(static_cast<std::uint32_t>(v));
    if ((v >> 32) != 0)
        m.push_back(static_cast<std::uint32_t>(v >> 32));
    return m;
}

}  // namespace

varint::varint(std::int64_t v)
    : negative_(v < 0),
      magnitude_(from_u64(v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v))) {}

varint::varint(bool negative, std::vector<std::uint32_t> magnitude)
    : negative_(negative), magnitude_(std::move(magnitude)) {
    normalize();
}

varint varint::from_unsigned(std::uint64_t v) { return varint(false, from_u64(v)); }

void varint::normalize() {
    while (!magnitude_.empty() && magnitude_.back() == 0)
        magnitude_.pop_back();
    if (magnitude_.empty())
        negative_ = false;
}

varint varint::parse(std::string_view text) {
    std::size_t pos = 0;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        pos = 1;
    }
    if (pos == text.size())
        throw marshal_error(fmt::format("'{}' is not an integer: no digits", text));
    limbs m;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c < '0' || c > '9')
            throw marshal_error(fmt::format("'{}' is not an integer: '{}' is not a decimal digit", text, c));
        multiply_add(m, 10, static_cast<std::uint32_t>(c - '0'));
    }
    return varint(negative, std::move(m));
}

varint varint::from_bytes(std::string_view raw) {
    if (raw.empty())
        throw marshal_error("an IntegerType value needs at least one byte (zero is 0x00)");
    std::string b(raw);
    const bool negative = (static_cast<std::uint8_t>(b[0]) & 0x80) != 0;
    if (negative) {
        // Two's complement back to a magnitude: invert, add one.
        for (auto& c : b)
            c = static_cast<char>(~static_cast<std::uint8_t>(c));
        for (auto it = b.rbegin(); it != b.rend(); ++it) {
            const auto next = static_cast<std::uint8_t>(static_cast<std::uint8_t>(*it) + 1);
            *it = static_cast<char>(next);
            if (next != 0)
                break;
        }
        // Only -2^(8n-1) carries out of the top byte, whose magnitude needs a ninth bit: the
        // inverted top byte 0x7f plus the carry gives 0x80, still right as an unsigned magnitude.
    }
    limbs m((b.size() + 3) / 4, 0);
    for (std::size_t i = 0; i < b.size(); ++i) {
        const std::size_t bit = 8 * (b.size() - 1 - i);
        m[bit / 32] |= std::uint32_t{static_cast<std::uint8_t>(b[i])} << (bit % 32);
    }
    return varint(negative, std::move(m));
}

std::string varint::to_bytes() const {
    // Magnitude big-endian behind one zero byte, so the two's complement has room for its sign.
    std::string b(1 + 4 * magnitude_.size(), '\0');
    for (std::size_t i = 0; i < magnitude_.size(); ++i)
        for (std::size_t j = 0; j < 4; ++j)
            b[b.size() - 1 - (4 * i + j)] = static_cast<char>(magnitude_[i] >> (8 * j));
    if (negative_) {
        for (auto& c : b)
            c = static_cast<char>(~static_cast<std::uint8_t>(c));
        for (auto it = b.rbegin(); it != b.rend(); ++it) {
            const auto next = static_cast<std::uint8_t>(static_cast<std::uint8_t>(*it) + 1);
            *it = static_cast<char>(next);
            if (next != 0)
                break;
        }
    }
    // Drop sign bytes the next byte's top bit already implies (BigInteger.toByteArray's shortest form).
    const char sign = negative_ ? '\xff' : '\0';
    std::size_t skip = 0;
    while (skip + 1 < b.size() && b[skip] == sign &&
           ((static_cast<std::uint8_t>(b[skip + 1]) & 0x80) != 0) == negative_)
        ++skip;
    return b.substr(skip);
}

std::string varint::to_string() const {
    if (magnitude_.empty())
        return "0";
    limbs m = magnitude_;
    std::string digits;
    while (!m.empty()) {
        std::uint32_t chunk = divide(m, 1'000'000'000);
        for (int i = 0; i < 9; ++i) {
            digits += static_cast<char>('0' + chunk % 10);
            chunk /= 10;
        }
    }
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    if (negative_)
        digits += '-';
    std::reverse(digits.begin(), digits.end());
    return digits;
}

std::optional<std::int64_t> varint::to_int64() const {
    if (magnitude_.size() > 2)
        return std::nullopt;
    std::uint64_t u = 0;
    for (auto it = magnitude_.rbegin(); it != magnitude_.rend(); ++it)
        u = (u << 32) | *it;
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!negative_)
        return u <= max ? std::optional<std::int64_t>(static_cast<std::int64_t>(u)) : std::nullopt;
    if (u > max + 1)
        return std::nullopt;
    return static_cast<std::int64_t>(0 - u);
}

std::strong_ordering operator<=>(const varint& a, const varint& b) {
    if (a.negative_ != b.negative_)
        return a.negative_ ? std::strong_ordering::less : std::strong_ordering::greater;
    auto magnitude_order = [&] {
        if (a.magnitude_.size() != b.magnitude_.size())
            return a.magnitude_.size() <=> b.magnitude_.size();
        for (std::size_t i = a.magnitude_.size(); i-- > 0;)
            if (a.magnitude_[i] != b.magnitude_[i])
                return a.magnitude_[i] <=> b.magnitude_[i];
        return std::strong_ordering::equal;
    }();
    return a.negative_ ? 0 <=> magnitude_order : magnitude_order;
}

}  // namespace cppcassa
