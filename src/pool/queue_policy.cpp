#include "pool/queue_policy.hpp"

#include <algorithm>

namespace cppcassa::detail {

queue_policy::decision queue_policy::checkout(const request& request) {
    sweep(request.now);

    auto least_loaded = [&](auto&& accept) -> std::shared_ptr<pooled_connection> {
        std::shared_ptr<pooled_connection> best;
        for (const auto& e : connections_)
            if (usable(*e) && accept(*e) && (!best || e->leases < best->leases))
                best = e;
        return best;
    };
    const std::size_t limit = config_.pool_size + config_.max_overflow;

    // 1. An idle connection to the host: reuse before opening.
    auto on_host = least_loaded([&](const pooled_connection& e) { return e.host == request.host; });
    if (on_host && on_host->leases == 0)
        return {decision::use, lease(on_host)};
    // 2. Room in the pool proper: a connection of its own.
    if (total() < std::max<std::size_t>(config_.pool_size, 1))
        return {decision::open};
    // 3. Share a connection to the host (pipelined).
    if (on_host)
        return {decision::use, lease(on_host)};
    // 4. Overflow.
    if (total() < limit)
        return {decision::open};
    // 5. Make room by closing an idle connection to another host.
    for (std::size_t i = 0; i < connections_.size(); ++i) {
        if (connections_[i]->leases == 0) {
            close_and_erase(i, dispose_reason::made_room);
            return {decision::open};
        }
    }
    // 6. Any healthy host with room beats waiting.
    if (auto other = least_loaded([&](const pooled_connection& e) { return request.hosts.is_up(e.host, request.now); }))
        return {decision::use, lease(other)};
    return {decision::wait};
}

}  // namespace cppcassa::detail
