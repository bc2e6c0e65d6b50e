// The connection facing peers that misbehave in ways a healthy Cassandra will not on demand:
// silence, half replies, oversized or malformed frames, refused connections, cancellation.
#include "codec/cassandra_methods.hpp"
#include "support/fake_peer_io.hpp"
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/scripted_peers.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::fake_server;
using cppcassa::test::run_coroutine;
using cppcassa::test::silent;
using cppcassa::test::version_responder;
using tcp = asio::ip::tcp;
namespace thrift = cppcassa::thrift;
using describe_version = cppcassa::codec::methods::describe_version;

using cppcassa::test::config_for;

template <class Error>
asio::awaitable<std::string> expect_failure(asio::awaitable<std::string> call) {
    try {
        co_await std::move(call);
    } catch (const Error& e) {
        co_return e.what();
    }
    FAIL("the call succeeded, but it should have thrown");
    co_return "";
}

TEST_CASE("a call to a peer that never answers fails with call_timeout after its timeout") {
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(server);
        config.call_timeout = 200ms;
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        const auto start = std::chrono::steady_clock::now();
        const std::string what = co_await expect_failure<cppcassa::call_timeout>(conn.describe_version());
        const auto elapsed = std::chrono::steady_clock::now() - start;
        CHECK(elapsed >= 200ms);
        CHECK(elapsed < 300ms);
        CHECK(what.find("describe_version on 127.0.0.1:") != std::string::npos);
        CHECK(what.find("200 ms") != std::string::npos);
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("an io_context destroyed while a call waits for its reply frees the caller and the connection") {
    // The caller's frame holds the connection, and the connection the caller's handler: only the
    // read in flight, which Asio destroys with the io_context, can break that circle.
    auto caller_state = std::make_shared<int>(0);
    const std::weak_ptr<int> watched = caller_state;
    {
        asio::io_context io;
        fake_server server(io.get_executor(), silent);
        asio::co_spawn(
            io,
            [&io, &server, state = std::move(caller_state)]() -> asio::awaitable<void> {
                cppcassa::connection conn(io.get_executor(), config_for(server));
                co_await conn.connect();
                co_await conn.describe_version();  // never answered
                *state = 1;
            },
            asio::detached);
        io.run_for(300ms);
        REQUIRE_FALSE(watched.expired());  // still waiting for the reply
        CHECK(*watched.lock() == 0);
    }
    CHECK(watched.expired());
}

TEST_CASE("a timeout fails the other waiting calls with connection_closed, which is retryable") {
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        std::string other_error;
        bool other_retryable = false;
        asio::co_spawn(io, conn.describe_version(), [&](std::exception_ptr e, std::string) {
            try {
                std::rethrow_exception(e);
            } catch (const cppcassa::connection_closed& closed) {
                other_error = closed.what();
                other_retryable = closed.retryable();
            } catch (...) {
            }
        });
        const cppcassa::call_options short_timeout{.timeout = 100ms};
        co_await expect_failure<cppcassa::call_timeout>(conn.describe_version(short_timeout));
        asio::steady_timer settle(io, 10ms);  // let the other call's completion run
        co_await settle.async_wait(asio::use_awaitable);
        CHECK(other_error.find("timed out") != std::string::npos);
        CHECK(other_retryable);
    });
}

TEST_CASE("the peer closing in the middle of a reply fails the call with connection_closed") {
    asio::io_context io;
    fake_server server(io.get_executor(), [](tcp::socket& socket) -> asio::awaitable<void> {
        std::string buffered;
        auto call = co_await cppcassa::test::read_call(socket, buffered, true);
        std::string reply;
        cppcassa::codec::encode_reply<describe_version>(reply, call->seqid, "20.1.0", true);
        co_await cppcassa::test::send(socket, reply.substr(0, reply.size() / 2));
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        const std::string what = co_await expect_failure<cppcassa::connection_closed>(conn.describe_version());
        CHECK(what.find("in the middle of a reply") != std::string::npos);
    });
}

TEST_CASE("a frame announced beyond the frame limit fails before its body arrives") {
    asio::io_context io;
    fake_server server(io.get_executor(), [](tcp::socket& socket) -> asio::awaitable<void> {
        std::string buffered;
        co_await cppcassa::test::read_call(socket, buffered, true);
        co_await cppcassa::test::send(socket, std::string("\x01\x00\x00\x01", 4));  // 16 MiB + 1
        co_await cppcassa::test::read_call(socket, buffered, true);  // keep the socket open
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        try {
            co_await conn.describe_version();
            FAIL("an oversized frame was accepted");
        } catch (const cppcassa::frame_too_large& e) {
            CHECK(e.announced == 16 * 1024 * 1024 + 1);
            CHECK(e.limit == 15 * 1024 * 1024);
        }
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("a reply with a bad protocol version fails with protocol_error") {
    asio::io_context io;
    fake_server server(io.get_executor(), [](tcp::socket& socket) -> asio::awaitable<void> {
        std::string buffered;
        co_await cppcassa::test::read_call(socket, buffered, true);
        co_await cppcassa::test::send(socket, std::string("\x00\x00\x00\x08\x12\x34\x00\x02\x00\x00\x00\x00", 12));
        co_await cppcassa::test::read_call(socket, buffered, true);
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        co_await expect_failure<cppcassa::protocol_error>(conn.describe_version());
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("connecting to a port nobody listens on fails with connect_error naming the endpoint") {
    asio::io_context io;
    tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    const auto port = probe.local_endpoint().port();
    probe.close();
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), {.host = "127.0.0.1", .port = port});
        try {
            co_await conn.connect();
            FAIL("connected to a closed port");
        } catch (const cppcassa::connect_error& e) {
            CHECK(std::string(e.what()).find(fmt::format("127.0.0.1:{}", port)) != std::string::npos);
            CHECK(e.retryable());
        }
    });
}

TEST_CASE("a call on a closed connection fails at once with connection_closed") {
    asio::io_context io;
    version_responder responder;
    fake_server server(io.get_executor(), responder.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        const auto version = co_await conn.describe_version();
        CHECK(version == "20.1.0");
        conn.close();
        const std::string what = co_await expect_failure<cppcassa::connection_closed>(conn.describe_version());
        CHECK(what.find("close()") != std::string::npos);
    });
}

TEST_CASE("cancelling a waiting call aborts it and closes the connection") {
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        asio::cancellation_signal cancel;
        std::exception_ptr outcome;
        bool done = false;
        asio::co_spawn(io, conn.describe_version(),
                       asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, std::string) {
                           outcome = e;
                           done = true;
                       }));
        asio::steady_timer wait(io, 20ms);
        co_await wait.async_wait(asio::use_awaitable);
        cancel.emit(asio::cancellation_type::terminal);
        wait.expires_after(20ms);
        co_await wait.async_wait(asio::use_awaitable);
        REQUIRE(done);
        REQUIRE(outcome);
        CHECK_THROWS_AS(std::rethrow_exception(outcome), cppcassa::call_cancelled);
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("the unframed transport carries pipelined calls") {
    asio::io_context io;
    version_responder responder{.framed = false};
    fake_server server(io.get_executor(), responder.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(server);
        config.framed = false;
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        for (int i = 0; i < 3; ++i) {
            // Not CHECK(co_await ...): GCC 12 runs a co_await inside Catch's macro more than once.
            const auto version = co_await conn.describe_version();
            CHECK(version == "20.1.0");
        }
    });
}

TEST_CASE("no more than max_in_flight calls are ever unanswered on the wire") {
    asio::io_context io;
    version_responder responder{.hold_until = 2};
    fake_server server(io.get_executor(), responder.behaviour());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(server);
        config.max_in_flight = 2;
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        int answered = 0;
        for (int i = 0; i < 10; ++i)
            asio::co_spawn(io, conn.describe_version(), [&](std::exception_ptr e, std::string version) {
                if (!e && version == "20.1.0")
                    ++answered;
            });
        asio::steady_timer poll(io);
        for (int i = 0; i < 200 && answered < 10; ++i) {
            poll.expires_after(10ms);
            co_await poll.async_wait(asio::use_awaitable);
        }
        CHECK(answered == 10);
        CHECK(responder.most_waiting == 2);
    });
}

TEST_CASE("a request larger than the socket buffer leaves whole, the rest after the non-blocking send asynchronously") {
    asio::io_context io;
    using batch_mutate = cppcassa::codec::methods::batch_mutate;
    std::size_t received_value = 0;
    // Reads nothing for a while, so the client's send buffer fills in the middle of the request,
    // then answers the batch and a describe_version behind it, which proves the stream in order.
    fake_server server(io.get_executor(), [&](tcp::socket& socket) -> asio::awaitable<void> {
        asio::steady_timer pause(socket.get_executor(), 200ms);
        co_await pause.async_wait(asio::use_awaitable);
        std::string buffered;
        for (int i = 0; i < 2; ++i) {
            auto call = co_await cppcassa::test::read_call(socket, buffered, true);
            if (!call)
                co_return;
            std::string reply;
            if (call->name == "batch_mutate") {
                received_value = call->body.size();
                cppcassa::codec::encode_reply<batch_mutate>(reply, call->seqid, {}, true);
            } else {
                cppcassa::codec::encode_reply<describe_version>(reply, call->seqid, "20.1.0", true);
            }
            co_await cppcassa::test::send(socket, reply);
        }
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        constexpr std::size_t value_size = 8 * 1024 * 1024;  // far beyond a loopback socket's buffers
        thrift::Column big{.name = "c", .value = std::string(value_size, 'v'), .timestamp = 1};
        thrift::Mutation insert{.column_or_supercolumn = thrift::ColumnOrSuperColumn{.column = big}};
        thrift::batch_mutate_args batch;
        batch.mutation_map["row"]["Standard1"].push_back(insert);
        auto write = conn.batch_mutate(std::move(batch));
        auto version = conn.describe_version();
        co_await std::move(write);
        const std::string answered = co_await std::move(version);
        CHECK(answered == "20.1.0");
        CHECK(received_value > value_size);
        CHECK(conn.is_open());
    });
}

}  // namespace
