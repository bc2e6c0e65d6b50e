// How a mapped member is stored in a column: a column codec turns the member's value into the
// column's bytes and back. pycassa's column types (String, IntString, FloatString, Float64,
// DateTimeString), every Cassandra marshal type, and any user type with pack/unpack.
//
//   struct point { std::int32_t x = 0, y = 0; };
//   struct point_codec {                       // a user-defined column type
//       using value_type = point;
//       std::string pack(const point& p) const;
//       point unpack(std::string_view raw) const;   // throw cppcassa::marshal_error on bad bytes
//   };
//
// A codec is a small copyable object: the mapping keeps a copy per column. Errors are
// cppcassa::marshal_error naming the column type and the value or bytes.
#pragma once

#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal.hpp>
#include <cppcassa/types/marshal_type.hpp>
#include <cppcassa/types/uuid.hpp>
#include <cppcassa/types/value.hpp>
#include <cppcassa/types/varint.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace cppcassa {

// A column type of a mapping: value_type is what it packs from and unpacks to.
template <class C>
concept column_codec = std::copy_constructible<C> && requires { typename C::value_type; } &&
    requires(const C& c, const typename C::value_type& v, std::string_view raw) {
        { c.pack(v) } -> std::convertible_to<std::string>;
        { c.unpack(raw) } -> std::convertible_to<typename C::value_type>;
    };

namespace detail {

// V read from a cppcassa::value: value::as<V> for the types it knows, and any other integer
// through int64 with a range check (so `int` or `std::uint16_t` members work).
template <class V>
V from_value(const value& v) {
    if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool> && !std::is_same_v<V, std::int64_t> &&
                  !std::is_same_v<V, std::int32_t>) {
        const auto wide = v.as<std::int64_t>();
        if constexpr (std::is_unsigned_v<V>) {
            if (wide < 0 || static_cast<std::uint64_t>(wide) > std::numeric_limits<V>::max())
                throw marshal_error("cannot read " + v.describe() + " into a member of " +
                                    std::to_string(sizeof(V) * 8) + "-bit unsigned type: out of range");
        } else {
            if (wide < std::numeric_limits<V>::min() || wide > std::numeric_limits<V>::max())
                throw marshal_error("cannot read " + v.describe() + " into a member of " +
                                    std::to_string(sizeof(V) * 8) + "-bit type: out of range");
        }
        return static_cast<V>(wide);
    } else {
        return v.as<V>();
    }
}

}  // namespace detail

// Column types. Each is a codec for one C++ value type.
namespace mapped {

// ---- pycassa's column types ----

// pycassa.String: text, stored as its UTF-8 bytes (checked to be well-formed both ways).
struct string {
    using value_type = std::string;
    [[nodiscard]] std::string pack(const std::string& v) const;
    [[nodiscard]] std::string unpack(std::string_view raw) const;
};

// pycassa.IntString: an integer stored as its decimal text ("18"). Reading accepts a leading
// '+' and refuses anything else that is not a whole int64 (marshal_error).
struct int_string {
    using value_type = std::int64_t;
    [[nodiscard]] std::string pack(std::int64_t v) const;
    [[nodiscard]] std::int64_t unpack(std::string_view raw) const;
};

// pycassa.FloatString: a double stored as the shortest decimal text that reads back to the
// same double ("35.8"); whole numbers keep a ".0" ("8.0") as Python's str() writes them.
struct float_string {
    using value_type = double;
    [[nodiscard]] std::string pack(double v) const;
    [[nodiscard]] double unpack(std::string_view raw) const;
};

// pycassa.Float64: a double stored as Cassandra's DoubleType, 8 bytes IEEE 754 BIG-endian.
// pycassa stored the machine's native order (little-endian on x86): such data written by
// pycassa on x86 reads back byte-swapped here; write a custom codec to read it.
struct float64 {
    using value_type = double;
    [[nodiscard]] std::string pack(double v) const;
    [[nodiscard]] double unpack(std::string_view raw) const;
};

// pycassa.DateTimeString: a time point (UTC, whole seconds) stored as "YYYY-MM-DD HH:MM:SS",
// pycassa's strftime format. Years 0001 to 9999; reading is strict (exactly that layout).
struct datetime_string {
    using value_type = std::chrono::sys_seconds;
    [[nodiscard]] std::string pack(std::chrono::sys_seconds v) const;
    [[nodiscard]] std::chrono::sys_seconds unpack(std::string_view raw) const;
};

// ---- Cassandra's marshal types ----

// A value of type V stored as a Cassandra marshal type with cppcassa's pack/unpack
// (docs/types.md): `mapped::marshal<std::int64_t>{type_kind::int64}`, or a parsed class name
// `mapped::marshal<composite>{marshal_type::parse("CompositeType(LongType,UTF8Type)")}`.
template <class V>
struct marshal {
    using value_type = V;
    marshal_type type;

    marshal() = default;
    explicit marshal(type_kind kind) : type(kind) {}
    explicit marshal(marshal_type t) : type(std::move(t)) {}

    [[nodiscard]] std::string pack(const V& v) const { return cppcassa::pack(type, value(v)); }
    [[nodiscard]] V unpack(std::string_view raw) const {
        return detail::from_value<V>(cppcassa::unpack(type, raw));
    }
};

// One marshal type named by the codec: `mapped::long_type{}`.
template <class V, type_kind Kind>
struct fixed_marshal {
    using value_type = V;
    [[nodiscard]] std::string pack(const V& v) const { return cppcassa::pack(marshal_type(Kind), value(v)); }
    [[nodiscard]] V unpack(std::string_view raw) const {
        return detail::from_value<V>(cppcassa::unpack(marshal_type(Kind), raw));
    }
};

using bytes_type = fixed_marshal<std::string, type_kind::bytes>;         // raw bytes in a std::string
using blob_type = fixed_marshal<cppcassa::bytes, type_kind::bytes>;      // raw bytes as cppcassa::bytes
using ascii_type = fixed_marshal<std::string, type_kind::ascii>;
using utf8_type = fixed_marshal<std::string, type_kind::utf8>;
using long_type = fixed_marshal<std::int64_t, type_kind::int64>;
using int32_type = fixed_marshal<std::int32_t, type_kind::int32>;
using integer_type = fixed_marshal<varint, type_kind::varint>;
using decimal_type = fixed_marshal<decimal, type_kind::decimal>;
using float_type = fixed_marshal<float, type_kind::float32>;
using double_type = fixed_marshal<double, type_kind::float64>;
using boolean_type = fixed_marshal<bool, type_kind::boolean>;
using uuid_type = fixed_marshal<uuid, type_kind::uuid>;
using time_uuid_type = fixed_marshal<uuid, type_kind::time_uuid>;
using lexical_uuid_type = fixed_marshal<uuid, type_kind::lexical_uuid>;

// DateType (milliseconds since 1970, 8 bytes big-endian) into a system_clock time point of any
// resolution: written rounded down to the millisecond, read rounded down to Duration.
template <class Duration = std::chrono::system_clock::duration>
struct basic_date_type {
    using value_type = std::chrono::time_point<std::chrono::system_clock, Duration>;
    [[nodiscard]] std::string pack(const value_type& v) const {
        return cppcassa::pack(marshal_type(type_kind::date), value(v));
    }
    [[nodiscard]] value_type unpack(std::string_view raw) const {
        return std::chrono::floor<Duration>(cppcassa::unpack(marshal_type(type_kind::date), raw).as<date>());
    }
};
using date_type = basic_date_type<>;

}  // namespace mapped

// The column type a described mapping (described_mapping<T>()) infers for a member of type M.
// Specialize it for your own types: `template <> struct cppcassa::default_codec<point> { using
// type = point_codec; };`.
template <class M>
struct default_codec {};

template <> struct default_codec<std::string> { using type = mapped::string; };
template <> struct default_codec<cppcassa::bytes> { using type = mapped::blob_type; };
template <> struct default_codec<bool> { using type = mapped::boolean_type; };
template <> struct default_codec<double> { using type = mapped::double_type; };
template <> struct default_codec<float> { using type = mapped::float_type; };
template <> struct default_codec<std::int32_t> { using type = mapped::int32_type; };
template <> struct default_codec<uuid> { using type = mapped::uuid_type; };
template <> struct default_codec<varint> { using type = mapped::integer_type; };
template <> struct default_codec<decimal> { using type = mapped::decimal_type; };
// Every other integer: LongType (an unsigned value beyond INT64_MAX is refused on write).
template <std::integral M>
    requires(!std::is_same_v<M, bool> && !std::is_same_v<M, std::int32_t> && !std::is_same_v<M, char>)
struct default_codec<M> { using type = mapped::fixed_marshal<M, type_kind::int64>; };
template <class Duration>
struct default_codec<std::chrono::time_point<std::chrono::system_clock, Duration>> {
    using type = mapped::basic_date_type<Duration>;
};

}  // namespace cppcassa
