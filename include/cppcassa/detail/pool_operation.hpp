// One pool::execute() from start to end: the retry loop as one coroutine frame.
//
// detail::operation holds the operation's state and takes every decision through
// non-template calls into the library (which host, which connection, whether and where to try
// again, what to count and report); run_operation is the loop around the caller's function. On
// the common path (a connection is free) the only coroutine frames are this loop's and those of
// the calls the caller's function makes: no frame per attempt, no type-erased function.
#pragma once

#include <cppcassa/connection.hpp>
#include <cppcassa/detail/deadline_lease.hpp>
#include <cppcassa/detail/retry_plan.hpp>
#include <cppcassa/pool_config.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcassa::detail {

class pool_impl;
struct pooled_connection;

class operation {
public:
    enum class step {
        attempt,  // conn() is checked out: run the attempt, then finish()
        connect,  // a new connection is needed: co_await connect(), then run the attempt if it opened
        wait,     // the pool is at its limit: co_await wait(), then ask next() again
        fail,     // the operation is over: error() says why
    };

    // `internal`: the pool's own operation (ring refresh), left out of the operation counters.
    operation(std::shared_ptr<pool_impl> pool, operation_options options, std::thread::id thread,
              bool internal = false);
    ~operation();
    operation(const operation&) = delete;
    operation& operator=(const operation&) = delete;

    step next();
    boost::asio::awaitable<void> wait();
    // True when the connection opened and is checked out for the attempt.
    boost::asio::awaitable<bool> connect();
    [[nodiscard]] connection& conn();
    // The attempt ended, with `failure` or (null) without. True when the operation is over:
    // it succeeded, or error() says why it failed.
    bool finish(std::exception_ptr failure);
    // The caller's cancellation was seen between two steps: the operation fails with
    // call_cancelled (unless it already failed).
    void cancelled_by_caller();
    [[nodiscard]] const std::exception_ptr& error() const { return outcome_; }

private:
    step fail_with(std::exception_ptr outcome);
    // True when the attempt's server refused it for its version and another server is known to
    // have what it lacked (redirect_ set).
    bool redirect_for_version(const std::exception_ptr& failure);
    void checked_out();
    void check_in();
    [[nodiscard]] std::exception_ptr deadline_error() const;

    std::shared_ptr<pool_impl> pool_;
    operation_options options_;
    std::thread::id thread_;
    bool internal_;
    retry_plan plan_;
    std::size_t host_ = 0;
    bool routed_ = false;
    std::exception_ptr last_;     // the last attempt's failure
    std::exception_ptr outcome_;  // what the operation fails with
    std::shared_ptr<pooled_connection> entry_;
    // A server refused the attempt for its version (not_supported_by_server_error): the next
    // attempt goes to `redirect_`, a server that may have what it lacked; none is tried twice.
    std::optional<std::size_t> redirect_;
    std::vector<std::size_t> refused_for_version_;
    // After entry_: destroyed first, it unlinks from the watch entry_ keeps alive.
    deadline_lease lease_;
};

// The retry loop: runs `op(connection&) -> awaitable<R>` until it succeeds or the operation fails.
template <class R, class F>
boost::asio::awaitable<R> run_operation(std::shared_ptr<pool_impl> pool, F op, operation_options options,
                                        std::thread::id thread, bool internal = false) {
    operation run(std::move(pool), std::move(options), thread, internal);
    [[maybe_unused]] std::optional<std::conditional_t<std::is_void_v<R>, char, R>> result;
    for (;;) {
        // The caller cancelled during the wait for a connection (which only returns), or between
        // an attempt and a retry: the operation ends here, as call_cancelled, before any further
        // co_await (which Asio would fail with its own system_error).
        // (Named with its type: GCC 12 cannot deduce the co_await's type in a template.)
        const boost::asio::cancellation_state state = co_await boost::asio::this_coro::cancellation_state;
        if (state.cancelled() != boost::asio::cancellation_type::none)
            run.cancelled_by_caller();
        const auto step = run.next();
        if (step == operation::step::fail)
            std::rethrow_exception(run.error());
        if (step == operation::step::wait) {
            co_await run.wait();
            continue;
        }
        if (step == operation::step::connect) {
            const bool opened = co_await run.connect();
            if (!opened)
                continue;
        }
        std::exception_ptr failure;
        try {
            if constexpr (std::is_void_v<R>) {
                co_await op(run.conn());
            } else {
                result.reset();  // a retry replaces what a failed attempt may have left
                result.emplace(co_await op(run.conn()));
            }
        } catch (...) {
            failure = std::current_exception();
        }
        if (run.finish(std::move(failure)))
            break;
    }
    if (run.error())
        std::rethrow_exception(run.error());
    if constexpr (!std::is_void_v<R>)
        co_return std::move(*result);
}

// Runs `work` on `executor` (a per-thread pool's strand) and resumes the caller on its own.
template <class R>
boost::asio::awaitable<R> run_on(boost::asio::any_io_executor executor, boost::asio::awaitable<R> work) {
    // A named awaitable first: no temporaries inside the co_await, see GCC 12.
    auto on_executor = boost::asio::co_spawn(executor, std::move(work), boost::asio::use_awaitable);
    co_return co_await std::move(on_executor);
}

}  // namespace cppcassa::detail
