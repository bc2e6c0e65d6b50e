// A TCP proxy in front of a real server that injects transport faults on demand, so tests can
// show how a connection and the pool behave when the network (not Cassandra) misbehaves:
//
//   cppcassa::test::fault_proxy proxy(executor, "127.0.0.1", 9160);   // listens on 127.0.0.1:<ephemeral>
//   cppcassa::connection conn(executor, {.host = "127.0.0.1", .port = proxy.port()});
//   proxy.blackhole();        // from now on nothing is forwarded
//
// Unlike the scripted peers (fake_server.hpp), the bytes that do flow are the real server's.
// Modes switch at any time and apply to the next chunk each direction reads:
//   pass_through     forward everything (the initial mode)
//   add_latency(d)   wait d before forwarding each chunk, both ways (a round trip costs 2 d)
//   drop()           close every open connection now (both sides, FIN) and every new one at accept
//   reset_mid_reply(n)  forward the first n bytes of each chunk the server sends, pause briefly (so
//                    the client reads them), then reset the client side (SO_LINGER 0: RST)
//   blackhole()      accept and never answer: no upstream connection for new clients, nothing
//                    forwarded either way on open ones (held, not lost, until the mode changes)
// Single-threaded like the rest of the tests: use it from the io_context that runs the test.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace cppcassa::test {

namespace fault_proxy_detail {
struct state;
}

class fault_proxy {
public:
    enum class mode { pass_through, latency, drop, reset_mid_reply, blackhole };

    struct counters {
        std::size_t accepted = 0;          // client connections accepted (refused ones included)
        std::size_t refused = 0;           // closed at accept because the mode was drop
        std::size_t dropped = 0;           // open connections closed by drop()
        std::size_t resets = 0;            // client connections reset mid-reply
        std::size_t open = 0;              // connections open now (client side)
        std::uint64_t bytes_to_server = 0;  // forwarded client -> server
        std::uint64_t bytes_to_client = 0;  // forwarded server -> client
    };

    // Listens on 127.0.0.1, an ephemeral port; forwards to upstream_host (an IP) : upstream_port.
    fault_proxy(boost::asio::any_io_executor executor, const std::string& upstream_host,
                std::uint16_t upstream_port);
    // Closes the listener and every connection.
    ~fault_proxy();
    fault_proxy(const fault_proxy&) = delete;
    fault_proxy& operator=(const fault_proxy&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    // "127.0.0.1:<port>", as cppcassa names the endpoint in its errors and pool stats.
    [[nodiscard]] std::string endpoint() const;

    void pass_through();
    void add_latency(std::chrono::milliseconds per_chunk);
    void drop();
    void reset_mid_reply(std::size_t bytes);
    void blackhole();

    [[nodiscard]] mode current_mode() const;
    [[nodiscard]] counters stats() const;

    // Closes the listener and every connection (FIN); later clients are refused by the kernel.
    void close();

private:
    std::shared_ptr<fault_proxy_detail::state> state_;
};

}  // namespace cppcassa::test
