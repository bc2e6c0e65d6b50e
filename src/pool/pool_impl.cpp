#include "pool/pool_impl.hpp"

#include <cppcassa/errors.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cppcassa::pool_detail {

namespace asio = boost::asio;
using std::chrono::milliseconds;
constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

namespace {

std::string message_of(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "a non-standard exception";
    }
}

call_timeout deadline_error(milliseconds budget, std::size_t attempts, const std::exception_ptr& last) {
    return call_timeout(fmt::format(
        "operation did not complete within its deadline of {} ms ({} attempt{}){}; raise "
        "operation_timeout or operation_options::timeout, or check the servers",
        budget.count(), attempts, attempts == 1 ? "" : "s",
        last ? "; last error: " + message_of(last) : std::string()));
}

}  // namespace

pool_impl::pool_impl(asio::any_io_executor executor, pool_config config)
    : executor_(std::move(executor)),
      config_(std::move(config)),
      hosts_(config_.servers, config_.host_backoff, config_.round_robin),
      policy_(config_) {
    if (config_.max_in_flight == 0)
        throw std::invalid_argument("pool_config::max_in_flight must be at least 1");
}

void pool_impl::start() {
    if (!config_.prefill)
        return;
    // Spread over the servers in list order, independent of the operations' round-robin turn.
    for (std::size_t i = 0; i < config_.pool_size; ++i) {
        asio::co_spawn(executor_, prefill_one(shared_from_this(), i % hosts_.size()), asio::detached);
    }
}

asio::awaitable<void> pool_impl::prefill_one(std::shared_ptr<pool_impl>, std::size_t host) {
    // Operations that started first may have opened some already.
    if (closed_ || !hosts_.is_up(host, clock::now()) || !policy_.below_pool_size())
        co_return;
    std::exception_ptr failure;
    const auto deadline = config_.connect_timeout.count() > 0 ? clock::now() + config_.connect_timeout
                                                              : clock::time_point::max();
    co_await open_connection(host, deadline, false, failure);
}

asio::awaitable<std::shared_ptr<pooled_connection>> pool_impl::open_connection(std::size_t host,
                                                                               clock::time_point deadline,
                                                                               bool leased,
                                                                               std::exception_ptr& failure) {
    const auto& address = hosts_[host].address;
    connection_config cc;
    cc.host = address.host;
    cc.port = address.port;
    cc.framed = config_.framed;
    cc.connect_timeout = config_.connect_timeout;
    if (deadline != clock::time_point::max()) {
        const auto left = std::max(std::chrono::ceil<milliseconds>(deadline - clock::now()), milliseconds(1));
        if (cc.connect_timeout.count() == 0 || left < cc.connect_timeout)
            cc.connect_timeout = left;
    }
    cc.call_timeout = config_.call_timeout;
    cc.login = config_.credentials;
    cc.keyspace = config_.keyspace;
    cc.frame_limit = config_.frame_limit;
    cc.max_in_flight = config_.max_in_flight;

    auto entry = std::make_shared<pooled_connection>(connection(executor_, cc), host);
    policy_.reserve();
    try {
        co_await entry->conn.connect();
    } catch (...) {
        failure = std::current_exception();
    }
    policy_.unreserve();
    if (failure) {
        stats_.connect_failures++;
        wake_one();  // the place it held is free
        co_return nullptr;
    }
    if (closed_) {
        entry->conn.close();
        failure = std::make_exception_ptr(pool_closed("the pool was closed while connecting"));
        co_return nullptr;
    }
    stats_.connections_opened++;
    policy_.add(entry, leased);
    if (!leased)
        wake_one();
    co_return entry;
}

void pool_impl::host_failed(std::size_t host, const std::string& reason) {
    hosts_.mark_down(host, reason, clock::now());
    policy_.drop_host(host, stats_);
    wake_one();
}

bool pool_impl::may_retry(const std::exception_ptr& failure, std::size_t host, bool sent, bool idempotent,
                          bool pool_closed_it) {
    bool retry = false;
    bool host_fault = false;
    std::string reason;
    try {
        std::rethrow_exception(failure);
    } catch (const error& e) {
        retry = config_.retry_on ? config_.retry_on(e) : e.retryable();
        host_fault = dynamic_cast<const transport_error*>(&e) || dynamic_cast<const protocol_error*>(&e);
        reason = e.what();
    } catch (...) {
        // Not ours (the caller's cancellation, the operation's own logic): never retried.
    }
    // The pool closing a connection (deadline, close()) says nothing about the server.
    if (host_fault && !pool_closed_it)
        host_failed(host, reason);
    return retry && (idempotent || !sent);
}

asio::awaitable<void> pool_impl::run(attempt_function& attempt, operation_options options) {
    auto self = shared_from_this();
    stats_.operations++;
    const milliseconds budget = options.timeout.value_or(config_.operation_timeout);
    const auto deadline = budget.count() > 0 ? clock::now() + budget : clock::time_point::max();
    std::size_t attempts = 0;
    std::exception_ptr last;
    std::optional<std::size_t> last_host;
    std::exception_ptr outcome;  // what the operation ends with, when it fails

    while (!outcome) {
        const auto now = clock::now();
        if (closed_) {
            outcome = std::make_exception_ptr(pool_closed("the pool was closed"));
            break;
        }
        if (now >= deadline) {
            outcome = std::make_exception_ptr(deadline_error(budget, attempts, last));
            break;
        }
        const auto picked = hosts_.pick(now);
        if (!picked) {
            outcome = std::make_exception_ptr(no_server_available(hosts_.failures(now)));
            break;
        }
        auto decision = policy_.checkout(*picked, hosts_, now, stats_);
        if (decision.kind == queue_policy::decision::wait) {
            stats_.waits++;
            co_await wait_for_room(deadline);
            continue;
        }
        // A shared connection may lead to another host than the one picked.
        const std::size_t host = decision.connection ? decision.connection->host : *picked;

        ++attempts;
        if (attempts > 1) {
            stats_.retries++;
            if (last_host && *last_host != host)
                stats_.failovers++;
        }
        last_host = host;

        auto entry = std::move(decision.connection);
        if (!entry) {
            std::exception_ptr failure;
            entry = co_await open_connection(host, deadline, true, failure);
            if (!entry) {
                last = failure;
                // A connect cut short by the operation's deadline says nothing about the server.
                const bool cut_short = clock::now() >= deadline;
                if (!closed_ && !may_retry(failure, host, false, options.idempotent, cut_short))
                    outcome = failure;
                else if (!closed_ && !cut_short && retries_exhausted(attempts))
                    outcome = std::make_exception_ptr(maximum_retry(last, attempts));
                continue;
            }
        }

        hosts_[host].stats.operations++;
        // The deadline closes the connection, which fails the operation's call at once (the
        // connection's own rule: a call abandoned mid-way leaves the stream out of sync).
        auto expired = std::make_shared<bool>(false);
        asio::steady_timer guard(executor_, deadline);
        if (deadline != clock::time_point::max())
            guard.async_wait([entry, expired](boost::system::error_code ec) {
                if (ec)
                    return;
                *expired = true;
                entry->closed_by_pool = true;
                entry->conn.close();
            });
        std::exception_ptr failure;
        try {
            co_await attempt(entry->conn);
        } catch (...) {
            failure = std::current_exception();
        }
        guard.cancel();
        // Read before checkin, which closes a broken connection itself.
        const bool pool_cut = entry->closed_by_pool;
        policy_.checkin(*entry, stats_);
        wake_one();
        if (!failure) {
            hosts_.mark_up(host);
            stats_.succeeded++;
            co_return;
        }
        last = failure;
        if (*expired) {
            outcome = std::make_exception_ptr(deadline_error(budget, attempts, last));
        } else if (closed_) {
            continue;  // pool_closed at the top
        } else if (!may_retry(failure, host, true, options.idempotent, pool_cut)) {
            outcome = failure;
        } else if (retries_exhausted(attempts)) {
            outcome = std::make_exception_ptr(maximum_retry(last, attempts));
        }
    }
    stats_.failed++;
    std::rethrow_exception(outcome);
}

asio::awaitable<void> pool_impl::wait_for_room(clock::time_point deadline) {
    asio::steady_timer waiter(executor_, deadline);
    waiters_.push_back(&waiter);
    co_await waiter.async_wait(no_throw);
    std::erase(waiters_, &waiter);
    if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none)
        throw boost::system::system_error(asio::error::operation_aborted);
}

void pool_impl::wake_one() {
    if (!waiters_.empty()) {
        waiters_.front()->cancel();
        waiters_.pop_front();
    }
}

void pool_impl::wake_all() {
    for (auto* waiter : waiters_)
        waiter->cancel();
    waiters_.clear();
}

void pool_impl::close() {
    if (closed_)
        return;
    closed_ = true;
    policy_.close_all(stats_);
    wake_all();
}

pool_stats pool_impl::stats() const {
    pool_stats s = stats_;
    s.open_connections = policy_.open_count();
    s.in_use = policy_.in_use();
    const auto now = clock::now();
    for (std::size_t i = 0; i < hosts_.size(); ++i) {
        s.hosts.push_back(hosts_[i].stats);
        s.hosts.back().up = hosts_.is_up(i, now);
    }
    return s;
}

}  // namespace cppcassa::pool_detail
