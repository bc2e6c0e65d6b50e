// Random values of any type the codec describes, biased toward the cases codecs get wrong.
//
// Driven by the descriptors (struct_info), so a struct or method added to the IDL is covered the
// day it is described, with no per-field code here. Values are deterministic for a given seed.
#pragma once

#include "codec/struct_codec.hpp"
#include "cppcassa/thrift/enums.hpp"
#include "reference/apache_defaults.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace cppcassa::reference {

// Every valid enumerator, so a random enum is always one the IDL names.
template <class E> struct enum_range;
template <> struct enum_range<thrift::ConsistencyLevel> { static constexpr int lo = 1, hi = 11; };
template <> struct enum_range<thrift::IndexOperator> { static constexpr int lo = 0, hi = 4; };
template <> struct enum_range<thrift::IndexType> { static constexpr int lo = 0, hi = 2; };
template <> struct enum_range<thrift::Compression> { static constexpr int lo = 1, hi = 2; };
template <> struct enum_range<thrift::CqlResultType> { static constexpr int lo = 1, hi = 3; };

// How optionals are chosen for one value: each on its own, or all at once (the extremes are
// where a presence bug hides: a writer that forgets every isset, a reader that sets them all).
enum class optionals { random, all_set, all_unset };

class value_generator {
public:
    explicit value_generator(std::uint64_t seed) : rng_(seed) {}

    // A fresh random T. `large` lets one string of it be 64 KiB - 1 MiB long (kept rare so a
    // thousand values stay fast, yet every type sees a few).
    template <class T>
    T make(optionals mode = optionals::random, bool large = false) {
        mode_ = mode;
        large_pending_ = large;
        T v{};
        fill(v, 0);
        return v;
    }

    // Whether optional fields Apache always sets (see apache_defaults.hpp) are always set here
    // too. On by default: only a test that builds Apache's objects itself can express them unset.
    void keep_apache_defaults(bool keep) { keep_apache_defaults_ = keep; }

    // A seqid: any i32, the extremes included.
    std::int32_t seqid() { return random_int<std::int32_t>(); }

    std::uint64_t next() { return rng_(); }
    bool chance(unsigned one_in) { return rng_() % one_in == 0; }

private:
    template <class T>
    void fill(T& v, int depth) {
        namespace d = codec::detail;
        if constexpr (std::is_same_v<T, bool>) v = (rng_() & 1) != 0;
        else if constexpr (std::is_same_v<T, double>) v = random_double();
        else if constexpr (std::is_enum_v<T>)
            v = static_cast<T>(enum_range<T>::lo +
                               static_cast<int>(rng_() % (enum_range<T>::hi - enum_range<T>::lo + 1)));
        else if constexpr (std::is_integral_v<T>) v = random_int<T>();
        else if constexpr (std::is_same_v<T, std::string>) v = random_string();
        else if constexpr (d::is_optional<T>::value) {
            const bool set = mode_ == optionals::all_set || (mode_ == optionals::random && (rng_() & 1));
            if (set)
                fill(v.emplace(), depth);
            else
                v.reset();
        } else if constexpr (d::is_vector<T>::value) {
            v.clear();
            for (std::size_t n = container_size(depth); n > 0; --n)
                fill(v.emplace_back(), depth + 1);
        } else if constexpr (d::is_set<T>::value || d::is_map<T>::value) {
            // Duplicate keys collapse, as they would in Apache's std::set/std::map.
            v.clear();
            for (std::size_t n = container_size(depth); n > 0; --n) {
                if constexpr (d::is_map<T>::value) {
                    std::remove_const_t<typename T::key_type> key{};
                    fill(key, depth + 1);
                    typename T::mapped_type value{};
                    fill(value, depth + 1);
                    v.insert_or_assign(std::move(key), std::move(value));
                } else {
                    typename T::value_type e{};
                    fill(e, depth + 1);
                    v.insert(std::move(e));
                }
            }
        } else {
            static_assert(codec::described_struct<T>);
            using fields = typename codec::struct_info<T>::fields;
            const std::uint64_t always_set = keep_apache_defaults_ ? apache_defaulted_fields<T>() : 0;
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                (fill_field<T, std::tuple_element_t<I, fields>>(v, (always_set >> I) & 1, depth + 1), ...);
            }(std::make_index_sequence<std::tuple_size_v<fields>>{});
        }
    }

    template <class T, class F>
    void fill_field(T& v, bool always_set, int depth) {
        auto& m = v.*F::member;
        if constexpr (codec::detail::is_optional<std::remove_cvref_t<decltype(m)>>::value) {
            if (always_set) {
                fill(m.emplace(), depth);
                return;
            }
        }
        fill(m, depth);
    }

    // 0..4 elements, fewer deep down so nested containers (batch_mutate's map of maps of lists
    // of mutations) stay small.
    std::size_t container_size(int depth) {
        const auto roll = rng_() % 10;
        if (depth >= 6)
            return roll < 6 ? 0 : 1;
        if (roll < 2)
            return 0;
        if (roll < 5)
            return 1;
        return 2 + rng_() % 3;
    }

    template <class T>
    T random_int() {
        using lim = std::numeric_limits<T>;
        switch (rng_() % 8) {
        case 0: return 0;
        case 1: return lim::min();
        case 2: return lim::max();
        case 3: return static_cast<T>(-1);
        case 4: return static_cast<T>(rng_() % 256);  // small, the common case on the wire
        default: return static_cast<T>(rng_());       // any bit pattern
        }
    }

    double random_double() {
        using lim = std::numeric_limits<double>;
        switch (rng_() % 10) {
        case 0: return 0.0;
        case 1: return -0.0;  // differs from 0.0 only in the bytes
        case 2: return lim::infinity();
        case 3: return -lim::infinity();
        case 4: return lim::denorm_min();
        case 5: return lim::lowest();
        case 6: return 0.1;
        default: {
            // Any bit pattern but NaN, which compares unequal to itself.
            double d = 0;
            do {
                d = std::bit_cast<double>(rng_());
            } while (d != d);
            return d;
        }
        }
    }

    std::string random_string() {
        if (large_pending_ && chance(4)) {
            large_pending_ = false;
            return random_bytes(64 * 1024 + rng_() % (1024 * 1024 - 64 * 1024 + 1));
        }
        static constexpr std::array<const char*, 8> utf8 = {
            "é", "ß", "中文", "日本語", "🙂", "Ω", "\u00a0", "𝄞"};
        std::string s;
        switch (rng_() % 8) {
        case 0:
        case 1: return s;  // empty: the default of every Thrift string
        case 2:
        case 3:
            for (auto n = rng_() % 24; n > 0; --n)
                s.push_back(static_cast<char>(' ' + rng_() % 95));
            return s;
        case 4:
        case 5:
            for (auto n = 1 + rng_() % 8; n > 0; --n)
                s += (rng_() & 1) ? utf8[rng_() % utf8.size()] : "a";
            return s;
        default:
            // Binary: NUL, 0xFF and everything between are legal in Thrift's binary.
            s = random_bytes(rng_() % 40);
            if (!s.empty())
                s[rng_() % s.size()] = (rng_() & 1) ? '\0' : '\xff';
            return s;
        }
    }

    std::string random_bytes(std::size_t n) {
        std::string s(n, '\0');
        for (std::size_t i = 0; i < n; i += 8) {
            const std::uint64_t r = rng_();
            for (std::size_t j = 0; j < 8 && i + j < n; ++j)
                s[i + j] = static_cast<char>(r >> (8 * j));
        }
        return s;
    }

    std::mt19937_64 rng_;
    optionals mode_ = optionals::random;
    bool large_pending_ = false;
    bool keep_apache_defaults_ = true;
};

}  // namespace cppcassa::reference
