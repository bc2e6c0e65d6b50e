#include "marshal/hex_preview.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/types/value.hpp>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>
#include <ostream>

namespace cppcassa {

composite::composite(std::initializer_list<value> values) : components(values) {}
composite::composite(std::vector<value> values) : components(std::move(values)) {}
bool operator==(const composite& a, const composite& b) { return a.components == b.components; }

std::string_view to_string(value_kind kind) {
    static constexpr std::array<std::string_view, 13> names{
        "empty", "bytes", "text", "int64", "int32", "varint", "decimal",
        "float", "double", "boolean", "date", "uuid", "composite"};
    return names.at(static_cast<std::size_t>(kind));
}

namespace {

// Bytes in hex, with their size when they are too many to show.
std::string hex_with_size(std::string_view raw) {
    const std::string shown = detail::hex_preview(raw);
    return raw.size() > detail::hex_preview_bytes ? fmt::format("{} ({} bytes)", shown, raw.size()) : shown;
}

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace

std::string value::describe() const {
    const std::string what = std::visit(
        overloaded{
            [](std::monostate) { return std::string(); },
            [](const bytes& b) { return hex_with_size(b.data); },
            [](const std::string& s) {
                return s.size() > 64 ? fmt::format("\"{}...\" ({} bytes)", s.substr(0, 64), s.size())
                                     : fmt::format("\"{}\"", s);
            },
            [](std::int64_t i) { return fmt::format("{}", i); },
            [](std::int32_t i) { return fmt::format("{}", i); },
            [](const varint& v) { return v.to_string(); },
            [](const decimal& d) { return d.to_string(); },
            [](float f) { return fmt::format("{}", f); },
            [](double d) { return fmt::format("{}", d); },
            [](bool b) { return std::string(b ? "true" : "false"); },
            [](date d) { return fmt::format("{} ms since the Unix epoch", d.time_since_epoch().count()); },
            [](const uuid& u) { return u.to_string(); },
            [](const composite& c) {
                std::string out = "(";
                for (std::size_t i = 0; i < c.components.size(); ++i)
                    out += (i ? ", " : "") + c.components[i].describe();
                return out + ")";
            },
        },
        v_);
    return what.empty() ? std::string(to_string(kind())) : fmt::format("{} {}", to_string(kind()), what);
}

std::ostream& operator<<(std::ostream& out, const value& v) { return out << v.describe(); }

namespace {

[[noreturn]] void mismatch(const value& v, std::string_view wanted) {
    if (v.empty())
        throw marshal_error(fmt::format("the value is empty (Cassandra's zero-byte value), not {}", wanted));
    throw marshal_error(fmt::format("{} cannot be read as {} without losing information", v.describe(), wanted));
}

}  // namespace

template <>
std::string value::as<std::string>() const {
    if (const auto* s = std::get_if<std::string>(&v_))
        return *s;
    if (const auto* b = std::get_if<bytes>(&v_))
        return b->data;
    mismatch(*this, "std::string");
}

template <>
bytes value::as<bytes>() const {
    if (const auto* b = std::get_if<bytes>(&v_))
        return *b;
    if (const auto* s = std::get_if<std::string>(&v_))
        return bytes{*s};
    mismatch(*this, "bytes");
}

template <>
std::int64_t value::as<std::int64_t>() const {
    if (const auto* i = std::get_if<std::int64_t>(&v_))
        return *i;
    if (const auto* i = std::get_if<std::int32_t>(&v_))
        return *i;
    if (const auto* v = std::get_if<varint>(&v_))
        if (const auto fits = v->to_int64())
            return *fits;
    mismatch(*this, "int64_t");
}

template <>
std::int32_t value::as<std::int32_t>() const {
    if (const auto* i = std::get_if<std::int32_t>(&v_))
        return *i;
    if (kind() == value_kind::int64 || kind() == value_kind::varint) {
        const std::int64_t wide = kind() == value_kind::int64 ? std::get<std::int64_t>(v_)
                                                               : std::get<varint>(v_).to_int64().value_or(INT64_MAX);
        if (wide >= std::numeric_limits<std::int32_t>::min() && wide <= std::numeric_limits<std::int32_t>::max())
            return static_cast<std::int32_t>(wide);
    }
    mismatch(*this, "int32_t");
}

template <>
varint value::as<varint>() const {
    if (const auto* v = std::get_if<varint>(&v_))
        return *v;
    if (const auto* i = std::get_if<std::int64_t>(&v_))
        return varint(*i);
    if (const auto* i = std::get_if<std::int32_t>(&v_))
        return varint(*i);
    mismatch(*this, "varint");
}

template <>
decimal value::as<decimal>() const {
    if (const auto* d = std::get_if<decimal>(&v_))
        return *d;
    if (kind() == value_kind::int64 || kind() == value_kind::int32 || kind() == value_kind::varint)
        return decimal{as<varint>(), 0};
    mismatch(*this, "decimal");
}

template <>
float value::as<float>() const {
    if (const auto* f = std::get_if<float>(&v_))
        return *f;
    mismatch(*this, "float");
}

template <>
double value::as<double>() const {
    if (const auto* d = std::get_if<double>(&v_))
        return *d;
    if (const auto* f = std::get_if<float>(&v_))
        return *f;
    mismatch(*this, "double");
}

template <>
bool value::as<bool>() const {
    if (const auto* b = std::get_if<bool>(&v_))
        return *b;
    mismatch(*this, "bool");
}

template <>
date value::as<date>() const {
    if (const auto* d = std::get_if<date>(&v_))
        return *d;
    mismatch(*this, "a date");
}

template <>
std::chrono::system_clock::time_point value::as<std::chrono::system_clock::time_point>() const {
    return std::chrono::system_clock::time_point(as<date>());
}

template <>
uuid value::as<uuid>() const {
    if (const auto* u = std::get_if<uuid>(&v_))
        return *u;
    mismatch(*this, "uuid");
}

template <>
composite value::as<composite>() const {
    if (const auto* c = std::get_if<composite>(&v_))
        return *c;
    mismatch(*this, "composite");
}

}  // namespace cppcassa
