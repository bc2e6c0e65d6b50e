// One socket to one Cassandra server, shared by any number of concurrent calls.
//
// Calls are pipelined: each call encodes its request straight into the write buffer and parks in
// the FIFO of pending calls; one writer coroutine sends whatever accumulated in a single write,
// one reader coroutine decodes replies in order and completes the head of the FIFO. Thrift
// replies carry no id the server chose, only our seqid echoed back in request order, so anything
// that breaks that order (a timeout, a cancellation, a malformed reply) makes the stream
// unusable: the connection then closes and fails every waiting call with a retryable error.
//
// Not thread-safe: use it from one executor (a strand when the io_context runs on many threads).
#pragma once

#include "codec/framing.hpp"
#include "codec/message.hpp"
#include "net/pending_call.hpp"
#include "net/read_buffer.hpp"
#include "net/typed_call.hpp"

#include <cppcassa/call_options.hpp>
#include <cppcassa/connection_config.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

namespace cppcassa::net {

class connection_impl : public std::enable_shared_from_this<connection_impl> {
public:
    using clock = pending_call::clock;

    connection_impl(boost::asio::any_io_executor executor, connection_config config);

    // Resolves, connects, logs in and sets the keyspace, all within config.connect_timeout.
    boost::asio::awaitable<void> connect();

    // Fails every waiting call with connection_closed and closes the socket. Idempotent.
    void close();

    [[nodiscard]] bool is_open() const { return state_ == state::open; }
    [[nodiscard]] const connection_config& config() const { return config_; }
    [[nodiscard]] const std::string& endpoint() const { return endpoint_; }
    [[nodiscard]] std::size_t in_flight() const { return pending_.size(); }
    [[nodiscard]] boost::asio::any_io_executor get_executor() const { return executor_; }

    template <codec::method M>
    boost::asio::awaitable<typename M::result> call(const typename M::args& args, call_options options) {
        // The frame of this coroutine holds the pending call; keep the connection alive with it.
        auto keep_alive = shared_from_this();
        const auto timeout = options.timeout.value_or(config_.call_timeout);
        const auto deadline = timeout.count() > 0 ? clock::now() + timeout : clock::time_point::max();
        // A coroutine frame (a heap block when Asio's two-slot frame cache misses) only when
        // the pipeline is full, not on every call.
        if (state_ == state::open && pending_.size() >= config_.max_in_flight)
            co_await wait_for_free_slot(M::name, deadline);

        typed_call<M> call;
        call.timeout = timeout;
        call.deadline = deadline;
        co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, void(std::exception_ptr)>(
            [this, &call, &args](auto handler) {
                start(call, std::move(handler), [&](std::string& out, std::int32_t seqid) {
                    codec::encode_call<M>(out, args, seqid, config_.framed);
                });
            },
            boost::asio::use_awaitable);
        co_return std::move(*call.result);
    }

private:
    enum class state { idle, connecting, open, closed };

    using handler_type = boost::asio::any_completion_handler<void(std::exception_ptr)>;

    template <class Encode>
    void start(pending_call& call, handler_type handler, Encode&& encode) {
        // Not `call.handler = std::move(handler)`: Boost 1.81's any_completion_handler move
        // assignment recurses forever (it copies from an lvalue into its converting constructor).
        handler.swap(call.handler);
        if (state_ != state::open) {
            complete(call, closed_error(call.method));
            return;
        }
        call.seqid = next_seqid_++;
        encode(write_buffer_, call.seqid);
        enqueue(call);
    }

    void enqueue(pending_call& call);
    void complete(pending_call& call, std::exception_ptr error);
    void resume_completed(bool invoke);
    struct resumer;
    boost::asio::awaitable<void> wait_for_free_slot(std::string_view method, clock::time_point deadline);
    void wake_one_slot_waiter();

    boost::asio::awaitable<void> read_loop(std::shared_ptr<connection_impl> self);
    boost::asio::awaitable<void> write_loop(std::shared_ptr<connection_impl> self);
    void deliver_complete_replies();

    void arm_watchdog(clock::time_point deadline);
    void on_watchdog();

    // Closes the socket and fails every pending call: `culprit` (when set) with `culprit_error`,
    // every other one with connection_closed naming `reason`.
    void fail(pending_call* culprit, std::exception_ptr culprit_error, const std::string& reason);
    void cancel(pending_call& call);
    std::exception_ptr closed_error(std::string_view method) const;
    boost::asio::awaitable<void> handshake(clock::time_point deadline);

    boost::asio::any_io_executor executor_;
    connection_config config_;
    std::string endpoint_;
    boost::asio::ip::tcp::socket socket_;
    state state_ = state::idle;
    std::string closed_reason_ = "connect() was not called";

    std::int32_t next_seqid_ = 1;
    pending_queue pending_;
    // Calls with an outcome, waiting for the one posted function that resumes them in order.
    // One post per batch of replies, not one per call: a post through any_io_executor costs two
    // allocations (Asio's recycling caches hold two blocks each) and a lock on the scheduler.
    pending_queue completed_;
    bool resume_posted_ = false;
    std::deque<boost::asio::steady_timer*> slot_waiters_;

    std::string write_buffer_;   // requests encoded since the last write began
    std::string writing_;        // the bytes of the write in progress
    boost::asio::steady_timer write_signal_;
    read_buffer read_buffer_;
    // Remembers how far an incomplete unframed reply was walked, so each read resumes there.
    codec::message_scanner scanner_;

    boost::asio::steady_timer watchdog_;
    clock::time_point watchdog_expiry_ = clock::time_point::max();
};

}  // namespace cppcassa::net
