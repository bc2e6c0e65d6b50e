// One connection the pool owns, with what the pool needs to know about it.
#pragma once

#include "pool/deadline_watch.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/pool_listener.hpp>

#include <chrono>
#include <cstddef>
#include <thread>
#include <utility>

namespace cppcassa::detail {

struct pooled_connection {
    using clock = std::chrono::steady_clock;

    pooled_connection(connection c, std::size_t host_index)
        : conn(std::move(c)), host(host_index), opened(clock::now()), deadlines(conn.get_executor(), [this] {
              closed_by_pool = true;
              conn.close();
          }) {}

    connection conn;
    std::size_t host;
    std::size_t leases = 0;      // attempts using it now
    std::size_t operations = 0;  // attempts it was ever leased to
    clock::time_point opened;
    std::thread::id owner{};      // per_thread: the thread it belongs to
    bool checking = false;        // one of its leases is the idle health check's
    bool retiring = false;        // no new leases; closed when the last one returns
    bool closed_by_pool = false;  // its failures say nothing about the server
    dispose_reason retire_reason = dispose_reason::broken;  // why it will be closed
    deadline_watch deadlines;     // closes it when an operation using it runs out of time
};

}  // namespace cppcassa::detail
