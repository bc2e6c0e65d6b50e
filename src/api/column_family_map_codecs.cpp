// pycassa's column types for column_family_map (IntString, FloatString, Float64,
// DateTimeString, String): text layouts as pycassa wrote them, so data either wrote reads back.
#include <cppcassa/mapping/column_codecs.hpp>

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <system_error>

namespace cppcassa::mapped {

namespace {

// `raw` quoted for messages (value::describe escapes what is not printable).
std::string quoted(std::string_view raw) { return value(bytes{std::string(raw)}).describe(); }

}  // namespace

std::string string::pack(const std::string& v) const { return cppcassa::pack(marshal_type(type_kind::utf8), value(v)); }

std::string string::unpack(std::string_view raw) const {
    return cppcassa::unpack(marshal_type(type_kind::utf8), raw).as<std::string>();
}

std::string int_string::pack(std::int64_t v) const { return std::to_string(v); }

std::int64_t int_string::unpack(std::string_view raw) const {
    std::string_view digits = raw;
    // Python's int() takes a leading '+'; std::from_chars does not.
    if (!digits.empty() && digits.front() == '+')
        digits.remove_prefix(1);
    std::int64_t out = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    if (ec == std::errc::result_out_of_range)
        throw marshal_error("cannot unpack " + quoted(raw) + " as IntString: out of the 64-bit range");
    const bool signed_twice = digits.size() < raw.size() && !digits.empty() && digits.front() == '-';
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || signed_twice)
        throw marshal_error("cannot unpack " + quoted(raw) + " as IntString: not a decimal integer");
    return out;
}

std::string float_string::pack(double v) const {
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
    if (ec != std::errc())
        throw marshal_error("cannot pack " + std::to_string(v) + " as FloatString");
    std::string out(buffer.data(), end);
    // Python writes whole floats as "8.0": keep that, so both write the same text.
    if (out.find_first_not_of("-0123456789") == std::string::npos)
        out += ".0";
    return out;
}

double float_string::unpack(std::string_view raw) const {
    std::string_view digits = raw;
    if (!digits.empty() && digits.front() == '+')
        digits.remove_prefix(1);
    double out = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    const bool signed_twice = digits.size() < raw.size() && !digits.empty() && digits.front() == '-';
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || signed_twice)
        throw marshal_error("cannot unpack " + quoted(raw) + " as FloatString: not a decimal number");
    return out;
}

std::string float64::pack(double v) const { return cppcassa::pack(marshal_type(type_kind::float64), value(v)); }

double float64::unpack(std::string_view raw) const {
    return cppcassa::unpack(marshal_type(type_kind::float64), raw).as<double>();
}

std::string datetime_string::pack(std::chrono::sys_seconds v) const {
    using namespace std::chrono;
    const auto day = floor<days>(v);
    const year_month_day ymd(day);
    const hh_mm_ss<seconds> time(v - day);
    const int y = static_cast<int>(ymd.year());
    if (y < 1 || y > 9999)
        throw marshal_error(fmt::format("cannot pack a time in year {} as DateTimeString: years 1 to 9999 only", y));
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", y, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), time.hours().count(), time.minutes().count(),
                       time.seconds().count());
}

std::chrono::sys_seconds datetime_string::unpack(std::string_view raw) const {
    using namespace std::chrono;
    const auto refuse = [raw](const char* why) {
        return marshal_error("cannot unpack " + quoted(raw) + " as DateTimeString (YYYY-MM-DD HH:MM:SS): " + why);
    };
    constexpr std::string_view layout = "dddd-dd-dd dd:dd:dd";
    if (raw.size() != layout.size())
        throw refuse("wrong length");
    for (std::size_t i = 0; i < layout.size(); ++i) {
        const bool digit = raw[i] >= '0' && raw[i] <= '9';
        if (layout[i] == 'd' ? !digit : raw[i] != layout[i])
            throw refuse("not that layout");
    }
    const auto number = [raw](std::size_t at, std::size_t length) {
        int out = 0;
        for (std::size_t i = at; i < at + length; ++i)
            out = out * 10 + (raw[i] - '0');
        return out;
    };
    const year_month_day ymd{year(number(0, 4)), month(static_cast<unsigned>(number(5, 2))),
                             day(static_cast<unsigned>(number(8, 2)))};
    if (!ymd.ok() || number(0, 4) == 0)
        throw refuse("no such date");
    const int h = number(11, 2), m = number(14, 2), s = number(17, 2);
    if (h > 23 || m > 59 || s > 59)
        throw refuse("no such time of day");
    return sys_days(ymd) + hours(h) + minutes(m) + seconds(s);
}

}  // namespace cppcassa::mapped
