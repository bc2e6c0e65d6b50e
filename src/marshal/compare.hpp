// Cassandra's comparator order for each marshal type, on the stored bytes: the order a column
// family keeps its column names in (and that slices, counts and paging follow).
//
// Sans-io and allocation-free for the common types; used by the embedded test server
// (cppcassa::testing) and usable wherever the client needs to sort names the way the server does.
#pragma once

#include <cppcassa/types/marshal_type.hpp>

#include <string_view>

namespace cppcassa {

// <0, 0 or >0 as Cassandra's AbstractType.compare(a, b) for `type`. Empty bytes sort first for
// every type (the "open" bound of a slice). Bytes malformed for the type (a 3-byte LongType) are
// compared as the type does it in Cassandra where that is defined, else as unsigned bytes.
int compare_names(const marshal_type& type, std::string_view a, std::string_view b);

}  // namespace cppcassa
