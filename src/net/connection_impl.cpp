#include "net/connection_impl.hpp"

#include "codec/cassandra_methods.hpp"
#include "codec/framing.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cppcassa::net {

namespace asio = boost::asio;
using asio::use_awaitable;
constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

namespace {
// Reads ask for at least this much room: big enough to take many pipelined replies per syscall.
constexpr std::size_t read_chunk = 64 * 1024;
}  // namespace

connection_impl::connection_impl(asio::any_io_executor executor, connection_config config)
    : executor_(executor),
      config_(std::move(config)),
      endpoint_(fmt::format("{}:{}", config_.host, config_.port)),
      socket_(executor),
      write_signal_(executor, clock::time_point::max()),
      scanner_(config_.framed, config_.frame_limit),
      watchdog_(executor) {}

asio::awaitable<void> connection_impl::connect() {
    if (state_ != state::idle)
        throw error(fmt::format("connect to {}: a connection connects once; create a new one", endpoint_));
    state_ = state::connecting;
    auto self = shared_from_this();
    const auto timeout = config_.connect_timeout;
    const auto deadline = timeout.count() > 0 ? clock::now() + timeout : clock::time_point::max();

    // The guard closes the socket on expiry, which ends whichever step is in progress.
    asio::ip::tcp::resolver resolver(executor_);
    auto expired = std::make_shared<bool>(false);
    asio::steady_timer guard(executor_, deadline);
    guard.async_wait([self, expired, &resolver](boost::system::error_code ec) {
        if (ec)
            return;
        *expired = true;
        if (self->state_ == state::connecting) {
            resolver.cancel();
            boost::system::error_code ignored;
            self->socket_.close(ignored);
        }
    });
    auto fail_connect = [&](const std::string& what) {
        state_ = state::closed;
        closed_reason_ = what;
        boost::system::error_code ignored;
        socket_.close(ignored);
        return connect_error(what);
    };

    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(config_.host, std::to_string(config_.port), no_throw);
    if (!resolve_ec && !*expired) {
        auto [connect_ec, endpoint] = co_await asio::async_connect(socket_, endpoints, no_throw);
        resolve_ec = connect_ec;
    }
    guard.cancel();
    if (*expired)
        throw fail_connect(fmt::format("cannot connect to {}: no answer within the connect timeout of {} ms",
                                       endpoint_, timeout.count()));
    if (resolve_ec)
        throw fail_connect(fmt::format("cannot connect to {}: {}", endpoint_, resolve_ec.message()));

    // Requests are already coalesced by the writer; Nagle would only add latency.
    socket_.set_option(asio::ip::tcp::no_delay(true));
    state_ = state::open;
    asio::co_spawn(executor_, read_loop(self), asio::detached);
    asio::co_spawn(executor_, write_loop(self), asio::detached);

    try {
        co_await handshake(deadline);
    } catch (const error& e) {
        close();
        throw;
    }
}

// login and set_keyspace share the connect timeout: the caller asked for a usable connection.
asio::awaitable<void> connection_impl::handshake(clock::time_point deadline) {
    auto remaining = [&] {
        if (deadline == clock::time_point::max())
            return call_options{.timeout = std::chrono::milliseconds(0)};
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now());
        return call_options{.timeout = std::max(left, std::chrono::milliseconds(1))};
    };
    if (config_.login) {
        thrift::login_args args;
        args.auth_request.credentials = {{"username", config_.login->username},
                                         {"password", config_.login->password}};
        co_await call<codec::methods::login>(args, remaining());
    }
    if (!config_.keyspace.empty()) {
        thrift::set_keyspace_args args;
        args.keyspace = config_.keyspace;
        co_await call<codec::methods::set_keyspace>(args, remaining());
    }
}

void connection_impl::close() {
    if (state_ == state::closed)
        return;
    fail(nullptr, nullptr, "the connection was closed by close()");
}

void connection_impl::enqueue(pending_call& call) {
    pending_.push(call);
    if (call.deadline < watchdog_expiry_)
        arm_watchdog(call.deadline);
    auto slot = asio::get_associated_cancellation_slot(call.handler);
    if (slot.is_connected()) {
        call.slot = slot;
        slot.assign([this, &call](asio::cancellation_type) { cancel(call); });
    }
    write_signal_.cancel();  // wakes the writer if it sleeps; harmless otherwise
}

// Resumes the calls completed when it was posted. Never run (its io_context was destroyed with
// it queued), it still destroys their handlers, which owns and frees the callers' frames, as a
// posted handler would.
struct connection_impl::resumer {
    std::shared_ptr<connection_impl> self;

    explicit resumer(std::shared_ptr<connection_impl> s) : self(std::move(s)) {}
    resumer(resumer&&) noexcept = default;
    resumer& operator=(resumer&&) = delete;
    ~resumer() {
        if (self)
            self->resume_completed(false);
    }
    void operator()() {
        auto s = std::move(self);
        s->resume_completed(true);
    }
};

void connection_impl::complete(pending_call& call, std::exception_ptr error) {
    if (call.slot.is_connected())
        call.slot.clear();
    call.error = std::move(error);
    completed_.push(call);
    // Posted, not invoked: resuming the caller inline would run user code inside the reader.
    if (!resume_posted_) {
        resume_posted_ = true;
        asio::post(executor_, resumer(shared_from_this()));
    }
}

void connection_impl::resume_completed(bool invoke) {
    resume_posted_ = false;
    // Only the calls already there: a caller resumed here that completes another call at once
    // (the connection is closed) is resumed by the next post, so others get their turn.
    for (std::size_t n = completed_.size(); n > 0; --n) {
        pending_call* call = completed_.pop();
        // Taken out first: resuming the caller may end its frame, which holds `call`.
        handler_type handler;
        handler.swap(call->handler);
        std::exception_ptr error = std::move(call->error);
        if (!invoke)
            continue;  // `handler` is destroyed, which frees the caller's frame
        try {
            std::move(handler)(std::move(error));
        } catch (...) {
            // A caller's exception escapes to io_context::run; the calls behind it still resume.
            if (!completed_.empty() && !resume_posted_) {
                resume_posted_ = true;
                asio::post(executor_, resumer(shared_from_this()));
            }
            throw;
        }
    }
}

asio::awaitable<void> connection_impl::wait_for_free_slot(std::string_view method, clock::time_point deadline) {
    while (state_ == state::open && pending_.size() >= config_.max_in_flight) {
        asio::steady_timer waiter(executor_, deadline);
        slot_waiters_.push_back(&waiter);
        auto [ec] = co_await waiter.async_wait(no_throw);
        std::erase(slot_waiters_, &waiter);
        if (!ec)
            throw call_timeout(fmt::format(
                "{} on {}: timed out waiting for one of the {} in-flight slots (nothing was sent)", method,
                endpoint_, config_.max_in_flight));
        if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none)
            throw boost::system::system_error(asio::error::operation_aborted);
    }
}

void connection_impl::wake_one_slot_waiter() {
    if (!slot_waiters_.empty()) {
        slot_waiters_.front()->cancel();
        slot_waiters_.pop_front();
    }
}

// The shared_ptr argument keeps the connection alive as long as the loop runs.
asio::awaitable<void> connection_impl::write_loop(std::shared_ptr<connection_impl>) {
    while (state_ == state::open) {
        if (write_buffer_.empty()) {
            write_signal_.expires_at(clock::time_point::max());
            co_await write_signal_.async_wait(no_throw);
            continue;
        }
        std::swap(write_buffer_, writing_);
        auto [ec, written] = co_await asio::async_write(socket_, asio::buffer(writing_), no_throw);
        writing_.clear();
        if (ec && state_ == state::open) {
            const std::string reason = fmt::format("writing to {} failed: {}", endpoint_, ec.message());
            fail(pending_.front(), std::make_exception_ptr(connection_closed(reason)), reason);
        }
    }
}

asio::awaitable<void> connection_impl::read_loop(std::shared_ptr<connection_impl>) {
    while (state_ == state::open) {
        auto space = read_buffer_.prepare(read_chunk);
        auto [ec, n] = co_await socket_.async_read_some(asio::buffer(space.data(), space.size()), no_throw);
        if (state_ != state::open)
            co_return;
        if (ec) {
            const auto unread = read_buffer_.unread().size();
            std::string reason =
                ec == asio::error::eof
                    ? fmt::format("{} closed the connection{}", endpoint_,
                                  unread ? fmt::format(" in the middle of a reply ({} bytes of it received)", unread)
                                         : std::string())
                    : fmt::format("reading from {} failed: {}", endpoint_, ec.message());
            fail(nullptr, nullptr, reason);
            co_return;
        }
        read_buffer_.commit(n);
        try {
            deliver_complete_replies();
        } catch (const std::exception& e) {
            // A reply we cannot read leaves us unable to find where the next one starts.
            fail(pending_.front(), std::current_exception(),
                 fmt::format("{} sent a malformed reply: {}", endpoint_, e.what()));
        }
    }
}

void connection_impl::deliver_complete_replies() {
    while (auto size = scanner_.scan(read_buffer_.unread())) {
        scanner_.reset();
        pending_call* call = pending_.front();
        if (!call)
            throw protocol_error(fmt::format("{} sent a reply to no call", endpoint_));
        const auto message = read_buffer_.unread().substr(0, *size);
        try {
            call->deliver(*call, codec::message_body(message, config_.framed), endpoint_);
        } catch (const application_error&) {
            call->error = std::current_exception();  // a well-formed reply: the stream is fine
        }
        pending_.pop();
        read_buffer_.consume(*size);
        complete(*call, call->error);
        wake_one_slot_waiter();
    }
}

void connection_impl::arm_watchdog(clock::time_point deadline) {
    watchdog_expiry_ = deadline;
    watchdog_.expires_at(deadline);
    watchdog_.async_wait([self = weak_from_this()](boost::system::error_code ec) {
        if (auto connection = self.lock(); connection && !ec)
            connection->on_watchdog();
    });
}

void connection_impl::on_watchdog() {
    watchdog_expiry_ = clock::time_point::max();
    if (state_ != state::open)
        return;
    const auto now = clock::now();
    auto next = clock::time_point::max();
    for (pending_call* call = pending_.front(); call; call = call->next) {
        if (call->deadline <= now) {
            std::string what = fmt::format("{} on {}: no reply within {} ms", call->method, endpoint_,
                                           call->timeout.count());
            fail(call, std::make_exception_ptr(call_timeout(what + "; the connection was closed")),
                 fmt::format("{} timed out, which leaves the reply stream out of sync", call->method));
            return;
        }
        next = std::min(next, call->deadline);
    }
    if (next != clock::time_point::max())
        arm_watchdog(next);
}

void connection_impl::cancel(pending_call& call) {
    if (state_ != state::open)
        return;
    fail(&call, std::make_exception_ptr(boost::system::system_error(asio::error::operation_aborted)),
         fmt::format("{} was cancelled, which leaves the reply stream out of sync", call.method));
}

std::exception_ptr connection_impl::closed_error(std::string_view method) const {
    return std::make_exception_ptr(connection_closed(
        fmt::format("{} on {}: the connection is closed ({})", method, endpoint_, closed_reason_)));
}

void connection_impl::fail(pending_call* culprit, std::exception_ptr culprit_error, const std::string& reason) {
    if (state_ == state::closed)
        return;
    state_ = state::closed;
    closed_reason_ = reason;
    boost::system::error_code ignored;
    socket_.close(ignored);
    watchdog_.cancel();
    write_signal_.cancel();
    write_buffer_.clear();
    while (pending_call* call = pending_.pop()) {
        if (call == culprit)
            complete(*call, culprit_error);
        else
            complete(*call, std::make_exception_ptr(connection_closed(fmt::format(
                                "{} on {}: the connection closed before the reply came: {}; the call "
                                "may have been applied",
                                call->method, endpoint_, reason))));
    }
    for (auto* waiter : slot_waiters_)
        waiter->cancel();
    slot_waiters_.clear();
}

}  // namespace cppcassa::net
