// cppcassa::connection against the real Cassandra the launcher started.
#include "support/fake_server.hpp"
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <string>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using cppcassa::test::run_coroutine;

const thrift::ColumnParent standard1{.column_family = "Standard1"};

thrift::ColumnPath column_path(std::string name) {
    thrift::ColumnPath path{.column_family = "Standard1"};
    path.column = std::move(name);
    return path;
}

thrift::Column column(std::string name, std::string value) {
    thrift::Column c{.name = std::move(name)};
    c.value = std::move(value);
    c.timestamp = cppcassa::test::now_micros();
    return c;
}

// The auth node runs PasswordAuthenticator with Cassandra's default superuser.
cppcassa::connection_config auth_server_config() {
    const char* host = std::getenv("CPPCASSA_TEST_AUTH_HOST");
    return {.host = host ? host : cppcassa::test::node_net() + ".9", .port = cppcassa::test::real_server().port};
}

TEST_CASE("our codec reads describe_version from the real server: the API of its line") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await conn.connect();
        // Awaited outside Catch's macros: GCC 12 evaluates a co_await inside CHECK more than once.
        const std::string version = co_await conn.describe_version();
        const std::string partitioner = co_await conn.describe_partitioner();
        CHECK(version == cppcassa::test::expected_api_version());
        CHECK(partitioner == "org.apache.cassandra.dht.Murmur3Partitioner");
    });
}

TEST_CASE("login with the right password is accepted by the auth node", "[real-only][auth-node]") {
    run_coroutine([]() -> asio::awaitable<void> {
        auto config = auth_server_config();
        config.login = cppcassa::credentials{"cassandra", "cassandra"};
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, config);
        co_await conn.connect();
        const auto keyspaces = co_await conn.describe_keyspaces();
        CHECK_FALSE(keyspaces.empty());
    });
}

TEST_CASE("login with a wrong password fails with authentication_error", "[real-only][auth-node]") {
    run_coroutine([]() -> asio::awaitable<void> {
        auto config = auth_server_config();
        config.login = cppcassa::credentials{"cassandra", "not-the-password"};
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, config);
        try {
            co_await conn.connect();
            FAIL("a wrong password was accepted");
        } catch (const cppcassa::authentication_error& e) {
            CHECK_FALSE(e.why.empty());
            CHECK(std::string(e.what()).find("login on " + config.host + ":9160") != std::string::npos);
            CHECK_FALSE(e.retryable());
        }
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("the auth node refuses calls before login", "[real-only][auth-node]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, auth_server_config());
        co_await conn.connect();
        const thrift::set_keyspace_args system{.keyspace = "system"};
        co_await conn.set_keyspace(system);
        thrift::SlicePredicate everything;
        everything.slice_range = thrift::SliceRange{};
        const thrift::get_slice_args read_local{
            .key = "local", .column_parent = {.column_family = "local"}, .predicate = everything};
        try {
            co_await conn.get_slice(read_local);
            FAIL("an anonymous read was accepted");
        } catch (const cppcassa::invalid_request& e) {
            CHECK(e.why.find("logged in") != std::string::npos);
        }
    });
}

TEST_CASE("set_keyspace on a missing keyspace fails with invalid_request") {
    run_coroutine([]() -> asio::awaitable<void> {
        auto config = cppcassa::test::real_server_config();
        config.keyspace = "no_such_keyspace";
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, config);
        try {
            co_await conn.connect();
            FAIL("a missing keyspace was accepted");
        } catch (const cppcassa::invalid_request& e) {
            CHECK(e.why.find("no_such_keyspace") != std::string::npos);
        }
    });
}

TEST_CASE("a column inserted is read back by get") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        const std::string value("binary\0value\xff", 13);
        const thrift::insert_args write{.key = "round-trip", .column_parent = standard1, .column = column("c1", value)};
        co_await conn.insert(write);
        const thrift::get_args get_c1{.key = "round-trip", .column_path = column_path("c1")};
        const auto read = co_await conn.get(get_c1);
        REQUIRE(read.column);
        CHECK(read.column->name == "c1");
        CHECK(read.column->value == value);
    });
}

TEST_CASE("the reuse form of get_slice refills the caller's vector with exactly the row read") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        const std::string long_value(300, 'v');
        const std::array<std::string, 3> names{"a1", "a2", "a3"};
        for (const auto& name : names) {
            const thrift::insert_args write{.key = "reuse-a", .column_parent = standard1, .column = column(name, long_value)};
            co_await conn.insert(write);
        }
        const thrift::insert_args write_b{.key = "reuse-b", .column_parent = standard1, .column = column("b1", "short")};
        co_await conn.insert(write_b);

        thrift::SlicePredicate all_columns;
        all_columns.slice_range = thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = 100};
        thrift::get_slice_args read_a{.key = "reuse-a", .column_parent = standard1, .predicate = all_columns};
        thrift::get_slice_args read_b{.key = "reuse-b", .column_parent = standard1, .predicate = all_columns};

        std::vector<thrift::ColumnOrSuperColumn> row;
        co_await conn.get_slice(read_a, row);
        const auto fresh_a = co_await conn.get_slice(read_a);
        CHECK(row == fresh_a);
        REQUIRE(row.size() == 3);
        const auto* kept = row[0].column->value->data();

        co_await conn.get_slice(read_b, row);
        REQUIRE(row.size() == 1);
        CHECK(row[0].column->name == "b1");
        CHECK(row[0].column->value == "short");

        co_await conn.get_slice(read_a, row);
        CHECK(row == fresh_a);
        CHECK(row[0].column->value->data() == kept);  // the first column's value kept its memory

        // A server exception through the reuse form: the same typed error, the stream still in sync.
        const thrift::get_slice_args unknown{.key = "k", .column_parent = {.column_family = "NoSuchFamily"},
                                             .predicate = all_columns};
        CHECK_THROWS_AS(co_await conn.get_slice(unknown, row), cppcassa::invalid_request);
        co_await conn.get_slice(read_b, row);
        CHECK(row.size() == 1);
    });
}

TEST_CASE("the reuse form of get_range_slices refills the caller's key slices") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        const thrift::insert_args write{.key = "reuse-range", .column_parent = standard1, .column = column("r1", "x")};
        co_await conn.insert(write);
        thrift::SlicePredicate all_columns;
        all_columns.slice_range = thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = 100};
        thrift::get_range_slices_args args{.column_parent = standard1, .predicate = all_columns, .range = {}};
        args.range.start_key = "";
        args.range.end_key = "";
        args.range.count = 5;
        std::vector<thrift::KeySlice> slices(7);  // stale elements beyond what the server returns
        co_await conn.get_range_slices(args, slices);
        const auto fresh = co_await conn.get_range_slices(args);
        CHECK(slices == fresh);
        CHECK_FALSE(slices.empty());
    });
}

TEST_CASE("get of a missing column fails with not_found") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        const thrift::get_args missing{.key = "no-such-row", .column_path = column_path("c1")};
        CHECK_THROWS_AS(co_await conn.get(missing), cppcassa::not_found);
        CHECK(conn.is_open());  // a server exception leaves the stream in sync
        const std::string version = co_await conn.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());
    });
}

TEST_CASE("a call on an unknown column family fails with invalid_request carrying Cassandra's why") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        try {
            const thrift::insert_args write{
                .key = "k", .column_parent = {.column_family = "NoSuchFamily"}, .column = column("c", "v")};
            co_await conn.insert(write);
            FAIL("an unknown column family was accepted");
        } catch (const cppcassa::invalid_request& e) {
            CHECK(e.why.find("NoSuchFamily") != std::string::npos);
            CHECK(std::string(e.what()).find("insert on ") != std::string::npos);
        }
    });
}

TEST_CASE("10 000 pipelined concurrent calls on one connection each get their own answer") {
    constexpr int calls = 10'000;
    asio::io_context io;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        // The last of 10 000 calls waits for the 9 999 before it: on a busy machine a node (2.0's
        // above all) takes longer than the default 10 s call timeout to serve them all.
        auto config = cppcassa::test::real_server_config();
        config.call_timeout = std::chrono::seconds(120);
        cppcassa::connection conn(io.get_executor(), config);
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        std::size_t most_in_flight = 0;
        int written = 0;
        int right_answers = 0;
        int failures = 0;
        // Keys spread over many partitions, one per call.
        for (int i = 0; i < calls; ++i)
            asio::co_spawn(
                io,
                conn.insert({.key = fmt::format("pipelined-{}", i),
                             .column_parent = standard1,
                             .column = column("c", fmt::format("value-{}", i))}),
                [&](std::exception_ptr e) { e ? ++failures : ++written; });
        asio::steady_timer poll(io);
        auto wait_for = [&](const int& counter) -> asio::awaitable<void> {
            while (counter + failures < calls) {
                most_in_flight = std::max(most_in_flight, conn.in_flight());
                poll.expires_after(1ms);
                co_await poll.async_wait(asio::use_awaitable);
            }
        };
        co_await wait_for(written);
        REQUIRE(failures == 0);
        for (int i = 0; i < calls; ++i)
            asio::co_spawn(io, conn.get({.key = fmt::format("pipelined-{}", i), .column_path = column_path("c")}),
                           [&, i](std::exception_ptr e, thrift::ColumnOrSuperColumn read) {
                               if (e)
                                   ++failures;
                               else if (read.column && read.column->value == fmt::format("value-{}", i))
                                   ++right_answers;
                           });
        co_await wait_for(right_answers);
        CHECK(failures == 0);
        CHECK(right_answers == calls);
        CHECK(most_in_flight > 1);  // the calls really overlapped on the wire
    });
}

TEST_CASE("a reply larger than the frame limit fails with frame_too_large") {
    run_coroutine([]() -> asio::awaitable<void> {
        auto executor = co_await asio::this_coro::executor;
        cppcassa::connection writer(executor, cppcassa::test::real_server_config());
        co_await cppcassa::test::connect_to_test_keyspace(writer);
        const thrift::insert_args write{
            .key = "big", .column_parent = standard1, .column = column("c", std::string(64 * 1024, 'x'))};
        co_await writer.insert(write);
        const thrift::get_args get_big{.key = "big", .column_path = column_path("c")};

        auto config = cppcassa::test::real_server_config();
        config.keyspace = cppcassa::test::test_keyspace;
        config.frame_limit = 16 * 1024;
        cppcassa::connection small(executor, config);
        co_await small.connect();
        try {
            co_await small.get(get_big);
            FAIL("a 64 KiB reply passed a 16 KiB frame limit");
        } catch (const cppcassa::frame_too_large& e) {
            CHECK(e.announced > 64 * 1024);
            CHECK(e.limit == 16 * 1024);
        }
        const auto read = co_await writer.get(get_big);
        CHECK(read.column->value->size() == 64 * 1024);
    });
}

TEST_CASE("after a silent listener times out, a new connection to the real server works") {
    asio::io_context io;
    cppcassa::test::fake_server silent(io.get_executor(), [](asio::ip::tcp::socket& socket) -> asio::awaitable<void> {
        char sink[4096];
        for (;;)
            co_await socket.async_read_some(asio::buffer(sink), asio::use_awaitable);
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection stuck(io.get_executor(), {.host = "127.0.0.1", .port = silent.port(), .call_timeout = 300ms, .learn_server_version = false});
        co_await stuck.connect();
        const auto start = std::chrono::steady_clock::now();
        CHECK_THROWS_AS(co_await stuck.describe_version(), cppcassa::call_timeout);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        CHECK(elapsed >= 300ms);
        CHECK(elapsed < 400ms);

        cppcassa::connection fresh(io.get_executor(), cppcassa::test::real_server_config());
        co_await fresh.connect();
        const std::string version = co_await fresh.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());
    });
}

}  // namespace
