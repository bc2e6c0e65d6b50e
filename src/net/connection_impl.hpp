// One socket to one Cassandra server, shared by any number of concurrent calls: a thin driver of
// the sans-io call_pipeline.
//
// Calls are pipelined: each call encodes its request into the pipeline's unsent bytes and parks
// in its FIFO. A request to an idle connection is sent at once (a plain non-blocking send on the
// reactor, an asynchronous write only when the socket is full); one made while others are
// unanswered, or by a caller that a batch of replies resumed (write_cork), leaves with the
// others of its turn of the event loop in one send. One read at a time
// is outstanding; the replies it brings complete their calls in order and resume their callers
// from the read's own handler, so a reply costs one completion, not a read, a post and a wake-up.
// Thrift replies carry no id the server chose, only our seqid echoed back in request order, so
// anything that breaks that order (a timeout, a cancellation, a malformed reply) makes the
// stream unusable: the connection then closes and fails every waiting call with a retryable error.
//
// Not thread-safe: use it from one executor (a strand when the io_context runs on many threads).
#pragma once

#include "codec/message.hpp"
#include "net/argument_checks.hpp"
#include "net/call_pipeline.hpp"
#include "net/server_features.hpp"
#include "net/transport.hpp"
#include "net/typed_call.hpp"

#include <cppcassa/call_options.hpp>
#include <cppcassa/connection_config.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace cppcassa::net {

// What a call of M gives its caller: nothing for a void method.
template <codec::method M>
using call_result_t =
    std::conditional_t<std::is_same_v<typename M::result, codec::void_result>, void, typename M::result>;

class connection_impl : public std::enable_shared_from_this<connection_impl> {
public:
    using clock = pending_call::clock;

    connection_impl(boost::asio::any_io_executor executor, connection_config config);

    // Resolves, connects, logs in and sets the keyspace, all within config.connect_timeout.
    boost::asio::awaitable<void> connect();

    // Fails every waiting call with connection_closed and closes the socket. Idempotent.
    void close();

    [[nodiscard]] bool is_open() const { return pipeline_.is_open(); }
    [[nodiscard]] const connection_config& config() const { return config_; }
    [[nodiscard]] const std::string& endpoint() const { return pipeline_.settings().endpoint; }
    [[nodiscard]] std::size_t in_flight() const { return pipeline_.in_flight(); }
    [[nodiscard]] boost::asio::any_io_executor get_executor() const { return executor_; }
    [[nodiscard]] const std::optional<server_version>& known_server_version() const { return server_version_; }

    // The arguments are owned by this coroutine's frame, so callers may pass temporaries and
    // return the awaitable without a frame of their own.
    template <codec::method M>
    boost::asio::awaitable<call_result_t<M>> call(typename M::args args, call_options options) {
        // The frame of this coroutine holds the pending call; keep the connection alive with it.
        auto keep_alive = shared_from_this();
        refuse_if_lacking(args);
        const auto timing = timing_of(options);
        // A coroutine frame (a heap block when Asio's frame cache misses) only when the pipeline
        // is full, not on every call.
        if (pipeline_.is_open() && !pipeline_.has_free_slot())
            co_await wait_for_free_slot(M::name, timing.deadline);
        typed_call<M> call;
        co_await exchange<M>(call, args, timing);
        if constexpr (!std::is_void_v<call_result_t<M>>)
            co_return std::move(*call.result);
    }

    // The reuse form: the reply is decoded over `out` (its memory reused), and the arguments are
    // the caller's, who keeps them alive until the call completes (a co_await does).
    template <codec::method M>
    boost::asio::awaitable<void> call_into(const typename M::args& args, typename M::result& out,
                                           call_options options) {
        auto keep_alive = shared_from_this();
        refuse_if_lacking(args);
        const auto timing = timing_of(options);
        if (pipeline_.is_open() && !pipeline_.has_free_slot())
            co_await wait_for_free_slot(M::name, timing.deadline);
        typed_call_into<M> call(out);
        co_await exchange<M>(call, args, timing);
    }

    // Sends what the pipeline holds unsent, unless a write is in progress (its completion sends
    // the rest). Called directly, or by the write_cork that deferred it.
    void flush();

private:
    using handler_type = boost::asio::any_completion_handler<void(std::exception_ptr)>;

    struct call_timing {
        std::chrono::milliseconds timeout;
        clock::time_point deadline;
    };
    // Throws not_supported_by_server_error when the server is known to lack what `args` use,
    // and usage_error for arguments the server would close the connection on.
    template <class Args>
    void refuse_if_lacking(const Args& args) const {
        if (server_version_)
            if (const auto need = needs(args); need && lacks(*server_version_, *need))
                throw refusal(endpoint(), *server_version_, *need);
        check_arguments(endpoint(), args);
    }

    [[nodiscard]] call_timing timing_of(const call_options& options) const {
        const auto timeout = options.timeout.value_or(config_.call_timeout);
        return {timeout, timeout.count() > 0 ? clock::now() + timeout : clock::time_point::max()};
    }

    // Submits `call` with `args` encoded and completes when its outcome is known. Not a coroutine
    // of its own: the awaitable is the initiation, awaited in the caller's frame.
    template <codec::method M>
    auto exchange(awaiting_call& call, const typename M::args& args, const call_timing& timing) {
        call.timeout = timing.timeout;
        call.deadline = timing.deadline;
        return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, void(std::exception_ptr)>(
            [this, &call, &args](auto handler) {
                start(call, std::move(handler), [&](std::string& out, std::int32_t seqid) {
                    codec::encode_call<M>(out, args, seqid, config_.framed);
                });
            },
            boost::asio::use_awaitable);
    }

    template <class Encode>
    void start(awaiting_call& call, handler_type handler, Encode&& encode) {
        // Not `call.handler = std::move(handler)`: Boost 1.81's any_completion_handler move
        // assignment recurses forever (it copies from an lvalue into its converting constructor).
        handler.swap(call.handler);
        const auto actions = pipeline_.submit(call, std::forward<Encode>(encode));
        // Only a call that went into the FIFO can be cancelled; a refused one is already done.
        if (pipeline_.is_open() && !call.error)
            watch_cancellation(call);
        apply(actions);
    }

    void watch_cancellation(awaiting_call& call);
    // Carries out what a step of the pipeline asks for. Completed callers are resumed inline only
    // from the reader's handler (`from_reader`); anywhere else, one posted function resumes them.
    void apply(const pipeline_actions& actions, bool from_reader = false);
    void request_flush();
    void on_write_done(boost::system::error_code ec);

    void start_read();
    struct reader;
    void on_read(boost::system::error_code ec, std::size_t n);
    void abandon_waiting_calls();

    void arm_timer(clock::time_point deadline);
    void post_resume();
    struct resumer;
    void resume_completed(bool invoke);

    boost::asio::awaitable<void> wait_for_free_slot(std::string_view method, clock::time_point deadline);
    void wake_slot_waiters(std::size_t count);
    boost::asio::awaitable<void> tls_handshake(const bool& expired);
    boost::asio::awaitable<void> handshake(clock::time_point deadline);
    boost::asio::awaitable<void> learn_release(call_options options);

    boost::asio::any_io_executor executor_;
    connection_config config_;
    transport transport_;
    call_pipeline pipeline_;
    bool connect_called_ = false;
    bool connecting_ = false;      // resolving or connecting: the connect guard may close the socket
    bool flush_deferred_ = false;  // registered with the active write_cork, or a flush is posted
    // Calls with an outcome are resumed by one posted function per batch, not one post per call:
    // a post through any_io_executor costs two allocations and a lock on the scheduler.
    bool resume_posted_ = false;
    // Why the TLS session failed (the server's alert, a bad record), when a read ended that way:
    // connect() reports it as tls_error.
    std::string tls_failure_;
    // What connect() learnt the server speaks (connection_config::learn_server_version).
    std::optional<server_version> server_version_;
    std::deque<boost::asio::steady_timer*> slot_waiters_;
    boost::asio::steady_timer timer_;
};

}  // namespace cppcassa::net
