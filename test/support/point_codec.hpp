// A user-defined column type for the column_family_map tests (unit and integration): a point
// stored as "x,y".
#pragma once

#include <cppcassa/errors.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa::test {

struct point {
    std::int32_t x = 0;
    std::int32_t y = 0;
    friend bool operator==(const point&, const point&) = default;
};

struct point_codec {
    using value_type = point;
    [[nodiscard]] std::string pack(const point& p) const { return std::to_string(p.x) + "," + std::to_string(p.y); }
    [[nodiscard]] point unpack(std::string_view raw) const {
        const auto comma = raw.find(',');
        if (comma == std::string_view::npos)
            throw marshal_error("not a point: " + std::string(raw));
        return point{std::stoi(std::string(raw.substr(0, comma))), std::stoi(std::string(raw.substr(comma + 1)))};
    }
};

}  // namespace cppcassa::test
