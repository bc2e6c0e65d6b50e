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
#include <type_traits>
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
        ++pending_;
        counted<std::decay_t<Handler>> done{this, std::forward<Handler>(handler)};
        if (tls_)
            tls_->async_read_some(buffer, std::move(done));
        else
            socket_.async_read_some(buffer, std::move(done));
    }

    // Writes all of `buffer`.
    template <class Handler>
    void async_write(boost::asio::const_buffer buffer, Handler&& handler) {
        ++pending_;
        counted<std::decay_t<Handler>> done{this, std::forward<Handler>(handler)};
        if (tls_)
            boost::asio::async_write(*tls_, buffer, std::move(done));
        else
            boost::asio::async_write(socket_, buffer, std::move(done));
    }

    // Plaintext only: a non-blocking send of what the socket's buffer takes now (would_block when
    // nothing). TLS records go out through async_write alone.
    std::size_t send_now(boost::asio::const_buffer buffer, boost::system::error_code& ec) {
        return socket_.write_some(buffer, ec);
    }

    // Ends the stream: any read, write or handshake in progress completes. No TLS close_notify:
    // Thrift has no end-of-session message either, and the server needs none.
    //
    // With reads or writes in progress the socket is shut down, not closed: the kernel ends them
    // (end of stream, broken pipe) and the last of them to complete closes the socket. Closing a
    // socket with operations in flight makes Boost 1.81's io_uring backend submit cancellations
    // whose completions carry a stale operation tag (fixed in Boost 1.82): they complete other
    // sockets' operations with wrong results and can lose completions, so that io_context::run
    // never returns. A shutdown is a plain system call and cancels nothing.
    void close() {
        boost::system::error_code ignored;
        if (pending_ == 0 || !socket_.is_open()) {
            socket_.close(ignored);
            return;
        }
        close_when_idle_ = true;
        socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
        if (ignored)  // not connected: nothing for the kernel to end, so cancel
            socket_.close(ignored);
    }

    // Reads and writes started and not yet completed.
    [[nodiscard]] std::size_t pending() const { return pending_; }

private:
    // A completion handler that counts its operation out first; after close(), the last one to
    // complete closes the socket before its handler runs (which may own this transport).
    template <class Handler>
    struct counted {
        transport* self;
        Handler handler;

        template <class... Args>
        void operator()(Args&&... args) {
            if (--self->pending_ == 0 && self->close_when_idle_) {
                boost::system::error_code ignored;
                self->socket_.close(ignored);
            }
            handler(std::forward<Args>(args)...);
        }
    };

    std::size_t pending_ = 0;
    bool close_when_idle_ = false;
    boost::asio::ip::tcp::socket socket_;
    std::shared_ptr<boost::asio::ssl::context> context_;
    std::unique_ptr<tls_stream> tls_;
};

}  // namespace cppcassa::net
