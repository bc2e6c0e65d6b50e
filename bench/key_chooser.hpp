// `cppcassa-bench run --keys uniform|zipf:S|seq|latest[:S]`: which row each operation reads or
// writes, as an index into the key space (run_ops.cpp turns it into a row key). Sans-io: the
// caller hands in its random generator (anything with `std::uint64_t next()`).
//
//   uniform   every row of the key space alike
//   zipf:S    row k (0-based) with probability proportional to 1/(k+1)^S: a few hot rows, a long
//             tail (S = 1.1 is a strong skew, 0.5 a mild one). The partitioner hashes the keys,
//             so hot rows land on random nodes.
//   seq       rows 0, 1, 2, ... in turn, reads and writes sharing the counter, wrapping at the end
//   latest    inserts append new rows past the newest; reads favour recent rows: the k-th newest
//             with probability proportional to 1/k^S (S = 0.99 unless given), as YCSB's "latest"
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cppcassa::bench {

// A uniform double in [0, 1) from 53 random bits.
template <class Rng>
double unit_draw(Rng& r) {
    return static_cast<double>(r.next() >> 11) * 0x1.0p-53;
}

// Zipf's law over ranks 1..n with exponent s > 0, sampled in constant time by rejection-inversion
// (W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates from monotone discrete
// distributions", 1996): no table of n probabilities, so a key space of 10^9 rows costs nothing.
class zipf_sampler {
public:
    zipf_sampler(std::uint64_t n, double s)
        : n_(static_cast<double>(std::max<std::uint64_t>(n, 1))),
          s_(s),
          h_integral_x1_(h_integral(1.5) - 1.0),
          h_integral_n_(h_integral(n_ + 0.5)),
          threshold_(2.0 - h_integral_inverse(h_integral(2.5) - h(2.0))) {}

    // A rank in [1, n].
    template <class Rng>
    std::uint64_t sample(Rng& r) const {
        for (;;) {
            const double u = h_integral_n_ + unit_draw(r) * (h_integral_x1_ - h_integral_n_);
            const double x = h_integral_inverse(u);
            const double k = std::clamp(std::floor(x + 0.5), 1.0, n_);
            if (k - x <= threshold_ || u >= h_integral(k + 0.5) - h(k))
                return static_cast<std::uint64_t>(k);
        }
    }

private:
    // h(x) = x^-s, and H its integral (x^(1-s) - 1) / (1 - s), log x at s = 1, written so that
    // both stay exact near s = 1.
    double h(double x) const { return std::exp(-s_ * std::log(x)); }
    double h_integral(double x) const {
        const double log_x = std::log(x);
        return helper2((1.0 - s_) * log_x) * log_x;
    }
    double h_integral_inverse(double x) const {
        double t = x * (1.0 - s_);
        t = std::max(t, -1.0);  // rounding can push it below -1, where log1p is undefined
        return std::exp(helper1(t) * x);
    }
    // log(1 + x) / x and (exp(x) - 1) / x, with their series near 0.
    static double helper1(double x) {
        return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }
    static double helper2(double x) {
        return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
    }

    double n_;
    double s_;
    double h_integral_x1_;
    double h_integral_n_;
    double threshold_;
};

struct key_distribution {
    enum class kind { uniform, zipf, seq, latest };
    kind what = kind::uniform;
    // Zipf's exponent (zipf, latest).
    double exponent = 0.99;

    // "uniform", "zipf:1.1", "seq", "latest:0.99".
    [[nodiscard]] std::string describe() const {
        switch (what) {
        case kind::zipf: return fmt::format("zipf:{}", exponent);
        case kind::seq: return "seq";
        case kind::latest: return fmt::format("latest:{}", exponent);
        default: return "uniform";
        }
    }
};

// Throws std::invalid_argument saying what is expected.
inline key_distribution parse_key_distribution(std::string_view text) {
    constexpr std::string_view expected = "expected uniform, zipf:S, seq or latest[:S], S a number above 0";
    const auto colon = text.find(':');
    const std::string_view name = text.substr(0, colon);
    key_distribution d;
    if (name == "uniform" || name == "seq") {
        if (colon != std::string_view::npos)
            throw std::invalid_argument(fmt::format("--keys: '{}' takes no parameter ({})", name, expected));
        d.what = name == "seq" ? key_distribution::kind::seq : key_distribution::kind::uniform;
        return d;
    }
    if (name != "zipf" && name != "latest")
        throw std::invalid_argument(fmt::format("--keys: unknown distribution '{}' ({})", text, expected));
    d.what = name == "zipf" ? key_distribution::kind::zipf : key_distribution::kind::latest;
    if (colon == std::string_view::npos) {
        if (d.what == key_distribution::kind::zipf)
            throw std::invalid_argument(fmt::format("--keys: zipf needs its exponent, as in zipf:1.1 ({})", expected));
        return d;
    }
    const std::string_view s = text.substr(colon + 1);
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !(v > 0) || !std::isfinite(v))
        throw std::invalid_argument(fmt::format("--keys: bad exponent '{}' in '{}' ({})", s, text, expected));
    d.exponent = v;
    return d;
}

// Draws row indexes for reads and writes over a key space of `rows` rows (0 .. rows-1; latest
// grows it with every insert).
class key_chooser {
public:
    key_chooser(key_distribution d, std::uint64_t rows)
        : d_(d), rows_(std::max<std::uint64_t>(rows, 1)), zipf_(rows_, d.exponent) {}

    // The row an operation reads (or, but for latest, writes).
    template <class Rng>
    std::uint64_t read(Rng& r) {
        switch (d_.what) {
        case key_distribution::kind::zipf: return zipf_.sample(r) - 1;
        case key_distribution::kind::seq: return next_++ % rows_;
        case key_distribution::kind::latest: {
            // The newest row is rows_ - 1; reads reach back over as many rows as the key space
            // had at the start.
            return rows_ - zipf_.sample(r);
        }
        default: return r.next() % rows_;
        }
    }

    // The row an insert writes: a new row past the newest for latest, else as a read.
    template <class Rng>
    std::uint64_t write(Rng& r) {
        if (d_.what == key_distribution::kind::latest)
            return rows_++;
        return read(r);
    }

    // Rows in the key space now.
    [[nodiscard]] std::uint64_t rows() const { return rows_; }

private:
    key_distribution d_;
    std::uint64_t rows_;
    std::uint64_t next_ = 0;
    zipf_sampler zipf_;
};

}  // namespace cppcassa::bench
