// The marshal types a column family's schema declares, read from its CfDef (describe_keyspace):
// what a ColumnFamily packs keys, names and values with. Callers may replace any member to
// override the schema (pycassa's key_validation_class, column_name_class, column_validators...).
#pragma once

#include <cppcassa/thrift/schema.hpp>
#include <cppcassa/types/marshal_type.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cppcassa {

struct column_family_types {
    marshal_type key;                      // key_validation_class
    marshal_type name;                     // comparator: column names, or super column names
    std::optional<marshal_type> sub_name;  // subcomparator: sub-column names of a super column family
    marshal_type default_value;            // default_validation_class
    // column_metadata validators, keyed by the column's packed name (bytes, as the schema holds it).
    std::map<std::string, marshal_type, std::less<>> values;

    // Absent class names are BytesType, as Cassandra assumes. marshal_error on a malformed one.
    static column_family_types from_cf_def(const thrift::CfDef& cf);

    // The validator of the column with this packed name: its own, else the default.
    [[nodiscard]] const marshal_type& value_type(std::string_view packed_name) const;
    [[nodiscard]] bool is_super() const noexcept { return sub_name.has_value(); }
    [[nodiscard]] bool is_counter() const noexcept { return default_value.kind() == type_kind::counter; }
};

}  // namespace cppcassa
