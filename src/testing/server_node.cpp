#include "testing/server_node.hpp"

#include "codec/framing.hpp"

#include <cppcassa/errors.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace cppcassa::testing::detail {

namespace asio = boost::asio;

void node_impl::listen(std::uint16_t port) {
    auto acceptor = std::make_shared<tcp::acceptor>(state_->executor);
    const tcp::endpoint endpoint(asio::ip::make_address(host_), port);
    acceptor->open(endpoint.protocol());
    acceptor->set_option(asio::socket_base::reuse_address(true));
    acceptor->bind(endpoint);
    acceptor->listen();
    port_ = acceptor->local_endpoint().port();
    acceptor_ = acceptor;
    asio::co_spawn(state_->executor, accept_loop(std::move(acceptor)), asio::detached);
}

void node_impl::close_listener() {
    if (!acceptor_)
        return;
    boost::system::error_code ignored;
    acceptor_->close(ignored);
    acceptor_.reset();
}

void node_impl::close_connections() {
    for (const auto& s : sockets_) {
        boost::system::error_code ignored;
        s->shutdown(tcp::socket::shutdown_both, ignored);
        s->close(ignored);
    }
    sockets_.clear();
}

std::optional<injected_error> node_impl::injected_for(std::string_view method) const {
    for (const auto& rule : rules) {
        if (!rule.method.empty() && rule.method != method)
            continue;
        return injected_error{rule.failure == injected_failure::unavailable ? injected_error::kind::unavailable
                                                                            : injected_error::kind::timed_out,
                              rule.acknowledged_by};
    }
    return std::nullopt;
}

asio::awaitable<void> node_impl::accept_loop(std::shared_ptr<tcp::acceptor> acceptor) {
    auto self = shared_from_this();
    for (;;) {
        auto socket = std::make_shared<tcp::socket>(state_->executor);
        boost::system::error_code ec;
        co_await acceptor->async_accept(*socket, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !acceptor->is_open())
            co_return;
        ++accepted;
        socket->set_option(tcp::no_delay(true), ec);
        sockets_.insert(socket);
        asio::co_spawn(state_->executor, serve(socket), asio::detached);
    }
}

asio::awaitable<void> node_impl::serve(std::shared_ptr<tcp::socket> socket) {
    auto self = shared_from_this();
    const bool framed = state_->options.framed;
    session s;
    std::string in;
    std::string out;
    std::size_t answered_here = 0;
    codec::message_scanner scanner(framed, state_->options.frame_limit);
    const injector inject = [this](std::string_view method) { return injected_for(method); };
    std::array<char, 16384> chunk{};
    try {
        for (;;) {
            boost::system::error_code ec;
            const std::size_t n =
                co_await socket->async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                break;
            in.append(chunk.data(), n);
            // Pipelined calls: answer every whole call buffered, in order.
            for (;;) {
                const auto size = scanner.scan(in);
                if (!size)
                    break;
                const std::string call = in.substr(0, *size);
                in.erase(0, *size);
                scanner.reset();
                ++calls;
                if (reset_after && answered_here >= *reset_after) {
                    socket->set_option(asio::socket_base::linger(true, 0), ec);
                    socket->close(ec);
                    sockets_.erase(socket);
                    co_return;
                }
                if (silent)
                    continue;
                out.clear();
                serve_message(state_->data, s, codec::message_body(call, framed), framed, out, inject);
                ++answered_here;
                if (latency.count() > 0) {
                    asio::steady_timer timer(state_->executor, latency);
                    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                }
                if (!socket->is_open())
                    co_return;
                co_await asio::async_write(*socket, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
                if (ec)
                    break;
            }
        }
    } catch (const cppcassa::error&) {
        // A frame over the limit or bytes that are not Thrift: Cassandra drops the connection too.
    }
    boost::system::error_code ignored;
    socket->close(ignored);
    sockets_.erase(socket);
}

}  // namespace cppcassa::testing::detail
