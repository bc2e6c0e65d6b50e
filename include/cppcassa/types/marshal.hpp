// pack() turns a value into the bytes Cassandra stores for a marshal type; unpack() turns such
// bytes back into a value. Both are pure functions: nothing here touches a socket. Errors are
// marshal_error naming the type and the value (or bytes). docs/types.md lists, per type, the C++
// values accepted and the edge rules.
#pragma once

#include <cppcassa/types/marshal_type.hpp>
#include <cppcassa/types/value.hpp>

#include <string>
#include <string_view>

namespace cppcassa {

// The bytes `v` is stored as under `type`. An empty value packs to zero bytes for every type.
std::string pack(const marshal_type& type, const value& v);

// The value `raw` holds under `type`. Zero bytes unpack to empty text for AsciiType/UTF8Type,
// empty bytes for BytesType and opaque types, an empty composite for CompositeType, and the
// empty value for every other type.
value unpack(const marshal_type& type, std::string_view raw);

// Which end of a slice (thrift SliceRange start/finish) a bound is packed for.
enum class slice_end { start, finish };
// Whether the columns equal to the bound belong to the slice.
enum class bound_kind { inclusive, exclusive };
// The slice's direction (SliceRange.reversed): a reversed slice starts at the high end.
enum class slice_order { forward, reversed };

// The bytes of a slice bound. CompositeType: `v` is a composite prefix (or the whole name) and
// the last component's end-of-component byte makes the bound inclusive or exclusive of every
// name sharing that prefix (lower inclusive -1, lower exclusive 1, upper inclusive 1, upper
// exclusive -1, in comparator order). TimeUUIDType (alone or as a component): a time point
// becomes the lowest or highest UUID at that time, so the slice covers that time inclusively or
// exclusively. Any other type: pack(type, v), and bound_kind::exclusive is refused (Thrift slices
// include both ends, and no next value exists in general). An empty value is an open end ("").
std::string pack_slice_bound(const marshal_type& type, const value& v, slice_end end,
                             bound_kind kind = bound_kind::inclusive,
                             slice_order order = slice_order::forward);

}  // namespace cppcassa
