// A log-linear latency histogram (HdrHistogram's layout): values below 2^sub_bits are counted
// exactly, above that each power of two is split into 2^sub_bits equal buckets, so a reported
// quantile is within 1/2^sub_bits (0.8 % with 7 bits) of the true value. With 7 bits the buckets
// are exactly those of an HdrHistogram with 2 significant digits (256 sub-buckets, lowest
// discernible value 1), so hdr_output.hpp can print its percentile distribution as HdrHistogram does. Recording is an index
// computation and an increment: no per-sample storage, so millions of samples cost nothing extra.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace cppcassa::bench {

// Milliseconds of a recorded value (nanoseconds), for reports.
inline double ns_to_ms(std::uint64_t ns) { return static_cast<double>(ns) / 1e6; }

class histogram {
public:
    static constexpr unsigned sub_bits = 7;
    static constexpr std::uint64_t sub_count = std::uint64_t{1} << sub_bits;
    // One linear run for [0, 2^sub_bits), then one per power of two up to 2^63.
    static constexpr std::size_t bucket_count = (64 - sub_bits + 1) * sub_count;

    histogram() : counts_(bucket_count, 0) {}

    // Records one value (nanoseconds, by convention).
    void record(std::uint64_t v) noexcept {
        ++counts_[index_of(v)];
        ++total_;
        sum_ += v;
        min_ = std::min(min_, v);
        max_ = std::max(max_, v);
    }

    // Adds n samples to bucket `index` (index_of's numbering): histograms recorded elsewhere in
    // the same layout (the Python peer's) merge exactly. Their min/max become the bucket's lowest.
    void record_bucket(std::size_t index, std::uint64_t n) noexcept {
        if (index >= bucket_count || n == 0)
            return;
        const std::uint64_t v = lowest_of(index);
        counts_[index] += n;
        total_ += n;
        sum_ += v * n;
        min_ = std::min(min_, v);
        max_ = std::max(max_, v);
    }

    void merge(const histogram& o) noexcept {
        for (std::size_t i = 0; i < bucket_count; ++i)
            counts_[i] += o.counts_[i];
        total_ += o.total_;
        sum_ += o.sum_;
        min_ = std::min(min_, o.min_);
        max_ = std::max(max_, o.max_);
    }

    // Calls f(index, count) for every bucket holding samples (to pass the histogram on whole).
    template <class F>
    void for_each_bucket(F f) const {
        for (std::size_t i = 0; i < bucket_count; ++i)
            if (counts_[i])
                f(i, counts_[i]);
    }

    void reset() noexcept {
        std::fill(counts_.begin(), counts_.end(), 0);
        total_ = sum_ = max_ = 0;
        min_ = std::numeric_limits<std::uint64_t>::max();
    }

    [[nodiscard]] std::uint64_t count() const noexcept { return total_; }
    [[nodiscard]] std::uint64_t min() const noexcept { return total_ ? min_ : 0; }
    [[nodiscard]] std::uint64_t max() const noexcept { return max_; }
    [[nodiscard]] double mean() const noexcept { return total_ ? static_cast<double>(sum_) / total_ : 0.0; }

    // The value at quantile q in [0, 1] (0.5 = p50, 0.999 = p99.9): the midpoint of the bucket
    // holding it, clamped to the recorded min/max. 0 when empty.
    [[nodiscard]] std::uint64_t quantile(double q) const noexcept {
        if (total_ == 0)
            return 0;
        q = std::clamp(q, 0.0, 1.0);
        // The rank of the sample we want, 1-based: ceil(q * n), at least 1.
        auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total_));
        if (static_cast<double>(rank) < q * static_cast<double>(total_))
            ++rank;
        rank = std::max<std::uint64_t>(rank, 1);
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < bucket_count; ++i) {
            seen += counts_[i];
            if (seen >= rank) {
                const std::uint64_t lo = lowest_of(i);
                const std::uint64_t mid = lo + (width_of(i) - 1) / 2;
                return std::clamp(mid, min_, max_);
            }
        }
        return max_;
    }

    static constexpr std::size_t index_of(std::uint64_t v) noexcept {
        if (v < sub_count)
            return static_cast<std::size_t>(v);
        const unsigned shift = static_cast<unsigned>(std::bit_width(v)) - 1 - sub_bits;
        // Block shift+1 holds [2^(shift+sub_bits), 2^(shift+sub_bits+1)) in buckets of 2^shift.
        return static_cast<std::size_t>((shift + 1) * sub_count + ((v >> shift) - sub_count));
    }
    static constexpr std::uint64_t lowest_of(std::size_t i) noexcept {
        if (i < sub_count)
            return i;
        const unsigned shift = static_cast<unsigned>(i / sub_count) - 1;
        return (sub_count + i % sub_count) << shift;
    }
    static constexpr std::uint64_t width_of(std::size_t i) noexcept {
        return i < sub_count ? 1 : std::uint64_t{1} << (i / sub_count - 1);
    }
    // The largest value bucket i holds (HdrHistogram's highestEquivalentValue).
    static constexpr std::uint64_t highest_of(std::size_t i) noexcept { return lowest_of(i) + (width_of(i) - 1); }

    // Samples in bucket i (index_of's numbering).
    [[nodiscard]] std::uint64_t count_at(std::size_t i) const noexcept { return counts_[i]; }

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t total_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t min_ = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t max_ = 0;
};

static_assert(histogram::index_of(127) == 127);
static_assert(histogram::index_of(128) == 128 && histogram::lowest_of(128) == 128);
static_assert(histogram::index_of(256) == 256 && histogram::width_of(256) == 2);
static_assert(histogram::lowest_of(histogram::index_of(1'000'000)) <= 1'000'000);
static_assert(histogram::highest_of(histogram::index_of(1'000'000)) >= 1'000'000);
static_assert(histogram::highest_of(255) == 255 && histogram::highest_of(256) == 257);
static_assert(histogram::index_of(std::numeric_limits<std::uint64_t>::max()) < histogram::bucket_count);

}  // namespace cppcassa::bench
