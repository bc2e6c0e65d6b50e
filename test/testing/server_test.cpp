// The real cppcassa client (connection, pool, system_manager, column_family) against embedded
// nodes on 127.0.0.1: the calls of pycassa's tutorial, pipelining, both transports, several nodes
// sharing data, and every scriptable fault giving the client's typed error.
#include "codec/binary_reader.hpp"
#include "codec/binary_writer.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>
#include <cppcassa/testing/cluster.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using cppcassa::test::run_coroutine;
using cppcassa::testing::cluster;
using cppcassa::testing::injected_failure;

cppcassa::connection_config config_for(const cppcassa::testing::node& n, std::string keyspace = {}) {
    cppcassa::connection_config c;
    c.host = n.host();
    c.port = n.port();
    c.connect_timeout = 2000ms;
    c.call_timeout = 2000ms;
    c.keyspace = std::move(keyspace);
    // These tests count the calls a node receives and silence nodes: connect sends only
    // set_keyspace. (The version learning is tested against it by the embedded label.)
    c.learn_server_version = false;
    return c;
}

cppcassa::pool_config pool_for(const cluster& db, std::string keyspace = {}) {
    cppcassa::pool_config c;
    c.servers = db.servers();
    c.keyspace = std::move(keyspace);
    c.connect_timeout = 1000ms;
    c.call_timeout = 2000ms;
    c.operation_timeout = 10000ms;
    c.prefill = false;
    c.health_check_interval = 0ms;
    return c;
}

// Creates keyspace "app" with Standard1 (UTF8 everywhere) and Super1 through system_*.
asio::awaitable<void> create_schema(const cluster& db) {
    auto executor = co_await asio::this_coro::executor;
    cppcassa::system_manager_config config;
    config.pool = pool_for(db);
    config.pool.pool_size = 1;
    config.pool.max_overflow = 1;
    config.schema_poll_interval = 10ms;
    cppcassa::system_manager sys(executor, config);
    const cppcassa::keyspace_options simple{.strategy_class = "SimpleStrategy",
                                            .strategy_options = {{"replication_factor", "1"}}};
    co_await sys.create_keyspace("app", simple);
    const cppcassa::column_family_options text{.comparator_type = "UTF8Type",
                                               .key_validation_class = "UTF8Type",
                                               .default_validation_class = "UTF8Type"};
    co_await sys.create_column_family("app", "Standard1", text);
    cppcassa::column_family_options super_text = text;
    super_text.kind = cppcassa::column_family_kind::super;
    super_text.subcomparator_type = "UTF8Type";
    co_await sys.create_column_family("app", "Super1", super_text);
}

asio::awaitable<std::vector<cppcassa::row>> list(cppcassa::row_range& range) {
    std::vector<cppcassa::row> rows;
    while (auto r = co_await range.next())
        rows.push_back(std::move(*r));
    co_return rows;
}

std::string text(const cppcassa::value& v) { return v.as<std::string>(); }

// The insert of column "c" = `value` into row "k" of Standard1, and the get that reads it back.
thrift::insert_args insert_k(std::string value) {
    thrift::insert_args ins;
    ins.key = "k";
    ins.column_parent.column_family = "Standard1";
    ins.column = thrift::Column{.name = "c", .value = std::move(value), .timestamp = 1, .ttl = std::nullopt};
    return ins;
}

thrift::get_args get_k() {
    thrift::get_args get;
    get.key = "k";
    get.column_path.column_family = "Standard1";
    get.column_path.column = std::string("c");
    return get;
}

// Whether describe_version on `conn` fails with `Error` (any other outcome is not it).
template <class Error>
asio::awaitable<bool> describe_version_fails_with(cppcassa::connection& conn) {
    bool failed = false;
    try {
        co_await conn.describe_version();
    } catch (const Error&) {
        failed = true;
    }
    co_return failed;
}

// A raw framed call of `method` with no arguments.
std::string raw_call(std::string_view method, std::int32_t seqid) {
    std::string out(4, '\0');
    cppcassa::codec::binary_writer w(out);
    w.write_message_begin(method, cppcassa::codec::message_type::call, seqid);
    w.write_field_stop();
    const auto n = static_cast<std::uint32_t>(out.size() - 4);
    out[0] = static_cast<char>(n >> 24);
    out[1] = static_cast<char>(n >> 16);
    out[2] = static_cast<char>(n >> 8);
    out[3] = static_cast<char>(n);
    return out;
}

}  // namespace

TEST_CASE("the calls of pycassa's tutorial run unchanged against an embedded node", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        cppcassa::pool pool(io.get_executor(), pool_for(db, "app"));
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const cppcassa::column_values val1{{"column1", "val1"}};
        co_await cf.insert("foo", val1);
        const auto foo = co_await cf.get("foo");
        REQUIRE(foo.columns.size() == 1);
        CHECK(text(foo.columns.begin()->value) == "val1");
        const cppcassa::column_values bar_columns{{"column1", "val3"}, {"column2", "val4"}};
        co_await cf.insert("bar", bar_columns);
        const std::vector<cppcassa::value> keys{"foo", "bar"};
        const auto rows = co_await cf.multiget(keys);
        CHECK(rows.size() == 2);
        const auto count = co_await cf.get_count("bar");
        CHECK(count == 2);
        cppcassa::read_options last;
        last.column_count = 1;
        last.column_reversed = true;
        const auto last_one = co_await cf.get("bar", last);
        REQUIRE(last_one.columns.size() == 1);
        CHECK(text(last_one.columns.begin()->name) == "column2");
        auto range = cf.get_range();
        const auto all = co_await list(range);
        CHECK(all.size() == 2);
        cppcassa::remove_options column1;
        column1.columns = std::vector<cppcassa::value>{"column1"};
        co_await cf.remove("bar", column1);
        const auto rest = co_await cf.get("bar");
        REQUIRE(rest.columns.size() == 1);
        CHECK(text(rest.columns.begin()->name) == "column2");
        co_await cf.remove("bar");
        bool missing = false;
        try {
            co_await cf.get("bar");
        } catch (const cppcassa::not_found&) {
            missing = true;
        }
        CHECK(missing);

        auto super = co_await cppcassa::column_family::open(pool, "Super1");
        const cppcassa::super_column_values sc{{"sc1", {{"a", "1"}, {"b", "2"}}}, {"sc2", {{"c", "3"}}}};
        co_await super.insert("row", sc);
        const auto got = co_await super.get("row");
        REQUIRE(got.super_columns.size() == 2);
        CHECK(text(got.super_columns.front().name) == "sc1");
        CHECK(got.super_columns.front().columns.size() == 2);
        pool.close();
    });
}

TEST_CASE("an unknown column family is an invalid_request with Cassandra's message", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        cppcassa::connection conn(io.get_executor(), config_for(db[0], "app"));
        co_await conn.connect();
        thrift::get_args args;
        args.key = "k";
        args.column_path.column_family = "NoSuchCf";
        args.column_path.column = std::string("c");
        std::string why;
        try {
            co_await conn.get(args);
        } catch (const cppcassa::invalid_request& e) {
            why = e.why;
        }
        CHECK(why == "unconfigured table NoSuchCf");
        const auto version = co_await conn.describe_version();
        CHECK(version == "20.1.0");  // a declared exception leaves the connection usable
    });
}

TEST_CASE("pipelined calls are answered in order and an unknown method gets UNKNOWN_METHOD", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        asio::ip::tcp::socket socket(io);
        const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(db[0].host()), db[0].port());
        co_await socket.async_connect(endpoint, asio::use_awaitable);
        const std::string calls = raw_call("describe_version", 1) + raw_call("no_such_method", 2) +
                                  raw_call("describe_cluster_name", 3);
        co_await asio::async_write(socket, asio::buffer(calls), asio::use_awaitable);
        std::vector<std::pair<std::string, cppcassa::codec::message_type>> replies;
        for (int i = 0; i < 3; ++i) {
            std::array<char, 4> prefix{};
            co_await asio::async_read(socket, asio::buffer(prefix), asio::use_awaitable);
            const std::size_t n = (std::size_t(std::uint8_t(prefix[0])) << 24) | (std::size_t(std::uint8_t(prefix[1])) << 16) |
                                  (std::size_t(std::uint8_t(prefix[2])) << 8) | std::size_t(std::uint8_t(prefix[3]));
            std::string body(n, '\0');
            co_await asio::async_read(socket, asio::buffer(body), asio::use_awaitable);
            cppcassa::codec::binary_reader r(body);
            const auto h = r.read_message_begin();
            CHECK(h.seqid == i + 1);
            replies.emplace_back(std::string(h.name), h.type);
            if (h.type == cppcassa::codec::message_type::exception) {
                auto f = r.read_field_begin();
                REQUIRE(f.id == 1);
                std::string message;
                r.read_string(message);
                CHECK(message == "Invalid method name: 'no_such_method'");
                f = r.read_field_begin();
                REQUIRE(f.id == 2);
                CHECK(r.read_i32() == 1);  // UNKNOWN_METHOD
            }
        }
        CHECK(replies[0] == std::pair{std::string("describe_version"), cppcassa::codec::message_type::reply});
        CHECK(replies[1] == std::pair{std::string("no_such_method"), cppcassa::codec::message_type::exception});
        CHECK(replies[2] == std::pair{std::string("describe_cluster_name"), cppcassa::codec::message_type::reply});
    });
}

TEST_CASE("an unframed node answers a client using the unframed transport", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor(), cppcassa::testing::cluster_options{.framed = false});
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(db[0]);
        config.framed = false;
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        const auto name = co_await conn.describe_cluster_name();
        CHECK(name == "Test Cluster");
    });
}

TEST_CASE("three nodes share one dataset and describe_ring lists them with their tokens", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor(), cppcassa::testing::cluster_options{.nodes = 3});
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        cppcassa::connection first(io.get_executor(), config_for(db[0], "app"));
        co_await first.connect();
        const thrift::insert_args ins = insert_k("v");
        co_await first.insert(ins);
        cppcassa::connection third(io.get_executor(), config_for(db[2], "app"));
        co_await third.connect();
        const thrift::get_args get = get_k();
        const auto cell = co_await third.get(get);
        CHECK(cell.column->value == "v");
        thrift::describe_ring_args which{"app"};
        const auto ring = co_await third.describe_ring(which);
        REQUIRE(ring.size() == 3);
        CHECK(ring[1].end_token == std::to_string(db[1].token()));
        CHECK(ring[0].start_token == std::to_string(db[2].token()));
    });
}

TEST_CASE("nodes on distinct loopback hosts share one port, so the ring names them apart", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor(), cppcassa::testing::cluster_options{.nodes = 3, .distinct_hosts = true});
    CHECK(db[0].host() == "127.0.0.1");
    CHECK(db[2].host() == "127.0.0.3");
    CHECK(db[0].port() == db[2].port());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        cppcassa::connection conn(io.get_executor(), config_for(db[1]));
        co_await conn.connect();
        thrift::describe_ring_args which{"app"};
        const auto ring = co_await conn.describe_ring(which);
        std::vector<std::string> hosts;
        for (const auto& r : ring)
            hosts.push_back(r.endpoints.at(0));
        CHECK(hosts == std::vector<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.3"});
    });
}

TEST_CASE("the pool fails over to the live nodes when one of three is stopped", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor(), cppcassa::testing::cluster_options{.nodes = 3});
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        db[1].stop();
        const auto before = db[1].calls_received();  // the schema calls it got while up
        const auto live_before = db[0].calls_received() + db[2].calls_received();
        cppcassa::pool pool(io.get_executor(), pool_for(db, "app"));
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        for (int i = 0; i < 9; ++i) {
            const cppcassa::column_values cols{{"c", "v"}};
            co_await cf.insert(fmt::format("key{}", i), cols);
        }
        CHECK(db[1].calls_received() == before);
        CHECK(db[0].calls_received() + db[2].calls_received() >= live_before + 9);
        const auto stats = pool.stats();
        CHECK(stats.failed == 0);
        pool.close();
    });
}

TEST_CASE("a node refusing connections gives connect_error, and accepts again after start", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    db[0].refuse_connections();
    CHECK_FALSE(db[0].running());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        bool refused = false;
        {
            cppcassa::connection conn(io.get_executor(), config_for(db[0]));
            try {
                co_await conn.connect();
            } catch (const cppcassa::connect_error&) {
                refused = true;
            }
        }
        CHECK(refused);
        db[0].accept_connections();
        cppcassa::connection conn(io.get_executor(), config_for(db[0]));
        co_await conn.connect();
        const auto version = co_await conn.describe_version();
        CHECK(version == "20.1.0");
    });
}

TEST_CASE("a stopped and restarted node keeps its port and the cluster's data", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    const auto port = db[0].port();
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        cppcassa::connection conn(io.get_executor(), config_for(db[0], "app"));
        co_await conn.connect();
        const thrift::insert_args ins = insert_k("kept");
        co_await conn.insert(ins);
        db[0].stop();
        const bool closed = co_await describe_version_fails_with<cppcassa::transport_error>(conn);
        CHECK(closed);
        db[0].start();
        CHECK(db[0].port() == port);
        cppcassa::connection again(io.get_executor(), config_for(db[0], "app"));
        co_await again.connect();
        const thrift::get_args get = get_k();
        const auto cell = co_await again.get(get);
        CHECK(cell.column->value == "kept");
    });
}

TEST_CASE("a silent node makes the call time out on the client", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    db[0].set_silent(true);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(db[0]);
        config.call_timeout = 200ms;
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        const bool timed_out = co_await describe_version_fails_with<cppcassa::call_timeout>(conn);
        CHECK(timed_out);
        CHECK(db[0].calls_received() == 1);
    });
}

TEST_CASE("latency longer than the client's call timeout gives call_timeout, shorter succeeds", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    db[0].set_latency(400ms);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(db[0]);
        config.call_timeout = 100ms;
        bool timed_out = false;
        {
            cppcassa::connection conn(io.get_executor(), config);
            co_await conn.connect();
            timed_out = co_await describe_version_fails_with<cppcassa::call_timeout>(conn);
        }
        CHECK(timed_out);
        db[0].set_latency(10ms);
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        const auto version = co_await conn.describe_version();
        CHECK(version == "20.1.0");
    });
}

TEST_CASE("a node resetting after two calls answers two and the third gets connection_closed", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    db[0].reset_after_calls(2);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(db[0]));
        co_await conn.connect();
        const auto one = co_await conn.describe_version();
        const auto two = co_await conn.describe_version();
        CHECK(one == two);
        const bool closed = co_await describe_version_fails_with<cppcassa::transport_error>(conn);
        CHECK(closed);
    });
}

TEST_CASE("injected TimedOut and Unavailable reach the client typed, with acknowledged_by", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        co_await create_schema(db);
        db[0].fail_calls("insert", injected_failure::timed_out, 1);
        db[0].fail_calls("get", injected_failure::unavailable);
        cppcassa::connection conn(io.get_executor(), config_for(db[0], "app"));
        co_await conn.connect();
        const thrift::insert_args ins = insert_k("v");
        std::optional<std::int32_t> acknowledged;
        try {
            co_await conn.insert(ins);
        } catch (const cppcassa::timed_out& e) {
            acknowledged = e.acknowledged_by;
        }
        CHECK(acknowledged == 1);
        const thrift::get_args get = get_k();
        bool unavailable = false;
        try {
            co_await conn.get(get);
        } catch (const cppcassa::unavailable&) {
            unavailable = true;
        }
        CHECK(unavailable);
        db[0].clear_faults();
        co_await conn.insert(ins);
        const auto cell = co_await conn.get(get);
        CHECK(cell.column->value == "v");
    });
}

TEST_CASE("a cluster on its own thread serves a client on another and reports its startup time", "[server]") {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    cluster db;  // its own thread
    const auto listening = clock::now();
    asio::io_context io;
    clock::time_point first_reply;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(db[0]));
        co_await conn.connect();
        const auto version = co_await conn.describe_version();
        first_reply = clock::now();
        CHECK(version == "20.1.0");
    });
    db[0].set_latency(0ms);  // a control call from another thread
    const auto us = [](auto d) { return std::chrono::duration_cast<std::chrono::microseconds>(d).count(); };
    std::printf("embedded cluster startup: construct+listen %lld us, first reply after %lld us\n",
                static_cast<long long>(us(listening - start)), static_cast<long long>(us(first_reply - start)));
    CHECK(db[0].calls_received() == 1);
}

TEST_CASE("a cluster with users refuses a bad login with authentication_error", "[server]") {
    asio::io_context io;
    cluster db(io.get_executor(), cppcassa::testing::cluster_options{.users = {{"alice", "secret"}}});
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(db[0]);
        config.login = cppcassa::credentials{"alice", "wrong"};
        bool refused = false;
        {
            cppcassa::connection conn(io.get_executor(), config);
            try {
                co_await conn.connect();
            } catch (const cppcassa::authentication_error&) {
                refused = true;
            }
        }
        CHECK(refused);
        config.login = cppcassa::credentials{"alice", "secret"};
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        const auto version = co_await conn.describe_version();
        CHECK(version == "20.1.0");
    });
}
