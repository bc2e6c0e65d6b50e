// Skipping a value whose type is known only at run time: unknown fields, fields whose wire type
// is not the one we expect (Apache skips those too rather than failing), unwanted replies.
#pragma once

#include "codec/binary_reader.hpp"
#include "codec/wire_type.hpp"

namespace cppcassa::codec {

// Reads past one value of type `t` without storing it; nesting counts against the reader's depth
// limit. Throws protocol_error on malformed or truncated input, like every read.
void skip(binary_reader& r, wire_type t);

}  // namespace cppcassa::codec
