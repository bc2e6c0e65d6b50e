// Arguments of raw Thrift calls that a Cassandra server cannot take, refused on the client before
// anything is sent: the server would otherwise close the connection on them, failing every other
// call pipelined on it. Pure checks over the arguments (test/unit/argument_checks_test.cpp).
#pragma once

#include <cppcassa/thrift.hpp>

#include <string_view>

namespace cppcassa::net {

// Most calls: the server answers whatever it is sent.
template <class Args>
void check_arguments(std::string_view, const Args&) {}

// A MultiSliceRequest needs a key, a column_parent and column_slices (an empty list reads
// nothing): Cassandra 2.1 to 3.11 close the connection on one without column_slices. Throws
// usage_error (invalid_argument) naming `endpoint` and what is missing.
void check_arguments(std::string_view endpoint, const thrift::get_multi_slice_args& args);

}  // namespace cppcassa::net
