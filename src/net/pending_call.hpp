// A call that was written and waits for its reply, as the call pipeline sees it.
//
// It lives in the frame of the coroutine that awaits it (no allocation per call); the pipeline
// keeps the written calls in a FIFO of pointers because Thrift replies come back in request order.
// Nothing here knows of sockets or executors: the driver's record (awaiting_call) adds the
// completion handler.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

namespace cppcassa::net {

struct pending_call {
    using clock = std::chrono::steady_clock;

    std::string_view method;
    std::int32_t seqid = 0;
    clock::time_point deadline = clock::time_point::max();
    std::chrono::milliseconds timeout{0};
    std::size_t request_bytes = 0;  // the request's message, set when it is submitted

    // Decodes the reply body into the typed call that owns this record. May throw
    // cppcassa::protocol_error (the stream is unusable) or application_error (only this call failed).
    // `endpoint` ("host:port") goes into the messages of the errors it raises.
    void (*deliver)(pending_call&, std::string_view body, std::string_view endpoint) = nullptr;

    // Set by deliver when the server raised a declared exception, or by the pipeline when the
    // call failed; the outcome the caller resumes with.
    std::exception_ptr error;

    pending_call* next = nullptr;  // in the FIFO of written calls, then in that of completed ones
};

// A FIFO of pending calls linked through pending_call::next.
class pending_queue {
public:
    void push(pending_call& c) {
        c.next = nullptr;
        (tail_ ? tail_->next : head_) = &c;
        tail_ = &c;
        ++size_;
    }
    pending_call* pop() {
        pending_call* c = head_;
        if (c) {
            head_ = c->next;
            if (!head_)
                tail_ = nullptr;
            --size_;
        }
        return c;
    }
    [[nodiscard]] pending_call* front() const { return head_; }
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] bool empty() const { return head_ == nullptr; }

private:
    pending_call* head_ = nullptr;
    pending_call* tail_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace cppcassa::net
