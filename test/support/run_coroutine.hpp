// Runs a test's coroutine to completion on its own io_context and rethrows what it threw,
// so Catch2 sees coroutine failures like synchronous ones. The io_context stops when the body
// ends, so servers and loops still waiting (a fake server's accept) do not keep the test alive.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <stdexcept>

namespace cppcassa::test {

template <class Body>
void run_coroutine(boost::asio::io_context& io, Body&& body) {
    std::exception_ptr failure;
    bool finished = false;
    boost::asio::co_spawn(io, std::forward<Body>(body)(), [&](std::exception_ptr e) {
        failure = e;
        finished = true;
        io.stop();
    });
    io.run();
    io.restart();
    if (failure)
        std::rethrow_exception(failure);
    if (!finished)
        throw std::logic_error("the test coroutine never finished (io_context ran out of work)");
}

template <class Body>
void run_coroutine(Body&& body) {
    boost::asio::io_context io;
    run_coroutine(io, std::forward<Body>(body));
}

}  // namespace cppcassa::test
