// Calls refused for how they were made: each throws usage_error with the code of the rule it
// broke, never a bare std:: exception, and before anything is sent. The pool points at a server
// nobody listens on and never connects (no prefill, no background task): a call that reached it
// would fail with a pool error instead of the usage_error these tests expect.
#include "support/pycassa_test_row.hpp"
#include "support/run_coroutine.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/column_family_map.hpp>
#include <cppcassa/connection.hpp>
#include <cppcassa/cql.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>

#include "support/catch.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::client_errc;
using cppcassa::test::run_coroutine;
using cppcassa::test::usage_code;
using cppcassa::test::usage_code_of;
using cppcassa::value;

cppcassa::pool_config idle_pool() {
    cppcassa::pool_config config;
    config.servers = {"127.0.0.1:1"};
    config.keyspace = "ks";
    config.prefill = false;
    config.health_check_interval = std::chrono::milliseconds(0);
    return config;
}

cppcassa::column_family_types standard_types() {
    cppcassa::column_family_types types;
    types.key = cppcassa::marshal_type(cppcassa::type_kind::utf8);
    types.name = cppcassa::marshal_type(cppcassa::type_kind::utf8);
    types.default_value = cppcassa::marshal_type(cppcassa::type_kind::utf8);
    return types;
}

cppcassa::column_family_types super_types(cppcassa::type_kind sub = cppcassa::type_kind::utf8) {
    auto types = standard_types();
    types.sub_name = cppcassa::marshal_type(sub);
    return types;
}

cppcassa::column_family_types counter_types() {
    auto types = standard_types();
    types.default_value = cppcassa::marshal_type(cppcassa::type_kind::counter);
    return types;
}

// The pool and the three kinds of column family the tests refuse calls on.
struct fixture {
    explicit fixture(asio::any_io_executor executor)
        : pool(executor, idle_pool()),
          standard(pool, "Standard", standard_types()),
          super(pool, "Super", super_types()),
          counters(pool, "Counters", counter_types()) {}

    cppcassa::pool pool;
    cppcassa::column_family standard;
    cppcassa::column_family super;
    cppcassa::column_family counters;
};

// A call that must be refused with `wanted`, named for the report when it is not.
template <class T>
asio::awaitable<void> expect_refused(const char* call, asio::awaitable<T> op, client_errc wanted) {
    const auto got = co_await usage_code_of(std::move(op));
    INFO(call);
    CHECK(got == wanted);
}

}  // namespace

TEST_CASE("a usage error carries its code, says what to change and is never retryable") {
    const cppcassa::usage_error e(client_errc::conflicting_arguments, "get_range: give a key range or a token range");
    CHECK(e.code == client_errc::conflicting_arguments);
    CHECK(std::string(e.what()) == "get_range: give a key range or a token range");
    CHECK_FALSE(e.retryable());
    const cppcassa::error& base = e;
    CHECK(dynamic_cast<const cppcassa::usage_error*>(&base) != nullptr);
}

TEST_CASE("every client_errc has a name and a message of its own in the cppcassa.client category") {
    const std::vector<client_errc> codes{client_errc::invalid_argument,       client_errc::conflicting_arguments,
                                         client_errc::wrong_column_family_kind, client_errc::no_such_element,
                                         client_errc::already_connected,      client_errc::not_supported,
                                         client_errc::not_supported_by_server, client_errc::internal_error};
    std::vector<std::string> messages;
    for (const auto code : codes) {
        const std::error_code ec = code;  // converts, as std::errc does
        CHECK(ec.category().name() == std::string("cppcassa.client"));
        CHECK(ec.value() == static_cast<int>(code));
        CHECK(ec == make_error_code(code));
        CHECK(std::string(cppcassa::to_string(code)) != "unknown");
        messages.push_back(ec.message());
    }
    CHECK(std::string(cppcassa::to_string(client_errc::not_supported_by_server)) == "not_supported_by_server");
    std::sort(messages.begin(), messages.end());
    CHECK(std::unique(messages.begin(), messages.end()) == messages.end());
}

TEST_CASE("a cancelled call's error is a cppcassa::error that is never retried") {
    const cppcassa::call_cancelled e("get_slice on 10.0.0.1:9160 was cancelled");
    const cppcassa::error& base = e;
    CHECK_FALSE(base.retryable());
    CHECK(dynamic_cast<const cppcassa::transport_error*>(&base) == nullptr);  // never a server's fault
}

TEST_CASE("a pool configured wrongly is refused with usage_error") {
    asio::io_context io;
    const auto with = [&](auto change) {
        auto config = idle_pool();
        change(config);
        return usage_code([&] { cppcassa::pool p(io.get_executor(), config); });
    };
    CHECK(with([](auto& c) { c.servers.clear(); }) == client_errc::invalid_argument);
    CHECK(with([](auto& c) { c.servers = {"host:port"}; }) == client_errc::invalid_argument);
    CHECK(with([](auto& c) { c.max_in_flight = 0; }) == client_errc::invalid_argument);
    CHECK(with([](auto& c) {
              c.keyspace.clear();
              c.discover_ring = true;
          }) == client_errc::conflicting_arguments);
    CHECK(with([](auto& c) { c.token_aware = true; }) == client_errc::conflicting_arguments);
}

TEST_CASE("lookups of what a result does not hold throw usage_error (no_such_element)") {
    cppcassa::column c;
    c.name = value("a");
    c.packed_name = "a";
    const cppcassa::column_list columns(std::vector<cppcassa::column>{c}, nullptr);
    cppcassa::row r;
    r.columns = columns;
    CHECK(usage_code([&] { (void)r["b"]; }) == client_errc::no_such_element);
    CHECK(usage_code([&] { (void)r.super("s"); }) == client_errc::no_such_element);
    cppcassa::super_column sc;
    sc.columns = columns;
    CHECK(usage_code([&] { (void)sc["b"]; }) == client_errc::no_such_element);

    cppcassa::ordered_map<std::string, int> m;
    m.push_back("k", 1);
    CHECK(m.at("k") == 1);
    CHECK(usage_code([&] { (void)m.at("x"); }) == client_errc::no_such_element);
    CHECK(usage_code([&] { (void)m["x"]; }) == client_errc::no_such_element);

    cppcassa::cql_row cql;
    cql.cells.push_back(cppcassa::cql_cell{.name = "age", .value = value::int32(3), .null = false, .raw = {}});
    CHECK(cql["age"].as<std::int32_t>() == 3);
    CHECK(usage_code([&] { (void)cql["name"]; }) == client_errc::no_such_element);
}

TEST_CASE("a second connect() and a connect() after close() are refused with already_connected") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection_config config;
        config.host = "127.0.0.1";
        config.port = 1;
        cppcassa::connection conn(executor, config);
        conn.close();
        auto connect = conn.connect();
        const auto code = co_await usage_code_of(std::move(connect));
        CHECK(code == client_errc::already_connected);
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("column_family refuses, before sending, reads whose options it cannot use") {
    asio::io_context io;
    fixture f(io.get_executor());
    CHECK(usage_code([&] { f.standard.set_clock({}); }) == client_errc::invalid_argument);

    cppcassa::range_options zero_buffer;
    zero_buffer.read.buffer_size = 0;
    cppcassa::range_options keys_and_tokens;
    keys_and_tokens.start_key = value("a");
    keys_and_tokens.start_token = "0";
    keys_and_tokens.finish_token = "0";
    cppcassa::range_options one_token;
    one_token.start_token = "0";
    CHECK(usage_code([&] { (void)f.standard.get_range(zero_buffer); }) == client_errc::invalid_argument);
    CHECK(usage_code([&] { (void)f.standard.get_range(keys_and_tokens); }) == client_errc::conflicting_arguments);
    CHECK(usage_code([&] { (void)f.standard.get_range(one_token); }) == client_errc::conflicting_arguments);
    const std::vector<cppcassa::index_expression> no_expression;
    CHECK(usage_code([&] { (void)f.standard.get_indexed_slices(no_expression); }) == client_errc::invalid_argument);

    cppcassa::read_options zero_read;
    zero_read.buffer_size = 0;
    cppcassa::read_options inside;
    inside.super_column = value("s");
    CHECK(usage_code([&] { (void)f.standard.xget("k", zero_read); }) == client_errc::invalid_argument);
    CHECK(usage_code([&] { (void)f.super.xget("k"); }) == client_errc::wrong_column_family_kind);
    CHECK(usage_code([&] { (void)f.standard.xget_super_columns("k"); }) == client_errc::wrong_column_family_kind);
    CHECK(usage_code([&] { (void)f.super.xget_super_columns("k", inside); }) == client_errc::invalid_argument);

    cppcassa::range_options sliced;
    sliced.read.column_count = 3;
    CHECK(usage_code([&] { (void)f.standard.get_paged_slice(sliced); }) == client_errc::invalid_argument);
    const cppcassa::range_options everything;
    CHECK(usage_code([&] { (void)f.super.get_paged_slice(everything); }) == client_errc::wrong_column_family_kind);
    CHECK(f.pool.stats().operations == 0);
}

TEST_CASE("column_family's awaitable calls refuse misuse with usage_error before sending") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        fixture f(executor);
        constexpr auto wrong_kind = client_errc::wrong_column_family_kind;

        cppcassa::pool no_keyspace_pool(executor, [] {
            auto config = idle_pool();
            config.keyspace.clear();
            return config;
        }());
        auto open = cppcassa::column_family::open(no_keyspace_pool, "Standard");
        co_await expect_refused("open", std::move(open), client_errc::invalid_argument);

        cppcassa::read_options in_super_column;
        in_super_column.super_column = value("s");
        auto get = f.standard.get("k", in_super_column);
        co_await expect_refused("get", std::move(get), wrong_kind);
        // One end of a sub-column slice needs the sub-comparator's order, unknown for IntegerType.
        cppcassa::column_family integer_subs(f.pool, "IntegerSubs", super_types(cppcassa::type_kind::varint));
        cppcassa::read_options one_end;
        one_end.super_column = value("s");
        one_end.column_start = value(std::int64_t{1});
        auto open_ended = integer_subs.get("k", one_end);
        co_await expect_refused("open_ended", std::move(open_ended), client_errc::not_supported);

        cppcassa::read_options zero_buffer;
        zero_buffer.buffer_size = 0;
        const std::vector<value> keys{"a", "b"};
        auto multiget = f.standard.multiget(keys, zero_buffer);
        co_await expect_refused("multiget", std::move(multiget), client_errc::invalid_argument);
        auto multiget_count = f.standard.multiget_count(keys, zero_buffer);
        co_await expect_refused("multiget_count", std::move(multiget_count), client_errc::invalid_argument);

        const cppcassa::column_values no_columns;
        const cppcassa::column_values flat{{"a", "A"}};
        const cppcassa::super_column_values nested{{"s", flat}};
        auto empty_insert = f.standard.insert("k", no_columns);
        co_await expect_refused("empty_insert", std::move(empty_insert), client_errc::invalid_argument);
        auto flat_into_super = f.super.insert("k", flat);
        co_await expect_refused("flat_into_super", std::move(flat_into_super), wrong_kind);
        auto nested_into_standard = f.standard.insert("k", nested);
        co_await expect_refused("nested_into_standard", std::move(nested_into_standard), wrong_kind);
        const cppcassa::row_values rows{{"k", flat}};
        const cppcassa::super_row_values super_rows{{"k", nested}};
        auto rows_into_super = f.super.batch_insert(rows);
        co_await expect_refused("rows_into_super", std::move(rows_into_super), wrong_kind);
        auto super_rows_into_standard = f.standard.batch_insert(super_rows);
        co_await expect_refused("super_rows_into_standard", std::move(super_rows_into_standard), wrong_kind);

        cppcassa::remove_options columns_and_range;
        columns_and_range.columns = std::vector<value>{"a"};
        columns_and_range.range = cppcassa::column_range{.start = value("a"), .finish = value("c")};
        auto remove_both = f.standard.remove("k", columns_and_range);
        co_await expect_refused("remove_both", std::move(remove_both), client_errc::conflicting_arguments);
        cppcassa::remove_options super_column;
        super_column.super_column = value("s");
        auto remove_super = f.standard.remove("k", super_column);
        co_await expect_refused("remove_super", std::move(remove_super), wrong_kind);
        cppcassa::counter_options counter_in_super;
        counter_in_super.super_column = value("s");
        auto add = f.counters.add("k", "c", 1, counter_in_super);
        co_await expect_refused("add", std::move(add), wrong_kind);

        auto cas_super = f.super.cas("k", no_columns, flat);
        co_await expect_refused("cas_super", std::move(cas_super), wrong_kind);
        auto cas_counter = f.counters.cas("k", no_columns, flat);
        co_await expect_refused("cas_counter", std::move(cas_counter), wrong_kind);
        const std::vector<cppcassa::column_range> no_range;
        auto multi_slice = f.standard.get_multi_slice("k", no_range);
        co_await expect_refused("multi_slice", std::move(multi_slice), client_errc::invalid_argument);

        CHECK(f.pool.stats().operations == 0);
        CHECK(no_keyspace_pool.stats().operations == 0);
    });
}

TEST_CASE("a batch refuses what it cannot queue with usage_error and keeps nothing of it") {
    asio::io_context io;
    fixture f(io.get_executor());
    cppcassa::batch b(f.pool);
    const cppcassa::column_values no_columns;
    const cppcassa::column_values flat{{"a", "A"}};
    const cppcassa::super_column_values nested{{"s", flat}};
    CHECK(usage_code([&] { b.insert(f.standard, "k", no_columns); }) == client_errc::invalid_argument);
    CHECK(usage_code([&] { b.insert(f.super, "k", flat); }) == client_errc::wrong_column_family_kind);
    CHECK(usage_code([&] { b.insert(f.standard, "k", nested); }) == client_errc::wrong_column_family_kind);
    cppcassa::remove_options columns_and_range;
    columns_and_range.columns = std::vector<value>{"a"};
    columns_and_range.range = cppcassa::column_range{.start = value("a"), .finish = value("c")};
    CHECK(usage_code([&] { b.remove(f.standard, "k", columns_and_range); }) == client_errc::conflicting_arguments);
    CHECK(b.pending() == 0);
}

TEST_CASE("column_family_map and execute_prepared refuse misuse with usage_error") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        fixture f(executor);
        const auto standard_mapping = cppcassa::test::test_mapping();
        const auto super_mapping = cppcassa::test::test_mapping().super_column(&cppcassa::test::test_row::super_column);
        CHECK(usage_code([&] { cppcassa::column_family_map(f.counters, standard_mapping); }) ==
              client_errc::wrong_column_family_kind);
        CHECK(usage_code([&] { cppcassa::column_family_map(f.super, standard_mapping); }) ==
              client_errc::wrong_column_family_kind);
        CHECK(usage_code([&] { cppcassa::column_family_map(f.standard, super_mapping); }) ==
              client_errc::wrong_column_family_kind);

        // Only an unset optional is mapped: nothing is left to write.
        const auto only_date = cppcassa::mapping(&cppcassa::test::test_row::key)
                                   .column("datetime_str_column", &cppcassa::test::test_row::datetime_str_column,
                                           cppcassa::mapped::datetime_string{});
        cppcassa::column_family_map objects(f.standard, only_date);
        cppcassa::test::test_row nothing;
        nothing.key = "k";
        auto insert = objects.insert(nothing);
        const auto refused = co_await usage_code_of(std::move(insert));
        CHECK(refused == client_errc::invalid_argument);

        // A statement with no bind marker, given one value.
        const cppcassa::cql_prepared statement;
        const std::vector<value> one{"x"};
        auto execute = cppcassa::execute_prepared(f.pool, statement, one);
        const auto arity = co_await usage_code_of(std::move(execute));
        CHECK(arity == client_errc::invalid_argument);
        CHECK(f.pool.stats().operations == 0);
    });
}
