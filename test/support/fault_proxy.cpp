// The fault proxy (fault_proxy.hpp): one accept loop, and per client connection a session with
// one pump each way. Every coroutine holds the shared state, so the proxy object may go away
// (end of a test body) while they still wait; closing the sockets ends them.
#include "support/fault_proxy.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <array>
#include <vector>

namespace cppcassa::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace fault_proxy_detail {

struct session {
    explicit session(tcp::socket accepted) : client(std::move(accepted)), server(client.get_executor()) {}

    void close() {
        boost::system::error_code ignored;
        client.close(ignored);
        server.close(ignored);
        closed = true;
    }

    // RST, not FIN: the client sees ECONNRESET, as when a server crashes or a middlebox kills
    // the flow.
    void reset_client() {
        boost::system::error_code ignored;
        client.set_option(tcp::socket::linger(true, 0), ignored);
        close();
    }

    tcp::socket client;
    tcp::socket server;
    bool closed = false;
};

struct state {
    state(asio::any_io_executor executor, tcp::endpoint upstream_endpoint)
        : acceptor(executor, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
          upstream(std::move(upstream_endpoint)),
          port(acceptor.local_endpoint().port()),
          changed(executor, asio::steady_timer::time_point::max()) {}

    // Wakes every coroutine waiting for the mode to change (they re-check it).
    void notify() { changed.expires_at(asio::steady_timer::time_point::max()); }

    asio::awaitable<void> wait_for_change() {
        boost::system::error_code ignored;
        co_await changed.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }

    void set_mode(fault_proxy::mode next) {
        current = next;
        notify();
    }

    void close_sessions(std::size_t* counted) {
        for (const auto& weak : sessions) {
            if (auto s = weak.lock(); s && !s->closed) {
                s->close();
                if (counted)
                    ++*counted;
            }
        }
        notify();
    }

    tcp::acceptor acceptor;
    tcp::endpoint upstream;
    std::uint16_t port;  // kept: the acceptor forgets it once closed
    asio::steady_timer changed;  // never expires: cancelled by notify()
    fault_proxy::mode current = fault_proxy::mode::pass_through;
    std::chrono::milliseconds latency{0};
    std::size_t reset_bytes = 0;
    fault_proxy::counters counters{};
    std::vector<std::weak_ptr<session>> sessions;
    bool closed = false;
};

namespace {

enum class direction { to_server, to_client };

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

asio::awaitable<void> pump(std::shared_ptr<state> st, std::shared_ptr<session> s, direction dir) {
    tcp::socket& from = dir == direction::to_server ? s->client : s->server;
    tcp::socket& to = dir == direction::to_server ? s->server : s->client;
    std::array<char, 16384> chunk;
    for (;;) {
        boost::system::error_code ec;
        const std::size_t n =
            co_await from.async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            break;
        while (st->current == fault_proxy::mode::blackhole && !s->closed)
            co_await st->wait_for_change();
        if (s->closed)
            break;
        if (st->current == fault_proxy::mode::latency)
            co_await sleep_for(st->latency);
        std::size_t forward = n;
        const bool reset = dir == direction::to_client && st->current == fault_proxy::mode::reset_mid_reply;
        if (reset)
            forward = std::min(n, st->reset_bytes);
        const auto bytes = asio::buffer(chunk.data(), forward);
        co_await asio::async_write(to, bytes, asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            break;
        (dir == direction::to_server ? st->counters.bytes_to_server : st->counters.bytes_to_client) += forward;
        if (reset) {
            // Let the client read the partial frame first, so the reset lands mid-frame rather
            // than discarding bytes still in flight.
            co_await sleep_for(std::chrono::milliseconds(50));
            if (!s->closed) {
                s->reset_client();
                ++st->counters.resets;
            }
            break;
        }
    }
    s->close();
    st->notify();
}

asio::awaitable<void> run_session(std::shared_ptr<state> st, std::shared_ptr<session> s) {
    // Blackholed before it reached the server: accepted, never answered.
    while (st->current == fault_proxy::mode::blackhole && !s->closed)
        co_await st->wait_for_change();
    if (s->closed)
        co_return;
    boost::system::error_code ec;
    co_await s->server.async_connect(st->upstream, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || s->closed) {
        s->close();
        co_return;
    }
    const auto executor = s->client.get_executor();
    asio::co_spawn(executor, pump(st, s, direction::to_server), asio::detached);
    asio::co_spawn(executor, pump(st, s, direction::to_client), asio::detached);
}

asio::awaitable<void> accept_loop(std::shared_ptr<state> st) {
    for (;;) {
        tcp::socket client(st->acceptor.get_executor());
        boost::system::error_code ec;
        co_await st->acceptor.async_accept(client, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || st->closed)
            co_return;
        ++st->counters.accepted;
        if (st->current == fault_proxy::mode::drop) {
            ++st->counters.refused;
            client.close(ec);
            continue;
        }
        auto s = std::make_shared<session>(std::move(client));
        std::erase_if(st->sessions, [](const std::weak_ptr<session>& w) { return w.expired(); });
        st->sessions.push_back(s);
        asio::co_spawn(st->acceptor.get_executor(), run_session(st, s), asio::detached);
    }
}

}  // namespace
}  // namespace fault_proxy_detail

fault_proxy::fault_proxy(asio::any_io_executor executor, const std::string& upstream_host,
                         std::uint16_t upstream_port)
    : state_(std::make_shared<fault_proxy_detail::state>(
          executor, tcp::endpoint(asio::ip::make_address(upstream_host), upstream_port))) {
    asio::co_spawn(executor, fault_proxy_detail::accept_loop(state_), asio::detached);
}

fault_proxy::~fault_proxy() { close(); }

std::uint16_t fault_proxy::port() const { return state_->port; }

std::string fault_proxy::endpoint() const { return "127.0.0.1:" + std::to_string(port()); }

void fault_proxy::pass_through() { state_->set_mode(mode::pass_through); }

void fault_proxy::add_latency(std::chrono::milliseconds per_chunk) {
    state_->latency = per_chunk;
    state_->set_mode(mode::latency);
}

void fault_proxy::drop() {
    state_->set_mode(mode::drop);
    state_->close_sessions(&state_->counters.dropped);
}

void fault_proxy::reset_mid_reply(std::size_t bytes) {
    state_->reset_bytes = bytes;
    state_->set_mode(mode::reset_mid_reply);
}

void fault_proxy::blackhole() { state_->set_mode(mode::blackhole); }

fault_proxy::mode fault_proxy::current_mode() const { return state_->current; }

fault_proxy::counters fault_proxy::stats() const {
    auto result = state_->counters;
    result.open = static_cast<std::size_t>(std::count_if(
        state_->sessions.begin(), state_->sessions.end(), [](const std::weak_ptr<fault_proxy_detail::session>& w) {
            const auto s = w.lock();
            return s && !s->closed;
        }));
    return result;
}

void fault_proxy::close() {
    if (state_->closed)
        return;
    state_->closed = true;
    boost::system::error_code ignored;
    state_->acceptor.close(ignored);
    state_->close_sessions(nullptr);
}

}  // namespace cppcassa::test
