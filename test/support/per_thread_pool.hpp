// For the per-thread pool tests (faults/ and integration/ pool_kinds_test.cpp): an io_context run
// by several threads, and the pool's stats() and close() run on its strand, where they must be
// called when other threads may be using the pool.
#pragma once

#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <thread>
#include <vector>

namespace cppcassa::test {

// An io_context run by `count` threads until stop() (or destruction): joined even when a REQUIRE
// throws, so a failed test does not end in std::terminate.
class io_threads {
public:
    explicit io_threads(int count) : io(count), work_(boost::asio::make_work_guard(io)) {
        for (int i = 0; i < count; ++i)
            threads_.emplace_back([this] { io.run(); });
    }
    ~io_threads() { stop(); }
    io_threads(const io_threads&) = delete;
    io_threads& operator=(const io_threads&) = delete;

    void stop() {
        work_.reset();
        io.stop();
        for (auto& t : threads_)
            if (t.joinable())
                t.join();
    }

    boost::asio::io_context io;

private:
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::vector<std::thread> threads_;
};

inline cppcassa::pool_stats stats_on_strand(cppcassa::pool& pool) {
    return boost::asio::co_spawn(
               pool.get_executor(),
               [&pool]() -> boost::asio::awaitable<cppcassa::pool_stats> { co_return pool.stats(); },
               boost::asio::use_future)
        .get();
}

inline void close_on_strand(cppcassa::pool& pool) {
    boost::asio::co_spawn(
        pool.get_executor(),
        [&pool]() -> boost::asio::awaitable<void> {
            pool.close();
            co_return;
        },
        boost::asio::use_future)
        .get();
}

}  // namespace cppcassa::test
