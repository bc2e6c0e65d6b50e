// A scripted Thrift peer on an ephemeral 127.0.0.1 port, for faults a real Cassandra will not
// produce on demand (never answering, closing mid-frame, oversized frames). It never stands in
// for Cassandra in a claim about Cassandra: tests of real behaviour use the launcher's server.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdint>
#include <functional>
#include <memory>

namespace cppcassa::test {

class fake_server {
public:
    using tcp = boost::asio::ip::tcp;
    // Runs once per accepted connection; the socket closes when it returns.
    using behaviour = std::function<boost::asio::awaitable<void>(tcp::socket&)>;

    fake_server(boost::asio::any_io_executor executor, behaviour on_connection)
        : acceptor_(executor, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
        boost::asio::co_spawn(executor, accept_loop(acceptor_, std::move(on_connection)),
                              boost::asio::detached);
    }
    ~fake_server() { stop(); }

    [[nodiscard]] std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    void stop() {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
    }

private:
    static boost::asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, behaviour on_connection) {
        for (;;) {
            auto socket = std::make_shared<tcp::socket>(acceptor.get_executor());
            boost::system::error_code ec;
            co_await acceptor.async_accept(*socket, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
            if (ec)
                co_return;
            boost::asio::co_spawn(
                acceptor.get_executor(),
                [socket, on_connection]() -> boost::asio::awaitable<void> {
                    try {
                        co_await on_connection(*socket);
                    } catch (const std::exception&) {
                        // The client going away mid-script is part of most fault scripts.
                    }
                },
                boost::asio::detached);
        }
    }

    tcp::acceptor acceptor_;
};

}  // namespace cppcassa::test
