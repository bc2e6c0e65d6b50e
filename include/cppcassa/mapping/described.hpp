// A mapping read from Boost.Describe: every described public data member is a column named after
// it, typed from the member's C++ type (default_codec), its default taken from the struct's
// default member initializers.
//
//   #include <boost/describe/class.hpp>       // BOOST_DESCRIBE_STRUCT
//
//   struct user {
//       std::string key;
//       std::string name = "anonymous";
//       std::int64_t visits = 0;
//       std::optional<std::chrono::system_clock::time_point> last_seen;   // no default
//   };
//   BOOST_DESCRIBE_STRUCT(user, (), (key, name, visits, last_seen))
//   auto m = cppcassa::described_mapping<user>();
//
// The row key is the member named `key` (else the first described member). A member named
// `super_column` makes it a super column family mapping: each object is one super column. Any
// column can be retyped afterwards: `.column("visits", &user::visits, cppcassa::mapped::int_string{})`.
#pragma once

#include <cppcassa/mapping/mapping.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <optional>
#include <type_traits>

namespace cppcassa {

namespace detail {

constexpr bool same_name(const char* a, const char* b) {
    while (*a != '\0' && *a == *b) {
        ++a;
        ++b;
    }
    return *a == *b;
}

template <class P>
struct member_pointer_traits;
template <class T, class M>
struct member_pointer_traits<M T::*> {
    using member_type = M;
};

template <class D>
using member_type_of = typename member_pointer_traits<std::remove_cv_t<decltype(D::pointer)>>::member_type;

template <class Members>
constexpr std::size_t index_of_name(const char* name) {
    std::size_t found = boost::mp11::mp_size<Members>::value;
    std::size_t i = 0;
    boost::mp11::mp_for_each<Members>([&](auto d) {
        if (found == boost::mp11::mp_size<Members>::value && same_name(decltype(d)::name, name))
            found = i;
        ++i;
    });
    return found;
}

template <class M>
using inferred_codec = typename default_codec<typename optional_traits<M>::value_type>::type;

}  // namespace detail

template <class T>
auto described_mapping() {
    namespace mp = boost::mp11;
    using members = boost::describe::describe_members<T, boost::describe::mod_public>;
    constexpr std::size_t count = mp::mp_size<members>::value;
    static_assert(count > 0, "described_mapping needs BOOST_DESCRIBE_STRUCT with at least the key member");
    constexpr std::size_t named_key = detail::index_of_name<members>("key");
    constexpr std::size_t key_index = named_key < count ? named_key : 0;
    constexpr std::size_t super_index = detail::index_of_name<members>("super_column");
    using key_descriptor = mp::mp_at_c<members, key_index>;

    mapping<T, detail::member_type_of<key_descriptor>> m(key_descriptor::pointer);
    mp::mp_for_each<mp::mp_iota_c<count>>([&](auto index) {
        constexpr std::size_t i = decltype(index)::value;
        if constexpr (i != key_index && i != super_index) {
            using D = mp::mp_at_c<members, i>;
            using M = detail::member_type_of<D>;
            static_assert(requires { typename detail::inferred_codec<M>; },
                          "no column type is known for this member's type: specialize cppcassa::default_codec "
                          "for it, or map the struct with cppcassa::mapping(...).column(...)");
            m.column(D::name, D::pointer, detail::inferred_codec<M>{});
        }
    });
    if constexpr (super_index < count)
        return m.super_column(mp::mp_at_c<members, super_index>::pointer);
    else
        return m;
}

}  // namespace cppcassa
