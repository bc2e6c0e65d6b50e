// The pool's background task facing scripted peers: idle health checks and probes that bring a
// downed server back without an operation.
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/io_context.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <memory>
#include <string>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::expect_versions;
using cppcassa::test::fake_server;
using cppcassa::test::one_live_peer;
using cppcassa::test::pause_for;
using cppcassa::test::pool_config_for;
using cppcassa::test::recording_listener;
using cppcassa::test::run_coroutine;
using cppcassa::test::version_responder;
using tcp = asio::ip::tcp;

using cppcassa::test::version;

TEST_CASE("an idle connection whose peer stops answering is dropped by the health check") {
    asio::io_context io;
    std::size_t calls = 0;
    // Answers the first call, then reads and never answers (a server that hung while idle).
    fake_server server(io.get_executor(), [&](tcp::socket& socket) -> asio::awaitable<void> {
        std::string buffered;
        while (auto call = co_await cppcassa::test::read_call(socket, buffered, true)) {
            if (++calls > 1)
                continue;
            std::string reply;
            cppcassa::codec::encode_reply<cppcassa::codec::methods::describe_version>(reply, call->seqid, "20.1.0",
                                                                                      true);
            co_await cppcassa::test::send(socket, reply);
        }
    });
    auto config = pool_config_for({server.port()});
    config.health_check_interval = 100ms;
    config.call_timeout = 150ms;
    auto listener = std::make_shared<recording_listener>();
    config.listener = listener;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await expect_versions(pool);
        CHECK(pool.stats().open_connections == 1);
        co_await pause_for(400ms);  // a check at ~100 ms, no reply within 150 ms
        const auto stats = pool.stats();
        CHECK(calls >= 2);
        CHECK(stats.health_checks >= 1);
        CHECK(stats.health_check_failures >= 1);
        CHECK(stats.open_connections == 0);
        CHECK(listener->count(fmt::format("disposed 127.0.0.1:{} health_check", server.port())) == 1);
    });
}

TEST_CASE("health checks keep an idle connection that answers") {
    asio::io_context io;
    one_live_peer peer(io.get_executor());
    peer.config.health_check_interval = 50ms;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), peer.config);
        co_await expect_versions(pool);
        co_await pause_for(200ms);
        const auto stats = pool.stats();
        CHECK(stats.health_checks >= 2);
        CHECK(stats.health_check_failures == 0);
        CHECK(stats.open_connections == 1);
        CHECK(stats.connections_opened == 1);
        // Each check reached the server (the last may still be on its way when stats() is read).
        CHECK(peer.live.calls >= stats.health_checks);
        CHECK(peer.live.calls <= 1 + stats.health_checks);
        // The checks are not operations.
        CHECK(stats.operations == 1);
        CHECK(stats.hosts[0].checkouts == 1);
    });
}

TEST_CASE("a downed server that comes back is marked up by the probe, without an operation") {
    asio::io_context io;
    cppcassa::test::recovering_peer peer(io.get_executor());
    version_responder other;
    fake_server other_server(io.get_executor(), other.behaviour());
    auto config = pool_config_for({peer.server.port(), other_server.port()});
    config.health_check_interval = 50ms;
    config.host_backoff = {.initial = 100ms, .max = 100ms};
    auto listener = std::make_shared<recording_listener>();
    config.listener = listener;
    const auto endpoint = fmt::format("127.0.0.1:{}", peer.server.port());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        const auto answer = co_await pool.execute(version);  // fails over from the closing server
        CHECK(answer == "20.1.0");
        CHECK(listener->count("down " + endpoint) == 1);
        // While it stays broken, each probe after a backoff marks it down again.
        co_await pause_for(350ms);
        CHECK(pool.stats().probes >= 1);
        CHECK(pool.stats().hosts[0].marked_down >= 2);
        CHECK(listener->count("up " + endpoint) == 0);
        peer.healthy = true;
        co_await pause_for(350ms);
        const auto stats = pool.stats();
        CHECK(listener->count("up " + endpoint) == 1);
        CHECK(stats.hosts[0].up);
        CHECK(peer.responder.calls >= 1);  // the probe's describe_version
        CHECK(stats.operations == 1);  // no operation did it
    });
}

TEST_CASE("close() stops the background task") {
    asio::io_context io;
    one_live_peer peer(io.get_executor());
    peer.config.health_check_interval = 20ms;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), peer.config);
        co_await expect_versions(pool);
        pool.close();
        const auto checks = pool.stats().health_checks;
        co_await pause_for(100ms);
        CHECK(pool.stats().health_checks == checks);
    });
}

}  // namespace
