// The calls pool::execute's retry loop makes into the pool (include/cppcassa/detail/pool_operation.hpp).
#include <cppcassa/detail/pool_operation.hpp>

#include "errors/exception_message.hpp"
#include "pool/pool_impl.hpp"
#include "pool/pooled_connection.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

namespace cppcassa::detail {

namespace {

retry_plan::limits limits_of(const pool_config& config, const operation_options& options) {
    return {.budget = options.timeout.value_or(config.operation_timeout),
            .max_retries = config.max_retries,
            .idempotent = options.idempotent};
}

}  // namespace

operation::operation(std::shared_ptr<pool_impl> pool, operation_options options, std::thread::id thread,
                     bool internal)
    : pool_(std::move(pool)),
      options_(std::move(options)),
      thread_(thread),
      internal_(internal),
      plan_(limits_of(pool_->config_, options_), pool_impl::clock::now()),
      lease_(plan_.deadline()) {
    if (!internal_)
        pool_->stats_.operations++;
}

// A frame destroyed in the middle of an attempt (its io_context went away) only lets go of the
// connection: the lease unlinks itself, and nothing runs on a pool that may be shutting down.
operation::~operation() = default;

operation::step operation::fail_with(std::exception_ptr outcome) {
    outcome_ = std::move(outcome);
    if (!internal_)
        pool_->stats_.failed++;
    return step::fail;
}

std::exception_ptr operation::deadline_error() const {
    const auto attempts = plan_.attempts();
    return std::make_exception_ptr(call_timeout(fmt::format(
        "operation did not complete within its deadline of {} ms ({} attempt{}){}; raise "
        "operation_timeout or operation_options::timeout, or check the servers",
        plan_.budget().count(), attempts, attempts == 1 ? "" : "s",
        last_ ? "; last error: " + detail::exception_message(last_) : std::string())));
}

operation::step operation::next() {
    if (outcome_)
        return step::fail;
    auto& p = *pool_;
    const auto now = pool_impl::clock::now();
    if (p.closed_)
        return fail_with(std::make_exception_ptr(
            pool_closed("the pool was closed (by close(), or by the end of the pool object it belongs to)")));
    if (plan_.expired(now))
        return fail_with(deadline_error());
    bool routed = false;
    auto picked = p.pick(options_, now, routed);
    if (redirect_) {
        if (p.hosts_.is_up(*redirect_, now)) {
            picked = redirect_;
            routed = false;
        }
        redirect_.reset();
    }
    if (!picked)
        return fail_with(std::make_exception_ptr(no_server_available(p.hosts_.failures(now))));
    auto decision = p.policy_->checkout({*picked, p.hosts_, now, thread_});
    if (decision.kind == connection_policy::decision::reject)
        return fail_with(decision.error);
    if (decision.kind == connection_policy::decision::wait) {
        p.stats_.waits++;
        p.events_.emit([](pool_listener& l) { l.pool_at_max(); });
        return step::wait;
    }
    // A shared connection may lead to another host than the one picked.
    host_ = decision.connection ? decision.connection->host : *picked;
    routed_ = routed && host_ == *picked;
    const auto start = plan_.begin_attempt(host_);
    if (start.retry) {
        p.stats_.retries++;
        p.hosts_[host_].stats.retries++;
        if (start.failover)
            p.stats_.failovers++;
    }
    entry_ = std::move(decision.connection);
    if (!entry_)
        return step::connect;
    checked_out();
    return step::attempt;
}

boost::asio::awaitable<void> operation::wait() {
    auto pool = pool_;
    co_await pool->wait_for_room(plan_.deadline());
}

boost::asio::awaitable<bool> operation::connect() {
    auto pool = pool_;
    std::exception_ptr failure;
    entry_ = co_await pool->open_connection(host_, plan_.deadline(), true, thread_, failure);
    if (entry_) {
        checked_out();
        co_return true;
    }
    last_ = failure;
    if (pool->closed_)
        co_return false;  // next(): pool_closed
    const auto now = pool_impl::clock::now();
    // A connect cut short by the operation's deadline says nothing about the server.
    const auto decision = plan_.after_failure(pool->classify(failure, false, plan_.expired(now)), now);
    if (decision.mark_host_down)
        pool->host_failed(host_, detail::exception_message(failure));
    if (decision.what == retry_plan::verdict::fail)
        fail_with(failure);
    else if (decision.what == retry_plan::verdict::exhausted)
        fail_with(std::make_exception_ptr(maximum_retry(last_, plan_.attempts())));
    // retry and deadline: next() tries again or reports the deadline
    co_return false;
}

connection& operation::conn() { return entry_->conn; }

void operation::cancelled_by_caller() {
    if (outcome_)
        return;
    const auto attempts = plan_.attempts();
    if (attempts == 0) {
        fail_with(std::make_exception_ptr(
            call_cancelled("pool operation cancelled while waiting for a connection (nothing was sent)")));
        return;
    }
    fail_with(std::make_exception_ptr(call_cancelled(
        fmt::format("pool operation cancelled after {} attempt{} (no more are made){}", attempts,
                    attempts == 1 ? "" : "s",
                    last_ ? "; last error: " + detail::exception_message(last_) : std::string()))));
}

void operation::checked_out() {
    auto& p = *pool_;
    p.hosts_[host_].stats.operations++;
    p.hosts_[host_].stats.checkouts++;
    p.stats_.checkouts++;
    if (routed_)
        p.stats_.routed++;
    p.events_.emit([&](pool_listener& l) { l.checked_out(p.hosts_[host_].endpoint); });
    // The deadline closes the connection, which fails the attempt's call at once (the
    // connection's own rule: a call abandoned mid-way leaves the stream out of sync).
    entry_->deadlines.watch(lease_);
}

bool operation::finish(std::exception_ptr failure) {
    auto& p = *pool_;
    auto entry = std::move(entry_);
    entry->deadlines.unwatch(lease_);
    // Read before checkin, which closes a broken connection itself.
    const bool cut_by_pool = entry->closed_by_pool;
    p.events_.emit([&](pool_listener& l) { l.checked_in(p.hosts_[host_].endpoint); });
    p.checkin(*entry);
    if (!failure) {
        p.host_worked(host_);
        if (!internal_)
            p.stats_.succeeded++;
        return true;
    }
    last_ = failure;
    if (p.closed_ && !lease_.expired) {
        fail_with(std::make_exception_ptr(pool_closed("the pool was closed")));
        return true;
    }
    if (redirect_for_version(failure))
        return false;
    auto facts = p.classify(failure, true, cut_by_pool);
    facts.deadline_fired = lease_.expired;
    const auto decision = plan_.after_failure(facts, pool_impl::clock::now());
    if (decision.mark_host_down)
        p.host_failed(host_, detail::exception_message(failure));
    switch (decision.what) {
    case retry_plan::verdict::retry:
        return false;
    case retry_plan::verdict::fail:
        fail_with(failure);
        break;
    case retry_plan::verdict::exhausted:
        fail_with(std::make_exception_ptr(maximum_retry(last_, plan_.attempts())));
        break;
    case retry_plan::verdict::deadline:
        fail_with(deadline_error());
        break;
    }
    return true;
}

// Nothing was sent and the server is not at fault, so another server may take the operation even
// when it is not idempotent (a mixed-version cluster during an upgrade): one known to have what
// this one lacked, else one whose version no connection learnt yet (connecting learns it, and
// the call is refused there too if that server lacks it); never one known to lack it, and no
// server twice. Without such a server the operation fails with the refusal.
bool operation::redirect_for_version(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const not_supported_by_server_error& e) {
        auto& p = *pool_;
        refused_for_version_.push_back(host_);
        const net::feature_need need{e.feature, e.since};
        redirect_ = p.hosts_.next_having(need, host_, refused_for_version_, pool_impl::clock::now());
        return redirect_.has_value() && !plan_.expired(pool_impl::clock::now());
    } catch (...) {
        return false;
    }
}

}  // namespace cppcassa::detail
