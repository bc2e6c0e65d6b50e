// HdrHistogram's percentile distribution text (bench/hdr_output.hpp), compared with what
// HdrHistogram itself prints for the same samples: the expected texts below are the output of
// Java HdrHistogram 2.2.2, `new Histogram(1, Long.MAX_VALUE, 2)` then
// `outputPercentileDistribution(System.out, 5, scale)`.
#include "hdr_output.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using cppcassa::bench::histogram;
using cppcassa::bench::percentile_distribution;

namespace {

histogram of(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& values_and_counts) {
    histogram h;
    for (const auto& [v, n] : values_and_counts)
        for (std::uint64_t i = 0; i < n; ++i)
            h.record(v);
    return h;
}

}  // namespace

TEST_CASE("a latency distribution in milliseconds prints as HdrHistogram prints it") {
    const histogram h = of({{350'000, 400},
                            {420'000, 300},
                            {510'000, 200},
                            {900'000, 80},
                            {2'500'000, 15},
                            {12'000'000, 4},
                            {95'000'000, 1}});
    // Values in ns, printed in ms with HdrHistogram's 2 decimals.
    const std::string expected = R"(       Value     Percentile TotalCount 1/(1-Percentile)

        0.35 0.000000000000        400           1.00
        0.35 0.100000000000        400           1.11
        0.35 0.200000000000        400           1.25
        0.35 0.300000000000        400           1.43
        0.35 0.400000000000        400           1.67
        0.42 0.500000000000        700           2.00
        0.42 0.550000000000        700           2.22
        0.42 0.600000000000        700           2.50
        0.42 0.650000000000        700           2.86
        0.42 0.700000000000        700           3.33
        0.51 0.750000000000        900           4.00
        0.51 0.775000000000        900           4.44
        0.51 0.800000000000        900           5.00
        0.51 0.825000000000        900           5.71
        0.51 0.850000000000        900           6.67
        0.51 0.875000000000        900           8.00
        0.51 0.887500000000        900           8.89
        0.51 0.900000000000        900          10.00
        0.90 0.912500000000        980          11.43
        0.90 0.925000000000        980          13.33
        0.90 0.937500000000        980          16.00
        0.90 0.943750000000        980          17.78
        0.90 0.950000000000        980          20.00
        0.90 0.956250000000        980          22.86
        0.90 0.962500000000        980          26.67
        0.90 0.968750000000        980          32.00
        0.90 0.971875000000        980          35.56
        0.90 0.975000000000        980          40.00
        0.90 0.978125000000        980          45.71
        2.51 0.981250000000        995          53.33
        2.51 0.984375000000        995          64.00
        2.51 0.985937500000        995          71.11
        2.51 0.987500000000        995          80.00
        2.51 0.989062500000        995          91.43
        2.51 0.990625000000        995         106.67
        2.51 0.992187500000        995         128.00
        2.51 0.992968750000        995         142.22
        2.51 0.993750000000        995         160.00
        2.51 0.994531250000        995         182.86
       12.06 0.995312500000        999         213.33
       12.06 0.996093750000        999         256.00
       12.06 0.996484375000        999         284.44
       12.06 0.996875000000        999         320.00
       12.06 0.997265625000        999         365.71
       12.06 0.997656250000        999         426.67
       12.06 0.998046875000        999         512.00
       12.06 0.998242187500        999         568.89
       12.06 0.998437500000        999         640.00
       12.06 0.998632812500        999         731.43
       12.06 0.998828125000        999         853.33
       95.42 0.999023437500       1000        1024.00
       95.42 1.000000000000       1000
#[Mean    =         0.62, StdDeviation   =         3.09]
#[Max     =        95.42, Total count    =         1000]
#[Buckets =           56, SubBuckets     =          256]
)";
    CHECK(percentile_distribution(h, 1e6, 2) == expected);
}

TEST_CASE("one sample prints a row at 0 % and the closing row at 100 %") {
    const std::string expected = R"(       Value     Percentile TotalCount 1/(1-Percentile)

        7.00 0.000000000000          1           1.00
        7.00 1.000000000000          1
#[Mean    =         7.00, StdDeviation   =         0.00]
#[Max     =         7.00, Total count    =            1]
#[Buckets =           56, SubBuckets     =          256]
)";
    CHECK(percentile_distribution(of({{7, 1}}), 1.0, 2) == expected);
}

TEST_CASE("an empty histogram prints the header and the footer only") {
    const std::string expected = R"(       Value     Percentile TotalCount 1/(1-Percentile)

#[Mean    =         0.00, StdDeviation   =         0.00]
#[Max     =         0.00, Total count    =            0]
#[Buckets =           56, SubBuckets     =          256]
)";
    CHECK(percentile_distribution(histogram{}, 1e6, 2) == expected);
}

TEST_CASE("by default values print in milliseconds with three decimals, each its bucket's highest value") {
    // 1.23 ms falls in the bucket [1228800, 1236991] ns (8192 ns wide at this magnitude).
    const std::string text = percentile_distribution(of({{1'230'000, 1}}));
    CHECK(text.find("       1.237 0.000000000000          1           1.00\n") != std::string::npos);
    CHECK(text.find("       1.237 1.000000000000          1\n") != std::string::npos);
}
