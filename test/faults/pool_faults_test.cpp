// The pool facing scripted peers: dead ports, silent servers, servers raising TimedOut or
// InvalidRequest, connections dropped mid-call or while idle. No Cassandra needed.
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/pool_listener.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using cppcassa::test::closed_port;
using cppcassa::test::expect_pool_failure;
using cppcassa::test::expect_versions;
using cppcassa::test::fake_server;
using cppcassa::test::pause_for;
using cppcassa::test::run_coroutine;
using cppcassa::test::version_responder;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;

// The shared config, but with the default health checks: these tests predate turning them off.
cppcassa::pool_config config_for(const std::vector<std::uint16_t>& ports) {
    auto config = cppcassa::test::pool_config_for(ports);
    config.health_check_interval = cppcassa::pool_config{}.health_check_interval;
    return config;
}

// The operations the tests run through the pool.
using cppcassa::test::version;

thrift::get_args some_get() {
    thrift::get_args args;
    args.key = "key";
    args.column_path.column_family = "Standard1";
    args.column_path.column = std::string("column");
    return args;
}
const auto get_column = [](cppcassa::connection& c) { return c.get(some_get()); };

long long ms_since(clock_type::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - start).count();
}

TEST_CASE("with two dead servers and one live one every operation succeeds and the dead are marked down") {
    asio::io_context io;
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    auto config = config_for({closed_port(io.get_executor()), closed_port(io.get_executor()), server.port()});
    config.prefill = true;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool, 10);
        const auto stats = pool.stats();
        CHECK(stats.succeeded == 10);
        CHECK(stats.failed == 0);
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.hosts[1].marked_down == 1);
        CHECK_FALSE(stats.hosts[0].up);
        CHECK_FALSE(stats.hosts[1].up);
        CHECK(stats.hosts[0].last_error.find("cannot connect to 127.0.0.1:") != std::string::npos);
        CHECK(stats.hosts[2].up);
        CHECK(stats.hosts[2].marked_down == 0);
        CHECK(stats.hosts[2].operations == 10);
        CHECK(live.calls == 10);
    });
}

TEST_CASE("when every server is dead the operation fails quickly with no_server_available naming each") {
    asio::io_context io;
    const std::vector<std::uint16_t> ports{closed_port(io.get_executor()), closed_port(io.get_executor()),
                                           closed_port(io.get_executor())};
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config_for(ports));
        const auto start = clock_type::now();
        const auto e = co_await expect_pool_failure<cppcassa::no_server_available>(pool.execute(version));
        const auto elapsed = ms_since(start);
        std::fprintf(stderr, "[measure] no_server_available after %lld ms (3 refused ports)\n", elapsed);
        CHECK(elapsed < 1000);
        CHECK_FALSE(e.retryable());
        REQUIRE(e.servers.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            const auto endpoint = fmt::format("127.0.0.1:{}", ports[i]);
            CHECK(e.servers[i].endpoint == endpoint);
            CHECK(e.servers[i].reason.find("cannot connect") != std::string::npos);
            CHECK(std::string(e.what()).find(endpoint) != std::string::npos);
        }
        // Every host is now in its backoff: the next operation fails at once, without connecting.
        const auto again = clock_type::now();
        co_await expect_pool_failure<cppcassa::no_server_available>(pool.execute(version));
        CHECK(ms_since(again) < 50);
        CHECK(pool.stats().connect_failures == 3);
    });
}

TEST_CASE("a server whose backoff expired is tried again and rejoins when it answers") {
    asio::io_context io;
    cppcassa::test::recovering_peer peer(io.get_executor());
    auto config = config_for({peer.server.port()});
    config.host_backoff = {.initial = 100ms, .max = 1000ms};
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_pool_failure<cppcassa::no_server_available>(pool.execute(version));
        CHECK_FALSE(pool.stats().hosts[0].up);
        peer.healthy = true;
        co_await expect_pool_failure<cppcassa::no_server_available>(pool.execute(version));  // still in backoff
        co_await pause_for(150ms);
        co_await expect_versions(pool);
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].up);
        CHECK(stats.hosts[0].marked_down == 1);
    });
}

TEST_CASE("a blackholed server makes the call time out, then the operation fails over and succeeds") {
    asio::io_context io;
    fake_server blackhole(io.get_executor(), cppcassa::test::silent);
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    auto config = config_for({blackhole.port(), server.port()});
    config.call_timeout = 200ms;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        const auto start = clock_type::now();
        {
            const auto answer = co_await pool.execute(version);  // round-robin starts at the blackhole
            CHECK(answer == "20.1.0");
        }
        const auto elapsed = ms_since(start);
        std::fprintf(stderr, "[measure] failover from a blackholed host after %lld ms (call_timeout 200 ms)\n",
                     elapsed);
        CHECK(elapsed >= 200);
        CHECK(elapsed < 700);
        const auto stats = pool.stats();
        CHECK(stats.retries == 1);
        CHECK(stats.failovers == 1);
        CHECK(stats.hosts[0].marked_down == 1);
        CHECK(stats.hosts[0].last_error.find("no reply within 200 ms") != std::string::npos);
        // The next operations skip the blackhole without waiting.
        const auto next = clock_type::now();
        co_await expect_versions(pool);
        CHECK(ms_since(next) < 100);
    });
}

TEST_CASE("a server answering TimedOut to every call exhausts the retries with maximum_retry") {
    asio::io_context io;
    cppcassa::test::get_exception_responder<thrift::TimedOutException> peer;
    peer.exception.acknowledged_by = 1;
    fake_server server(io.get_executor(), peer.behaviour());
    auto config = config_for({server.port()});
    config.max_retries = 3;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        const auto e = co_await expect_pool_failure<cppcassa::maximum_retry>(pool.execute(get_column));
        CHECK(e.attempts == 4);
        CHECK(peer.calls == 4);
        CHECK(std::string(e.what()).find("after 4 attempts") != std::string::npos);
        CHECK(std::string(e.what()).find("get on 127.0.0.1:") != std::string::npos);
        try {
            std::rethrow_exception(e.last_cause);
        } catch (const cppcassa::timed_out& cause) {
            CHECK(cause.acknowledged_by == 1);  // Cassandra's details survive the retries
        }
        const auto stats = pool.stats();
        CHECK(stats.retries == 3);
        CHECK(stats.failed == 1);
        CHECK(stats.hosts[0].marked_down == 0);  // TimedOut is the replicas', not this server's fault
        CHECK(stats.connections_opened == 1);
    });
}

TEST_CASE("a non-retryable error (invalid_request) propagates at once without a retry") {
    asio::io_context io;
    cppcassa::test::get_exception_responder<thrift::InvalidRequestException> peer;
    peer.exception.why = "unconfigured table Standard1";
    fake_server server(io.get_executor(), peer.behaviour());
    version_responder other;
    fake_server other_server(io.get_executor(), other.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config_for({server.port(), other_server.port()}));
        const auto e = co_await expect_pool_failure<cppcassa::invalid_request>(pool.execute(get_column));
        CHECK(e.why == "unconfigured table Standard1");
        CHECK(peer.calls == 1);
        CHECK(other.calls == 0);
        const auto stats = pool.stats();
        CHECK(stats.retries == 0);
        CHECK(stats.failovers == 0);
        CHECK(stats.hosts[0].up);
    });
}

TEST_CASE("a non-idempotent operation is not sent again after its connection dropped") {
    asio::io_context io;
    cppcassa::test::drop_after_request first, second;
    fake_server a(io.get_executor(), first.behaviour());
    fake_server b(io.get_executor(), second.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config_for({a.port(), b.port()}));
        const cppcassa::operation_options once{.idempotent = false};
        co_await expect_pool_failure<cppcassa::connection_closed>(pool.execute(version, once));
        CHECK(first.calls + second.calls == 1);
        CHECK(pool.stats().retries == 0);
        CHECK(pool.stats().hosts[0].marked_down == 1);
    });
}

TEST_CASE("a non-idempotent operation is retried after a connect failure (nothing was sent)") {
    asio::io_context io;
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config_for({closed_port(io.get_executor()), server.port()}));
        const cppcassa::operation_options once{.idempotent = false};
        {
            const auto answer = co_await pool.execute(version, once);
            CHECK(answer == "20.1.0");
        }
        CHECK(live.calls == 1);
        CHECK(pool.stats().failovers == 1);
    });
}

TEST_CASE("an idempotent operation whose connection dropped fails over to another server") {
    asio::io_context io;
    cppcassa::test::drop_after_request dropper;
    fake_server a(io.get_executor(), dropper.behaviour());
    version_responder live;
    fake_server b(io.get_executor(), live.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config_for({a.port(), b.port()}));
        co_await expect_versions(pool);
        CHECK(dropper.calls == 1);
        CHECK(live.calls == 1);
        CHECK(pool.stats().failovers == 1);
    });
}

TEST_CASE("the operation deadline cuts a call that would outlast it and throws call_timeout") {
    asio::io_context io;
    fake_server blackhole(io.get_executor(), cppcassa::test::silent);
    auto config = config_for({blackhole.port()});
    config.call_timeout = 5000ms;
    config.operation_timeout = 300ms;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        const auto start = clock_type::now();
        const auto e = co_await expect_pool_failure<cppcassa::call_timeout>(pool.execute(version));
        const auto elapsed = ms_since(start);
        CHECK(elapsed >= 300);
        CHECK(elapsed < 800);
        CHECK(std::string(e.what()).find("deadline of 300 ms") != std::string::npos);
        // The pool cut the call: that is not the server's fault.
        CHECK(pool.stats().hosts[0].marked_down == 0);
    });
}

TEST_CASE("the operation deadline bounds unlimited retries, per-operation timeout overriding the pool's") {
    asio::io_context io;
    cppcassa::test::get_exception_responder<thrift::TimedOutException> peer;
    fake_server server(io.get_executor(), peer.behaviour());
    auto config = config_for({server.port()});
    config.max_retries = std::nullopt;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        const cppcassa::operation_options short_deadline{.timeout = 300ms};
        const auto start = clock_type::now();
        const auto e = co_await expect_pool_failure<cppcassa::call_timeout>(pool.execute(get_column, short_deadline));
        const auto elapsed = ms_since(start);
        CHECK(elapsed >= 300);
        CHECK(elapsed < 800);
        CHECK(std::string(e.what()).find("last error: get on 127.0.0.1:") != std::string::npos);
        CHECK(peer.calls > 1);
        // The attempt the deadline cut may or may not have reached the peer.
        const auto attempts = pool.stats().retries + 1;
        CHECK((attempts == peer.calls || attempts == peer.calls + 1));
    });
}

TEST_CASE("a connection the peer closed while idle is replaced at checkout without spending a retry") {
    asio::io_context io;
    std::size_t connections = 0;
    fake_server server(io.get_executor(), [&](tcp::socket& socket) -> asio::awaitable<void> {
        ++connections;
        std::string buffered;  // answer one call, then close (a server-side idle timeout)
        if (auto call = co_await cppcassa::test::read_call(socket, buffered, true)) {
            std::string reply;
            cppcassa::codec::encode_reply<cppcassa::codec::methods::describe_version>(reply, call->seqid, "20.1.0",
                                                                                      true);
            co_await cppcassa::test::send(socket, reply);
        }
    });
    auto config = config_for({server.port()});
    config.max_retries = 0;  // any spent retry would fail the second operation
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool);
        co_await pause_for(50ms);  // the peer's close reaches the idle connection
        co_await expect_versions(pool);
        const auto stats = pool.stats();
        CHECK(stats.dropped_at_checkout == 1);
        CHECK(stats.retries == 0);
        CHECK(stats.connections_opened == 2);
        CHECK(stats.hosts[0].marked_down == 0);
        CHECK(connections == 2);
    });
}

TEST_CASE("a connection is replaced after `recycle` operations") {
    asio::io_context io;
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    auto config = config_for({server.port()});
    config.recycle = 3;
    config.pool_size = 1;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool, 7);
        const auto stats = pool.stats();
        CHECK(stats.connections_opened == 3);
        CHECK(stats.recycled == 2);
        CHECK(stats.connections_closed == 2);
        CHECK(stats.open_connections == 1);
        CHECK(live.connections == 3);
    });
}

TEST_CASE("a connection older than max_connection_age is replaced") {
    asio::io_context io;
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    auto config = config_for({server.port()});
    // Long enough that the first two operations fit in it on a loaded machine (50 ms did not).
    config.max_connection_age = 500ms;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool);
        co_await expect_versions(pool);
        co_await pause_for(600ms);
        co_await expect_versions(pool);
        CHECK(pool.stats().connections_opened == 2);
        CHECK(pool.stats().recycled == 1);
    });
}

TEST_CASE("round-robin spreads 30 operations evenly over 3 servers") {
    asio::io_context io;
    version_responder r1, r2, r3;
    fake_server s1(io.get_executor(), r1.behaviour());
    fake_server s2(io.get_executor(), r2.behaviour());
    fake_server s3(io.get_executor(), r3.behaviour());
    auto config = config_for({s1.port(), s2.port(), s3.port()});
    config.prefill = true;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await pause_for(100ms);  // let the prefill finish
        CHECK(pool.stats().open_connections == 5);
        co_await expect_versions(pool, 30);
        const auto stats = pool.stats();
        for (const auto& host : stats.hosts)
            CHECK(host.operations == 10);
        CHECK(r1.calls == 10);
        CHECK(r2.calls == 10);
        CHECK(r3.calls == 10);
        CHECK(stats.connections_opened == 5);  // the prefill, reused since: idle before new
    });
}

TEST_CASE("without round-robin every operation goes to the first healthy server in list order") {
    asio::io_context io;
    version_responder r1, r2;
    fake_server s1(io.get_executor(), r1.behaviour());
    fake_server s2(io.get_executor(), r2.behaviour());
    auto config = config_for({closed_port(io.get_executor()), s1.port(), s2.port()});
    config.round_robin = false;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool, 6);
        CHECK(r1.calls == 6);
        CHECK(r2.calls == 0);
    });
}

// Counts the connections open at once, exactly: every open and every close is an event.
struct open_count_listener : cppcassa::pool_listener {
    std::size_t open = 0;
    std::size_t most = 0;
    std::size_t made_room = 0;
    void connection_created(const std::string&) override { most = std::max(most, ++open); }
    void connection_disposed(const std::string&, cppcassa::dispose_reason why) override {
        --open;
        if (why == cppcassa::dispose_reason::made_room)
            ++made_room;
    }
};

TEST_CASE("concurrent operations share connections up to max_in_flight and never exceed size plus overflow") {
    asio::io_context io;
    version_responder r1, r2;
    fake_server s1(io.get_executor(), r1.behaviour());
    fake_server s2(io.get_executor(), r2.behaviour());
    auto config = config_for({s1.port(), s2.port()});
    config.pool_size = 2;
    config.max_overflow = 1;
    config.max_in_flight = 4;
    auto listener = std::make_shared<open_count_listener>();
    config.listener = listener;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        int answered = 0;
        int failed = 0;
        for (int i = 0; i < 60; ++i)
            asio::co_spawn(io, pool.execute(version), [&](std::exception_ptr e, std::string v) {
                (e || v != "20.1.0" ? failed : answered)++;
            });
        for (int i = 0; i < 300 && answered + failed < 60; ++i)
            co_await pause_for(5ms);
        CHECK(answered == 60);
        CHECK(failed == 0);
        CHECK(listener->most <= 3);
        // 60 operations on 3 connections of 4 slots: they were shared. A connection beyond the
        // first three is only one opened on the other server in place of an idle one closed to
        // make room for it (which of the two servers the operations pick is the retry loop's
        // rotation, so how often that happens depends on timing).
        CHECK(pool.stats().checkouts == 60);
        CHECK(pool.stats().connections_opened <= 3 + listener->made_room);
        CHECK(pool.stats().in_use == 0);
    });
}

TEST_CASE("an operation never waits behind a busy connection while one to the same host is idle") {
    // The server answers a connection only once two requests wait on it: had the second operation
    // been pipelined behind the first, both would be answered at once.
    asio::io_context io;
    version_responder r;
    r.hold_until = 2;
    fake_server s(io.get_executor(), r.behaviour());
    auto config = config_for({s.port()});
    config.pool_size = 2;
    config.max_overflow = 0;
    config.max_in_flight = 4;
    config.prefill = true;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        for (int i = 0; i < 200 && pool.stats().open_connections < 2; ++i)
            co_await pause_for(5ms);
        REQUIRE(pool.stats().open_connections == 2);
        int answered = 0;
        auto count = [&](std::exception_ptr e, std::string v) {
            if (!e && v == "20.1.0")
                ++answered;
        };
        asio::co_spawn(io, pool.execute(version), count);
        co_await pause_for(20ms);
        asio::co_spawn(io, pool.execute(version), count);
        co_await pause_for(100ms);
        CHECK(r.calls == 2);
        CHECK(r.most_waiting == 1);  // one request on each connection
        CHECK(answered == 0);
        // Two more operations, one per connection, release everything.
        asio::co_spawn(io, pool.execute(version), count);
        asio::co_spawn(io, pool.execute(version), count);
        for (int i = 0; i < 200 && answered < 4; ++i)
            co_await pause_for(5ms);
        CHECK(answered == 4);
        CHECK(r.connections == 2);
        CHECK(pool.stats().connections_opened == 2);
    });
}

TEST_CASE("close() fails a running operation with pool_closed and later ones at once") {
    asio::io_context io;
    fake_server blackhole(io.get_executor(), cppcassa::test::silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config_for({blackhole.port()}));
        std::exception_ptr outcome;
        bool done = false;
        asio::co_spawn(io, pool.execute(version), [&](std::exception_ptr e, std::string) {
            outcome = e;
            done = true;
        });
        co_await pause_for(50ms);
        pool.close();
        co_await pause_for(20ms);
        REQUIRE(done);
        CHECK_THROWS_AS(std::rethrow_exception(outcome), cppcassa::pool_closed);
        co_await expect_pool_failure<cppcassa::pool_closed>(pool.execute(version));
        CHECK(pool.stats().open_connections == 0);
        CHECK(pool.stats().hosts[0].marked_down == 0);
    });
}

TEST_CASE("cancelling an operation aborts its call, closes that connection and retries nothing") {
    asio::io_context io;
    fake_server blackhole(io.get_executor(), cppcassa::test::silent);
    version_responder live;
    fake_server server(io.get_executor(), live.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config_for({blackhole.port(), server.port()}));
        asio::cancellation_signal cancel;
        std::exception_ptr outcome;
        bool done = false;
        asio::co_spawn(io, pool.execute(version),
                       asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, std::string) {
                           outcome = e;
                           done = true;
                       }));
        co_await pause_for(50ms);
        cancel.emit(asio::cancellation_type::terminal);
        co_await pause_for(20ms);
        REQUIRE(done);
        REQUIRE(outcome);
        CHECK_THROWS_AS(std::rethrow_exception(outcome), cppcassa::call_cancelled);
        const auto stats = pool.stats();
        CHECK(stats.retries == 0);
        CHECK(stats.failed == 1);
        CHECK(stats.open_connections == 0);  // out of sync, so closed
        CHECK(stats.hosts[0].marked_down == 0);
        CHECK(live.calls == 0);
    });
}

}  // namespace
