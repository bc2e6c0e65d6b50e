// What a connection and a pool learn of the server they talk to, and the calls refused for it,
// against the launcher's node of whichever Cassandra line runs (scripts/test.sh runs this suite
// on every line): on 2.0 the calls 2.1 added fail with not_supported_by_server_error before
// anything is sent, from 2.1 on the server answers them.
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include "support/catch.hpp"

#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using cppcassa::test::run_coroutine;
using cppcassa::test::server_at_least;

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

thrift::get_multi_slice_args two_slices(const std::string& key) {
    thrift::get_multi_slice_args args;
    args.request.key = key;
    args.request.column_parent = thrift::ColumnParent{.column_family = "Standard1"};
    args.request.column_slices = std::vector<thrift::ColumnSlice>{{.start = "a", .finish = "b"}, {.start = "y", .finish = "z"}};
    args.request.consistency_level = thrift::ConsistencyLevel::ONE;
    return args;
}

asio::awaitable<void> insert_column(cppcassa::connection& conn, const std::string& key, const std::string& name) {
    thrift::insert_args insert;
    insert.key = key;
    insert.column_parent.column_family = "Standard1";
    insert.column.name = name;
    insert.column.value = "v";
    insert.column.timestamp = cppcassa::test::now_micros();
    insert.consistency_level = thrift::ConsistencyLevel::ONE;
    co_await conn.insert(insert);
}

// The refusal names the call, the server's release and API, and the first release with it.
void check_refusal(const cppcassa::not_supported_by_server_error& e, const std::string& feature) {
    CHECK(e.code == cppcassa::client_errc::not_supported_by_server);
    CHECK(e.feature == feature);
    CHECK(e.since == cppcassa::version_number{2, 1, 0});
    const std::string what = e.what();
    CHECK(mentions(what, feature));
    CHECK(mentions(what, cppcassa::test::server_release().to_string()));
    CHECK(mentions(what, cppcassa::test::expected_api_version()));
    CHECK(mentions(what, "Cassandra 2.1 or later"));
}

}  // namespace

TEST_CASE("connect learns the server's API version, and on a 19.x API its release") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        CHECK_FALSE(conn.server_version());
        co_await conn.connect();
        const auto version = conn.server_version();
        REQUIRE(version);
        CHECK(version->api.to_string() == cppcassa::test::expected_api_version());
        if (server_at_least(2, 2)) {
            CHECK_FALSE(version->release);  // 20.1.0 says enough: no system.local read
        } else {
            REQUIRE(version->release);
            CHECK(*version->release == cppcassa::test::server_release());
        }
    });
}

TEST_CASE("with learning off, connect learns nothing and sends every call as it is") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto config = cppcassa::test::real_server_config();
        config.learn_server_version = false;
        config.keyspace = cppcassa::test::test_keyspace;
        cppcassa::connection setup(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(setup);
        cppcassa::connection conn(executor, config);
        co_await conn.connect();
        CHECK_FALSE(conn.server_version());
    });
}

TEST_CASE("get_multi_slice is refused before sending on Cassandra 2.0 and answered from 2.1 on", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        co_await insert_column(conn, "multi-slice", "a");
        co_await insert_column(conn, "multi-slice", "m");
        co_await insert_column(conn, "multi-slice", "z");
        const auto args = two_slices("multi-slice");
        if (server_at_least(2, 1)) {
            const auto columns = co_await conn.get_multi_slice(args);
            REQUIRE(columns.size() == 2);
            CHECK(columns[0].column->name == "a");
            CHECK(columns[1].column->name == "z");
            co_return;
        }
        try {
            co_await conn.get_multi_slice(args);
            FAIL("Cassandra 2.0 has no get_multi_slice, yet the call was not refused");
        } catch (const cppcassa::not_supported_by_server_error& e) {
            check_refusal(e, "get_multi_slice");
        }
        std::vector<thrift::ColumnOrSuperColumn> reused;
        CHECK_THROWS_AS(co_await conn.get_multi_slice(args, reused), cppcassa::not_supported_by_server_error);
        CHECK(conn.is_open());
        CHECK(conn.in_flight() == 0);  // nothing was sent
        const std::string version = co_await conn.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());
    });
}

TEST_CASE("Cassandra 2.0 answers an unchecked get_multi_slice with unknown method and keeps the connection",
          "[real-only][cql]") {
    if (server_at_least(2, 1))
        return;  // the method exists there: the test above covers it
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        auto config = cppcassa::test::real_server_config();
        config.learn_server_version = false;
        config.keyspace = cppcassa::test::test_keyspace;
        cppcassa::connection conn(executor, config);
        co_await conn.connect();
        try {
            co_await conn.get_multi_slice(two_slices("multi-slice"));
            FAIL("Cassandra 2.0 answered get_multi_slice");
        } catch (const cppcassa::application_error& e) {
            CHECK(e.type == 1);  // TApplicationException UNKNOWN_METHOD
        }
        CHECK(conn.is_open());
        const std::string version = co_await conn.describe_version();
        CHECK(version == "19.39.0");
    });
}

TEST_CASE("a column family setting min_index_interval is refused on Cassandra 2.0 and created from 2.1 on",
          "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        thrift::CfDef def;
        def.keyspace = cppcassa::test::test_keyspace;
        def.name = "IndexInterval";
        def.min_index_interval = 64;
        try {
            const thrift::system_drop_column_family_args drop{.column_family = def.name};
            co_await conn.system_drop_column_family(drop);
        } catch (const cppcassa::invalid_request&) {
            // not there yet
        }
        const thrift::system_add_column_family_args add{.cf_def = def};
        if (!server_at_least(2, 1)) {
            try {
                co_await conn.system_add_column_family(add);
                FAIL("Cassandra 2.0 would drop min_index_interval, yet the call was not refused");
            } catch (const cppcassa::not_supported_by_server_error& e) {
                check_refusal(e, "CfDef.min_index_interval");
            }
            CHECK(conn.is_open());
            co_return;
        }
        co_await conn.system_add_column_family(add);
        const thrift::describe_keyspace_args which{.keyspace = cppcassa::test::test_keyspace};
        const auto ks = co_await conn.describe_keyspace(which);
        bool found = false;
        for (const auto& cf : ks.cf_defs)
            if (cf.name == "IndexInterval") {
                found = true;
                CHECK(cf.min_index_interval == 64);
            }
        CHECK(found);
    });
}

TEST_CASE("a pool keeps each server's version, and a refusal for it neither marks the server down nor retries",
          "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection setup(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(setup);
        const auto server = cppcassa::test::real_server();
        cppcassa::pool_config config;
        config.servers = {server.host + ":" + std::to_string(server.port)};
        config.keyspace = cppcassa::test::test_keyspace;
        config.prefill = false;
        cppcassa::pool pool(executor, config);
        const auto args = two_slices("multi-slice");
        auto multi_slice = [&args](cppcassa::connection& c) { return c.get_multi_slice(args); };
        bool refused = false;
        try {
            co_await pool.execute(multi_slice);
        } catch (const cppcassa::not_supported_by_server_error& e) {
            refused = true;
            check_refusal(e, "get_multi_slice");
        }
        CHECK(refused == !server_at_least(2, 1));
        const auto stats = pool.stats();
        REQUIRE(stats.hosts.size() == 1);
        const auto& host = stats.hosts[0];
        REQUIRE(host.server_version);
        CHECK(host.server_version->api.to_string() == cppcassa::test::expected_api_version());
        CHECK(host.up);
        CHECK(host.marked_down == 0);
        CHECK(stats.retries == 0);
    });
}
