// The one generic encoder/decoder for every described struct (see descriptors.hpp).
//
// A struct is walked with a fold over its field list, and each member's C++ type picks its wire
// code with `if constexpr`: no virtual call, no table lookup, no per-field allocation beyond the
// member's own storage. Decoding follows Apache's generated readers: unknown field ids and known
// ids with an unexpected wire type are skipped, a missing required field is an error.
#pragma once

#include "codec/binary_reader.hpp"
#include "codec/binary_writer.hpp"
#include "codec/descriptors.hpp"
#include "codec/skip.hpp"
#include "codec/wire_type.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcassa::codec {

namespace detail {

template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T> struct is_set : std::false_type {};
template <class T, class C, class A> struct is_set<std::set<T, C, A>> : std::true_type {};
template <class T> struct is_map : std::false_type {};
template <class K, class V, class C, class A> struct is_map<std::map<K, V, C, A>> : std::true_type {};
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

template <class>
inline constexpr bool unsupported = false;

template <class T>
consteval wire_type compute_wire_type() {
    if constexpr (std::is_same_v<T, bool>) return wire_type::bool_;
    else if constexpr (std::is_same_v<T, std::int8_t>) return wire_type::byte;
    else if constexpr (std::is_same_v<T, std::int16_t>) return wire_type::i16;
    else if constexpr (std::is_same_v<T, std::int32_t>) return wire_type::i32;
    else if constexpr (std::is_same_v<T, std::int64_t>) return wire_type::i64;
    else if constexpr (std::is_same_v<T, double>) return wire_type::double_;
    else if constexpr (std::is_enum_v<T>) {
        static_assert(std::is_same_v<std::underlying_type_t<T>, std::int32_t>,
                      "Thrift enums travel as i32: give the enum an std::int32_t underlying type");
        return wire_type::i32;
    }
    else if constexpr (std::is_same_v<T, std::string>) return wire_type::string;
    else if constexpr (is_vector<T>::value) return wire_type::list;
    else if constexpr (is_set<T>::value) return wire_type::set;
    else if constexpr (is_map<T>::value) return wire_type::map;
    else if constexpr (is_optional<T>::value) return compute_wire_type<typename T::value_type>();
    else if constexpr (described_struct<T>) return wire_type::struct_;
    else static_assert(unsupported<T>, "no Thrift wire type for this C++ type (see descriptors.hpp)");
}

// The data member type a field<> points at.
template <class T, class F>
using member_t = std::remove_cvref_t<decltype(std::declval<T&>().*F::member)>;

}  // namespace detail

// The wire type a C++ member type travels as (std::optional<X> as X).
template <class T>
inline constexpr wire_type wire_type_of = detail::compute_wire_type<T>();

// Forward declarations: write_value/read_value and encode/decode recurse into each other, and
// ADL would not find them from the wire types' namespace.
template <described_struct T>
void encode(binary_writer& w, const T& v);
template <described_struct T>
void decode(binary_reader& r, T& v);

// Writes one value of any supported type (no field header). An optional must be engaged.
template <class T>
void write_value(binary_writer& w, const T& v) {
    if constexpr (std::is_same_v<T, bool>) w.write_bool(v);
    else if constexpr (std::is_same_v<T, std::int8_t>) w.write_byte(v);
    else if constexpr (std::is_same_v<T, std::int16_t>) w.write_i16(v);
    else if constexpr (std::is_same_v<T, std::int32_t>) w.write_i32(v);
    else if constexpr (std::is_same_v<T, std::int64_t>) w.write_i64(v);
    else if constexpr (std::is_same_v<T, double>) w.write_double(v);
    else if constexpr (std::is_enum_v<T>) w.write_i32(static_cast<std::int32_t>(v));
    else if constexpr (std::is_same_v<T, std::string>) w.write_string(v);
    else if constexpr (detail::is_vector<T>::value || detail::is_set<T>::value) {
        using E = typename T::value_type;
        const auto n = binary_writer::checked_size(v.size(), "list or set");
        if constexpr (detail::is_vector<T>::value)
            w.write_list_begin(wire_type_of<E>, n);
        else
            w.write_set_begin(wire_type_of<E>, n);
        for (const auto& e : v)
            write_value<E>(w, e);
    } else if constexpr (detail::is_map<T>::value) {
        using K = typename T::key_type;
        using V = typename T::mapped_type;
        w.write_map_begin(wire_type_of<K>, wire_type_of<V>, binary_writer::checked_size(v.size(), "map"));
        for (const auto& [key, value] : v) {
            write_value<K>(w, key);
            write_value<V>(w, value);
        }
    } else if constexpr (detail::is_optional<T>::value) write_value<typename T::value_type>(w, *v);
    else encode(w, v);
}

namespace detail {

// An empty container may carry any element tag (nothing is read with it); a non-empty one must
// carry ours, since unlike a field there is no way to skip just the mismatched elements.
[[noreturn, gnu::cold]] void throw_element_type(wire_type got, wire_type expected);

inline void expect_element(wire_type got, wire_type expected, std::int32_t size) {
    if (got != expected && size > 0) [[unlikely]]
        throw_element_type(got, expected);
}

// Reserve no more memory than the bytes left in the message: the count is already bounded by
// the bytes, but an element may be far larger in memory than its smallest encoding. Counts up to
// `trusted_count` are reserved whole whatever the bytes say, so a typical row (a few columns of
// a ~280-byte ColumnOrSuperColumn, each only ~100 bytes on the wire) takes one allocation, not a
// reserve then a regrowth; a lying count still costs at most that many elements.
inline constexpr std::size_t trusted_count = 256;

template <class E>
std::size_t safe_reserve(std::int32_t n, const binary_reader& r) {
    return std::min(static_cast<std::size_t>(n), std::max(r.remaining() / sizeof(E) + 1, trusted_count));
}

}  // namespace detail

// Reads one value of any supported type (no field header) into `v`, replacing its contents.
template <class T>
void read_value(binary_reader& r, T& v) {
    if constexpr (std::is_same_v<T, bool>) v = r.read_bool();
    else if constexpr (std::is_same_v<T, std::int8_t>) v = r.read_byte();
    else if constexpr (std::is_same_v<T, std::int16_t>) v = r.read_i16();
    else if constexpr (std::is_same_v<T, std::int32_t>) v = r.read_i32();
    else if constexpr (std::is_same_v<T, std::int64_t>) v = r.read_i64();
    else if constexpr (std::is_same_v<T, double>) v = r.read_double();
    else if constexpr (std::is_enum_v<T>) v = static_cast<T>(r.read_i32());  // unknown values kept, as Apache
    else if constexpr (std::is_same_v<T, std::string>) r.read_string(v);
    else if constexpr (detail::is_vector<T>::value) {
        using E = typename T::value_type;
        auto depth = r.nest();
        const auto h = r.read_list_begin();
        detail::expect_element(h.elem, wire_type_of<E>, h.size);
        const auto n = static_cast<std::size_t>(h.size);
        if constexpr (std::is_same_v<E, bool>) {
            v.clear();  // vector<bool> has no bool& to read into
            for (std::size_t i = 0; i < n; ++i)
                v.push_back(r.read_bool());
        } else {
            // Elements already there are decoded over, keeping their strings' memory: a result
            // read again into the same vector (the reuse form of reads) allocates nothing when
            // the next reply has the same shape.
            const std::size_t reused = std::min(v.size(), n);
            if (n > v.capacity())
                v.reserve(detail::safe_reserve<E>(h.size, r));
            for (std::size_t i = 0; i < reused; ++i)
                read_value<E>(r, v[i]);
            v.erase(v.begin() + static_cast<std::ptrdiff_t>(reused), v.end());
            for (std::size_t i = reused; i < n; ++i)
                read_value<E>(r, v.emplace_back());
        }
    } else if constexpr (detail::is_set<T>::value) {
        using E = typename T::value_type;
        auto depth = r.nest();
        const auto h = r.read_set_begin();
        detail::expect_element(h.elem, wire_type_of<E>, h.size);
        v.clear();
        for (std::int32_t i = 0; i < h.size; ++i) {
            E e{};
            read_value<E>(r, e);
            v.insert(v.end(), std::move(e));  // a duplicate keeps the first, as Apache's insert
        }
    } else if constexpr (detail::is_map<T>::value) {
        using K = typename T::key_type;
        using V = typename T::mapped_type;
        auto depth = r.nest();
        const auto h = r.read_map_begin();
        detail::expect_element(h.key, wire_type_of<K>, h.size);
        detail::expect_element(h.value, wire_type_of<V>, h.size);
        v.clear();
        for (std::int32_t i = 0; i < h.size; ++i) {
            K key{};
            read_value<K>(r, key);
            V value{};
            read_value<V>(r, value);
            v.insert_or_assign(std::move(key), std::move(value));  // a duplicate keeps the last, as Apache's []
        }
    } else if constexpr (detail::is_optional<T>::value) read_value<typename T::value_type>(r, v ? *v : v.emplace());
    else decode(r, v);
}

namespace detail {

template <class T, class F>
void encode_field(binary_writer& w, const T& v) {
    using M = member_t<T, F>;
    const M& m = v.*F::member;
    if constexpr (is_optional<M>::value) {
        if (!m)
            return;
    }
    w.write_field_begin(wire_type_of<M>, F::id);
    write_value<M>(w, m);
}

// Decodes the field if it is field I of T with the expected wire type; false leaves it unread.
template <class T, class F, std::size_t I>
bool decode_field(binary_reader& r, T& v, field_header h, std::uint64_t& seen) {
    using M = member_t<T, F>;
    if (h.id != F::id || h.type != wire_type_of<M>)
        return false;
    read_value<M>(r, v.*F::member);
    seen |= std::uint64_t{1} << I;
    return true;
}

[[noreturn, gnu::cold]] void throw_missing_required(std::string_view struct_name, std::int16_t id);

// A field the wire did not carry gets the value a default-constructed struct has, so a struct
// decoded over an earlier one ends up equal to one decoded fresh.
template <class T, class F>
void reset_field(T& v) {
    using M = member_t<T, F>;
    if constexpr (is_optional<M>::value) {
        (v.*F::member).reset();
    } else {
        static const T defaults{};
        v.*F::member = defaults.*F::member;
    }
}

template <class T, std::size_t... I>
void decode_fields(binary_reader& r, T& v, std::index_sequence<I...>) {
    using fields = typename struct_info<T>::fields;
    std::uint64_t seen = 0;
    for (auto h = r.read_field_begin(); h.type != wire_type::stop; h = r.read_field_begin()) {
        if (!(decode_field<T, std::tuple_element_t<I, fields>, I>(r, v, h, seen) || ...))
            skip(r, h.type);
    }
    constexpr std::uint64_t required =
        ((std::uint64_t{std::tuple_element_t<I, fields>::kind == presence::required} << I) | ... | 0);
    if ((seen & required) != required) [[unlikely]] {
        const std::uint64_t missing = required & ~seen;
        constexpr std::int16_t ids[] = {std::tuple_element_t<I, fields>::id..., 0};
        throw_missing_required(struct_info<T>::name, ids[std::countr_zero(missing)]);
    }
    constexpr std::uint64_t all = sizeof...(I) == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << sizeof...(I)) - 1;
    if (seen != all)
        ((seen & (std::uint64_t{1} << I) ? void() : reset_field<T, std::tuple_element_t<I, fields>>(v)), ...);
}

}  // namespace detail

// Writes the fields of `v` in their listed order (disengaged optionals omitted), then the stop.
template <described_struct T>
void encode(binary_writer& w, const T& v) {
    [&]<class... F>(std::tuple<F...>*) {
        (detail::encode_field<T, F>(w, v), ...);
    }(static_cast<typename struct_info<T>::fields*>(nullptr));
    w.write_field_stop();
}

// Reads a struct into `v`, replacing every field (those absent from the wire get their default)
// while reusing the memory `v` already holds. Throws protocol_error on malformed input or a
// missing required field.
template <described_struct T>
void decode(binary_reader& r, T& v) {
    constexpr std::size_t n = std::tuple_size_v<typename struct_info<T>::fields>;
    static_assert(n <= 64, "required-field tracking holds 64 fields");
    auto depth = r.nest();
    detail::decode_fields(r, v, std::make_index_sequence<n>{});
}

}  // namespace cppcassa::codec
