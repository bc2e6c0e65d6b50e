#include "codec/struct_codec.hpp"

#include <fmt/format.h>

namespace cppcassa::codec::detail {

void throw_element_type(wire_type got, wire_type expected) {
    throw protocol_error(fmt::format("Thrift container holds {} elements where {} was expected",
                                     wire_type_name(got), wire_type_name(expected)));
}

void throw_missing_required(std::string_view struct_name, std::int16_t id) {
    throw protocol_error(fmt::format("Thrift struct {} is missing its required field {}", struct_name, id));
}

}  // namespace cppcassa::codec::detail
