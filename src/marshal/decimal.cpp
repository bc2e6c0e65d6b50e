#include <cppcassa/errors.hpp>
#include <cppcassa/types/varint.hpp>

#include <fmt/format.h>

#include <limits>
#include <ostream>

namespace cppcassa {

decimal decimal::parse(std::string_view text) {
    const auto fail = [&](std::string_view why) {
        return marshal_error(fmt::format("'{}' is not a decimal: {}", text, why));
    };
    std::size_t pos = 0;
    std::string digits;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
        digits += text[pos++] == '-' ? "-" : "";
    std::size_t integer_digits = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++integer_digits)
        digits += text[pos];
    std::int64_t fraction_digits = 0;
    if (pos < text.size() && text[pos] == '.') {
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++fraction_digits)
            digits += text[pos];
    }
    if (integer_digits == 0 && fraction_digits == 0)
        throw fail("no digits");
    std::int64_t exponent = 0;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        bool negative = false;
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
            negative = text[pos++] == '-';
        if (pos == text.size())
            throw fail("no digits after the exponent mark");
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            exponent = exponent * 10 + (text[pos] - '0');
            if (exponent > std::int64_t{1} << 40)
                throw fail("exponent out of range");
        }
        if (negative)
            exponent = -exponent;
    }
    if (pos != text.size())
        throw fail(fmt::format("unexpected '{}'", text[pos]));
    const std::int64_t scale = fraction_digits - exponent;
    if (scale < std::numeric_limits<std::int32_t>::min() || scale > std::numeric_limits<std::int32_t>::max())
        throw fail("scale out of the 32-bit range DecimalType stores");
    return {varint::parse(digits), static_cast<std::int32_t>(scale)};
}

std::string decimal::to_string() const {
    if (scale < 0)
        return fmt::format("{}E+{}", unscaled.to_string(), -std::int64_t{scale});
    std::string digits = unscaled.to_string();
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative)
        digits.erase(0, 1);
    // Far more leading zeros than digits (a scale up to 2^31 is legal): scientific notation.
    if (static_cast<std::size_t>(scale) > digits.size() + 20)
        return fmt::format("{}E-{}", unscaled.to_string(), scale);
    if (scale > 0) {
        if (digits.size() <= static_cast<std::size_t>(scale))
            digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(scale), 1, '.');
    }
    return negative ? "-" + digits : digits;
}

std::ostream& operator<<(std::ostream& out, const varint& v) { return out << v.to_string(); }
std::ostream& operator<<(std::ostream& out, const decimal& d) { return out << d.to_string(); }

}  // namespace cppcassa
