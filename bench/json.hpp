// The few JSON pieces the bench writes by hand: strings escaped, numbers in a compact form.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace cppcassa::bench {

inline std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\')
            out += '\\', out += ch;
        else if (c < 0x20)
            out += fmt::format("\\u{:04x}", c);
        else
            out += ch;
    }
    return out + "\"";
}

inline std::string json_number(double v) { return fmt::format("{:.6g}", v); }

}  // namespace cppcassa::bench
