// Scripted Thrift peers shared by the fault tests: each is a fake_server behaviour (see
// fake_server.hpp). They stand in for misbehaving servers, never for Cassandra itself.
#pragma once

#include "codec/cassandra_methods.hpp"
#include "support/fake_peer_io.hpp"
#include "support/fake_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace cppcassa::test {

// Answers every describe_version with "20.1.0", counting the most requests it held unanswered.
struct version_responder {
    bool framed = true;
    std::size_t hold_until = 1;  // answer once this many requests are waiting
    std::size_t most_waiting = 0;
    std::size_t connections = 0;  // accepted so far
    std::size_t calls = 0;        // requests read so far

    fake_server::behaviour behaviour() {
        return [this](boost::asio::ip::tcp::socket& socket) -> boost::asio::awaitable<void> {
            using namespace std::chrono_literals;
            ++connections;
            std::string buffered;
            std::vector<std::int32_t> waiting;
            while (auto call = co_await read_call(socket, buffered, framed)) {
                ++calls;
                waiting.push_back(call->seqid);
                most_waiting = std::max(most_waiting, waiting.size());
                if (waiting.size() < hold_until)
                    continue;
                if (hold_until > 1) {
                    // Give a client that ignores its in-flight limit the chance to send more.
                    boost::asio::steady_timer pause(socket.get_executor(), 20ms);
                    co_await pause.async_wait(boost::asio::use_awaitable);
                }
                std::string replies;
                for (auto seqid : waiting)
                    codec::encode_reply<codec::methods::describe_version>(replies, seqid, "20.1.0", framed);
                waiting.clear();
                co_await send(socket, replies);
            }
        };
    }
};

// Reads requests and never answers (a blackholed or stalled server).
inline boost::asio::awaitable<void> silent(boost::asio::ip::tcp::socket& socket) {
    std::string buffered;
    while (co_await read_call(socket, buffered, true)) {
    }
}

// Answers every request as a `get` raising E (TimedOutException, InvalidRequestException, ...).
template <class E>
struct get_exception_responder {
    E exception{};
    std::size_t calls = 0;

    fake_server::behaviour behaviour() {
        return [this](boost::asio::ip::tcp::socket& socket) -> boost::asio::awaitable<void> {
            std::string buffered;
            while (auto call = co_await read_call(socket, buffered, true)) {
                ++calls;
                std::string reply;
                codec::encode_exception_reply<codec::methods::get, E>(reply, call->seqid, exception, true);
                co_await send(socket, reply);
            }
        };
    }
};

// Reads one request, counts it, and closes the connection without answering.
struct drop_after_request {
    std::size_t calls = 0;

    fake_server::behaviour behaviour() {
        return [this](boost::asio::ip::tcp::socket& socket) -> boost::asio::awaitable<void> {
            std::string buffered;
            if (co_await read_call(socket, buffered, true))
                ++calls;
        };
    }
};

// A 127.0.0.1 port nobody listens on (bound, then closed): connecting to it is refused.
inline std::uint16_t closed_port(boost::asio::any_io_executor executor) {
    boost::asio::ip::tcp::acceptor probe(executor,
                                         boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    const auto port = probe.local_endpoint().port();
    probe.close();
    return port;
}

}  // namespace cppcassa::test
