// A connection's byte stream: a TCP socket, or TLS over that socket (connection_config::tls).
// The one place that knows which, so the connection's driver reads and writes the same way on
// both; only plaintext may send without an asynchronous operation (send_now).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>

#include <cstddef>
#include <memory>
#include <utility>

namespace cppcassa::net {

class transport {
public:
    using tls_stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>;

    explicit transport(boost::asio::any_io_executor executor) : socket_(std::move(executor)) {}

    [[nodiscard]] boost::asio::ip::tcp::socket& socket() { return socket_; }
    [[nodiscard]] bool secure() const { return tls_ != nullptr; }

    // Layers TLS over the socket, before its handshake. The context is shared with the stream
    // for as long as the connection lives.
    tls_stream& start_tls(std::shared_ptr<boost::asio::ssl::context> context) {
        context_ = std::move(context);
        tls_ = std::make_unique<tls_stream>(socket_, *context_);
        return *tls_;
    }

    template <class Handler>
    void async_read_some(boost::asio::mutable_buffer buffer, Handler&& handler) {
        if (tls_)
            tls_->async_read_some(buffer, std::forward<Handler>(handler));
        else
            socket_.async_read_some(buffer, std::forward<Handler>(handler));
    }

    // Writes all of `buffer`.
    template <class Handler>
    void async_write(boost::asio::const_buffer buffer, Handler&& handler) {
        if (tls_)
            boost::asio::async_write(*tls_, buffer, std::forward<Handler>(handler));
        else
            boost::asio::async_write(socket_, buffer, std::forward<Handler>(handler));
    }

    // Plaintext only: a non-blocking send of what the socket's buffer takes now (would_block when
    // nothing). TLS records go out through async_write alone.
    std::size_t send_now(boost::asio::const_buffer buffer, boost::system::error_code& ec) {
        return socket_.write_some(buffer, ec);
    }

    // Closes the socket, which ends any read, write or handshake in progress. No TLS close_notify:
    // Thrift has no end-of-session message either, and the server needs none.
    void close() {
        boost::system::error_code ignored;
        socket_.close(ignored);
    }

private:
    boost::asio::ip::tcp::socket socket_;
    std::shared_ptr<boost::asio::ssl::context> context_;
    std::unique_ptr<tls_stream> tls_;
};

}  // namespace cppcassa::net
