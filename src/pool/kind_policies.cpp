#include "pool/kind_policies.hpp"

#include "pool/queue_policy.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cppcassa::detail {

connection_policy::decision static_policy::checkout(const request& request) {
    sweep(request.now);
    for (const auto& e : connections_) {
        if (e->retiring || !e->conn.is_open())
            continue;
        if (e->leases < config_.max_in_flight)
            return {decision::use, lease(e)};
        return {decision::wait};
    }
    // The one connection is being opened (by another attempt or the prefill): wait for it.
    if (connecting_ > 0)
        return {decision::wait};
    return {decision::open};
}

connection_policy::decision assertion_policy::checkout(const request& request) {
    if (in_use() > 0 || connecting_leased_ > 0) {
        std::string holder = "a connection being opened";
        for (const auto& e : connections_)
            if (e->leases > 0)
                holder = "a connection to " + e->conn.endpoint();
        return {decision::reject, nullptr,
                std::make_exception_ptr(pool_assertion_failed(fmt::format(
                    "assertion pool: an operation asked for a connection while another operation holds {}; "
                    "this program runs pool operations concurrently: await each before starting the next, "
                    "or use pool_kind::queue",
                    holder)))};
    }
    return static_policy::checkout(request);
}

connection_policy::decision null_policy::checkout(const request&) { return {decision::open}; }

connection_policy::decision per_thread_policy::checkout(const request& request) {
    sweep(request.now);
    for (const auto& e : connections_) {
        if (e->owner != request.thread || e->retiring || !e->conn.is_open())
            continue;
        if (e->leases < config_.max_in_flight)
            return {decision::use, lease(e)};
        return {decision::wait};
    }
    if (std::find(connecting_threads_.begin(), connecting_threads_.end(), request.thread) != connecting_threads_.end())
        return {decision::wait};
    return {decision::open};
}

std::unique_ptr<connection_policy> make_policy(const pool_config& config, pool_stats& stats,
                                               const pool_events& events) {
    switch (config.kind) {
    case pool_kind::queue:
        break;
    case pool_kind::per_thread:
        return std::make_unique<per_thread_policy>(config, stats, events);
    case pool_kind::static_connection:
        return std::make_unique<static_policy>(config, stats, events);
    case pool_kind::null:
        return std::make_unique<null_policy>(config, stats, events);
    case pool_kind::assertion:
        return std::make_unique<assertion_policy>(config, stats, events);
    }
    return std::make_unique<queue_policy>(config, stats, events);
}

}  // namespace cppcassa::detail
