// Checks the hand-written codec descriptions against proto/cassandra.thrift itself.
//
// The descriptions in src/codec/cassandra_*.hpp and the IDL are two copies of one contract; a
// field or method forgotten in the C++ would otherwise only show up as a server error. So this test
// reads the .thrift file with a deliberately small parser and compares names, field ids and
// requiredness, and exception ids of every struct, exception and method.
#include "codec/cassandra_methods.hpp"
#include "codec/cassandra_structs.hpp"

#include "support/catch.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#ifndef CPPCASSA_PROTO_DIR
#error "CPPCASSA_PROTO_DIR must name the directory holding cassandra.thrift"
#endif

namespace {

using cppcassa::codec::presence;
namespace codec = cppcassa::codec;
namespace thrift = cppcassa::thrift;

// One field (or parameter, or declared exception) as (id, requiredness or exception type).
using field_list = std::vector<std::pair<int, std::string>>;

// ---- What the IDL says ---------------------------------------------------------------------

struct idl_method {
    field_list args;
    field_list exceptions;
};

struct idl_contents {
    std::map<std::string, field_list> structs;  // structs and exceptions
    std::map<std::string, idl_method> methods;
};

std::string strip_comments(const std::string& text) {
    // '#' and '//' line comments and '/* */' blocks; our IDL has no '#' or '/' inside strings.
    static const std::regex comments(R"(#[^\n]*|//[^\n]*|/\*[\s\S]*?\*/)");
    return std::regex_replace(text, comments, "");
}

// Calls f(match) for every match of re in text.
template <class F>
void for_each_match(const std::string& text, const std::regex& re, F&& f) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it) {
        f(*it);
    }
}

// "1: required binary key, 2: optional ..." -> {(1, "required"), (2, "optional")}; ids without a
// qualifier are "standard".
field_list parse_fields(const std::string& body) {
    static const std::regex field(R"((-?\d+)\s*:\s*(required|optional)?)");
    field_list out;
    for_each_match(body, field, [&](const std::smatch& m) {
        out.emplace_back(std::stoi(m[1]), m[2].matched ? m[2].str() : "standard");
    });
    return out;
}

// "1: InvalidRequestException ire, 2: ..." -> {(1, "InvalidRequestException"), ...}.
field_list parse_throws(const std::string& body) {
    static const std::regex item(R"((\d+)\s*:\s*(\w+)\s+\w+)");
    field_list out;
    for_each_match(body, item, [&](const std::smatch& m) {
        out.emplace_back(std::stoi(m[1]), m[2].str());
    });
    return out;
}

idl_contents read_idl() {
    std::ifstream in(std::string(CPPCASSA_PROTO_DIR) + "/cassandra.thrift");
    REQUIRE(in);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = strip_comments(buffer.str());

    idl_contents idl;
    const auto service_at = text.find("service ");
    REQUIRE(service_at != std::string::npos);
    const std::string types = text.substr(0, service_at);
    static const std::regex type_decl(R"((struct|exception)\s+(\w+)\s*\{([^}]*)\})");
    for_each_match(types, type_decl, [&](const std::smatch& m) {
        idl.structs[m[2]] = parse_fields(m[3]);
    });

    const auto body_at = text.find('{', service_at);
    const std::string service = text.substr(body_at + 1, text.rfind('}') - body_at - 1);
    static const std::regex method_decl(R"((\w+)\s*\(([^)]*)\)(\s*throws\s*\(([^)]*)\))?)");
    for_each_match(service, method_decl, [&](const std::smatch& m) {
        idl.methods[m[1]] = {parse_fields(m[2]), parse_throws(m[4])};
    });
    return idl;
}

const idl_contents& idl() {
    static const idl_contents contents = read_idl();
    return contents;
}

// ---- What the C++ descriptions say ---------------------------------------------------------

std::string presence_name(presence p) {
    switch (p) {
    case presence::required: return "required";
    case presence::optional: return "optional";
    case presence::standard: return "standard";
    }
    return "?";
}

template <class T>
field_list described_fields() {
    return []<class... F>(std::type_identity<std::tuple<F...>>) {
        return field_list{{F::id, presence_name(F::kind)}...};
    }(std::type_identity<typename codec::struct_info<T>::fields>{});
}

template <class Tuple>
field_list described_throws() {
    return []<class... E>(std::type_identity<std::tuple<E...>>) {
        return field_list{{E::id, std::string(codec::struct_info<typename E::type>::name)}...};
    }(std::type_identity<Tuple>{});
}

bool strictly_ascending(const field_list& fields) {
    return std::adjacent_find(fields.begin(), fields.end(), [](const auto& a, const auto& b) {
               return a.first >= b.first;
           }) == fields.end();
}

field_list sorted(field_list fields) {
    std::sort(fields.begin(), fields.end());
    return fields;
}

template <class F>
void for_each_type(F&& f, auto tuple_tag) {
    [&]<class... T>(std::type_identity<std::tuple<T...>>) {
        (f(std::type_identity<T>{}), ...);
    }(tuple_tag);
}

constexpr auto all_structs_tag = std::type_identity<codec::all_structs>{};
constexpr auto all_methods_tag = std::type_identity<codec::all_methods>{};

// Every description must satisfy the concepts the codec is written against.
template <class... T>
constexpr bool all_described(std::type_identity<std::tuple<T...>>) {
    return (codec::described_struct<T> && ...);
}
static_assert(all_described(all_structs_tag));

template <class... M>
constexpr bool all_methods_well_formed(std::type_identity<std::tuple<M...>>) {
    return ((codec::method<M> && codec::described_struct<typename M::args>) && ...);
}
static_assert(all_methods_well_formed(all_methods_tag));

// The wire values of the enums are part of the contract too.
static_assert(static_cast<std::int32_t>(thrift::ConsistencyLevel::LOCAL_ONE) == 11);
static_assert(static_cast<std::int32_t>(thrift::IndexOperator::LT) == 4);
static_assert(static_cast<std::int32_t>(thrift::IndexType::COMPOSITES) == 2);
static_assert(static_cast<std::int32_t>(thrift::Compression::NONE) == 2);
static_assert(static_cast<std::int32_t>(thrift::CqlResultType::INT) == 3);

}  // namespace

TEST_CASE("the IDL parser finds every declaration of Cassandra 3.11's API") {
    // Counted by hand in proto/cassandra.thrift: 31 structs + 7 exceptions, 45 methods. If the
    // parser miscounts, the comparisons below would prove nothing.
    CHECK(idl().structs.size() == 38);
    CHECK(idl().methods.size() == 45);
    CHECK(std::tuple_size_v<codec::all_structs> == 38);
    CHECK(std::tuple_size_v<codec::all_methods> == 45);
}

TEST_CASE("all_structs names every struct and exception of the IDL once") {
    std::set<std::string> described;
    for_each_type([&]<class T>(std::type_identity<T>) {
        const std::string name(codec::struct_info<T>::name);
        INFO(name);
        CHECK(described.insert(name).second);
        CHECK(idl().structs.contains(name));
    }, all_structs_tag);
    CHECK(described.size() == idl().structs.size());
}

TEST_CASE("every struct lists its IDL fields in ascending id order with their requiredness") {
    for_each_type([&]<class T>(std::type_identity<T>) {
        const std::string name(codec::struct_info<T>::name);
        INFO(name);
        const field_list fields = described_fields<T>();
        CHECK(strictly_ascending(fields));
        const auto in_idl = idl().structs.find(name);
        REQUIRE(in_idl != idl().structs.end());
        CHECK(fields == sorted(in_idl->second));
    }, all_structs_tag);
}

TEST_CASE("all_methods names every service method of the IDL once") {
    std::set<std::string> described;
    for_each_type([&]<class M>(std::type_identity<M>) {
        const std::string name(M::name);
        INFO(name);
        CHECK(described.insert(name).second);
        CHECK(idl().methods.contains(name));
    }, all_methods_tag);
    CHECK(described.size() == idl().methods.size());
}

TEST_CASE("every method's args struct is named <method>_args and matches the IDL's parameters") {
    for_each_type([&]<class M>(std::type_identity<M>) {
        const std::string name(M::name);
        INFO(name);
        CHECK(codec::struct_info<typename M::args>::name == name + "_args");
        const field_list args = described_fields<typename M::args>();
        CHECK(strictly_ascending(args));
        const auto in_idl = idl().methods.find(name);
        REQUIRE(in_idl != idl().methods.end());
        CHECK(args == sorted(in_idl->second.args));
    }, all_methods_tag);
}

TEST_CASE("every method declares the IDL's exceptions under the IDL's ids") {
    for_each_type([&]<class M>(std::type_identity<M>) {
        const std::string name(M::name);
        INFO(name);
        const field_list thrown = described_throws<typename M::exceptions>();
        CHECK(strictly_ascending(thrown));
        const auto in_idl = idl().methods.find(name);
        REQUIRE(in_idl != idl().methods.end());
        CHECK(thrown == sorted(in_idl->second.exceptions));
    }, all_methods_tag);
}

TEST_CASE("method results match the IDL's return types where they are easy to get wrong") {
    STATIC_REQUIRE(std::is_same_v<codec::methods::login::result, codec::void_result>);
    STATIC_REQUIRE(std::is_same_v<codec::methods::get::result, thrift::ColumnOrSuperColumn>);
    STATIC_REQUIRE(std::is_same_v<codec::methods::get_count::result, std::int32_t>);
    STATIC_REQUIRE(std::is_same_v<codec::methods::multiget_count::result,
                                  std::map<std::string, std::int32_t>>);
    STATIC_REQUIRE(std::is_same_v<codec::methods::describe_schema_versions::result,
                                  std::map<std::string, std::vector<std::string>>>);
    STATIC_REQUIRE(std::is_same_v<codec::methods::trace_next_query::result, std::string>);
    STATIC_REQUIRE(std::is_same_v<codec::methods::cas::result, thrift::CASResult>);
    STATIC_REQUIRE(std::is_same_v<codec::methods::set_cql_version::result, codec::void_result>);
}

TEST_CASE("wire structs start with the IDL's defaults") {
    CHECK(thrift::SliceRange{}.count == 100);
    CHECK_FALSE(thrift::SliceRange{}.reversed);
    CHECK(thrift::KeyRange{}.count == 100);
    CHECK(thrift::IndexClause{}.count == 100);
    CHECK(thrift::get_slice_args{}.consistency_level == thrift::ConsistencyLevel::ONE);
    CHECK(thrift::cas_args{}.serial_consistency_level == thrift::ConsistencyLevel::SERIAL);
    CHECK(thrift::cas_args{}.commit_consistency_level == thrift::ConsistencyLevel::QUORUM);
    // Optional fields stay unset even where the IDL names a default: the server applies it.
    CHECK_FALSE(thrift::CfDef{}.column_type.has_value());
    CHECK_FALSE(thrift::MultiSliceRequest{}.count.has_value());
}
