#include "net/call_pipeline.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace cppcassa::net {

namespace {
// Reads ask for at least this much room: big enough to take many pipelined replies per syscall.
constexpr std::size_t read_chunk = 64 * 1024;
}  // namespace

pipeline_actions& pipeline_actions::operator+=(const pipeline_actions& other) {
    write = write || other.write;
    resume = resume || other.resume;
    closed = closed || other.closed;
    freed_slots += other.freed_slots;
    arm_timer = std::min(arm_timer, other.arm_timer);
    return *this;
}

call_pipeline::call_pipeline(pipeline_settings settings)
    : settings_(std::move(settings)),
      next_seqid_(settings_.first_seqid),
      scanner_(settings_.framed, settings_.frame_limit) {}

void call_pipeline::open() {
    if (state_ == state::idle)
        state_ = state::open;
}

std::int32_t call_pipeline::take_seqid() {
    // Wraps instead of overflowing: a connection may live for billions of calls. Replies are
    // matched by order, so a repeated seqid far apart in time is harmless.
    const std::int32_t seqid = next_seqid_;
    next_seqid_ = seqid == std::numeric_limits<std::int32_t>::max() ? 1 : seqid + 1;
    return seqid;
}

pipeline_actions call_pipeline::written(pending_call& call) {
    pending_.push(call);
    pipeline_actions actions;
    actions.write = !writing_;
    if (call.deadline < armed_)
        actions.arm_timer = armed_ = call.deadline;
    return actions;
}

pipeline_actions call_pipeline::complete_closed(pending_call& call) {
    complete(call, std::make_exception_ptr(connection_closed(fmt::format(
                       "{} on {}: the connection is closed ({})", call.method, settings_.endpoint, closed_reason_))));
    return {.resume = true};
}

pipeline_actions call_pipeline::refuse_too_large(pending_call& call, std::size_t request_start) {
    queued_.resize(request_start);
    complete(call, std::make_exception_ptr(request_too_large(
                       fmt::format("{} on {}: the request is {} bytes, over the connection's request limit of {} "
                                   "bytes, so it was not sent; send less per call (smaller values, fewer "
                                   "mutations per batch), or raise connection_config::request_limit "
                                   "(pool_config::request_limit) together with the server's "
                                   "thrift_framed_transport_size_in_mb",
                                   call.method, settings_.endpoint, call.request_bytes, settings_.request_limit),
                       std::string(call.method), call.request_bytes, settings_.request_limit)));
    return {.resume = true};
}

void call_pipeline::complete(pending_call& call, std::exception_ptr error) {
    call.error = std::move(error);
    completed_.push(call);
}

void call_pipeline::sent(std::size_t n) {
    queued_sent_ += n;
    if (queued_sent_ >= queued_.size()) {
        queued_.clear();
        queued_sent_ = 0;
    }
}

std::string_view call_pipeline::begin_write() {
    // The bytes move to a buffer of their own: requests submitted during the write append to
    // queued_, which may reallocate.
    in_write_.swap(queued_);
    const std::size_t skip = queued_sent_;
    queued_.clear();
    queued_sent_ = 0;
    writing_ = true;
    return std::string_view(in_write_).substr(skip);
}

pipeline_actions call_pipeline::end_write() {
    writing_ = false;
    in_write_.clear();
    return {.write = state_ == state::open && !unsent().empty()};
}

pipeline_actions call_pipeline::write_failed(std::string_view what) {
    writing_ = false;
    in_write_.clear();
    if (state_ != state::open)
        return {};
    std::string reason = fmt::format("writing to {} failed: {}", settings_.endpoint, what);
    if (pending_call* oversized = oversized_call())
        return refused_by_server(*oversized, std::move(reason));
    auto culprit_error = std::make_exception_ptr(connection_closed(reason));
    return fail(pending_.front(), std::move(culprit_error), std::move(reason));
}

std::span<char> call_pipeline::read_space() { return read_buffer_.prepare(read_chunk); }

pipeline_actions call_pipeline::received(std::size_t n) {
    pipeline_actions actions;
    if (state_ != state::open)
        return actions;
    read_buffer_.commit(n);
    if (!replied_ && looks_like_tls(read_buffer_.unread())) [[unlikely]]
        return answered_with_tls();
    try {
        deliver_replies(actions);
    } catch (const std::exception& e) {
        // A reply we cannot read leaves us unable to find where the next one starts.
        actions += fail(pending_.front(), std::current_exception(),
                        fmt::format("{} sent a malformed reply: {}", settings_.endpoint, e.what()));
    }
    return actions;
}

void call_pipeline::deliver_replies(pipeline_actions& actions) {
    while (auto size = scanner_.scan(read_buffer_.unread())) {
        scanner_.reset();
        pending_call* call = pending_.front();
        if (!call)
            throw protocol_error(fmt::format("{} sent a reply to no call", settings_.endpoint));
        const auto message = read_buffer_.unread().substr(0, *size);
        try {
            call->deliver(*call, codec::message_body(message, settings_.framed), settings_.endpoint);
        } catch (const application_error&) {
            call->error = std::current_exception();  // a well-formed reply: the stream is fine
        }
        pending_.pop();
        replied_ = true;
        read_buffer_.consume(*size);
        complete(*call, call->error);
        actions.resume = true;
        ++actions.freed_slots;
    }
}

// A TLS record starts with its content type (20-23: change_cipher_spec, alert, handshake,
// application data) and the protocol's major version 3. No Thrift reply starts so: a framed one
// with its length's high byte (a reply of over 335 MB), an unframed one with 0x80.
bool call_pipeline::looks_like_tls(std::string_view bytes) {
    if (bytes.size() < 3)
        return false;
    const auto type = static_cast<unsigned char>(bytes[0]);
    return type >= 20 && type <= 23 && bytes[1] == 3 && static_cast<unsigned char>(bytes[2]) <= 4;
}

pipeline_actions call_pipeline::answered_with_tls() {
    std::string reason = fmt::format(
        "{} answered with TLS, not Thrift: its Thrift port requires TLS (client_encryption_options); "
        "set connection_config::tls (pool_config::tls)",
        settings_.endpoint);
    auto error = std::make_exception_ptr(tls_error(reason, "a plaintext client on a TLS port"));
    return fail(pending_.front(), std::move(error), std::move(reason));
}

pipeline_actions call_pipeline::end_of_stream() {
    if (state_ != state::open)
        return {};
    const auto unread = read_buffer_.unread().size();
    std::string reason = fmt::format("{} closed the connection{}", settings_.endpoint,
                                     unread ? fmt::format(" in the middle of a reply ({} bytes of it received)", unread)
                                            : std::string());
    if (pending_call* oversized = oversized_call())
        return refused_by_server(*oversized, std::move(reason));
    return fail(nullptr, nullptr, std::move(reason));
}

pipeline_actions call_pipeline::read_failed(std::string_view what) {
    if (state_ != state::open)
        return {};
    std::string reason = fmt::format("reading from {} failed: {}", settings_.endpoint, what);
    if (pending_call* oversized = oversized_call())
        return refused_by_server(*oversized, std::move(reason));
    return fail(nullptr, nullptr, std::move(reason));
}

pending_call* call_pipeline::oversized_call() const {
    for (pending_call* call = pending_.front(); call; call = call->next)
        if (call->request_bytes > codec::default_frame_limit)
            return call;
    return nullptr;
}

pipeline_actions call_pipeline::refused_by_server(pending_call& call, std::string reason) {
    // Cassandra closes a connection, without a reply, on a frame over its
    // thrift_framed_transport_size_in_mb (15 MiB unless raised): with a request that large in
    // flight, the close is that request's failure, not a sign the server is down.
    auto error = std::make_exception_ptr(request_too_large(
        fmt::format("{} on {}: {} after this {}-byte request, over Cassandra's default frame limit of {} bytes; "
                    "the server's thrift_framed_transport_size_in_mb is probably below the request limit "
                    "({} bytes): send less per call, or raise both",
                    call.method, settings_.endpoint, reason, call.request_bytes, codec::default_frame_limit,
                    settings_.request_limit),
        std::string(call.method), call.request_bytes, settings_.request_limit));
    return fail(&call, std::move(error),
                fmt::format("{} (after the {}-byte {} request)", reason, call.request_bytes, call.method), true);
}

pipeline_actions call_pipeline::expire(clock::time_point now) {
    armed_ = clock::time_point::max();
    if (state_ != state::open)
        return {};
    auto next = clock::time_point::max();
    for (pending_call* call = pending_.front(); call; call = call->next) {
        if (call->deadline <= now) {
            const std::string what =
                fmt::format("{} on {}: no reply within {} ms", call->method, settings_.endpoint, call->timeout.count());
            return fail(call, std::make_exception_ptr(call_timeout(what + "; the connection was closed")),
                        fmt::format("{} timed out, which leaves the reply stream out of sync", call->method));
        }
        next = std::min(next, call->deadline);
    }
    pipeline_actions actions;
    if (next != clock::time_point::max())
        actions.arm_timer = armed_ = next;
    return actions;
}

pipeline_actions call_pipeline::cancel(pending_call& call, std::exception_ptr why) {
    if (state_ != state::open)
        return {};
    // The other calls' connection_closed blames the cancelled call, not the server: a pool
    // retries them without marking the server down.
    return fail(&call, std::move(why),
                fmt::format("{} was cancelled, which leaves the reply stream out of sync", call.method), true);
}

pipeline_actions call_pipeline::close(std::string reason) {
    if (state_ == state::closed)
        return {};
    return fail(nullptr, nullptr, std::move(reason));
}

pipeline_actions call_pipeline::fail(pending_call* culprit, std::exception_ptr culprit_error, std::string reason,
                                     bool caused_by_request) {
    state_ = state::closed;
    closed_reason_ = std::move(reason);
    queued_.clear();
    queued_sent_ = 0;
    armed_ = clock::time_point::max();
    pipeline_actions actions{.closed = true};
    while (pending_call* call = pending_.pop()) {
        actions.resume = true;
        if (call == culprit)
            complete(*call, culprit_error);
        else
            complete(*call, std::make_exception_ptr(connection_closed(
                                fmt::format("{} on {}: the connection closed before the reply came: {}; the call "
                                            "may have been applied",
                                            call->method, settings_.endpoint, closed_reason_),
                                caused_by_request)));
    }
    return actions;
}

}  // namespace cppcassa::net
