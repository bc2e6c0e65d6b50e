// pack() into a buffer that already holds other bytes: the ingest path packs names and values
// straight into the batch_mutate request it builds (codec::column_writer), with no string of
// their own.
#pragma once

#include <cppcassa/types/marshal_type.hpp>
#include <cppcassa/types/value.hpp>

#include <string>

namespace cppcassa::detail {

// Appends what pack(type, v) returns to `out`. On marshal_error `out` may hold part of it: the
// caller rolls back to where it was.
void append_packed(std::string& out, const marshal_type& type, const value& v);

}  // namespace cppcassa::detail
