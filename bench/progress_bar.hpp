// The populate step's progress bar: "populate [#######.......]  47% 47000/100000 rows, 12034
// rows/s, ETA 4s". Sans-io: formats the line; run_populate.cpp decides when to show it.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa::bench {

// "1h02m", "3m20s", "45s".
inline std::string short_duration(double seconds) {
    const auto s = static_cast<std::int64_t>(std::llround(std::max(0.0, seconds)));
    if (s >= 3600)
        return fmt::format("{}h{:02d}m", s / 3600, s % 3600 / 60);
    if (s >= 60)
        return fmt::format("{}m{:02d}s", s / 60, s % 60);
    return fmt::format("{}s", s);
}

// `done` of `total` after `elapsed_s` seconds; the ETA assumes the rate so far holds.
inline std::string progress_bar_line(std::string_view label, std::uint64_t done, std::uint64_t total,
                                     double elapsed_s, std::size_t width = 30) {
    const double fraction = total ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 1.0;
    const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(width));
    const double rate = elapsed_s > 0 ? static_cast<double>(done) / elapsed_s : 0.0;
    std::string eta = "?";
    if (done >= total)
        eta = "0s";
    else if (rate > 0)
        eta = short_duration(static_cast<double>(total - done) / rate);
    return fmt::format("{} [{}{}] {:3.0f}% {}/{} rows, {:.0f} rows/s, {} {}", label, std::string(filled, '#'),
                       std::string(width - filled, '.'), fraction * 100, done, total, rate,
                       done >= total ? "took" : "ETA", done >= total ? short_duration(elapsed_s) : eta);
}

}  // namespace cppcassa::bench
