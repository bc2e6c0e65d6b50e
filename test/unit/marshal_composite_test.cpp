// CompositeType names and slice bounds: the component layout, prefixes, end-of-component bytes,
// and which names a bound admits (checked against a model of Cassandra's composite comparator;
// test/integration/marshal_cql_test.cpp checks the same against the real server).
#include <cppcassa/errors.hpp>
#include <cppcassa/types.hpp>

#include "support/catch.hpp"

#include <algorithm>

namespace {

using cppcassa::bound_kind;
using cppcassa::composite;
using cppcassa::marshal_type;
using cppcassa::pack;
using cppcassa::pack_slice_bound;
using cppcassa::slice_end;
using cppcassa::slice_order;
using cppcassa::type_kind;
using cppcassa::unpack;
using cppcassa::value;
using namespace std::chrono_literals;

const marshal_type long_utf8 = marshal_type::parse("CompositeType(LongType,UTF8Type)");

std::string raw(std::initializer_list<int> bytes) {
    std::string out;
    for (int b : bytes)
        out += static_cast<char>(b);
    return out;
}

// Cassandra's CompositeType comparison for components of LongType (AbstractCompositeType's
// loop): component by component, then the end-of-component bytes as signed bytes, then the
// shorter name first.
int compare_long_composites(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const std::size_t la = (std::size_t(std::uint8_t(a[i])) << 8) | std::uint8_t(a[i + 1]);
        const std::size_t lb = (std::size_t(std::uint8_t(b[j])) << 8) | std::uint8_t(b[j + 1]);
        const auto va = unpack(marshal_type(type_kind::int64), a.substr(i + 2, la)).as<std::int64_t>();
        const auto vb = unpack(marshal_type(type_kind::int64), b.substr(j + 2, lb)).as<std::int64_t>();
        if (va != vb)
            return va < vb ? -1 : 1;
        const auto ea = static_cast<std::int8_t>(a[i + 2 + la]);
        const auto eb = static_cast<std::int8_t>(b[j + 2 + lb]);
        if (ea != eb)
            return ea - eb;
        i += 3 + la;
        j += 3 + lb;
    }
    if (i == a.size())
        return j == b.size() ? 0 : -1;
    return 1;
}

TEST_CASE("a composite packs each component as length, bytes, end-of-component 0") {
    const std::string packed = pack(long_utf8, composite{1, "foo"});
    CHECK(packed == raw({0, 8, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 3, 'f', 'o', 'o', 0}));
    CHECK(unpack(long_utf8, packed) == value(composite{1, "foo"}));
    // A prefix is a valid name (pycassa's partial composite), and so is the empty composite.
    CHECK(unpack(long_utf8, pack(long_utf8, composite{1})) == value(composite{1}));
    CHECK(pack(long_utf8, composite{}).empty());
    CHECK(unpack(long_utf8, "") == value(composite{}));
    // Empty components are legal: zero length, then the end-of-component byte.
    CHECK(pack(long_utf8, composite{value{}, ""}) == raw({0, 0, 0, 0, 0, 0}));
}

TEST_CASE("a composite of every component type round-trips, unicode and reversed components included") {
    const marshal_type all = marshal_type::parse(
        "CompositeType(LongType,IntegerType,ReversedType(TimeUUIDType),LexicalUUIDType,AsciiType,UTF8Type,BytesType)");
    const auto v1 = cppcassa::uuid::generate_time_based();
    const auto v4 = cppcassa::uuid::generate_random();
    const composite name{127312831239123123LL, cppcassa::varint(1), v1, v4, "foo", "ba\xc9\x94r", cppcassa::bytes{"baz"}};
    const value read = unpack(all, pack(all, name));
    const auto components = read.as<composite>().components;
    REQUIRE(components.size() == 7);
    CHECK(components[0].as<std::int64_t>() == 127312831239123123LL);
    CHECK(components[1].as<std::int64_t>() == 1);
    CHECK(components[2].as<cppcassa::uuid>() == v1);
    CHECK(components[3].as<cppcassa::uuid>() == v4);
    CHECK(components[5].as<std::string>() == "ba\xc9\x94r");
    CHECK(components[6].as<cppcassa::bytes>().data == "baz");
    // A single-component composite.
    const marshal_type single = marshal_type::parse("CompositeType(IntegerType)");
    CHECK(unpack(single, pack(single, composite{123456})).as<composite>().components.at(0).as<std::int64_t>() == 123456);
}

TEST_CASE("a composite refuses more components than its type, and non-composite values") {
    CHECK_THROWS_WITH(pack(long_utf8, composite{1, "a", "b"}), Catch::Contains("3 components given, the type has 2"));
    CHECK_THROWS_WITH(pack(long_utf8, 1), Catch::Contains("cppcassa::composite"));
    CHECK_THROWS_WITH(pack(long_utf8, composite{"x", "a"}), Catch::Contains("LongType"));
    const marshal_type bytes_only = marshal_type::parse("CompositeType(BytesType)");
    CHECK_THROWS_WITH(pack(bytes_only, composite{cppcassa::bytes{std::string(65536, 'x')}}), Catch::Contains("65535"));
    CHECK(pack(bytes_only, composite{cppcassa::bytes{std::string(65535, 'x')}}).size() == 65538);
}

TEST_CASE("malformed composite bytes are marshal errors") {
    const std::string good = pack(long_utf8, composite{1, "foo"});
    CHECK_THROWS_AS(unpack(long_utf8, good.substr(0, good.size() - 1)), cppcassa::marshal_error);  // no EOC
    CHECK_THROWS_AS(unpack(long_utf8, good.substr(0, 1)), cppcassa::marshal_error);  // half a length
    CHECK_THROWS_AS(unpack(long_utf8, good + raw({0, 0, 0})), cppcassa::marshal_error);  // a third component
    std::string middle_eoc = good;
    middle_eoc[10] = 1;
    CHECK_THROWS_WITH(unpack(long_utf8, middle_eoc), Catch::Contains("end-of-component"));
    // A last component may carry a bound's end-of-component byte.
    std::string last_eoc = good;
    last_eoc.back() = 1;
    CHECK(unpack(long_utf8, last_eoc) == value(composite{1, "foo"}));
}

TEST_CASE("a slice bound's last end-of-component byte follows start or finish, inclusive or exclusive") {
    const auto eoc = [](slice_end end, bound_kind kind, slice_order order) {
        return static_cast<std::uint8_t>(pack_slice_bound(long_utf8, composite{1}, end, kind, order).back());
    };
    // Forward slices, as pycassa: start inclusive -1, start exclusive 1, finish inclusive 1, finish exclusive -1.
    CHECK(eoc(slice_end::start, bound_kind::inclusive, slice_order::forward) == 0xff);
    CHECK(eoc(slice_end::start, bound_kind::exclusive, slice_order::forward) == 0x01);
    CHECK(eoc(slice_end::finish, bound_kind::inclusive, slice_order::forward) == 0x01);
    CHECK(eoc(slice_end::finish, bound_kind::exclusive, slice_order::forward) == 0xff);
    // A reversed slice starts at the high end.
    CHECK(eoc(slice_end::start, bound_kind::inclusive, slice_order::reversed) == 0x01);
    CHECK(eoc(slice_end::start, bound_kind::exclusive, slice_order::reversed) == 0xff);
    CHECK(eoc(slice_end::finish, bound_kind::inclusive, slice_order::reversed) == 0xff);
    CHECK(eoc(slice_end::finish, bound_kind::exclusive, slice_order::reversed) == 0x01);
    // Earlier components keep 0 (Cassandra refuses anything else there).
    const std::string two = pack_slice_bound(long_utf8, composite{1, "a"}, slice_end::finish);
    CHECK(two == raw({0, 8, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 'a', 1}));
    // An empty value or empty composite is an open end.
    CHECK(pack_slice_bound(long_utf8, value{}, slice_end::start).empty());
    CHECK(pack_slice_bound(long_utf8, composite{}, slice_end::finish).empty());
}

TEST_CASE("composite slice bounds admit exactly the names pycassa's slicing tests expect") {
    const marshal_type longs = marshal_type::parse("CompositeType(LongType,LongType)");
    std::vector<std::string> names;
    for (const auto& [a, b] : std::vector<std::pair<int, int>>{{0, 1}, {1, 1}, {1, 2}, {1, 3}, {2, 1}})
        names.push_back(pack(longs, composite{a, b}));
    const std::vector<std::string> middle(names.begin() + 1, names.begin() + 4);

    struct bound {
        composite prefix;
        bound_kind kind;
    };
    const auto slice = [&](const bound& start, const bound& finish, slice_order order) {
        const std::string low = pack_slice_bound(longs, start.prefix, slice_end::start, start.kind, order);
        const std::string high = pack_slice_bound(longs, finish.prefix, slice_end::finish, finish.kind, order);
        std::vector<std::string> out;
        for (const auto& n : names) {
            const bool in = order == slice_order::forward
                                ? compare_long_composites(low, n) <= 0 && compare_long_composites(n, high) <= 0
                                : compare_long_composites(high, n) <= 0 && compare_long_composites(n, low) <= 0;
            if (in)
                out.push_back(n);
        }
        return out;
    };
    using enum bound_kind;
    const auto fwd = slice_order::forward;
    const auto rev = slice_order::reversed;
    CHECK(slice({{1}, inclusive}, {{1}, inclusive}, fwd) == middle);
    CHECK(slice({{1}, inclusive}, {{2}, exclusive}, fwd) == middle);
    CHECK(slice({{0}, exclusive}, {{2}, exclusive}, fwd) == middle);
    CHECK(slice({{1, 1}, inclusive}, {{1, 3}, inclusive}, fwd) == middle);
    CHECK(slice({{1, 1}, inclusive}, {{2}, exclusive}, fwd) == middle);
    CHECK(slice({{1, 1}, exclusive}, {{1, 3}, exclusive}, fwd) == std::vector{names[2]});
    CHECK(slice({{0}, exclusive}, {{1}, exclusive}, fwd).empty());
    // Reversed: start is the high end.
    CHECK(slice({{1}, inclusive}, {{1}, inclusive}, rev) == middle);
    CHECK(slice({{2}, exclusive}, {{0}, exclusive}, rev) == middle);
    CHECK(slice({{2}, exclusive}, {{1}, inclusive}, rev) == middle);
    CHECK(slice({{1}, inclusive}, {{0}, exclusive}, rev) == middle);
}

TEST_CASE("a ReversedType over a whole composite flips which end is low") {
    const marshal_type reversed = marshal_type::reversed(long_utf8);
    CHECK(pack_slice_bound(reversed, composite{1}, slice_end::start).back() == '\x01');
    CHECK(pack_slice_bound(reversed, composite{1}, slice_end::finish).back() == '\xff');
}

TEST_CASE("a time on a TimeUUIDType bound stands for its whole millisecond") {
    const marshal_type time_uuid(type_kind::time_uuid);
    const cppcassa::date t{1356998400000ms};
    const auto lowest = cppcassa::uuid::time_bound(t, cppcassa::time_uuid_bound::lowest).to_bytes();
    const auto highest = cppcassa::uuid::time_bound(t + 1ms - 100ns, cppcassa::time_uuid_bound::highest).to_bytes();
    CHECK(pack_slice_bound(time_uuid, t, slice_end::start) == lowest);
    CHECK(pack_slice_bound(time_uuid, t, slice_end::finish) == highest);
    CHECK(pack_slice_bound(time_uuid, t, slice_end::start, bound_kind::exclusive) == highest);
    CHECK(pack_slice_bound(time_uuid, t, slice_end::finish, bound_kind::exclusive) == lowest);
    CHECK(pack_slice_bound(time_uuid, t, slice_end::start, bound_kind::inclusive, slice_order::reversed) == highest);
    // ReversedType(TimeUUIDType) orders latest first: its start is the late end.
    const marshal_type latest_first = marshal_type::reversed(time_uuid);
    CHECK(pack_slice_bound(latest_first, t, slice_end::start) == highest);
    CHECK(pack_slice_bound(latest_first, t, slice_end::finish) == lowest);
    // Inside a composite, by the component's own order.
    const marshal_type events = marshal_type::parse("CompositeType(UTF8Type,ReversedType(TimeUUIDType))");
    const std::string start = pack_slice_bound(events, composite{"a", t}, slice_end::start);
    CHECK(start.substr(6, 16) == highest);
    CHECK(start.back() == '\xff');
    // A uuid given as such is used as is.
    const auto u = cppcassa::uuid::generate_time_based();
    CHECK(pack_slice_bound(time_uuid, u, slice_end::finish) == u.to_bytes());
}

TEST_CASE("an exclusive bound on a plain type is refused clearly") {
    CHECK_THROWS_WITH(pack_slice_bound(marshal_type(type_kind::int64), 5, slice_end::start, bound_kind::exclusive),
                      Catch::Contains("exclusive") && Catch::Contains("LongType"));
    CHECK(pack_slice_bound(marshal_type(type_kind::int64), 5, slice_end::start) == pack(marshal_type(type_kind::int64), 5));
    CHECK_THROWS_AS(pack_slice_bound(long_utf8, 1, slice_end::start), cppcassa::marshal_error);
}

}  // namespace
