// marshal_type: Cassandra's class names in, the same names out.
#include <cppcassa/errors.hpp>
#include <cppcassa/types/column_family_types.hpp>
#include <cppcassa/types/marshal_type.hpp>

#include "support/catch.hpp"

namespace {

using cppcassa::marshal_type;
using cppcassa::type_kind;

TEST_CASE("short and full class names parse to the same type and print back in full") {
    const std::vector<std::pair<std::string, type_kind>> names{
        {"BytesType", type_kind::bytes},        {"AsciiType", type_kind::ascii},
        {"UTF8Type", type_kind::utf8},          {"LongType", type_kind::int64},
        {"Int32Type", type_kind::int32},        {"IntegerType", type_kind::varint},
        {"DecimalType", type_kind::decimal},    {"FloatType", type_kind::float32},
        {"DoubleType", type_kind::float64},     {"BooleanType", type_kind::boolean},
        {"DateType", type_kind::date},          {"TimestampType", type_kind::timestamp},
        {"UUIDType", type_kind::uuid},          {"TimeUUIDType", type_kind::time_uuid},
        {"LexicalUUIDType", type_kind::lexical_uuid}, {"CounterColumnType", type_kind::counter},
    };
    for (const auto& [name, kind] : names) {
        INFO(name);
        const std::string full = "org.apache.cassandra.db.marshal." + name;
        CHECK(marshal_type::parse(name).kind() == kind);
        CHECK(marshal_type::parse(full) == marshal_type::parse(name));
        CHECK(marshal_type::parse(name).to_string() == full);
        CHECK(marshal_type::parse(full).short_name() == name);
        CHECK(marshal_type(kind) == marshal_type::parse(name));
    }
}

TEST_CASE("an empty type name is BytesType, as a CfDef without comparator") {
    CHECK(marshal_type::parse("").kind() == type_kind::bytes);
    CHECK(marshal_type::parse("  ") == marshal_type());
}

TEST_CASE("CompositeType and ReversedType parse their parameters") {
    const marshal_type t = marshal_type::parse(
        "org.apache.cassandra.db.marshal.CompositeType(org.apache.cassandra.db.marshal.UTF8Type,"
        "org.apache.cassandra.db.marshal.ReversedType(org.apache.cassandra.db.marshal.TimeUUIDType))");
    REQUIRE(t.kind() == type_kind::composite);
    REQUIRE(t.components().size() == 2);
    CHECK(t.components()[0].kind() == type_kind::utf8);
    CHECK(t.components()[1].is_reversed());
    CHECK(t.components()[1].inner().kind() == type_kind::time_uuid);
    CHECK(t.components()[1].base().kind() == type_kind::time_uuid);
    CHECK(t.short_name() == "CompositeType(UTF8Type,ReversedType(TimeUUIDType))");
    CHECK(marshal_type::parse(t.to_string()) == t);
    CHECK(marshal_type::parse(" CompositeType ( LongType , UTF8Type ) ") ==
          marshal_type::composite({marshal_type(type_kind::int64), marshal_type(type_kind::utf8)}));
    const marshal_type reversed = marshal_type::parse("ReversedType(LongType)");
    CHECK(reversed == marshal_type::reversed(marshal_type(type_kind::int64)));
    CHECK(reversed.to_string() ==
          "org.apache.cassandra.db.marshal.ReversedType(org.apache.cassandra.db.marshal.LongType)");
}

TEST_CASE("classes cppcassa does not interpret are opaque and keep their name") {
    const std::string dynamic = "org.apache.cassandra.db.marshal.DynamicCompositeType(a=>org.apache.cassandra.db.marshal.AsciiType,"
                                "b=>org.apache.cassandra.db.marshal.BytesType)";
    const marshal_type t = marshal_type::parse(dynamic);
    CHECK(t.kind() == type_kind::opaque);
    CHECK(t.to_string() == dynamic);
    CHECK(t.short_name() == dynamic.substr(std::string("org.apache.cassandra.db.marshal.").size()));
    CHECK(marshal_type::parse("InetAddressType").to_string() == "org.apache.cassandra.db.marshal.InetAddressType");
    // A class outside Cassandra's package is never mistaken for one of its types.
    CHECK(marshal_type::parse("com.example.LongType").kind() == type_kind::opaque);
    CHECK(marshal_type::parse("com.example.LongType").to_string() == "com.example.LongType");
    // Opaque parameters may hold anything balanced, inside a composite too.
    const marshal_type nested = marshal_type::parse("CompositeType(UTF8Type,ListType(Int32Type))");
    CHECK(nested.components()[1].kind() == type_kind::opaque);
    CHECK(nested.components()[1].short_name() == "ListType(Int32Type)");
    // A CQL3 table with a collection, as Thrift describes its comparator.
    const std::string cql3 =
        "org.apache.cassandra.db.marshal.CompositeType(org.apache.cassandra.db.marshal.UTF8Type,"
        "org.apache.cassandra.db.marshal.ColumnToCollectionType(6c697374:org.apache.cassandra.db.marshal.ListType("
        "org.apache.cassandra.db.marshal.Int32Type)))";
    const marshal_type with_collection = marshal_type::parse(cql3);
    REQUIRE(with_collection.components().size() == 2);
    CHECK(with_collection.components()[1].kind() == type_kind::opaque);
    CHECK(with_collection.to_string() == cql3);
}

TEST_CASE("malformed type names are marshal errors") {
    for (const char* bad : {"CompositeType", "CompositeType(", "CompositeType()", "CompositeType(LongType,)",
                            "ReversedType(LongType,UTF8Type)", "LongType)", "LongType UTF8Type", "ListType(Int32Type",
                            "(LongType)"}) {
        INFO(bad);
        CHECK_THROWS_AS(marshal_type::parse(bad), cppcassa::marshal_error);
    }
    CHECK_THROWS_AS(marshal_type(type_kind::composite), cppcassa::marshal_error);
    CHECK_THROWS_AS(marshal_type::composite({}), cppcassa::marshal_error);
    CHECK_THROWS_AS(marshal_type(type_kind::int64).inner(), cppcassa::marshal_error);
}

}  // namespace

namespace {

TEST_CASE("a column family's types come from its CfDef, BytesType where a class is absent") {
    cppcassa::thrift::CfDef cf{.keyspace = "ks", .name = "Users"};
    cf.key_validation_class = "org.apache.cassandra.db.marshal.LongType";
    cf.comparator_type = "org.apache.cassandra.db.marshal.CompositeType(org.apache.cassandra.db.marshal.UTF8Type,"
                         "org.apache.cassandra.db.marshal.ReversedType(org.apache.cassandra.db.marshal.TimeUUIDType))";
    cf.default_validation_class = "UTF8Type";
    cf.column_metadata = std::vector<cppcassa::thrift::ColumnDef>{{.name = "age", .validation_class = "LongType"}};
    const auto types = cppcassa::column_family_types::from_cf_def(cf);
    CHECK(types.key.kind() == type_kind::int64);
    CHECK(types.name.short_name() == "CompositeType(UTF8Type,ReversedType(TimeUUIDType))");
    CHECK_FALSE(types.is_super());
    CHECK(types.value_type("age").kind() == type_kind::int64);
    CHECK(types.value_type("other").kind() == type_kind::utf8);

    const auto plain = cppcassa::column_family_types::from_cf_def({.keyspace = "ks", .name = "Plain"});
    CHECK(plain.key == marshal_type());
    CHECK(plain.name == marshal_type());
    CHECK(plain.default_value == marshal_type());
}

TEST_CASE("a super or counter column family is recognised from its CfDef") {
    cppcassa::thrift::CfDef cf{.keyspace = "ks", .name = "Super1"};
    cf.column_type = "Super";
    cf.comparator_type = "LongType";
    cf.subcomparator_type = "TimeUUIDType";
    cf.default_validation_class = "CounterColumnType";
    const auto types = cppcassa::column_family_types::from_cf_def(cf);
    REQUIRE(types.is_super());
    CHECK(types.sub_name->kind() == type_kind::time_uuid);
    CHECK(types.is_counter());
    cf.comparator_type = "CompositeType(";
    CHECK_THROWS_WITH(cppcassa::column_family_types::from_cf_def(cf), Catch::Contains("ks.Super1") &&
                                                                         Catch::Contains("comparator_type"));
}

}  // namespace
