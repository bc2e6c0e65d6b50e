// Calling the generated CassandraClient generically: send_<m> from an args object, recv_<m> in
// whichever of its three shapes the IDL gave it.
#pragma once

#include "reference/apache_types.hpp"

#include <cstddef>
#include <tuple>
#include <utility>

namespace cppcassa::reference {

// Calls f with the first N data members of `a` (an Apache args class: its parameters in IDL
// order, then __isset when some parameter is not required). The generated classes have no
// reflection, but all their members are public, so structured bindings can list them; a count
// that disagrees with Apache's class fails to compile.
template <std::size_t N, class A, class F>
void apply_parameters(A& a, F&& f) {
    constexpr std::size_t total = N + (requires { a.__isset; } ? 1 : 0);
    auto first_n = [&](auto&... m) {
        auto all = std::forward_as_tuple(m...);
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            f(std::get<I>(all)...);
        }(std::make_index_sequence<N>{});
    };
    if constexpr (total == 0) {
        f();
    } else if constexpr (total == 1) {
        auto& [m1] = a;
        first_n(m1);
    } else if constexpr (total == 2) {
        auto& [m1, m2] = a;
        first_n(m1, m2);
    } else if constexpr (total == 3) {
        auto& [m1, m2, m3] = a;
        first_n(m1, m2, m3);
    } else if constexpr (total == 4) {
        auto& [m1, m2, m3, m4] = a;
        first_n(m1, m2, m3, m4);
    } else if constexpr (total == 5) {
        auto& [m1, m2, m3, m4, m5] = a;
        first_n(m1, m2, m3, m4, m5);
    } else if constexpr (total == 6) {
        auto& [m1, m2, m3, m4, m5, m6] = a;
        first_n(m1, m2, m3, m4, m5, m6);
    } else {
        static_assert(total == 7, "extend apply_parameters for a method with more parameters");
        auto& [m1, m2, m3, m4, m5, m6, m7] = a;
        first_n(m1, m2, m3, m4, m5, m6, m7);
    }
}

// recv_<m> returning its value whatever the generated signature: `void recv(R&)` for most,
// `R recv()` for scalars (get_count's i32), `void recv()` for void methods.
template <class R>
R recv_value(ac::CassandraClient& c, void (ac::CassandraClient::*recv)(R&)) {
    R r;
    (c.*recv)(r);
    return r;
}
template <class R>
R recv_value(ac::CassandraClient& c, R (ac::CassandraClient::*recv)()) {
    return (c.*recv)();
}

}  // namespace cppcassa::reference
