#include "net/connection_impl.hpp"

#include "codec/cassandra_methods.hpp"
#include "net/tls.hpp"
#include "net/write_cork.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cppcassa::net {

namespace asio = boost::asio;
constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

namespace {

// On a reactor (epoll), a request is first sent with a plain non-blocking send: when it fits in
// the socket's buffer, as it nearly always does, no asynchronous operation (and no completion to
// run) exists for it. io_uring submits the send itself, and a socket in non-blocking mode would
// turn its reads into poll + recv, so there every send is asynchronous.
#if defined(BOOST_ASIO_HAS_IO_URING_AS_DEFAULT)
constexpr bool send_synchronously_first = false;
#else
constexpr bool send_synchronously_first = true;
#endif

pipeline_settings settings_of(const connection_config& config) {
    return {.endpoint = fmt::format("{}:{}", config.host, config.port),
            .framed = config.framed,
            .frame_limit = config.frame_limit,
            .request_limit = config.request_limit,
            .max_in_flight = config.max_in_flight};
}

}  // namespace

connection_impl::connection_impl(asio::any_io_executor executor, connection_config config)
    : executor_(executor),
      config_(std::move(config)),
      transport_(executor),
      pipeline_(settings_of(config_)),
      timer_(executor) {}

asio::awaitable<void> connection_impl::connect() {
    if (connect_called_ || !pipeline_.is_idle())
        throw usage_error(client_errc::already_connected,
                          fmt::format("connect to {}: a connection connects once; create a new one", endpoint()));
    connect_called_ = true;
    connecting_ = true;
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
        if (self->connecting_) {
            resolver.cancel();
            self->transport_.close();
        }
    });
    auto fail_connect = [&](const std::string& what) {
        connecting_ = false;
        pipeline_.close(what);
        transport_.close();
        return connect_error(what);
    };

    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(config_.host, std::to_string(config_.port), no_throw);
    if (!resolve_ec && !*expired) {
        auto [connect_ec, endpoint] = co_await asio::async_connect(transport_.socket(), endpoints, no_throw);
        resolve_ec = connect_ec;
    }
    if (*expired)
        throw fail_connect(fmt::format("cannot connect to {}: no answer within the connect timeout of {} ms",
                                       endpoint(), timeout.count()));
    // Aborted without the guard's expiry: the caller's cancellation slot, or close().
    const bool cancelled = (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;
    if (resolve_ec == asio::error::operation_aborted && cancelled) {
        const std::string what = fmt::format("connect to {} was cancelled; the connection is closed", endpoint());
        fail_connect(what);
        throw call_cancelled(what);
    }
    if (resolve_ec)
        throw fail_connect(fmt::format("cannot connect to {}: {}", endpoint(), resolve_ec.message()));
    if (config_.tls) {
        try {
            co_await tls_handshake(*expired);
        } catch (const error& e) {  // tls_error, or call_cancelled
            fail_connect(e.what());
            throw;
        }
    }
    guard.cancel();

    // Requests are already coalesced by the write cork; Nagle would only add latency. The
    // error_code forms: a socket that fails here fails connect() as connect_error, not with
    // Asio's exception.
    boost::system::error_code option_ec;
    transport_.socket().set_option(asio::ip::tcp::no_delay(true), option_ec);
    if (!option_ec && send_synchronously_first && !transport_.secure())
        transport_.socket().non_blocking(true, option_ec);
    if (option_ec)
        throw fail_connect(fmt::format("cannot connect to {}: {}", endpoint(), option_ec.message()));
    connecting_ = false;
    pipeline_.open();
    start_read();

    try {
        co_await handshake(deadline);
    } catch (const error& e) {
        close();
        if (!tls_failure_.empty() && !dynamic_cast<const tls_error*>(&e))
            throw tls_error(fmt::format("TLS with {} failed after the handshake: {}", endpoint(), tls_failure_),
                            tls_failure_);
        throw;
    }
}

// The TLS handshake, bounded by connect()'s guard (which closes the socket on expiry).
asio::awaitable<void> connection_impl::tls_handshake(const bool& expired) {
    auto& stream = transport_.start_tls(make_tls_context(*config_.tls, endpoint()));
    set_peer_name(stream.native_handle(), *config_.tls, config_.host, endpoint());
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, no_throw);
    if (expired)
        throw tls_error(fmt::format("TLS handshake with {} failed: no answer within the connect timeout of {} ms",
                                    endpoint(), config_.connect_timeout.count()),
                        "connect timeout");
    const bool cancelled = (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;
    if (ec == asio::error::operation_aborted && cancelled)
        throw call_cancelled(fmt::format("connect to {} was cancelled during the TLS handshake; the connection is "
                                         "closed",
                                         endpoint()));
    if (ec)
        throw handshake_failure(ec, stream.native_handle(), *config_.tls, config_.host, endpoint());
}

// login, set_keyspace and learning the version share the connect timeout: the caller asked for
// a usable connection.
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
        co_await call<codec::methods::login>(std::move(args), remaining());
    }
    // describe_version goes out just before set_keyspace, unawaited: replies come in request
    // order, so it is answered by the time set_keyspace is, and costs no round trip of its own.
    typed_call<codec::methods::describe_version> version;
    std::exception_ptr version_error;
    const bool learn = config_.learn_server_version;
    if (learn && !config_.keyspace.empty()) {
        const auto timing = timing_of(remaining());
        version.timeout = timing.timeout;
        version.deadline = timing.deadline;
        handler_type done = [&version_error](std::exception_ptr e) { version_error = std::move(e); };
        start(version, std::move(done), [&](std::string& out, std::int32_t seqid) {
            codec::encode_call<codec::methods::describe_version>(out, thrift::describe_version_args{}, seqid,
                                                                 config_.framed);
        });
    }
    if (!config_.keyspace.empty()) {
        thrift::set_keyspace_args args;
        args.keyspace = config_.keyspace;
        try {
            co_await call<codec::methods::set_keyspace>(std::move(args), remaining());
        } catch (const connection_closed&) {
            // The version request went first: when it failed too, its error is what closed the
            // stream (a TLS port answering it with TLS: tls_error; the connect timeout:
            // call_timeout), while set_keyspace only saw the connection close.
            if (version_error)
                std::rethrow_exception(version_error);
            throw;
        }
    }
    if (learn) {
        if (config_.keyspace.empty()) {
            const thrift::describe_version_args no_args;
            version.result = co_await call<codec::methods::describe_version>(no_args, remaining());
        } else if (version_error)
            std::rethrow_exception(version_error);
        server_version_ = version_of(*version.result, std::nullopt);
        if (server_version_ && needs_release(server_version_->api))
            co_await learn_release(remaining());
        co_return;
    }
    // In TLS 1.3 the client's handshake ends before the server has checked the client's
    // certificate; its verdict comes with the first reply. One round trip makes a refused
    // certificate connect()'s error, not the first call's.
    if (transport_.secure() && !config_.login && config_.keyspace.empty())
        co_await call<codec::methods::describe_version>(thrift::describe_version_args{}, remaining());
}

// On a 19.x API the release tells Cassandra 2.0 from 2.1 (both answer 19.39.0). A server that
// will not say (no system.local, a user not allowed to read it) keeps an unknown release: its
// calls are then all sent, as without learning.
asio::awaitable<void> connection_impl::learn_release(call_options options) {
    thrift::execute_cql3_query_args query;
    query.query = "SELECT release_version FROM system.local";
    query.compression = thrift::Compression::NONE;
    query.consistency = thrift::ConsistencyLevel::ONE;
    thrift::CqlResult result;
    try {
        result = co_await call<codec::methods::execute_cql3_query>(std::move(query), options);
    } catch (const server_error&) {
        co_return;
    } catch (const application_error&) {
        co_return;
    }
    if (!result.rows || result.rows->empty() || result.rows->front().columns.empty())
        co_return;
    const auto& value = result.rows->front().columns.front().value;
    if (value)
        server_version_->release = version_number::parse(*value);
}

void connection_impl::close() { apply(pipeline_.close("the connection was closed by close()")); }

void connection_impl::watch_cancellation(awaiting_call& call) {
    auto slot = asio::get_associated_cancellation_slot(call.handler);
    if (slot.is_connected()) {
        call.slot = slot;
        slot.assign([this, &call](asio::cancellation_type) {
            apply(pipeline_.cancel(
                call, std::make_exception_ptr(call_cancelled(fmt::format(
                          "{} on {} was cancelled before its reply came: the connection was closed (its reply "
                          "stream is out of sync) and the call may have been applied",
                          call.method, endpoint())))));
        });
    }
}

void connection_impl::apply(const pipeline_actions& actions, bool from_reader) {
    if (actions.closed) {
        transport_.close();
        timer_.cancel();
        wake_slot_waiters(slot_waiters_.size());
    } else {
        if (actions.arm_timer != clock::time_point::max())
            arm_timer(actions.arm_timer);
        if (actions.write)
            request_flush();
        wake_slot_waiters(actions.freed_slots);
    }
    if (actions.resume) {
        if (from_reader)
            resume_completed(true);
        else
            post_resume();
    }
}

// ---- writing ----

void connection_impl::request_flush() {
    if (flush_deferred_)
        return;
    if (write_cork::defer(shared_from_this())) {
        flush_deferred_ = true;
        return;
    }
    // Other calls are still unanswered: the server is busy with them, so this request can wait
    // for the callers that run in the same turn of the event loop and leave with theirs in one
    // send. Alone, it leaves at once: the server is idle until it arrives.
    if (pipeline_.in_flight() > 1) {
        flush_deferred_ = true;
        asio::post(executor_, [self = shared_from_this()] { self->flush(); });
        return;
    }
    flush();
}

void connection_impl::flush() {
    flush_deferred_ = false;
    // Nothing left: a deferred flush whose requests an earlier one already sent.
    if (!pipeline_.is_open() || pipeline_.writing() || pipeline_.unsent().empty())
        return;
    if (send_synchronously_first && !transport_.secure()) {
        while (!pipeline_.unsent().empty()) {
            boost::system::error_code ec;
            const auto unsent = pipeline_.unsent();
            const std::size_t n = transport_.send_now(asio::buffer(unsent.data(), unsent.size()), ec);
            if (ec == asio::error::would_block || ec == asio::error::try_again)
                break;
            if (ec) {
                apply(pipeline_.write_failed(ec.message()));
                return;
            }
            pipeline_.sent(n);
        }
        if (pipeline_.unsent().empty())
            return;
    }
    const auto bytes = pipeline_.begin_write();
    transport_.async_write(asio::buffer(bytes.data(), bytes.size()),
                           [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                               self->on_write_done(ec);
                           });
}

void connection_impl::on_write_done(boost::system::error_code ec) {
    if (ec)
        apply(pipeline_.write_failed(ec.message()));
    else
        apply(pipeline_.end_write());
}

// ---- reading ----

// The handler of the one read in flight. A waiting call's handler (which owns its caller's
// frame, and that frame the connection) lives in the pipeline, where Asio cannot see it: when the
// io_context is destroyed with the read still pending, Asio destroys this reader without calling
// it, and the reader lets go of the waiting calls' handlers, as it would for handlers of its own.
// Otherwise connection and callers would keep each other alive, and leak.
struct connection_impl::reader {
    std::shared_ptr<connection_impl> self;

    explicit reader(std::shared_ptr<connection_impl> s) : self(std::move(s)) {}
    reader(reader&&) noexcept = default;
    reader& operator=(reader&&) = delete;
    ~reader() {
        if (self)
            self->abandon_waiting_calls();
    }
    void operator()(boost::system::error_code ec, std::size_t n) {
        auto s = std::move(self);
        s->on_read(ec, n);
    }
};

void connection_impl::start_read() {
    const auto space = pipeline_.read_space();
    transport_.async_read_some(asio::buffer(space.data(), space.size()), reader(shared_from_this()));
}

void connection_impl::abandon_waiting_calls() {
    if (pipeline_.is_open())
        pipeline_.close("the io_context was destroyed");
    resume_completed(false);  // destroys their handlers, and with them the callers' frames
}

void connection_impl::on_read(boost::system::error_code ec, std::size_t n) {
    if (!pipeline_.is_open())
        return;  // closed meanwhile: the calls were failed then
    // A TLS peer that closes without close_notify ends the stream like a plain one.
    const bool end = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
    if (ec && !end && is_tls_failure(ec))
        tls_failure_ = describe_session_failure(ec);
    const auto actions = !ec  ? pipeline_.received(n)
                         : end ? pipeline_.end_of_stream()
                               : pipeline_.read_failed(tls_failure_.empty() ? ec.message() : tls_failure_);
    // The next read is armed before the callers run: one of them may close the connection, which
    // then aborts that read, and an exception escaping from one leaves the reader going.
    if (pipeline_.is_open())
        start_read();
    // Callers resumed here usually call again at once: their requests leave in one send per
    // connection when the batch is over.
    write_cork cork;
    apply(actions, true);
}

// ---- resuming callers ----

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
        s->resume_posted_ = false;
        write_cork cork;
        s->resume_completed(true);
    }
};

void connection_impl::post_resume() {
    // Posted, not invoked: resuming a caller inside the call that completed it (a submit on a
    // closed connection, close() from user code) would run user code in the middle of ours.
    if (!resume_posted_) {
        resume_posted_ = true;
        asio::post(executor_, resumer(shared_from_this()));
    }
}

void connection_impl::resume_completed(bool invoke) {
    while (pending_call* completed = pipeline_.pop_completed()) {
        auto& call = static_cast<awaiting_call&>(*completed);
        if (call.slot.is_connected())
            call.slot.clear();
        // Taken out first: resuming the caller may end its frame, which holds `call`.
        handler_type handler;
        handler.swap(call.handler);
        std::exception_ptr error = std::move(call.error);
        if (!invoke)
            continue;  // `handler` is destroyed, which frees the caller's frame
        try {
            std::move(handler)(std::move(error));
        } catch (...) {
            // A caller's exception escapes to io_context::run; the calls behind it still resume.
            post_resume();
            throw;
        }
    }
}

// ---- deadlines and in-flight slots ----

void connection_impl::arm_timer(clock::time_point deadline) {
    timer_.expires_at(deadline);
    timer_.async_wait([self = weak_from_this()](boost::system::error_code ec) {
        if (auto connection = self.lock(); connection && !ec)
            connection->apply(connection->pipeline_.expire(clock::now()));
    });
}

asio::awaitable<void> connection_impl::wait_for_free_slot(std::string_view method, clock::time_point deadline) {
    while (pipeline_.is_open() && !pipeline_.has_free_slot()) {
        asio::steady_timer waiter(executor_, deadline);
        slot_waiters_.push_back(&waiter);
        auto [ec] = co_await waiter.async_wait(no_throw);
        std::erase(slot_waiters_, &waiter);
        if (!ec)
            throw call_timeout(fmt::format(
                "{} on {}: timed out waiting for one of the {} in-flight slots (nothing was sent)", method,
                endpoint(), config_.max_in_flight));
        if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none)
            throw call_cancelled(fmt::format(
                "{} on {} was cancelled while waiting for one of the {} in-flight slots (nothing was sent; the "
                "connection stays open)",
                method, endpoint(), config_.max_in_flight));
    }
}

void connection_impl::wake_slot_waiters(std::size_t count) {
    for (; count > 0 && !slot_waiters_.empty(); --count) {
        slot_waiters_.front()->cancel();
        slot_waiters_.pop_front();
    }
}

}  // namespace cppcassa::net
