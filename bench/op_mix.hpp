// `cppcassa-bench run --mix get=8,insert=1,multiget=1,range=1`: which operation each slot of
// the schedule runs, drawn per operation with the given weights. Sans-io: parsing and picking
// only, the requests themselves are built in run_ops.cpp.
#pragma once

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cppcassa::bench {

enum class op_kind : std::uint8_t { get, insert, multiget, range };

inline constexpr std::array<op_kind, 4> all_op_kinds{op_kind::get, op_kind::insert, op_kind::multiget,
                                                     op_kind::range};

constexpr std::string_view op_name(op_kind k) {
    switch (k) {
    case op_kind::get: return "get";
    case op_kind::insert: return "insert";
    case op_kind::multiget: return "multiget";
    case op_kind::range: return "range";
    }
    return "?";
}

struct op_mix {
    // Relative weight of each operation, indexed by op_kind.
    std::array<std::uint32_t, all_op_kinds.size()> weights{};

    [[nodiscard]] std::uint64_t total() const {
        std::uint64_t t = 0;
        for (const auto w : weights)
            t += w;
        return t;
    }
    [[nodiscard]] std::uint32_t weight(op_kind k) const { return weights[static_cast<std::size_t>(k)]; }

    // The operation a draw in [0, total()) stands for: the weights laid end to end.
    [[nodiscard]] op_kind pick(std::uint64_t draw) const {
        for (const auto k : all_op_kinds) {
            if (draw < weight(k))
                return k;
            draw -= weight(k);
        }
        return op_kind::get;  // unreachable for draw < total()
    }

    // "get=9,insert=1": the operations with a weight, in op_kind order.
    [[nodiscard]] std::string describe() const {
        std::string out;
        for (const auto k : all_op_kinds)
            if (weight(k))
                out += fmt::format("{}{}={}", out.empty() ? "" : ",", op_name(k), weight(k));
        return out;
    }
};

// Parses "get=8,insert=1,...": each operation at most once, weights whole numbers, at least one
// above zero. Throws std::invalid_argument saying what is wrong and what is expected.
inline op_mix parse_mix(std::string_view text) {
    constexpr std::string_view expected = "expected NAME=WEIGHT,... with NAME among get, insert, multiget, range";
    op_mix mix;
    std::array<bool, all_op_kinds.size()> seen{};
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string_view item = text.substr(pos, comma - pos);
        pos = comma + 1;
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos)
            throw std::invalid_argument(fmt::format("--mix: '{}' has no weight ({})", item, expected));
        const std::string_view name = item.substr(0, eq);
        const std::string_view weight = item.substr(eq + 1);
        const op_kind* kind = nullptr;
        for (const auto& k : all_op_kinds)
            if (op_name(k) == name)
                kind = &k;
        if (!kind)
            throw std::invalid_argument(fmt::format("--mix: unknown operation '{}' ({})", name, expected));
        const auto index = static_cast<std::size_t>(*kind);
        if (seen[index])
            throw std::invalid_argument(fmt::format("--mix: '{}' appears twice", name));
        seen[index] = true;
        std::uint32_t w = 0;
        const auto [end, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), w);
        if (weight.empty() || ec != std::errc{} || end != weight.data() + weight.size())
            throw std::invalid_argument(
                fmt::format("--mix: the weight of '{}' must be a whole number, got '{}'", name, weight));
        mix.weights[index] = w;
    }
    if (mix.total() == 0)
        throw std::invalid_argument("--mix: every weight is zero; give at least one operation a weight above zero");
    return mix;
}

}  // namespace cppcassa::bench
