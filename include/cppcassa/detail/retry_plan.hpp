// The retry rules of one pool operation, as pure decisions: no socket, no exception to inspect,
// no clock of its own (the time is passed in), so tests check every rule without a server or a
// sleep (test/unit/pool_retry_plan_test.cpp).
//
// The pool (detail::operation) turns each failure into the facts below, asks what to do,
// and carries the answer out: marks the host down, tries again, or ends the operation.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

namespace cppcassa::detail {

class retry_plan {
public:
    using clock = std::chrono::steady_clock;

    struct limits {
        std::chrono::milliseconds budget{0};     // the operation's deadline from its start; zero: none
        std::optional<std::size_t> max_retries{};  // attempts after the first; unset: no limit
        bool idempotent = true;                  // may run twice once its request may have been sent
    };

    // What an attempt that failed tells.
    struct failure {
        bool retryable = false;    // the error may not recur elsewhere (pool_config::retry_on or error::retryable)
        bool host_fault = false;   // the error speaks of the server (transport or protocol)
        bool sent = false;         // the request may have reached the server (false: the connect failed)
        bool cut_by_pool = false;  // the pool itself ended it (a deadline, close()): the server is not to blame
        bool deadline_fired = false;  // this operation's deadline closed the connection under the attempt
    };

    enum class verdict {
        retry,      // try again (the pool checks its deadline and whether it is closed first)
        fail,       // the operation fails with this attempt's error
        exhausted,  // the operation fails with maximum_retry
        deadline,   // the operation fails with call_timeout: its deadline passed
    };

    struct decision {
        verdict what;
        bool mark_host_down;  // the host sits out its backoff
    };

    // Where an attempt stands among the operation's attempts.
    struct attempt_start {
        bool retry;     // not the operation's first attempt
        bool failover;  // and on another host than the one before
    };

    retry_plan(limits limits, clock::time_point start);

    [[nodiscard]] clock::time_point deadline() const { return deadline_; }
    [[nodiscard]] bool expired(clock::time_point now) const { return now >= deadline_; }
    [[nodiscard]] std::chrono::milliseconds budget() const { return limits_.budget; }
    [[nodiscard]] std::size_t attempts() const { return attempts_; }

    attempt_start begin_attempt(std::size_t host);
    [[nodiscard]] decision after_failure(const failure& f, clock::time_point now) const;

private:
    limits limits_;
    clock::time_point deadline_;
    std::size_t attempts_ = 0;
    std::optional<std::size_t> last_host_;
};

}  // namespace cppcassa::detail
