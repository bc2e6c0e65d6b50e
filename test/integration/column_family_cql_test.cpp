// CQL3 over Thrift through the pool against the real Cassandra: typed results, prepared
// statements with typed binding, prepared statements used on nodes that did not prepare them.
#include "integration/column_family_extra_keyspace.hpp"
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/test_server.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/cql.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/types.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::value;
using cppcassa::test::run_coroutine;

// Runs a schema-changing query at consistency ALL and waits until the nodes agree on the schema.
asio::awaitable<void> run_cql(cppcassa::pool& pool, const std::string& query) {
    cppcassa::cql_options all;
    all.consistency = cppcassa::thrift::ConsistencyLevel::ALL;
    co_await cppcassa::execute_cql3(pool, query, all);
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::system_manager_config config;
    config.pool.servers = {cppcassa::test::test_server_endpoint()};
    cppcassa::system_manager sys(executor, config);
    co_await sys.wait_for_schema_agreement();
    sys.close();
}

// A CQL table in the extra keyspace, created once (IF NOT EXISTS, always through the same node so
// concurrent test processes do not create it twice on two nodes) and agreed on.
asio::awaitable<void> ensure_people() {
    co_await cppcassa::test::ensure_extra_keyspace();
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
    const std::string create = fmt::format(
        "CREATE TABLE IF NOT EXISTS {}.people (id text PRIMARY KEY, age int, score bigint, "
        "active boolean, tag uuid, nick text)",
        cppcassa::test::extra_keyspace);
    co_await run_cql(pool, create);
    pool.close();
}

// The launcher's nodes that answer: three when the cluster label runs this file, one on the
// integration label's single node (where every execution lands on the node that prepared it).
asio::awaitable<std::vector<std::string>> live_nodes() {
    const auto executor = co_await asio::this_coro::executor;
    std::vector<std::string> live;
    for (int node = 1; node <= 3; ++node) {
        const std::string host = cppcassa::test::node_host(node);
        const cppcassa::connection_config config{.host = host, .port = 9160,
                                                 .connect_timeout = std::chrono::milliseconds(2000)};
        cppcassa::connection probe(executor, config);
        bool up = true;
        try {
            co_await probe.connect();
        } catch (const cppcassa::connect_error&) {
            up = false;
        }
        if (up)
            live.push_back(fmt::format("{}:9160", host));
    }
    co_return live;
}

cppcassa::pool_config pool_of(const std::vector<std::string>& servers) {
    auto config = cppcassa::test::extra_pool_config();
    config.servers = servers;
    config.pool_size = servers.size();
    return config;
}

}  // namespace

TEST_CASE("execute_cql3 returns rows typed by the result's metadata", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
        co_await ensure_people();
        const auto id = cppcassa::test::fresh_key("cql");
        const auto tag = cppcassa::uuid::generate_random();
        const std::string insert = fmt::format(
            "INSERT INTO people (id, age, score, active, tag) VALUES ('{}', -7, 9000000000, true, {})", id,
            tag.to_string());
        const auto written = co_await cppcassa::execute_cql3(pool, insert);
        CHECK(written.type == cppcassa::thrift::CqlResultType::VOID);
        CHECK(written.rows.empty());

        const std::string select = fmt::format("SELECT id, age, score, active, tag, nick FROM people WHERE id = '{}'", id);
        const auto result = co_await cppcassa::execute_cql3(pool, select);
        CHECK(result.type == cppcassa::thrift::CqlResultType::ROWS);
        REQUIRE(result.rows.size() == 1);
        const auto& r = result.rows.front();
        CHECK(r.cells.size() == 6);
        CHECK(r.cells.front().name == "id");
        CHECK(r["id"].as<std::string>() == id);
        CHECK(r["age"].as<std::int32_t>() == -7);
        CHECK(r["score"].as<std::int64_t>() == 9000000000);
        CHECK(r["active"].as<bool>());
        CHECK(r["tag"].as<cppcassa::uuid>() == tag);
        CHECK(r["nick"].null);
        CHECK(result.types.at("age").kind() == cppcassa::type_kind::int32);
        CHECK(r.find("missing") == nullptr);

        const std::string bad = "SELECT nope FROM people";
        bool refused = false;
        try {
            co_await cppcassa::execute_cql3(pool, bad);
        } catch (const cppcassa::invalid_request&) {
            refused = true;
        }
        CHECK(refused);
    });
}

TEST_CASE("prepared statements bind typed values and run on nodes that did not prepare them", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        const auto servers = co_await live_nodes();
        REQUIRE_FALSE(servers.empty());
        INFO(servers.size() << " node(s) answer");
        cppcassa::pool pool(executor, pool_of(servers));
        co_await ensure_people();
        const std::string insert_text = "INSERT INTO people (id, age, score, active) VALUES (?, ?, ?, ?)";
        auto insert = co_await cppcassa::prepare_cql3(pool, insert_text);
        REQUIRE(insert.variable_types().size() == 4);
        CHECK(insert.variable_types()[1].kind() == cppcassa::type_kind::int32);
        CHECK(insert.variable_names() == std::vector<std::string>{"id", "age", "score", "active"});
        CHECK(insert.prepared_on().size() == 1);

        const std::string select_text = "SELECT age, score, active FROM people WHERE id = ?";
        auto select = co_await cppcassa::prepare_cql3(pool, select_text);
        const auto base = cppcassa::test::fresh_key("prep");
        // Round-robin over the nodes: on three, most executions land on a node that has not prepared it.
        for (int i = 0; i < 9; ++i) {
            const std::vector<value> values{base + std::to_string(i), value::int32(i - 4),
                                            std::int64_t{1} << (30 + i), i % 2 == 0};
            co_await cppcassa::execute_prepared(pool, insert, values);
        }
        for (int i = 0; i < 9; ++i) {
            const std::vector<value> key{base + std::to_string(i)};
            const auto result = co_await cppcassa::execute_prepared(pool, select, key);
            REQUIRE(result.rows.size() == 1);
            CHECK(result.rows[0]["age"].as<std::int32_t>() == i - 4);
            CHECK(result.rows[0]["score"].as<std::int64_t>() == (std::int64_t{1} << (30 + i)));
            CHECK(result.rows[0]["active"].as<bool>() == (i % 2 == 0));
        }
        CHECK(insert.prepared_on().size() == servers.size());
        CHECK(select.prepared_on().size() == servers.size());

        // Wrong arity or a value its type refuses: nothing is sent.
        const auto before = pool.stats().operations;
        const std::vector<value> too_few{"x"};
        const std::vector<value> text_as_int{"x", "not an int", std::int64_t{1}, true};
        bool marshal = false;
        auto wrong_arity = cppcassa::execute_prepared(pool, insert, too_few);
        const auto arity = co_await cppcassa::test::usage_code_of(std::move(wrong_arity));
        try {
            co_await cppcassa::execute_prepared(pool, insert, text_as_int);
        } catch (const cppcassa::marshal_error&) {
            marshal = true;
        }
        CHECK(arity == cppcassa::client_errc::invalid_argument);
        CHECK(marshal);
        CHECK(pool.stats().operations == before);
    });
}

TEST_CASE("a prepared statement the node forgot is prepared again on the next execution", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        // One node, so the statement's id is cached for the very connection the test checks.
        auto config = cppcassa::test::extra_pool_config();
        config.servers = {cppcassa::test::test_server_endpoint()};
        config.pool_size = 1;
        cppcassa::pool pool(executor, config);
        const std::string table = fmt::format("{}.forgetful", cppcassa::test::extra_keyspace);
        const std::string drop = fmt::format("DROP TABLE IF EXISTS {}", table);
        const std::string create = fmt::format("CREATE TABLE {} (id text PRIMARY KEY, n int)", table);
        co_await run_cql(pool, drop);
        co_await run_cql(pool, create);

        const std::string insert_text = fmt::format("INSERT INTO {} (id, n) VALUES (?, ?)", table);
        auto insert = co_await cppcassa::prepare_cql3(pool, insert_text);
        const std::vector<value> first{"a", value::int32(1)};
        co_await cppcassa::execute_prepared(pool, insert, first);

        // What the library relies on: a node (from Cassandra 2.1 on) forgets the statements of a
        // dropped table and answers their old id with InvalidRequestException (a restart can do
        // the same). Cassandra 2.0 keeps them: the old id runs against the new table.
        cppcassa::connection_config direct_config;
        direct_config.host = cppcassa::test::real_server().host;
        direct_config.port = 9160;
        direct_config.keyspace = cppcassa::test::extra_keyspace;
        cppcassa::connection direct(executor, direct_config);
        co_await direct.connect();
        cppcassa::thrift::prepare_cql3_query_args prepare_args;
        prepare_args.query = insert_text;
        prepare_args.compression = cppcassa::thrift::Compression::NONE;
        const auto prepared = co_await direct.prepare_cql3_query(prepare_args);

        co_await run_cql(pool, drop);
        co_await run_cql(pool, create);

        cppcassa::thrift::execute_prepared_cql3_query_args stale;
        stale.itemId = prepared.itemId;
        stale.values = {std::string("b"), std::string("\0\0\0\2", 4)};
        stale.consistency = cppcassa::thrift::ConsistencyLevel::ONE;
        bool forgotten = false;
        try {
            co_await direct.execute_prepared_cql3_query(stale);
        } catch (const cppcassa::invalid_request&) {
            forgotten = true;
        }
        if (cppcassa::test::server_at_least(2, 1))
            REQUIRE(forgotten);
        else
            CHECK_FALSE(forgotten);
        direct.close();

        // The pool's cached id is just as stale: execute_prepared prepares again and succeeds.
        const std::vector<value> second{"b", value::int32(2)};
        co_await cppcassa::execute_prepared(pool, insert, second);
        const std::string select = fmt::format("SELECT id, n FROM {}", table);
        const auto rows = co_await cppcassa::execute_cql3(pool, select);
        REQUIRE(rows.rows.size() == 1);  // the table was recreated: only the row written after
        CHECK(rows.rows[0]["id"].as<std::string>() == "b");
        CHECK(rows.rows[0]["n"].as<std::int32_t>() == 2);
        pool.close();
    });
}
