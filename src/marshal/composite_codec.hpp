// CompositeType's layout, shared by pack, unpack and slice bounds: each component is
// <2-byte big-endian length> <bytes> <end-of-component byte>.
#pragma once

#include <cppcassa/types/marshal_type.hpp>

#include <cstdint>
#include <string>

namespace cppcassa::detail {

// Appends component `index` of `composite_type` (for messages) with the given end-of-component
// byte; marshal_error when its bytes exceed the 65535 a 2-byte length holds.
void append_component(std::string& out, const marshal_type& composite_type, std::size_t index,
                      const std::string& packed, std::uint8_t end_of_component);

}  // namespace cppcassa::detail
