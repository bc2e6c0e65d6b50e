// Compile-time descriptions of Thrift structs and service methods.
//
// The wire types in include/cppcassa/thrift/ are plain aggregates; this header is how the codec
// learns their Thrift shape without the public headers knowing about the codec. One generic
// encoder/decoder (struct_codec.hpp) walks these descriptions, so every struct and method of
// proto/cassandra.thrift is served by the same few hundred lines of tested code.
#pragma once

#include <cstdint>
#include <string_view>
#include <tuple>
#include <variant>

namespace cppcassa::codec {

// Thrift's three field requirednesses. Only decoding tells them apart: a missing `required` field
// is a protocol error, a missing `optional` or default one is not. Encoding follows the C++
// member type: a std::optional is written only when engaged, anything else always (this is what
// Apache Thrift's generated C++ does, and byte-for-byte equality with it is a test of ours).
enum class presence { required, optional, standard };

// One field of a struct: its wire id, the data member holding it, and its requiredness.
// The member's C++ type decides the wire type (see wire_type_of in struct_codec.hpp):
//   bool→BOOL, std::int8_t→BYTE, std::int16_t→I16, std::int32_t and enums→I32, std::int64_t→I64,
//   double→DOUBLE, std::string→STRING (binary and string alike), std::vector→LIST, std::set→SET,
//   std::map→MAP, a described struct→STRUCT, std::optional<X>→X.
template <std::int16_t Id, auto Member, presence Presence = presence::standard>
struct field {
    static constexpr std::int16_t id = Id;
    static constexpr auto member = Member;
    static constexpr presence kind = Presence;
};

// Specialised for every wire struct (and every method's args struct):
//   template <> struct struct_info<thrift::Column> {
//       static constexpr std::string_view name = "Column";
//       using fields = std::tuple<field<1, &thrift::Column::name, presence::required>, ...>;
//   };
// Fields are listed in ascending id order: Apache Thrift's generated C++ writes them sorted by id
// (not in declaration order; KeyRange and CfDef differ), and we match its bytes.
template <class T>
struct struct_info;

template <class T>
concept described_struct = requires {
    struct_info<T>::name;
    typename struct_info<T>::fields;
};

// A declared exception of a method: the field id it travels under in the method's result struct.
template <std::int16_t Id, class Exception>
struct throws {
    static constexpr std::int16_t id = Id;
    using type = Exception;
};

// Marks a method that returns nothing (`void` in the IDL): its result struct has no field 0.
struct void_result {
    friend bool operator==(void_result, void_result) = default;
};

// A service method:
//   struct get_slice {
//       static constexpr std::string_view name = "get_slice";
//       using args = thrift::get_slice_args;            // a described struct, fields as in the IDL
//       using result = std::vector<thrift::ColumnOrSuperColumn>;  // or void_result
//       using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>, ...>;
//   };
// The args struct is named "<method>_args" on the wire, the result struct "<method>_result";
// a successful result travels as field 0.
template <class M>
concept method = requires {
    M::name;
    typename M::args;
    typename M::result;
    typename M::exceptions;
};

}  // namespace cppcassa::codec
