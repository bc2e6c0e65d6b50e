// pack() and unpack() against real Cassandra: values written as CQL literals come back (through
// CQL3 over Thrift, whose rows carry each cell's serialized bytes) exactly as pack() writes
// them; and names packed by us are accepted, ordered and sliced by Cassandra's own comparators
// (composite slices with inclusive and exclusive ends, time-UUID order and time ranges).
#include "support/run_coroutine.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/types.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using cppcassa::bound_kind;
using cppcassa::composite;
using cppcassa::marshal_type;
using cppcassa::slice_end;
using cppcassa::slice_order;
using cppcassa::type_kind;
using cppcassa::value;
using cppcassa::test::run_coroutine;

constexpr const char* keyspace = "cppcassa_marshal";
const cppcassa::date new_year_2013{1356998400000ms};

// Callers pass named strings: GCC 12 mis-destroys temporaries inside a co_await full-expression.
asio::awaitable<thrift::CqlResult> cql(cppcassa::connection& conn, const std::string& query) {
    const thrift::execute_cql3_query_args args{
        .query = query, .compression = thrift::Compression::NONE, .consistency = thrift::ConsistencyLevel::ONE};
    auto result = co_await conn.execute_cql3_query(args);
    co_return result;
}

// Every live node on one schema version: a node still on the old one refuses writes to a new table.
asio::awaitable<void> wait_for_schema_agreement(cppcassa::connection& conn) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (int attempt = 0; attempt < 300; ++attempt) {
        auto versions = co_await conn.describe_schema_versions();
        versions.erase("UNREACHABLE");
        if (versions.size() <= 1)
            co_return;
        timer.expires_after(100ms);
        co_await timer.async_wait(asio::use_awaitable);
    }
    throw std::runtime_error("the cluster's schema versions did not agree within 30 s");
}

const std::vector<std::pair<std::string, std::string>> thrift_families{
    {"Composite1", "CompositeType(LongType,UTF8Type)"},
    {"ReversedComposite", "CompositeType(ReversedType(LongType),UTF8Type)"},
    {"TimeUUIDs", "TimeUUIDType"},
};

// The keyspace, its CQL tables and its Thrift column families, created when missing; the
// connection's keyspace is set to it.
asio::awaitable<void> connect_to_marshal_keyspace(cppcassa::connection& conn) {
    co_await conn.connect();
    const std::string create_keyspace = fmt::format(
        "CREATE KEYSPACE IF NOT EXISTS {} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}",
        keyspace);
    co_await cql(conn, create_keyspace);
    co_await wait_for_schema_agreement(conn);
    const std::string create_typed = fmt::format(
        "CREATE TABLE IF NOT EXISTS {}.typed (k text PRIMARY KEY, v_ascii ascii, v_text text, v_bigint bigint, "
        "v_int int, v_varint varint, v_decimal decimal, v_float float, v_double double, v_boolean boolean, "
        "v_timestamp timestamp, v_uuid uuid, v_timeuuid timeuuid, v_blob blob)",
        keyspace);
    co_await cql(conn, create_typed);
    const std::string create_counts =
        fmt::format("CREATE TABLE IF NOT EXISTS {}.counts (k text PRIMARY KEY, c counter)", keyspace);
    co_await cql(conn, create_counts);
    const thrift::set_keyspace_args use{.keyspace = keyspace};
    co_await conn.set_keyspace(use);
    const thrift::describe_keyspace_args which{.keyspace = keyspace};
    const thrift::KsDef ks = co_await conn.describe_keyspace(which);
    for (const auto& [name, comparator] : thrift_families) {
        // Named for the lambda: clang before 16 cannot capture a structured binding.
        const std::string& wanted = name;
        const bool exists = std::any_of(ks.cf_defs.begin(), ks.cf_defs.end(),
                                        [&](const thrift::CfDef& cf) { return cf.name == wanted; });
        if (exists)
            continue;
        thrift::CfDef cf{.keyspace = keyspace, .name = name};
        cf.comparator_type = comparator;
        const thrift::system_add_column_family_args add{.cf_def = cf};
        co_await conn.system_add_column_family(add);
    }
    co_await wait_for_schema_agreement(conn);
}

// One CQL literal and the value it denotes.
struct literal {
    std::string column;
    std::string cql;
    value expected;
    type_kind kind;  // what the column's type parses to
};

// Writes each literal, reads its cell back and compares the bytes with pack() and the value with unpack().
asio::awaitable<void> check_literals(cppcassa::connection& conn, const std::vector<literal>& cases) {
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const literal& c = cases[i];
        INFO(c.column << " = " << c.cql);
        const std::string key = fmt::format("{}-{}", c.column, i);
        const std::string insert =
            fmt::format("INSERT INTO {}.typed (k, {}) VALUES ('{}', {})", keyspace, c.column, key, c.cql);
        co_await cql(conn, insert);
        const std::string select = fmt::format("SELECT {} FROM {}.typed WHERE k = '{}'", c.column, keyspace, key);
        const thrift::CqlResult read = co_await cql(conn, select);
        REQUIRE(read.rows);
        REQUIRE(read.rows->size() == 1);
        REQUIRE(read.schema);
        const auto& columns = read.rows->front().columns;
        REQUIRE(columns.size() == 1);
        REQUIRE(columns[0].value);
        const std::string& bytes = *columns[0].value;
        // The type as the server names it, parsed by us.
        const marshal_type type = marshal_type::parse(read.schema->value_types.at(c.column));
        CHECK(type.kind() == c.kind);
        CHECK(cppcassa::pack(type, c.expected) == bytes);
        const value unpacked = cppcassa::unpack(type, bytes);
        if (c.expected.kind() == cppcassa::value_kind::float64 && std::isnan(c.expected.as<double>()))
            CHECK(std::isnan(unpacked.as<double>()));
        else
            CHECK(unpacked == c.expected);
    }
}

TEST_CASE("integer and decimal literals are stored as pack() writes them, at their edges", "[real-only][cql]") {
    using cppcassa::decimal;
    using cppcassa::varint;
    const std::vector<literal> cases{
        {"v_bigint", "-9223372036854775808", std::numeric_limits<std::int64_t>::min(), type_kind::int64},
        {"v_bigint", "9223372036854775807", std::numeric_limits<std::int64_t>::max(), type_kind::int64},
        {"v_bigint", "0", 0, type_kind::int64},
        {"v_int", "-2147483648", value::int32(std::numeric_limits<std::int32_t>::min()), type_kind::int32},
        {"v_int", "2147483647", value::int32(std::numeric_limits<std::int32_t>::max()), type_kind::int32},
        {"v_varint", "-123456789012345678901234567890", varint::parse("-123456789012345678901234567890"), type_kind::varint},
        {"v_varint", "18446744073709551616", varint::parse("18446744073709551616"), type_kind::varint},
        {"v_varint", "0", varint(0), type_kind::varint},
        {"v_varint", "-1", varint(-1), type_kind::varint},
        {"v_varint", "128", varint(128), type_kind::varint},
        {"v_varint", "-129", varint(-129), type_kind::varint},
        {"v_varint", "-256", varint(-256), type_kind::varint},
        {"v_varint", "-257", varint(-257), type_kind::varint},
        {"v_decimal", "-1.50", decimal::parse("-1.50"), type_kind::decimal},
        {"v_decimal", "0", decimal::parse("0"), type_kind::decimal},
        {"v_decimal", "-0.001", decimal::parse("-0.001"), type_kind::decimal},
        {"v_decimal", "1E+3", decimal::parse("1E+3"), type_kind::decimal},
        {"v_decimal", "-123456789012345678901234567890.123456789",
         decimal::parse("-123456789012345678901234567890.123456789"), type_kind::decimal},
    };
    run_coroutine([&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        co_await check_literals(conn, cases);
    });
}

TEST_CASE("floating-point and boolean literals are stored as pack() writes them, infinities and NaN included", "[real-only][cql]") {
    const std::vector<literal> cases{
        {"v_float", "1.5", 1.5f, type_kind::float32},
        {"v_float", "-0.0", -0.0f, type_kind::float32},
        {"v_float", "3.4028235E38", std::numeric_limits<float>::max(), type_kind::float32},
        {"v_float", "-Infinity", -std::numeric_limits<float>::infinity(), type_kind::float32},
        {"v_double", "-2.5", -2.5, type_kind::float64},
        {"v_double", "1.7976931348623157E308", std::numeric_limits<double>::max(), type_kind::float64},
        {"v_double", "4.9E-324", std::numeric_limits<double>::denorm_min(), type_kind::float64},
        {"v_double", "NaN", std::numeric_limits<double>::quiet_NaN(), type_kind::float64},
        {"v_boolean", "true", true, type_kind::boolean},
        {"v_boolean", "false", false, type_kind::boolean},
    };
    run_coroutine([&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        co_await check_literals(conn, cases);
    });
}

TEST_CASE("text, ascii and blob literals are stored as pack() writes them, unicode and empty included", "[real-only][cql]") {
    const std::vector<literal> cases{
        {"v_text", "'unicode \xe2\x9c\x93'", "unicode \xe2\x9c\x93", type_kind::utf8},
        {"v_text", "'\xf0\x9f\x98\x80'", "\xf0\x9f\x98\x80", type_kind::utf8},
        {"v_text", "'it''s'", "it's", type_kind::utf8},
        {"v_text", "''", "", type_kind::utf8},
        {"v_ascii", "'~!'", "~!", type_kind::ascii},
        {"v_ascii", "''", "", type_kind::ascii},
        {"v_blob", "0x00ff80", cppcassa::bytes{std::string("\x00\xff\x80", 3)}, type_kind::bytes},
        {"v_blob", "0x", cppcassa::bytes{}, type_kind::bytes},
    };
    run_coroutine([&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        co_await check_literals(conn, cases);
    });
}

TEST_CASE("timestamp and uuid literals are stored as pack() writes them, and minTimeuuid and maxTimeuuid match our time bounds", "[real-only][cql]") {
    using cppcassa::uuid;
    const std::vector<literal> cases{
        {"v_timestamp", "'2013-01-01 00:00:00+0000'", new_year_2013, type_kind::timestamp},
        {"v_timestamp", "'1969-12-31 23:59:59.999+0000'", cppcassa::date{-1ms}, type_kind::timestamp},
        {"v_timestamp", "-1", cppcassa::date{-1ms}, type_kind::timestamp},
        {"v_uuid", "550e8400-e29b-41d4-a716-446655440000", uuid::parse("550e8400-e29b-41d4-a716-446655440000"),
         type_kind::uuid},
        {"v_uuid", "00000000-0000-0000-0000-000000000000", uuid(), type_kind::uuid},
        {"v_uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff", uuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff"),
         type_kind::uuid},
        {"v_timeuuid", "ddc6118e-a003-11df-8abf-00234d21610a", uuid::parse("ddc6118e-a003-11df-8abf-00234d21610a"),
         type_kind::time_uuid},
        {"v_timeuuid", "minTimeuuid('2013-01-01 00:00:00+0000')",
         uuid::time_bound(new_year_2013, cppcassa::time_uuid_bound::lowest), type_kind::time_uuid},
        {"v_timeuuid", "maxTimeuuid('2013-01-01 00:00:00+0000')",
         cppcassa::unpack(marshal_type(type_kind::time_uuid),
                          cppcassa::pack_slice_bound(marshal_type(type_kind::time_uuid), new_year_2013, slice_end::finish)),
         type_kind::time_uuid},
    };
    run_coroutine([&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        co_await check_literals(conn, cases);
    });
}

TEST_CASE("counter cells read back as CounterColumnType's 8 bytes, at the 64-bit edges", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        for (const std::int64_t delta : {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
            // A fresh key each run: counters only add up.
            const std::string key = fmt::format("c{}-{}", delta, cppcassa::test::now_micros());
            const std::string update = fmt::format("UPDATE {}.counts SET c = c + {} WHERE k = '{}'", keyspace, delta, key);
            co_await cql(conn, update);
            const std::string select = fmt::format("SELECT c FROM {}.counts WHERE k = '{}'", keyspace, key);
            const thrift::CqlResult read = co_await cql(conn, select);
            REQUIRE(read.rows);
            REQUIRE(read.rows->size() == 1);
            const marshal_type type = marshal_type::parse(read.schema->value_types.at("c"));
            CHECK(type.kind() == type_kind::counter);
            const auto& cell = read.rows->front().columns.at(0);
            REQUIRE(cell.value);
            CHECK(*cell.value == cppcassa::pack(type, delta));
            CHECK(cppcassa::unpack(type, *cell.value).as<std::int64_t>() == delta);
        }
    });
}

// ---- Names packed by us, ordered and sliced by Cassandra (Thrift column families) ----

const std::string composite1 = "Composite1";
const std::string reversed_composite = "ReversedComposite";
const std::string time_uuids = "TimeUUIDs";
const std::string open;  // an open slice end

asio::awaitable<void> insert_names(cppcassa::connection& conn, const std::string& family, const std::string& key,
                                   const std::vector<std::string>& names) {
    for (const auto& name : names) {
        thrift::Column column{.name = name};
        column.value = "";
        column.timestamp = cppcassa::test::now_micros();
        const thrift::insert_args write{.key = key, .column_parent = {.column_family = family}, .column = column};
        co_await conn.insert(write);
    }
}

asio::awaitable<std::vector<std::string>> slice(cppcassa::connection& conn, const std::string& family,
                                                const std::string& key, const std::string& start,
                                                const std::string& finish, slice_order order = slice_order::forward) {
    thrift::SlicePredicate predicate;
    predicate.slice_range = thrift::SliceRange{.start = start, .finish = finish,
                                               .reversed = order == slice_order::reversed, .count = 1000};
    const thrift::get_slice_args read{.key = key, .column_parent = {.column_family = family}, .predicate = predicate};
    const auto columns = co_await conn.get_slice(read);
    std::vector<std::string> names;
    for (const auto& c : columns)
        names.push_back(c.column->name);
    co_return names;
}

TEST_CASE("describe_keyspace's comparator strings parse to our types and print back identically", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        const thrift::describe_keyspace_args which{.keyspace = keyspace};
        const thrift::KsDef ks = co_await conn.describe_keyspace(which);
        for (const auto& [name, comparator] : thrift_families) {
            INFO(name);
            const std::string& wanted = name;  // clang before 16 cannot capture a structured binding
            const auto cf = std::find_if(ks.cf_defs.begin(), ks.cf_defs.end(),
                                         [&](const thrift::CfDef& d) { return d.name == wanted; });
            REQUIRE(cf != ks.cf_defs.end());
            REQUIRE(cf->comparator_type);
            const marshal_type type = marshal_type::parse(*cf->comparator_type);
            CHECK(type == marshal_type::parse(comparator));
            CHECK(type.to_string() == *cf->comparator_type);
            CHECK(cppcassa::column_family_types::from_cf_def(*cf).name == type);
            // Validators come back in full too.
            REQUIRE(cf->key_validation_class);
            CHECK(marshal_type::parse(*cf->key_validation_class).kind() == type_kind::bytes);
        }
    });
}

TEST_CASE("composite slices with inclusive and exclusive ends select what pycassa's slicing tests expect", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        const marshal_type type = marshal_type::parse("CompositeType(LongType,UTF8Type)");
        const std::string key = fmt::format("slices-{}", cppcassa::test::now_micros());
        std::vector<std::string> names;
        for (const composite& c : {composite{0, "a"}, composite{1, "a"}, composite{1, "b"}, composite{1, "c"},
                                   composite{2, "a"}})
            names.push_back(cppcassa::pack(type, c));
        std::vector<std::string> shuffled = names;
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
        co_await insert_names(conn, composite1, key, shuffled);
        const std::vector<std::string> middle(names.begin() + 1, names.begin() + 4);
        std::vector<std::string> middle_reversed(middle.rbegin(), middle.rend());

        struct bound {
            composite prefix;
            bound_kind kind;
        };
        struct expectation {
            bound start;
            bound finish;
            slice_order order;
            std::vector<std::string> expected;
        };
        using enum bound_kind;
        const auto fwd = slice_order::forward;
        const auto rev = slice_order::reversed;
        const std::vector<expectation> cases{
            {{{}, inclusive}, {{}, inclusive}, fwd, names},
            {{{1}, inclusive}, {{1}, inclusive}, fwd, middle},
            {{{1}, inclusive}, {{2}, exclusive}, fwd, middle},
            {{{0}, exclusive}, {{2}, exclusive}, fwd, middle},
            {{{1, "a"}, inclusive}, {{1, "c"}, inclusive}, fwd, middle},
            {{{1, "a"}, inclusive}, {{2}, exclusive}, fwd, middle},
            {{{1, "a"}, exclusive}, {{1, "c"}, exclusive}, fwd, {names[2]}},
            {{{0}, exclusive}, {{1}, exclusive}, fwd, {}},
            {{{1}, inclusive}, {{1}, inclusive}, rev, middle_reversed},
            {{{2}, exclusive}, {{0}, exclusive}, rev, middle_reversed},
            {{{1}, inclusive}, {{0}, exclusive}, rev, middle_reversed},
            {{{2}, exclusive}, {{1}, inclusive}, rev, middle_reversed},
        };
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const expectation& e = cases[i];
            INFO("case " << i << ": start " << value(e.start.prefix).describe() << ", finish "
                         << value(e.finish.prefix).describe());
            std::string start = cppcassa::pack_slice_bound(type, e.start.prefix, slice_end::start, e.start.kind, e.order);
            std::string finish =
                cppcassa::pack_slice_bound(type, e.finish.prefix, slice_end::finish, e.finish.kind, e.order);
            const auto got = co_await slice(conn, composite1, key, start, finish, e.order);
            CHECK(got == e.expected);
        }
        // And every name unpacks to what was packed.
        const auto all = co_await slice(conn, composite1, key, open, open);
        REQUIRE(all.size() == 5);
        CHECK(cppcassa::unpack(type, all[2]) == value(composite{1, "b"}));
    });
}

TEST_CASE("a ReversedType component sorts descending and slices by prefix all the same", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        const marshal_type type = marshal_type::parse("CompositeType(ReversedType(LongType),UTF8Type)");
        const std::string key = fmt::format("reversed-{}", cppcassa::test::now_micros());
        std::vector<std::string> names;
        for (const composite& c : {composite{0, "a"}, composite{1, "a"}, composite{1, "b"}, composite{2, "a"}})
            names.push_back(cppcassa::pack(type, c));
        co_await insert_names(conn, reversed_composite, key, names);
        const auto all = co_await slice(conn, reversed_composite, key, open, open);
        CHECK(all == std::vector<std::string>{names[3], names[1], names[2], names[0]});
        std::string start = cppcassa::pack_slice_bound(type, composite{1}, slice_end::start);
        std::string finish = cppcassa::pack_slice_bound(type, composite{1}, slice_end::finish);
        const auto ones = co_await slice(conn, reversed_composite, key, start, finish);
        CHECK(ones == std::vector<std::string>{names[1], names[2]});
        std::string after_two = cppcassa::pack_slice_bound(type, composite{2}, slice_end::start, bound_kind::exclusive);
        const auto rest = co_await slice(conn, reversed_composite, key, after_two, open);
        CHECK(rest == std::vector<std::string>{names[1], names[2], names[0]});
    });
}

TEST_CASE("time UUIDs come back in time order, and time bounds slice whole milliseconds", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        const marshal_type type(type_kind::time_uuid);
        const std::string key = fmt::format("times-{}", cppcassa::test::now_micros());
        // Three UUIDs in each of ten milliseconds (random clock sequences and nodes), one of them at
        // the millisecond's last 100 ns tick, inserted in random order.
        std::vector<cppcassa::uuid> uuids;
        for (int ms = 0; ms < 10; ++ms)
            for (const std::chrono::nanoseconds offset : {0ns, std::chrono::nanoseconds(500us), 1ms - 100ns})
                uuids.push_back(cppcassa::uuid::time_based(new_year_2013 + std::chrono::milliseconds(ms) + offset));
        std::vector<std::string> names;
        for (const auto& u : uuids)
            names.push_back(cppcassa::pack(type, u));
        std::shuffle(names.begin(), names.end(), std::mt19937(11));
        co_await insert_names(conn, time_uuids, key, names);

        const auto all = co_await slice(conn, time_uuids, key, open, open);
        REQUIRE(all.size() == uuids.size());
        std::vector<cppcassa::uuid> read;
        for (const auto& name : all)
            read.push_back(cppcassa::unpack(type, name).as<cppcassa::uuid>());
        CHECK(std::is_sorted(read.begin(), read.end(), [](const auto& a, const auto& b) { return a.time() < b.time(); }));
        CHECK(std::is_sorted(read.begin(), read.end(),
                             [](const auto& a, const auto& b) { return cppcassa::compare_time_uuids(a, b) < 0; }));

        // Milliseconds 3 to 6 inclusive: 12 UUIDs; exclusive of 3: 9; reversed from 6 down to 3: 12, newest first.
        const cppcassa::date from = new_year_2013 + 3ms;
        const cppcassa::date to = new_year_2013 + 6ms;
        const auto in_window = [](const std::vector<std::string>& got, int first_ms, int last_ms) {
            for (const auto& name : got) {
                const auto t = cppcassa::unpack(marshal_type(type_kind::time_uuid), name).as<cppcassa::uuid>().time();
                if (t < new_year_2013 + std::chrono::milliseconds(first_ms) ||
                    t >= new_year_2013 + std::chrono::milliseconds(last_ms + 1))
                    return false;
            }
            return true;
        };
        std::string start = cppcassa::pack_slice_bound(type, from, slice_end::start);
        std::string finish = cppcassa::pack_slice_bound(type, to, slice_end::finish);
        const auto inclusive = co_await slice(conn, time_uuids, key, start, finish);
        CHECK(inclusive.size() == 12);
        CHECK(in_window(inclusive, 3, 6));

        start = cppcassa::pack_slice_bound(type, from, slice_end::start, bound_kind::exclusive);
        finish = cppcassa::pack_slice_bound(type, to, slice_end::finish);
        const auto exclusive = co_await slice(conn, time_uuids, key, start, finish);
        CHECK(exclusive.size() == 9);
        CHECK(in_window(exclusive, 4, 6));

        start = cppcassa::pack_slice_bound(type, to, slice_end::start, bound_kind::inclusive, slice_order::reversed);
        finish = cppcassa::pack_slice_bound(type, from, slice_end::finish, bound_kind::inclusive, slice_order::reversed);
        const auto reversed =
            co_await slice(conn, time_uuids, key, start, finish, slice_order::reversed);
        CHECK(reversed.size() == 12);
        CHECK(in_window(reversed, 3, 6));
        std::vector<std::string> forward_order(reversed.rbegin(), reversed.rend());
        CHECK(forward_order == inclusive);
    });
}

TEST_CASE("Cassandra refuses a version 4 UUID in a TimeUUIDType name, and pack() refuses it before sending", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        const auto v4 = cppcassa::uuid::generate_random();
        CHECK_THROWS_AS(cppcassa::pack(marshal_type(type_kind::time_uuid), v4), cppcassa::marshal_error);
        const std::vector<std::string> refused_names{v4.to_bytes()};
        const std::string refused_key = "refused";
        bool refused = false;
        try {
            co_await insert_names(conn, time_uuids, refused_key, refused_names);
        } catch (const cppcassa::invalid_request&) {
            refused = true;
        }
        CHECK(refused);
    });
}

}  // namespace

namespace {

TEST_CASE("Cassandra refuses a composite name with a non-zero end-of-component before its last component, as unpack does", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_to_marshal_keyspace(conn);
        const marshal_type type = marshal_type::parse("CompositeType(LongType,UTF8Type)");
        std::string name = cppcassa::pack(type, composite{1, "a"});
        name[10] = 1;  // the first component's end-of-component byte
        CHECK_THROWS_AS(cppcassa::unpack(type, name), cppcassa::marshal_error);
        const std::vector<std::string> names{name};
        const std::string key = "bad-eoc";
        bool refused = false;
        try {
            co_await insert_names(conn, composite1, key, names);
        } catch (const cppcassa::invalid_request&) {
            refused = true;
        }
        CHECK(refused);
    });
}

}  // namespace
