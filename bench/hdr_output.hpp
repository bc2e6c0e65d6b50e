// A latency histogram as HdrHistogram's percentile distribution, the text its
// outputPercentileDistribution prints and its plotFiles.html / HistogramLogProcessor readers take:
//
//          Value     Percentile TotalCount 1/(1-Percentile)
//
//          0.412 0.000000000000          1           1.00
//          ...
//         12.319 1.000000000000      10000
//   #[Mean    =        0.141, StdDeviation   =        0.299]
//   #[Max     =       12.319, Total count    =        10000]
//   #[Buckets =           56, SubBuckets     =          256]
//
// The rows follow HdrHistogram's PercentileIterator: percentile levels from 0 toward 100 in steps
// that halve with every halving of the distance to 100 (`ticks_per_half_distance` steps per half),
// each row the highest value of the first bucket reaching its level and the count up to there,
// then one last row at 100 %. Mean and standard deviation come from the buckets' midpoints, as
// HdrHistogram computes them. For the same samples the text is the one HdrHistogram (Java,
// `new Histogram(1, Long.MAX_VALUE, 2)`) prints, but for the values' decimals (its own: 2).
// Sans-io: returns the text.
#pragma once

#include "histogram.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace cppcassa::bench {

// `unit_ns`: nanoseconds per printed unit (1e6: milliseconds, HdrHistogram plots' usual unit);
// `decimals`: of each value (3 in milliseconds shows microseconds).
inline std::string percentile_distribution(const histogram& h, double unit_ns = 1e6, int decimals = 3,
                                           int ticks_per_half_distance = 5) {
    std::string out = fmt::format("{:>12} {:>14} {:>10} {:>14}\n\n", "Value", "Percentile", "TotalCount",
                                  "1/(1-Percentile)");
    const std::uint64_t total = h.count();
    double level = 0.0;  // the percentile the next row reports
    std::uint64_t seen = 0;
    double weighted_sum = 0.0;
    for (std::size_t i = 0; i < histogram::bucket_count && total > 0; ++i) {
        const std::uint64_t n = h.count_at(i);
        if (n == 0)
            continue;
        seen += n;
        weighted_sum += static_cast<double>(n) * static_cast<double>(histogram::lowest_of(i) + histogram::width_of(i) / 2);
        const double value = static_cast<double>(histogram::highest_of(i)) / unit_ns;
        // Every level this bucket reaches, one row each; the last bucket reports one, then 100 %.
        while (100.0 * static_cast<double>(seen) / static_cast<double>(total) >= level) {
            out += fmt::format("{:12.{}f} {:2.12f} {:10d} {:14.2f}\n", value, decimals, level / 100.0, seen,
                               1.0 / (1.0 - level / 100.0));
            const auto halvings = static_cast<std::int64_t>(std::log(100.0 / (100.0 - level)) / std::log(2.0)) + 1;
            const auto ticks = static_cast<std::int64_t>(ticks_per_half_distance) *
                               static_cast<std::int64_t>(std::pow(2.0, static_cast<double>(halvings)));
            level += 100.0 / static_cast<double>(ticks);
            if (seen == total) {
                out += fmt::format("{:12.{}f} {:2.12f} {:10d}\n", value, decimals, 1.0, seen);
                break;
            }
        }
    }
    const double mean = total ? weighted_sum / static_cast<double>(total) : 0.0;
    double squares = 0.0;
    for (std::size_t i = 0; i < histogram::bucket_count && total > 0; ++i)
        if (const std::uint64_t n = h.count_at(i)) {
            const double d = static_cast<double>(histogram::lowest_of(i) + histogram::width_of(i) / 2) - mean;
            squares += d * d * static_cast<double>(n);
        }
    const double std_deviation = total ? std::sqrt(squares / static_cast<double>(total)) : 0.0;
    const double max = total ? static_cast<double>(histogram::highest_of(histogram::index_of(h.max()))) : 0.0;
    out += fmt::format("#[Mean    = {:12.{}f}, StdDeviation   = {:12.{}f}]\n", mean / unit_ns, decimals,
                       std_deviation / unit_ns, decimals);
    out += fmt::format("#[Max     = {:12.{}f}, Total count    = {:12d}]\n", max / unit_ns, decimals, total);
    // The equivalent HdrHistogram's layout up to Long.MAX_VALUE: its bucket 0 is our first two
    // runs of sub_count, and our last run (from 2^63) is beyond a Java long.
    out += fmt::format("#[Buckets = {:12d}, SubBuckets     = {:12d}]\n", histogram::bucket_count / histogram::sub_count - 2,
                       2 * histogram::sub_count);
    return out;
}

}  // namespace cppcassa::bench
