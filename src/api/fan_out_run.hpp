// What fan-out calls and the batch's flushes share: the replica groups of a set of keys, and
// running one pool operation per group concurrently.
#pragma once

#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace cppcassa::api {

// The replica groups of `keys` (indices into it), checked: a grouping that loses or repeats a key
// must not reach the server (a dropped key would vanish from the result or, for a batch, go
// unwritten).
std::vector<std::vector<std::size_t>> groups_of(const pool& p, const std::vector<std::string>& keys);

// Runs body(0) .. body(n-1) concurrently and returns each one's exception (null on success), once
// all have finished: the groups reference the caller's state, so none may outlive it.
boost::asio::awaitable<std::vector<std::exception_ptr>> run_groups(
    std::size_t n, std::function<boost::asio::awaitable<void>(std::size_t)> body);

}  // namespace cppcassa::api
