// The seed tutorial (pycassa's README) against a real Cassandra, on one cppcassa::connection.
//
// This is the first thing the README runs. It uses the Thrift calls directly; as the ColumnFamily
// API lands it will read like the seed line for line.
//
// Call arguments are built as named variables before `co_await`: GCC 12 (Debian 12's compiler)
// destroys a brace-initialised aggregate temporary inside a co_await expression twice.
//
//   quickstart [host] [port]        (default 127.0.0.1 9160)
#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;

namespace {

constexpr const char* keyspace = "Keyspace1";

std::int64_t now_micros() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

thrift::Column column(std::string name, std::string value) {
    thrift::Column c;
    c.name = std::move(name);
    c.value = std::move(value);
    c.timestamp = now_micros();
    return c;
}

thrift::SlicePredicate whole_row() {
    thrift::SlicePredicate p;
    p.slice_range = thrift::SliceRange{};
    return p;
}

std::string format_columns(const std::vector<thrift::ColumnOrSuperColumn>& columns) {
    std::string out = "{";
    for (const auto& c : columns) {
        if (out.size() > 1)
            out += ", ";
        if (c.column)
            out += fmt::format("'{}': '{}'", c.column->name, c.column->value.value_or(""));
        else if (c.super_column) {
            std::vector<thrift::ColumnOrSuperColumn> sub;
            for (const auto& s : c.super_column->columns)
                sub.push_back(thrift::ColumnOrSuperColumn{.column = s});
            out += fmt::format("'{}': {}", c.super_column->name, format_columns(sub));
        }
    }
    return out + "}";
}

// The seed's keyspace and column families, created when missing (and emptied when present, so
// every run prints the same thing).
asio::awaitable<void> prepare_schema(cppcassa::connection& conn) {
    bool exists = true;
    try {
        const thrift::describe_keyspace_args which{.keyspace = keyspace};
        co_await conn.describe_keyspace(which);
    } catch (const cppcassa::not_found&) {
        exists = false;
    }
    if (!exists) {
        thrift::KsDef ks;
        ks.name = keyspace;
        ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
        ks.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
        for (const char* name : {"Standard1", "Super1"}) {
            thrift::CfDef cf;
            cf.keyspace = keyspace;
            cf.name = name;
            cf.comparator_type = "UTF8Type";
            if (std::string(name) == "Super1") {
                cf.column_type = "Super";
                cf.subcomparator_type = "UTF8Type";
            }
            ks.cf_defs.push_back(cf);
        }
        const thrift::system_add_keyspace_args add{.ks_def = ks};
        co_await conn.system_add_keyspace(add);
        fmt::print("created keyspace {} with column families Standard1 and Super1\n", keyspace);
    }
    const thrift::set_keyspace_args use{.keyspace = keyspace};
    co_await conn.set_keyspace(use);
    for (const char* family : {"Standard1", "Super1"}) {
        const thrift::truncate_args empty{.cfname = family};
        co_await conn.truncate(empty);
    }
}

asio::awaitable<void> tutorial(cppcassa::connection& conn) {
    co_await conn.connect();
    const std::string cluster = co_await conn.describe_cluster_name();
    const std::string version = co_await conn.describe_version();
    fmt::print("connected to cluster '{}' at {} (Thrift API {})\n", cluster, conn.endpoint(), version);
    co_await prepare_schema(conn);

    const thrift::ColumnParent standard{.column_family = "Standard1"};
    auto insert = [&](std::string key, std::string name, std::string value) {
        return conn.insert({.key = std::move(key), .column_parent = standard,
                            .column = column(std::move(name), std::move(value))});
    };
    auto get = [&](std::string key) -> asio::awaitable<std::string> {
        const thrift::get_slice_args row{.key = std::move(key), .column_parent = standard, .predicate = whole_row()};
        co_return format_columns(co_await conn.get_slice(row));
    };

    co_await insert("foo", "column1", "val1");
    fmt::print("cf.get('foo') -> {}\n", co_await get("foo"));
    co_await insert("foo", "column1", "val2");
    fmt::print("cf.get('foo') after update -> {}\n", co_await get("foo"));

    co_await insert("bar", "column1", "val3");
    co_await insert("bar", "column2", "val4");
    const thrift::multiget_slice_args foo_and_bar{
        .keys = {"foo", "bar"}, .column_parent = standard, .predicate = whole_row()};
    auto rows = co_await conn.multiget_slice(foo_and_bar);
    for (const auto& [key, columns] : rows)
        fmt::print("cf.multiget(['foo', 'bar'])['{}'] -> {}\n", key, format_columns(columns));
    const thrift::get_count_args count_bar{.key = "bar", .column_parent = standard, .predicate = whole_row()};
    fmt::print("cf.get_count('bar') -> {}\n", co_await conn.get_count(count_bar));

    thrift::KeyRange all_rows;
    all_rows.start_key = "";
    all_rows.end_key = "";
    const thrift::get_range_slices_args every_row{.column_parent = standard, .predicate = whole_row(), .range = all_rows};
    auto range = co_await conn.get_range_slices(every_row);
    for (const auto& row : range)
        fmt::print("cf.get_range() -> ('{}', {})\n", row.key, format_columns(row.columns));

    thrift::ColumnPath column1{.column_family = "Standard1"};
    column1.column = "column1";
    const thrift::remove_args remove_column1{.key = "bar", .column_path = column1, .timestamp = now_micros()};
    co_await conn.remove(remove_column1);
    fmt::print("cf.get('bar') after removing column1 -> {}\n", co_await get("bar"));
    const thrift::remove_args remove_bar{
        .key = "bar", .column_path = {.column_family = "Standard1"}, .timestamp = now_micros()};
    co_await conn.remove(remove_bar);
    try {
        thrift::ColumnPath column2{.column_family = "Standard1"};
        column2.column = "column2";
        const thrift::get_args get_column2{.key = "bar", .column_path = column2};
        co_await conn.get(get_column2);
    } catch (const cppcassa::not_found& e) {
        fmt::print("cf.get('bar') after removing the row -> not_found: {}\n", e.what());
    }

    // Super columns, written in one batch_mutate.
    auto insert_super = [](std::string name, std::vector<thrift::Column> columns) {
        thrift::Mutation m;
        m.column_or_supercolumn =
            thrift::ColumnOrSuperColumn{.super_column = thrift::SuperColumn{.name = name, .columns = columns}};
        return m;
    };
    std::vector<thrift::Mutation> mutations{
        insert_super("1", {column("sub1", "val1"), column("sub2", "val2")}),
        insert_super("2", {column("sub3", "val3"), column("sub4", "val4")})};
    thrift::batch_mutate_args batch;
    batch.mutation_map["key1"]["Super1"] = mutations;
    co_await conn.batch_mutate(batch);
    const thrift::ColumnParent super_parent{.column_family = "Super1"};
    auto get_super = [&]() -> asio::awaitable<std::string> {
        const thrift::get_slice_args key1{.key = "key1", .column_parent = super_parent, .predicate = whole_row()};
        co_return format_columns(co_await conn.get_slice(key1));
    };
    fmt::print("super cf.get('key1') -> {}\n", co_await get_super());
    thrift::ColumnPath super1{.column_family = "Super1"};
    super1.super_column = "1";
    const thrift::remove_args remove_super1{.key = "key1", .column_path = super1, .timestamp = now_micros()};
    co_await conn.remove(remove_super1);
    fmt::print("super cf.get('key1') after removing super column '1' -> {}\n", co_await get_super());
    conn.close();
}

}  // namespace

int main(int argc, char** argv) {
    const std::string host = argc > 1 ? argv[1] : "127.0.0.1";
    const auto port = static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 9160);
    asio::io_context io;
    cppcassa::connection conn(io.get_executor(), {.host = host, .port = port});
    int status = 0;
    asio::co_spawn(io, tutorial(conn), [&](std::exception_ptr error) {
        if (!error)
            return;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            fmt::print(stderr, "quickstart failed: {}\n", e.what());
            status = 1;
        }
    });
    io.run();
    return status;
}
