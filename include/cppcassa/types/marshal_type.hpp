// A Cassandra marshal type (a comparator or validator), parsed from the class names the schema
// carries ("org.apache.cassandra.db.marshal.UTF8Type", "CompositeType(LongType,UTF8Type)",
// "ReversedType(TimeUUIDType)") and printed back by to_string().
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa {

enum class type_kind {
    bytes,         // BytesType
    ascii,         // AsciiType
    utf8,          // UTF8Type
    int64,         // LongType
    int32,         // Int32Type
    varint,        // IntegerType
    decimal,       // DecimalType
    float32,       // FloatType
    float64,       // DoubleType
    boolean,       // BooleanType
    date,          // DateType
    timestamp,     // TimestampType (CQL's timestamp: DateType's bytes, signed order)
    uuid,          // UUIDType
    time_uuid,     // TimeUUIDType
    lexical_uuid,  // LexicalUUIDType
    counter,       // CounterColumnType
    composite,     // CompositeType(...)
    reversed,      // ReversedType(...)
    opaque,        // any other class (DynamicCompositeType, InetAddressType, collections, ...):
                   // handled as raw bytes, its name kept as given
};

class marshal_type {
public:
    // BytesType.
    marshal_type() = default;
    // A type without parameters (not composite, reversed or opaque: marshal_error for those).
    explicit marshal_type(type_kind kind);
    static marshal_type composite(std::vector<marshal_type> components);
    static marshal_type reversed(marshal_type inner);
    // A class cppcassa does not interpret, by its full name with parameters.
    static marshal_type opaque(std::string name);

    // Short ("LongType") or full ("org.apache.cassandra.db.marshal.LongType") class names, with
    // parameters for CompositeType and ReversedType, spaces allowed around names, commas and
    // parentheses. An empty string is BytesType (a CfDef without a comparator). Unknown classes
    // (including one outside org.apache.cassandra.db.marshal) are opaque. marshal_error on
    // malformed text (unbalanced parentheses, CompositeType without components, ...).
    static marshal_type parse(std::string_view text);

    [[nodiscard]] type_kind kind() const noexcept { return kind_; }
    // Components of a CompositeType; empty for other kinds.
    [[nodiscard]] const std::vector<marshal_type>& components() const noexcept { return children_; }
    // The type a ReversedType wraps; marshal_error for other kinds.
    [[nodiscard]] const marshal_type& inner() const;
    // This type with every outer ReversedType removed: the one deciding the bytes.
    [[nodiscard]] const marshal_type& base() const noexcept;
    [[nodiscard]] bool is_reversed() const noexcept { return kind_ == type_kind::reversed; }

    // The full Cassandra class name, as CfDef and CQL's 'custom' types spell it:
    // "org.apache.cassandra.db.marshal.CompositeType(org.apache.cassandra.db.marshal.LongType,...)".
    [[nodiscard]] std::string to_string() const;
    // The same with short names: "CompositeType(LongType,ReversedType(TimeUUIDType))".
    [[nodiscard]] std::string short_name() const;

    friend bool operator==(const marshal_type&, const marshal_type&) = default;

private:
    type_kind kind_ = type_kind::bytes;
    std::vector<marshal_type> children_;
    std::string opaque_name_;
};

// Writes short_name().
std::ostream& operator<<(std::ostream& out, const marshal_type& t);

}  // namespace cppcassa
