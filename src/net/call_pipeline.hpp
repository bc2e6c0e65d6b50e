// The pipelined calls of one connection, with no socket, no timer and no clock of its own.
//
// Thrift replies carry no id the server chose, only our seqid echoed back in request order, so a
// connection is a FIFO: calls are written in order and their replies complete them in order.
// This core keeps that FIFO, the bytes to send and the bytes received, the seqids, the in-flight
// limit and the earliest deadline. Every step returns the pipeline_actions its driver
// (connection_impl) must carry out: write, move its timer, resume completed callers, wake callers
// waiting for an in-flight slot, close the socket. Unit tests drive it with bytes and time points
// alone (test/unit/net_call_pipeline_test.cpp).
//
// Anything that breaks the reply order (a timeout, a cancellation, a malformed reply) makes the
// stream unusable: the pipeline closes and fails every waiting call, the culprit with its own
// error and the others with the retryable connection_closed naming the reason.
#pragma once

#include "codec/framing.hpp"
#include "net/pending_call.hpp"
#include "net/read_buffer.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <span>
#include <string>
#include <string_view>

namespace cppcassa::net {

struct pipeline_settings {
    std::string endpoint;  // "host:port", named in every error
    bool framed = true;
    std::size_t frame_limit = codec::default_frame_limit;
    std::size_t request_limit = codec::default_frame_limit;
    std::size_t max_in_flight = 1024;
    std::int32_t first_seqid = 1;  // seqids count up from here and wrap from INT32_MAX to 1
};

// What the driver does after one step of the pipeline.
struct pipeline_actions {
    using clock = pending_call::clock;

    bool write = false;            // unsent bytes wait and no write is in progress: send them
    bool resume = false;           // calls completed: resume their callers (pop_completed) in order
    bool closed = false;           // the stream ended: close the socket, stop the timer, wake every slot waiter
    std::size_t freed_slots = 0;   // in-flight slots that became free: wake as many slot waiters
    clock::time_point arm_timer = clock::time_point::max();  // set: move the timer to this deadline

    pipeline_actions& operator+=(const pipeline_actions& other);
};

class call_pipeline {
public:
    using clock = pending_call::clock;

    explicit call_pipeline(pipeline_settings settings);

    // The socket is connected: calls may be submitted. Until then every call fails as closed.
    void open();
    [[nodiscard]] bool is_open() const { return state_ == state::open; }
    // Neither opened nor closed yet.
    [[nodiscard]] bool is_idle() const { return state_ == state::idle; }
    // Why the pipeline closed (or "connect() was not called" before it opened).
    [[nodiscard]] const std::string& closed_reason() const { return closed_reason_; }
    [[nodiscard]] const pipeline_settings& settings() const { return settings_; }

    // Calls written and not yet answered.
    [[nodiscard]] std::size_t in_flight() const { return pending_.size(); }
    [[nodiscard]] bool has_free_slot() const { return pending_.size() < settings_.max_in_flight; }

    // Gives `call` the next seqid and appends its request (`encode(std::string& out, seqid)`)
    // to the unsent bytes. A pipeline that is not open completes the call at once with
    // connection_closed instead, and a request over the request limit with request_too_large;
    // then nothing is written. If `encode` throws, nothing of it stays and the exception goes
    // to the caller. The call must stay alive until it comes out of pop_completed().
    template <class Encode>
    pipeline_actions submit(pending_call& call, Encode&& encode) {
        if (state_ != state::open)
            return complete_closed(call);
        call.seqid = take_seqid();
        const std::size_t start = queued_.size();
        try {
            encode(queued_, call.seqid);
        } catch (...) {
            queued_.resize(start);
            throw;
        }
        call.request_bytes = queued_.size() - start - (settings_.framed ? 4 : 0);
        if (call.request_bytes > settings_.request_limit) [[unlikely]]
            return refuse_too_large(call, start);
        return written(call);
    }

    // ---- writing: the driver either writes synchronously (sent) or hands the bytes to an
    // asynchronous write (begin_write ... end_write); new requests queue behind meanwhile ----
    [[nodiscard]] std::string_view unsent() const { return std::string_view(queued_).substr(queued_sent_); }
    [[nodiscard]] bool writing() const { return writing_; }
    // `n` bytes from the front of unsent() were written.
    void sent(std::size_t n);
    // Every unsent byte, handed to an asynchronous write: valid and unchanged until end_write.
    std::string_view begin_write();
    // The asynchronous write finished; `write` is set when more requests queued meanwhile.
    pipeline_actions end_write();
    // A write failed (`what`: the system's words): the stream is lost.
    pipeline_actions write_failed(std::string_view what);

    // ---- reading ----
    // Where the next read puts its bytes.
    std::span<char> read_space();
    // `n` bytes arrived in read_space(): every whole reply among them completes its call.
    pipeline_actions received(std::size_t n);
    pipeline_actions end_of_stream();
    pipeline_actions read_failed(std::string_view what);

    // ---- time, cancellation, closing ----
    // The timer armed at the last arm_timer fired: a call past its deadline fails with
    // call_timeout and closes the pipeline; otherwise the timer moves to the next deadline.
    pipeline_actions expire(clock::time_point now);
    // The caller of `call` (still waiting for its reply) gave up: it fails with `why`, and the
    // stream, out of sync now, closes; the other calls fail with connection_closed
    // caused_by_request (the server is not to blame).
    pipeline_actions cancel(pending_call& call, std::exception_ptr why);
    // Fails every waiting call with connection_closed naming `reason`. Idempotent.
    pipeline_actions close(std::string reason);

    // The next completed call, in completion order, or null.
    pending_call* pop_completed() { return completed_.pop(); }

private:
    enum class state { idle, open, closed };

    std::int32_t take_seqid();
    pipeline_actions written(pending_call& call);
    pipeline_actions complete_closed(pending_call& call);
    pipeline_actions refuse_too_large(pending_call& call, std::size_t request_start);
    void complete(pending_call& call, std::exception_ptr error);
    // Closes and fails every pending call: `culprit` (when set) with `culprit_error`, every other
    // one with connection_closed naming `reason`.
    // `caused_by_request`: the others' connection_closed says the culprit's request caused it.
    pipeline_actions fail(pending_call* culprit, std::exception_ptr culprit_error, std::string reason,
                          bool caused_by_request = false);
    // The first call in the FIFO whose request is over Cassandra's default frame limit, if any.
    [[nodiscard]] pending_call* oversized_call() const;
    // The server closed the stream with `call`'s oversized request in flight: `call` fails with
    // request_too_large, the others with connection_closed caused_by_request.
    pipeline_actions refused_by_server(pending_call& call, std::string reason);
    void deliver_replies(pipeline_actions& actions);
    // The first bytes a plaintext client gets from a TLS port: an alert or a handshake record.
    [[nodiscard]] static bool looks_like_tls(std::string_view bytes);
    // The server speaks TLS: every call fails, the first with tls_error.
    pipeline_actions answered_with_tls();

    pipeline_settings settings_;
    state state_ = state::idle;
    bool replied_ = false;  // a reply arrived: the peer speaks Thrift
    std::string closed_reason_ = "connect() was not called";
    std::int32_t next_seqid_;

    pending_queue pending_;    // written, waiting for their replies, in request order
    pending_queue completed_;  // with an outcome, waiting to be resumed

    std::string queued_;             // requests not yet handed to an asynchronous write
    std::size_t queued_sent_ = 0;    // how much of queued_ was written synchronously
    std::string in_write_;           // the bytes of the asynchronous write in progress
    bool writing_ = false;

    read_buffer read_buffer_;
    // Remembers how far an incomplete unframed reply was walked, so each read resumes there.
    codec::message_scanner scanner_;

    clock::time_point armed_ = clock::time_point::max();  // where the driver's timer is set
};

}  // namespace cppcassa::net
