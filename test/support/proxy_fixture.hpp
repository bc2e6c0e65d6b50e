// What the fault-proxy tests (proxy_connection_test.cpp, proxy_pool_test.cpp) share: the proxy in
// front of the real node, the time a failure may take beyond its timeout, and how an expected
// failure is caught. (Arguments are named variables taken by reference, never temporaries inside
// co_await: GCC 12 destroys those twice; see docs/architecture.md.)
#pragma once

#include "support/fault_proxy.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/catch.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace cppcassa::test {

using proxy_clock = std::chrono::steady_clock;

// Beyond any timeout, the most a failure may take to surface: 2 shared cores, ASan, three JVMs.
inline constexpr auto proxy_margin = std::chrono::milliseconds(3000);

inline std::chrono::milliseconds since(proxy_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(proxy_clock::now() - start);
}

inline boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, duration);
    co_await timer.async_wait(boost::asio::use_awaitable);
}

// A pass-through proxy to the launcher's node (a prvalue: the proxy can be neither copied nor moved).
inline fault_proxy proxy_to_real_node(const boost::asio::any_io_executor& executor) {
    const auto server = real_server();
    return fault_proxy(executor, server.host, server.port);
}

// Drops every proxied connection after `delay`: the test awaits a call that the drop must end.
inline void drop_after(boost::asio::steady_timer& timer, fault_proxy& proxy, std::chrono::milliseconds delay) {
    timer.expires_after(delay);
    timer.async_wait([&proxy](boost::system::error_code ec) {
        if (!ec)
            proxy.drop();
    });
}

// Waits (bounded) until the proxy has no open connection: the client closed its side.
inline boost::asio::awaitable<bool> proxy_connections_closed(const fault_proxy& proxy) {
    for (int i = 0; i < 100 && proxy.stats().open > 0; ++i)
        co_await sleep_for(std::chrono::milliseconds(20));
    co_return proxy.stats().open == 0;
}

// Through a fresh connection to the real node, not the proxy under test.
inline boost::asio::awaitable<void> ensure_keyspace_on_real_node() {
    const auto executor = co_await boost::asio::this_coro::executor;
    cppcassa::connection setup(executor, real_server_config());
    co_await setup.connect();
    co_await ensure_test_keyspace(setup);
}

struct expected_failure {
    std::string what;
    std::chrono::milliseconds took{};  // from the start of the call to the error
};

// Awaits `call`, which must throw Error (anything else propagates and fails the test); a success
// FAILs with `if_it_succeeds`.
template <class Error, class T>
boost::asio::awaitable<expected_failure> expect_failure(boost::asio::awaitable<T>& call,
                                                        std::string_view if_it_succeeds) {
    expected_failure failure;
    const auto start = proxy_clock::now();
    try {
        co_await std::move(call);
        FAIL(if_it_succeeds);
    } catch (const Error& e) {
        failure.what = e.what();
    }
    failure.took = since(start);
    co_return failure;
}

}  // namespace cppcassa::test
