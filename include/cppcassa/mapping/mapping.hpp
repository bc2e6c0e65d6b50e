// Which members of a C++ struct a ColumnFamilyMap reads and writes: the row key, the super
// column name (super column families), and typed columns with their defaults.
//
//   struct test_row {
//       std::string key;
//       std::string string_column;
//       std::int64_t int_str_column = 5;
//       std::optional<std::chrono::sys_seconds> datetime_str_column;   // no default
//   };
//   auto m = cppcassa::mapping(&test_row::key)
//                .column("string_column", &test_row::string_column, cppcassa::mapped::string{}, "Your Default")
//                .column("int_str_column", &test_row::int_str_column, cppcassa::mapped::int_string{})
//                .column("datetime_str_column", &test_row::datetime_str_column, cppcassa::mapped::datetime_string{});
//
// Reading makes a value-initialized T (its default member initializers apply), sets the key
// (and super column name), then each mapped column: from the row when present, else from the
// column's explicit default when one was given, else it keeps T's own default. A
// std::optional<V> member takes a codec of V: missing stays std::nullopt, and std::nullopt is
// not written. Columns of the row that are not mapped are ignored.
#pragma once

#include <cppcassa/mapping/column_codecs.hpp>

#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcassa {

namespace detail {

template <class M>
struct optional_traits {
    static constexpr bool is_optional = false;
    using value_type = M;
};
template <class V>
struct optional_traits<std::optional<V>> {
    static constexpr bool is_optional = true;
    using value_type = V;
};

}  // namespace detail

// One mapped column: its name and how a member of T is packed into and read from it.
template <class T>
struct mapped_field {
    std::string name;
    // The column's bytes, or std::nullopt when the member holds nothing to write (an empty optional).
    std::function<std::optional<std::string>(const T&)> pack;
    // Sets the member from the column's bytes (marshal_error on bytes the codec refuses).
    std::function<void(T&, std::string_view)> unpack;
    // Sets the member's explicit default; empty: T's own default is kept.
    std::function<void(T&)> fill_default;
};

// S is the type of the member naming the super column (void: a standard column family).
template <class T, class K, class S = void>
class mapping {
public:
    using object_type = T;
    using key_type = K;
    using super_type = S;
    static constexpr bool is_super = !std::is_void_v<S>;

    static_assert(std::default_initializable<T>, "a mapped type must be default-constructible: reads start from T{}");

    // Maps the row key to this member (read back with cppcassa::value::as, any integer allowed).
    explicit mapping(K T::*key) : key_(key) {}

    // Maps the column `name` (packed with the column family's comparator, or sub-comparator in a
    // super column family) to `member`, stored with `codec`. Mapping a name again replaces it.
    template <class M, column_codec C>
    mapping& column(std::string name, M T::*member, C codec) {
        check_member<M, C>();
        return add(make_field(std::move(name), member, std::move(codec)));
    }
    // The same with an explicit default, used when the row lacks the column.
    template <class M, column_codec C, class D>
        requires std::constructible_from<M, D>
    mapping& column(std::string name, M T::*member, C codec, D default_value) {
        check_member<M, C>();
        auto f = make_field(std::move(name), member, std::move(codec));
        f.fill_default = [member, d = M(std::move(default_value))](T& obj) { obj.*member = d; };
        return add(std::move(f));
    }

    // The same mapping for a super column family: each object is one super column of its row,
    // named by `member`.
    template <class S2>
        requires std::is_void_v<S>
    [[nodiscard]] mapping<T, K, S2> super_column(S2 T::*member) const {
        mapping<T, K, S2> out(key_);
        out.fields_ = fields_;
        out.super_ = member;
        return out;
    }

    [[nodiscard]] const std::vector<mapped_field<T>>& fields() const noexcept { return fields_; }
    [[nodiscard]] K T::*key_member() const noexcept { return key_; }
    // The super column member (super column families only).
    template <class S2 = S>
        requires(!std::is_void_v<S2>)
    [[nodiscard]] S2 T::*super_member() const noexcept {
        return super_;
    }

    // A value-initialized T with the explicit defaults of every mapped column: what a read gives
    // for a row that has none of the mapped columns.
    [[nodiscard]] T defaults() const {
        T obj{};
        for (const auto& f : fields_)
            if (f.fill_default)
                f.fill_default(obj);
        return obj;
    }

private:
    template <class, class, class>
    friend class mapping;

    template <class M, class C>
    static constexpr void check_member() {
        using traits = detail::optional_traits<M>;
        using V = typename C::value_type;
        static_assert(std::convertible_to<const typename traits::value_type&, V>,
                      "the member's type does not convert to the column codec's value_type");
        static_assert(std::is_assignable_v<typename traits::value_type&, V>,
                      "the column codec's value_type cannot be assigned to the member");
    }

    template <class M, class C>
    static mapped_field<T> make_field(std::string name, M T::*member, C codec) {
        mapped_field<T> f;
        f.name = std::move(name);
        if constexpr (detail::optional_traits<M>::is_optional) {
            f.pack = [member, codec](const T& obj) -> std::optional<std::string> {
                const auto& held = obj.*member;
                if (!held)
                    return std::nullopt;
                return std::string(codec.pack(*held));
            };
            f.unpack = [member, codec](T& obj, std::string_view raw) { (obj.*member).emplace(codec.unpack(raw)); };
        } else {
            f.pack = [member, codec](const T& obj) -> std::optional<std::string> {
                return std::string(codec.pack(obj.*member));
            };
            f.unpack = [member, codec](T& obj, std::string_view raw) { obj.*member = codec.unpack(raw); };
        }
        return f;
    }

    mapping& add(mapped_field<T> f) {
        for (auto& existing : fields_) {
            if (existing.name == f.name) {
                existing = std::move(f);
                return *this;
            }
        }
        fields_.push_back(std::move(f));
        return *this;
    }

    struct no_super {};
    using super_pointer = std::conditional_t<std::is_void_v<S>, no_super, std::conditional_t<std::is_void_v<S>, int, S> T::*>;

    K T::*key_;
    [[no_unique_address]] super_pointer super_{};
    std::vector<mapped_field<T>> fields_;
};

}  // namespace cppcassa
