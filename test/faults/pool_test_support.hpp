// What the fault tests share: configs for scripted peers, the describe_version operation, one live
// peer, an event-recording listener, success and failure expectations and a sleep.
#pragma once

#include "support/fake_server.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace cppcassa::test {

// A connection to one scripted peer. It answers what its test scripts: connect sends only login
// and set_keyspace.
inline cppcassa::connection_config config_for(const fake_server& server) {
    using namespace std::chrono_literals;
    cppcassa::connection_config config;
    config.host = "127.0.0.1";
    config.port = server.port();
    config.call_timeout = 5000ms;
    config.learn_server_version = false;
    return config;
}

// The pool operation most fault tests run: every scripted peer of version_responder answers it.
inline constexpr auto version = [](cppcassa::connection& c) { return c.describe_version(); };

inline cppcassa::pool_config pool_config_for(const std::vector<std::uint16_t>& ports) {
    using namespace std::chrono_literals;
    cppcassa::pool_config config;
    config.servers.clear();
    for (auto port : ports)
        config.servers.push_back(fmt::format("127.0.0.1:{}", port));
    config.connect_timeout = 1000ms;
    config.call_timeout = 2000ms;
    config.operation_timeout = 10000ms;
    config.prefill = false;
    config.health_check_interval = 0ms;  // tests of health checks turn them on
    // A scripted peer answers what its test scripts: connect sends only login and set_keyspace
    // (pool_version_test.cpp turns the learning on).
    config.learn_server_version = false;
    return config;
}

// A scripted peer that answers every describe_version, and a pool config naming only it.
struct one_live_peer {
    version_responder live;
    fake_server server;
    cppcassa::pool_config config;

    explicit one_live_peer(const boost::asio::any_io_executor& executor)
        : server(executor, live.behaviour()), config(pool_config_for({server.port()})) {}
};

// Closes every connection at once until `healthy` is set, then answers like version_responder: a
// server that is down, then comes back.
struct recovering_peer {
    bool healthy = false;
    version_responder responder;
    fake_server::behaviour answering = responder.behaviour();
    fake_server server;

    explicit recovering_peer(const boost::asio::any_io_executor& executor)
        : server(executor, [this](fake_server::tcp::socket& socket) -> boost::asio::awaitable<void> {
              if (healthy)
                  co_await answering(socket);
          }) {}
};

// `times` describe_version operations one after another, each answered as version_responder does.
inline boost::asio::awaitable<void> expect_versions(cppcassa::pool& pool, int times = 1) {
    const auto version = [](cppcassa::connection& c) { return c.describe_version(); };
    for (int i = 0; i < times; ++i) {
        const auto answer = co_await pool.execute(version);
        CHECK(answer == "20.1.0");
    }
}

template <class Error, class T>
boost::asio::awaitable<Error> expect_pool_failure(boost::asio::awaitable<T> call) {
    try {
        co_await std::move(call);
    } catch (const Error& e) {
        co_return e;
    }
    FAIL("the operation succeeded, but it should have thrown");
    throw std::logic_error("unreachable");
}

inline boost::asio::awaitable<void> pause_for(std::chrono::milliseconds duration) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, duration);
    co_await timer.async_wait(boost::asio::use_awaitable);
}

// Every event as one line: "created 127.0.0.1:1234", "down 127.0.0.1:1234", ... Locked: a
// per-thread pool may call it from several threads (one at a time, on its strand).
struct recording_listener : cppcassa::pool_listener {
    mutable std::mutex mutex;
    std::vector<std::string> events;

    void add(std::string line) {
        const std::lock_guard lock(mutex);
        events.push_back(std::move(line));
    }
    std::vector<std::string> snapshot() const {
        const std::lock_guard lock(mutex);
        return events;
    }
    // How many events start with `prefix`.
    std::size_t count(const std::string& prefix) const {
        std::size_t n = 0;
        for (const auto& e : snapshot())
            n += e.rfind(prefix, 0) == 0 ? 1 : 0;
        return n;
    }

    void connection_created(const std::string& endpoint) override { add("created " + endpoint); }
    void connection_failed(const std::string& endpoint, const std::string&) override { add("failed " + endpoint); }
    void checked_out(const std::string& endpoint) override { add("out " + endpoint); }
    void checked_in(const std::string& endpoint) override { add("in " + endpoint); }
    void connection_disposed(const std::string& endpoint, cppcassa::dispose_reason why) override {
        add(fmt::format("disposed {} {}", endpoint, cppcassa::to_string(why)));
    }
    void server_marked_down(const std::string& endpoint, const std::string&) override { add("down " + endpoint); }
    void server_marked_up(const std::string& endpoint) override { add("up " + endpoint); }
    void pool_at_max() override { add("at max"); }
    void pool_closed() override { add("closed"); }
};

}  // namespace cppcassa::test
