// Runs N coroutines on one executor and waits for all of them: the shape of every pipelined
// workload (N callers sharing a connection).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <utility>

namespace cppcassa::bench {

// Runs a workload's coroutine to completion on a one-thread io_context of its own and returns
// its result (rethrowing its exception): how each workload's entry point starts.
template <class T>
T run_to_completion(boost::asio::awaitable<T> task) {
    boost::asio::io_context ctx(1);
    auto result = boost::asio::co_spawn(ctx, std::move(task), boost::asio::use_future);
    ctx.run();
    return result.get();
}

// Starts body(0) .. body(n-1) concurrently and returns when all have finished; rethrows the
// first exception any of them threw (the others still run to their end).
inline boost::asio::awaitable<void> run_concurrently(
    std::size_t n, std::function<boost::asio::awaitable<void>(std::size_t)> body) {
    namespace asio = boost::asio;
    auto exec = co_await asio::this_coro::executor;
    std::size_t running = n;
    std::exception_ptr failure;
    // A timer that never expires, cancelled by the last coroutine to finish: an awaitable event.
    asio::steady_timer done(exec, asio::steady_timer::time_point::max());
    for (std::size_t i = 0; i < n; ++i)
        asio::co_spawn(
            exec,
            [&, i]() -> asio::awaitable<void> {
                try {
                    co_await body(i);
                } catch (...) {
                    if (!failure)
                        failure = std::current_exception();
                }
                if (--running == 0)
                    done.cancel();
            },
            asio::detached);
    while (running > 0) {
        boost::system::error_code ec;
        co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (failure)
        std::rethrow_exception(failure);
}

}  // namespace cppcassa::bench
