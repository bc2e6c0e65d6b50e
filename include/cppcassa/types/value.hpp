// cppcassa::value: what a row key, column name or column value can hold before it is packed for
// its Cassandra marshal type (or after it was unpacked). Built implicitly from natural C++
// values, so `{{"age", 42}}` and `{{"name", "Ann"}}` work; read back with as<T>().
#pragma once

#include <cppcassa/types/uuid.hpp>
#include <cppcassa/types/varint.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace cppcassa {

// Raw bytes (BytesType and every type cppcassa does not interpret), kept apart from text so a
// value says which it is.
struct bytes {
    std::string data;
    friend bool operator==(const bytes&, const bytes&) = default;
};

// DateType/TimestampType resolution: milliseconds since the Unix epoch.
using date = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

class value;

// The components of a CompositeType name, in order. Fewer components than the type declares
// make a prefix, which is how composite slices are bounded.
struct composite {
    std::vector<value> components;

    composite() = default;
    composite(std::initializer_list<value> values);
    explicit composite(std::vector<value> values);
    friend bool operator==(const composite&, const composite&);
};

// Which alternative a value holds.
enum class value_kind {
    empty,      // Cassandra's empty value (zero bytes) of a non-text type
    bytes,      // cppcassa::bytes
    text,       // std::string (UTF-8)
    int64,      // std::int64_t: every C++ integer is stored as this
    int32,      // std::int32_t: what Int32Type unpacks to
    varint,     // cppcassa::varint
    decimal,    // cppcassa::decimal
    float32,    // float
    float64,    // double
    boolean,    // bool
    date,       // cppcassa::date
    uuid,       // cppcassa::uuid
    composite,  // cppcassa::composite
};

// The name of a kind, for messages ("int64", "text", ...).
std::string_view to_string(value_kind kind);

class value {
public:
    using storage = std::variant<std::monostate, bytes, std::string, std::int64_t, std::int32_t, varint,
                                 decimal, float, double, bool, date, uuid, composite>;

    // The empty value.
    value() = default;

    value(bytes b) : v_(std::move(b)) {}
    value(std::string s) : v_(std::move(s)) {}
    value(std::string_view s) : v_(std::string(s)) {}
    value(const char* s) : v_(std::string(s)) {}
    value(bool b) : v_(b) {}
    // Any C++ integer but bool and the character types; an unsigned beyond INT64_MAX is a varint.
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, char8_t> &&
                 !std::same_as<T, char16_t> && !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>)
    value(T i) : v_(from_integer(i)) {}
    // An Int32Type value, kept as such (a plain int literal becomes int64).
    static value int32(std::int32_t i) { return value(storage(std::in_place_type<std::int32_t>, i)); }
    value(float f) : v_(f) {}
    value(double d) : v_(d) {}
    value(varint v) : v_(std::move(v)) {}
    value(decimal d) : v_(std::move(d)) {}
    value(uuid u) : v_(u) {}
    // Any system_clock time point; rounded down to the millisecond DateType keeps.
    template <class Duration>
    value(std::chrono::time_point<std::chrono::system_clock, Duration> t)
        : v_(std::chrono::floor<std::chrono::milliseconds>(t)) {}
    value(composite c) : v_(std::move(c)) {}

    [[nodiscard]] value_kind kind() const noexcept { return static_cast<value_kind>(v_.index()); }
    [[nodiscard]] bool empty() const noexcept { return kind() == value_kind::empty; }
    [[nodiscard]] const storage& get() const noexcept { return v_; }

    // The held value as T, converting only where nothing is lost: int32 <-> int64 (when it fits),
    // either to varint, a varint that fits to int64/int32, float to double, bytes <-> text
    // (std::string gives the raw bytes of either). marshal_error naming both kinds otherwise.
    // T is one of: std::string, bytes, std::int64_t, std::int32_t, varint, decimal, float,
    // double, bool, date, std::chrono::system_clock::time_point, uuid, composite.
    template <class T>
    [[nodiscard]] T as() const;

    // A short description for messages: `int64 42`, `text "abc"`, `bytes 0x00ff`.
    [[nodiscard]] std::string describe() const;

    friend bool operator==(const value&, const value&) = default;

private:
    explicit value(storage s) : v_(std::move(s)) {}
    template <class T>
    static storage from_integer(T i) {
        if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
            if (i > static_cast<T>(INT64_MAX))
                return varint::from_unsigned(i);
        }
        return static_cast<std::int64_t>(i);
    }

    storage v_;
};

// Writes describe().
std::ostream& operator<<(std::ostream& out, const value& v);

template <> std::string value::as<std::string>() const;
template <> bytes value::as<bytes>() const;
template <> std::int64_t value::as<std::int64_t>() const;
template <> std::int32_t value::as<std::int32_t>() const;
template <> varint value::as<varint>() const;
template <> decimal value::as<decimal>() const;
template <> float value::as<float>() const;
template <> double value::as<double>() const;
template <> bool value::as<bool>() const;
template <> date value::as<date>() const;
template <> std::chrono::system_clock::time_point value::as<std::chrono::system_clock::time_point>() const;
template <> uuid value::as<uuid>() const;
template <> composite value::as<composite>() const;

}  // namespace cppcassa
