// The pool's machinery behind cppcassa::pool: the retry loop, connecting, waiting for room.
//
// Everything runs on the pool's executor; no locks (see pool.hpp).
#pragma once

#include "pool/host_set.hpp"
#include "pool/queue_policy.hpp"

#include <cppcassa/pool.hpp>
#include <cppcassa/pool_config.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <exception>
#include <memory>

namespace cppcassa::pool_detail {

class pool_impl : public std::enable_shared_from_this<pool_impl> {
public:
    using clock = std::chrono::steady_clock;

    pool_impl(boost::asio::any_io_executor executor, pool_config config);

    // Starts the prefill connects (background, one per connection), when configured.
    void start();
    boost::asio::awaitable<void> run(attempt_function& attempt, operation_options options);
    void close();

    [[nodiscard]] pool_stats stats() const;
    [[nodiscard]] const pool_config& config() const { return config_; }
    [[nodiscard]] boost::asio::any_io_executor get_executor() const { return executor_; }

private:
    // Opens a connection to `host`, bounded by `deadline`. Null and `failure` set when it failed.
    boost::asio::awaitable<std::shared_ptr<pooled_connection>> open_connection(std::size_t host,
                                                                               clock::time_point deadline,
                                                                               bool leased,
                                                                               std::exception_ptr& failure);
    boost::asio::awaitable<void> prefill_one(std::shared_ptr<pool_impl> self, std::size_t host);
    boost::asio::awaitable<void> wait_for_room(clock::time_point deadline);
    void wake_one();
    void wake_all();
    void host_failed(std::size_t host, const std::string& reason);
    // Whether the operation may run again after `failure`; marks the host down for transport
    // errors. `sent`: the request may have reached the server.
    bool may_retry(const std::exception_ptr& failure, std::size_t host, bool sent, bool idempotent,
                   bool pool_closed_it);
    [[nodiscard]] bool retries_exhausted(std::size_t attempts) const {
        return config_.max_retries && attempts > *config_.max_retries;
    }

    boost::asio::any_io_executor executor_;
    pool_config config_;
    host_set hosts_;
    queue_policy policy_;
    pool_stats stats_;
    std::deque<boost::asio::steady_timer*> waiters_;
    bool closed_ = false;
};

}  // namespace cppcassa::pool_detail
