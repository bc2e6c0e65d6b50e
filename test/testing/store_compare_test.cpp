// Comparator order per marshal type (src/marshal/compare.cpp), the order the embedded store keeps
// column names in. Each list below is in Cassandra's order; every pair is checked both ways.
#include "marshal/compare.hpp"

#include <cppcassa/types/marshal.hpp>
#include <cppcassa/types/uuid.hpp>
#include <cppcassa/types/varint.hpp>

#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using cppcassa::compare_names;
using cppcassa::marshal_type;
using cppcassa::type_kind;

int sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

// Every pair (i, j) of `ordered` compares as i and j do.
void check_order(const marshal_type& type, const std::vector<std::string>& ordered) {
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        for (std::size_t j = 0; j < ordered.size(); ++j) {
            INFO(type.short_name() << " items " << i << " and " << j);
            const int expected = i < j ? -1 : (i > j ? 1 : 0);
            CHECK(sign(compare_names(type, ordered[i], ordered[j])) == expected);
        }
    }
}

std::vector<std::string> packed(const marshal_type& type, const std::vector<cppcassa::value>& values) {
    std::vector<std::string> out;
    for (const auto& v : values)
        out.push_back(cppcassa::pack(type, v));
    return out;
}

std::string component(const std::string& bytes, char eoc = 0) {
    std::string out;
    out.push_back(static_cast<char>(bytes.size() >> 8));
    out.push_back(static_cast<char>(bytes.size() & 0xff));
    out += bytes;
    out.push_back(eoc);
    return out;
}

}  // namespace

TEST_CASE("bytes, ascii and utf8 names sort as unsigned bytes with the shorter prefix first", "[store]") {
    const std::vector<std::string> names{"", "A", "AB", "B", "a", std::string("\x7f"), std::string("\x80"),
                                         std::string("\xc3\xa9"), std::string("\xff")};
    check_order(marshal_type(type_kind::bytes), names);
    check_order(marshal_type(type_kind::utf8), names);
    check_order(marshal_type(type_kind::ascii), {"", "A", "AB", "B", "a", "b"});
}

TEST_CASE("long, int32 and integer names sort numerically, negatives first", "[store]") {
    const marshal_type long_type(type_kind::int64);
    check_order(long_type, packed(long_type, {std::numeric_limits<std::int64_t>::min(), -256, -1, 0, 1, 255, 256,
                                              std::numeric_limits<std::int64_t>::max()}));
    const marshal_type int_type(type_kind::int32);
    check_order(int_type, packed(int_type, {cppcassa::value::int32(-70000), cppcassa::value::int32(-1),
                                            cppcassa::value::int32(0), cppcassa::value::int32(70000)}));
    const marshal_type varint_type(type_kind::varint);
    check_order(varint_type, packed(varint_type, {cppcassa::varint::parse("-100000000000000000000000"), -129, -128, -1,
                                                  0, 127, 128, 65536,
                                                  cppcassa::varint::parse("100000000000000000000000")}));
    CHECK(compare_names(long_type, "", cppcassa::pack(long_type, std::int64_t{-5})) < 0);
}

TEST_CASE("double and float names sort numerically with negative zero before zero", "[store]") {
    const marshal_type d(type_kind::float64);
    check_order(d, packed(d, {-std::numeric_limits<double>::infinity(), -1e300, -1.5, -0.0, 0.0, 1e-300, 2.5,
                              std::numeric_limits<double>::infinity()}));
    const marshal_type f(type_kind::float32);
    check_order(f, packed(f, {-3.5f, -0.0f, 0.0f, 1.25f, 1e30f}));
}

TEST_CASE("boolean names put false before true and date names compare as unsigned bytes", "[store]") {
    const marshal_type b(type_kind::boolean);
    check_order(b, packed(b, {false, true}));
    // DateType's Cassandra comparator is unsigned: a date before 1970 sorts after every later one.
    const marshal_type date(type_kind::date);
    using std::chrono::system_clock;
    const auto epoch = system_clock::time_point{};
    const auto ordered = packed(date, {epoch, epoch + std::chrono::hours(1), epoch - std::chrono::hours(1)});
    check_order(date, ordered);
}

TEST_CASE("decimal names compare by value, so 1.5 equals 1.50", "[store]") {
    const marshal_type d(type_kind::decimal);
    const auto p = [&](const char* text) { return cppcassa::pack(d, cppcassa::decimal::parse(text)); };
    check_order(d, {p("-100.5"), p("-1"), p("0"), p("0.001"), p("1.5"), p("2"), p("1E+3")});
    CHECK(compare_names(d, p("1.5"), p("1.50")) == 0);
}

TEST_CASE("time uuid names sort by time first, then by their bytes as signed values", "[store]") {
    const marshal_type t(type_kind::time_uuid);
    using clock = std::chrono::system_clock;
    const auto base = clock::time_point{} + std::chrono::hours(24 * 365 * 40);
    const auto u = [&](clock::time_point at, std::uint64_t node) {
        return cppcassa::pack(t, cppcassa::uuid::time_based(at, 0, node));
    };
    // The same time: node 0x80... is a negative byte, so it sorts before node 0x01... (signed).
    check_order(t, {u(base, 0x800000000000ULL), u(base, 0x010000000000ULL), u(base + std::chrono::seconds(1), 0),
                    u(base + std::chrono::hours(100000), 0)});
}

TEST_CASE("uuid names sort by version, then time for version 1; lexical uuids as signed halves", "[store]") {
    const marshal_type u(type_kind::uuid);
    const auto v1 = cppcassa::pack(u, cppcassa::uuid::time_based(std::chrono::system_clock::time_point{}, 0, 1));
    const auto v4 = cppcassa::pack(u, cppcassa::uuid::parse("00000000-0000-4000-8000-000000000000"));
    CHECK(compare_names(u, v1, v4) < 0);
    const marshal_type lex(type_kind::lexical_uuid);
    check_order(lex, {cppcassa::pack(lex, cppcassa::uuid::parse("80000000-0000-0000-0000-000000000000")),
                      cppcassa::pack(lex, cppcassa::uuid::parse("00000000-0000-0000-0000-000000000000")),
                      cppcassa::pack(lex, cppcassa::uuid::parse("7fffffff-ffff-ffff-0000-000000000000"))});
}

TEST_CASE("composite names compare component by component, end-of-component bytes bracketing a prefix", "[store]") {
    const auto type = marshal_type::parse("CompositeType(LongType,UTF8Type)");
    const marshal_type long_type(type_kind::int64);
    const auto l = [&](std::int64_t v) { return cppcassa::pack(long_type, v); };
    check_order(type, {
                          component(l(-1)) + component("z"),
                          component(l(1), static_cast<char>(-1)),  // before every name starting with 1
                          component(l(1)) + component("a"),
                          component(l(1)) + component("b"),
                          component(l(1), 1),  // after every name starting with 1
                          component(l(2)) + component(""),
                      });
}

TEST_CASE("reversed names sort backwards but keep the empty name first", "[store]") {
    const auto type = marshal_type::parse("ReversedType(LongType)");
    const marshal_type long_type(type_kind::int64);
    check_order(type, {"", cppcassa::pack(long_type, std::int64_t{3}), cppcassa::pack(long_type, std::int64_t{2}),
                       cppcassa::pack(long_type, std::int64_t{-1})});
    const auto composite = marshal_type::parse("CompositeType(ReversedType(UTF8Type),LongType)");
    check_order(composite, {component("b") + component(cppcassa::pack(long_type, std::int64_t{1})),
                            component("b") + component(cppcassa::pack(long_type, std::int64_t{2})),
                            component("a") + component(cppcassa::pack(long_type, std::int64_t{0}))});
}
