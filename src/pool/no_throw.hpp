// The completion token of the pool's timer waits.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace cppcassa::detail {

// `co_await timer.async_wait(no_throw)` yields the error code instead of throwing it: the pool
// wakes its waiters by cancelling their timers, so operation_aborted is a wake-up, not a failure.
inline constexpr auto no_throw = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace cppcassa::detail
