// Which optional fields Apache's generated C++ treats as always set.
//
// For an `optional` IDL field with a default (CfDef.column_type = "Standard", KsDef.durable_writes
// = true, MultiSliceRequest.count = 1000, ...), Apache's constructor sets the default *and* its
// __isset flag. Its reader leaves the flag set when the field is absent and its writer then sends
// the default, so an unset field cannot survive a trip through Apache's reader: such a value is
// no test of our encoder. Our wire types leave these fields unset (std::nullopt, the server
// assumes the same default); the generator keeps them set for round trips through Apache.
#pragma once

#include "codec/binary_reader.hpp"
#include "codec/skip.hpp"
#include "codec/struct_codec.hpp"
#include "reference/apache_io.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>

namespace cppcassa::reference {

// Bit I set when field I of T's descriptor is such a field. Found by asking Apache, not from a
// list: write T with every optional unset, let Apache read and write it, and see which optional
// fields came back.
template <codec::described_struct T>
std::uint64_t apache_defaulted_fields() {
    using fields = typename codec::struct_info<T>::fields;
    static const std::uint64_t mask = [] {
        T bare{};
        [&]<class... F>(std::tuple<F...>*) {
            ([&] {
                if constexpr (codec::detail::is_optional<codec::detail::member_t<T, F>>::value)
                    (bare.*F::member).reset();
            }(), ...);
        }(static_cast<fields*>(nullptr));
        const std::string apache = apache_write(apache_read<apache_t<T>>(our_encode(bare)));
        std::uint64_t found = 0;
        codec::binary_reader r(apache);
        for (auto h = r.read_field_begin(); h.type != codec::wire_type::stop; h = r.read_field_begin()) {
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                ((std::tuple_element_t<I, fields>::id == h.id &&
                          codec::detail::is_optional<
                              codec::detail::member_t<T, std::tuple_element_t<I, fields>>>::value
                      ? (found |= std::uint64_t{1} << I)
                      : 0),
                 ...);
            }(std::make_index_sequence<std::tuple_size_v<fields>>{});
            codec::skip(r, h.type);
        }
        return found;
    }();
    return mask;
}

}  // namespace cppcassa::reference
