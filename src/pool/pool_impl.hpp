// The pool's machinery behind cppcassa::pool: the retry loop, connecting, waiting for room, and
// the background task (health checks, probes of downed servers, ring refresh).
//
// Everything runs on the pool's executor (for pool_kind::per_thread, a strand of the caller's
// executor, onto which pool::execute moves each operation); no locks (see pool.hpp).
#pragma once

#include "pool/connection_policy.hpp"
#include "pool/deadline_watch.hpp"
#include "pool/host_set.hpp"
#include "pool/pool_events.hpp"
#include "routing/token_ring.hpp"

#include <cppcassa/pool.hpp>
#include <cppcassa/pool_config.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <thread>

namespace cppcassa::detail {

class pool_impl : public std::enable_shared_from_this<pool_impl> {
public:
    using clock = std::chrono::steady_clock;

    pool_impl(boost::asio::any_io_executor executor, pool_config config);

    // Starts the prefill connects and the background task, when configured.
    void start();
    void close();

    [[nodiscard]] pool_stats stats() const;
    [[nodiscard]] std::vector<std::vector<std::size_t>> group_by_replica(const std::vector<std::string>& keys) const;
    [[nodiscard]] const pool_config& config() const { return config_; }
    [[nodiscard]] boost::asio::any_io_executor get_executor() const { return executor_; }

private:
    // An operation's retry loop (include/cppcassa/detail/pool_operation.hpp) decides through the
    // pool's state; its calls are defined in pool_operation.cpp.
    friend class operation;

    [[nodiscard]] connection_config connection_config_for(std::size_t host, clock::time_point deadline) const;
    // Opens a connection to `host`, bounded by `deadline`. Null and `failure` set when it failed.
    boost::asio::awaitable<std::shared_ptr<pooled_connection>> open_connection(std::size_t host,
                                                                               clock::time_point deadline,
                                                                               bool leased, std::thread::id thread,
                                                                               std::exception_ptr& failure);
    boost::asio::awaitable<void> prefill_one(std::shared_ptr<pool_impl> self, std::size_t host);
    boost::asio::awaitable<void> wait_for_room(clock::time_point deadline);
    // The server an attempt should go to: a healthy replica of the routing key, else round-robin.
    std::optional<std::size_t> pick(const operation_options& options, clock::time_point now, bool& routed);
    // A lease ends: the policy keeps or closes the connection (kept while an operation waits
    // for one), then a waiter may go on.
    void checkin(pooled_connection& entry);
    void wake();
    void wake_one();
    void wake_all();
    void host_failed(std::size_t host, const std::string& reason);
    void host_worked(std::size_t host);
    // What `failure` tells the retry rules: whether it may be retried (pool_config::retry_on,
    // else error::retryable) and whether it speaks of the server; `sent` and `cut_by_pool` as given.
    [[nodiscard]] retry_plan::failure classify(const std::exception_ptr& failure, bool sent, bool cut_by_pool) const;

    // ---- the background task (pool_background.cpp) ----
    boost::asio::awaitable<void> maintain(std::shared_ptr<pool_impl> self);
    // Starts a describe_version on every idle connection; those that fail are closed.
    void check_idle();
    boost::asio::awaitable<void> check_one(std::shared_ptr<pool_impl> self, std::shared_ptr<pooled_connection> entry);
    // Starts a connect + describe_version to each host whose backoff expired: up, or down again.
    void probe_hosts();
    boost::asio::awaitable<void> probe_one(std::shared_ptr<pool_impl> self, std::size_t host);
    // describe_ring (and describe_partitioner once, when token-aware) through the pool.
    boost::asio::awaitable<void> refresh_ring();
    void apply_ring(const std::vector<thrift::TokenRange>& ranges);

    boost::asio::any_io_executor executor_;
    pool_config config_;
    host_set hosts_;
    pool_stats stats_;
    pool_events events_;
    std::unique_ptr<connection_policy> policy_;
    std::deque<boost::asio::steady_timer*> waiters_;
    boost::asio::steady_timer background_;
    std::string partitioner_;                   // describe_partitioner's reply, once known
    std::optional<routing::token_ring> ring_;   // token_aware, once the ring is known
    std::string ring_error_;                    // why the last refresh failed or routing is off
    std::vector<bool> probing_;                 // per host: a probe is running
    bool closed_ = false;
};

// Whether an error says something about the server itself (it is marked down for it).
bool is_host_fault(const std::exception_ptr& failure);

}  // namespace cppcassa::detail
