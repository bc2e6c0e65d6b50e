// The pool's retry rules, decided without a server, a socket or a sleep.
#include <cppcassa/detail/retry_plan.hpp>

#include "support/catch.hpp"

#include <chrono>

using namespace std::chrono_literals;
using cppcassa::detail::retry_plan;
using verdict = retry_plan::verdict;
using clock_type = retry_plan::clock;

namespace {

const clock_type::time_point start = clock_type::time_point() + 1000h;

// A connection reset after the request went out: retryable, the server's fault.
retry_plan::failure transport_failure_after_send() {
    return {.retryable = true, .host_fault = true, .sent = true};
}

retry_plan::failure connect_failure() { return {.retryable = true, .host_fault = true, .sent = false}; }

}  // namespace

TEST_CASE("a retryable failure is tried again until max_retries attempts after the first, then exhausted") {
    retry_plan plan({.budget = 0ms, .max_retries = 2}, start);
    for (int attempt = 1; attempt <= 2; ++attempt) {
        plan.begin_attempt(0);
        CHECK(plan.after_failure(transport_failure_after_send(), start).what == verdict::retry);
    }
    plan.begin_attempt(0);
    CHECK(plan.after_failure(transport_failure_after_send(), start).what == verdict::exhausted);
    CHECK(plan.attempts() == 3);
}

TEST_CASE("without max_retries only the deadline or the error ends an operation") {
    retry_plan plan({.budget = 0ms, .max_retries = std::nullopt}, start);
    for (int attempt = 0; attempt < 1000; ++attempt)
        plan.begin_attempt(0);
    CHECK(plan.after_failure(transport_failure_after_send(), start + 1h).what == verdict::retry);
}

TEST_CASE("an error that is not retryable fails the operation at once") {
    retry_plan plan({.budget = 0ms, .max_retries = 5}, start);
    plan.begin_attempt(0);
    const auto decision = plan.after_failure({.retryable = false, .host_fault = false, .sent = true}, start);
    CHECK(decision.what == verdict::fail);
    CHECK_FALSE(decision.mark_host_down);
}

TEST_CASE("a non-idempotent operation is retried after a failed connect, never once its request may have been sent") {
    retry_plan plan({.budget = 0ms, .max_retries = 5, .idempotent = false}, start);
    plan.begin_attempt(0);
    CHECK(plan.after_failure(connect_failure(), start).what == verdict::retry);
    plan.begin_attempt(1);
    const auto decision = plan.after_failure(transport_failure_after_send(), start);
    CHECK(decision.what == verdict::fail);
    CHECK(decision.mark_host_down);  // the server still sits out its backoff
}

TEST_CASE("a transport error marks the host down unless the pool itself cut the connection") {
    retry_plan plan({.budget = 0ms, .max_retries = 5}, start);
    plan.begin_attempt(0);
    CHECK(plan.after_failure(transport_failure_after_send(), start).mark_host_down);
    auto cut = transport_failure_after_send();
    cut.cut_by_pool = true;  // another operation's deadline closed the shared connection
    const auto decision = plan.after_failure(cut, start);
    CHECK_FALSE(decision.mark_host_down);
    CHECK(decision.what == verdict::retry);
}

TEST_CASE("a server error that is retryable is retried without marking its host down") {
    retry_plan plan({.budget = 0ms, .max_retries = 5}, start);
    plan.begin_attempt(0);
    const auto decision = plan.after_failure({.retryable = true, .host_fault = false, .sent = true}, start);  // unavailable
    CHECK(decision.what == verdict::retry);
    CHECK_FALSE(decision.mark_host_down);
}

TEST_CASE("an attempt cut by its own deadline ends the operation with the deadline, whatever the error") {
    retry_plan plan({.budget = 100ms, .max_retries = 5}, start);
    plan.begin_attempt(0);
    auto f = transport_failure_after_send();
    f.cut_by_pool = true;
    f.deadline_fired = true;
    const auto decision = plan.after_failure(f, start + 100ms);
    CHECK(decision.what == verdict::deadline);
    CHECK_FALSE(decision.mark_host_down);
}

TEST_CASE("a connect cut short by the deadline ends with the deadline, not the retry count, and blames no host") {
    retry_plan plan({.budget = 100ms, .max_retries = 0}, start);
    plan.begin_attempt(0);
    auto f = connect_failure();
    f.cut_by_pool = true;
    const auto decision = plan.after_failure(f, start + 100ms);
    CHECK(decision.what == verdict::deadline);
    CHECK_FALSE(decision.mark_host_down);
    // The same failure before the deadline counts against max_retries = 0.
    retry_plan early({.budget = 100ms, .max_retries = 0}, start);
    early.begin_attempt(0);
    CHECK(early.after_failure(connect_failure(), start + 50ms).what == verdict::exhausted);
}

TEST_CASE("the deadline is the start plus the budget, and a zero budget never expires") {
    retry_plan limited({.budget = 250ms}, start);
    CHECK(limited.deadline() == start + 250ms);
    CHECK_FALSE(limited.expired(start + 249ms));
    CHECK(limited.expired(start + 250ms));
    retry_plan unlimited({.budget = 0ms}, start);
    CHECK_FALSE(unlimited.expired(clock_type::time_point::max() - 1h));
}

TEST_CASE("attempts after the first are retries, and a retry on another host is a failover") {
    retry_plan plan({.budget = 0ms}, start);
    const auto first = plan.begin_attempt(3);
    CHECK_FALSE(first.retry);
    CHECK_FALSE(first.failover);
    const auto same = plan.begin_attempt(3);
    CHECK(same.retry);
    CHECK_FALSE(same.failover);
    const auto other = plan.begin_attempt(4);
    CHECK(other.retry);
    CHECK(other.failover);
}
