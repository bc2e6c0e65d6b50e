// One attempt's operation deadline, linked into the deadline watch of the pooled connection the
// attempt runs on (src/pool/deadline_watch.hpp) for as long as the attempt runs.
//
// It lives in the operation's coroutine frame, so watching allocates nothing; here, not in src/,
// because that frame is pool::execute's template. Destroyed still linked (a frame torn down with
// its io_context), it unlinks itself.
#pragma once

#include <chrono>

namespace cppcassa::detail {

class deadline_watch;

class deadline_lease {
public:
    using clock = std::chrono::steady_clock;

    explicit deadline_lease(clock::time_point at) : deadline(at) {}
    ~deadline_lease();
    deadline_lease(const deadline_lease&) = delete;
    deadline_lease& operator=(const deadline_lease&) = delete;

    const clock::time_point deadline;
    bool expired = false;  // the watch found it due and closed the connection

private:
    friend class deadline_watch;
    deadline_watch* watch_ = nullptr;
    deadline_lease* prev_ = nullptr;
    deadline_lease* next_ = nullptr;
};

}  // namespace cppcassa::detail
