#include "pool/queue_policy.hpp"

#include <algorithm>

namespace cppcassa::pool_detail {

bool queue_policy::worn_out(const pooled_connection& entry, clock::time_point now) const {
    if (config_.recycle > 0 && entry.operations >= config_.recycle)
        return true;
    return config_.max_connection_age.count() > 0 && now - entry.opened >= config_.max_connection_age;
}

void queue_policy::close_and_erase(std::size_t index, pool_stats& stats) {
    auto& entry = *connections_[index];
    entry.closed_by_pool = true;
    entry.conn.close();
    stats.connections_closed++;
    connections_.erase(connections_.begin() + static_cast<std::ptrdiff_t>(index));
}

std::shared_ptr<pooled_connection> queue_policy::lease(const std::shared_ptr<pooled_connection>& entry) {
    entry->leases++;
    entry->operations++;
    return entry;
}

queue_policy::decision queue_policy::checkout(std::size_t host, const host_set& hosts, clock::time_point now,
                                              pool_stats& stats) {
    // Closed or worn-out connections nobody uses go now; a busy one is retired and closes at
    // checkin. Finding a connection the peer closed costs the operation nothing: is_open() is
    // false as soon as the reader saw the end of stream, no round trip needed.
    for (std::size_t i = connections_.size(); i-- > 0;) {
        auto& entry = *connections_[i];
        const bool broken = !entry.conn.is_open();
        if (!broken && (entry.retiring || !worn_out(entry, now)))
            continue;
        if (!broken && !entry.retiring)
            stats.recycled++;
        entry.retiring = true;
        if (entry.leases == 0) {
            if (broken && !entry.closed_by_pool)
                stats.dropped_at_checkout++;
            close_and_erase(i, stats);
        }
    }

    auto usable = [&](const pooled_connection& e) { return !e.retiring && e.leases < config_.max_in_flight; };
    auto least_loaded = [&](auto&& accept) -> std::shared_ptr<pooled_connection> {
        std::shared_ptr<pooled_connection> best;
        for (const auto& e : connections_)
            if (usable(*e) && accept(*e) && (!best || e->leases < best->leases))
                best = e;
        return best;
    };
    const std::size_t limit = config_.pool_size + config_.max_overflow;

    // 1. An idle connection to the host: reuse before opening.
    auto on_host = least_loaded([&](const pooled_connection& e) { return e.host == host; });
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
            close_and_erase(i, stats);
            return {decision::open};
        }
    }
    // 6. Any healthy host with room beats waiting.
    if (auto other = least_loaded([&](const pooled_connection& e) { return hosts.is_up(e.host, now); }))
        return {decision::use, lease(other)};
    return {decision::wait};
}

void queue_policy::add(const std::shared_ptr<pooled_connection>& entry, bool leased) {
    connections_.push_back(entry);
    if (leased)
        lease(entry);
}

void queue_policy::checkin(pooled_connection& entry, pool_stats& stats) {
    entry.leases--;
    if (entry.leases > 0)
        return;
    const bool overflow = connections_.size() > config_.pool_size;
    if (!entry.retiring && entry.conn.is_open() && !overflow)
        return;
    for (std::size_t i = 0; i < connections_.size(); ++i)
        if (connections_[i].get() == &entry) {
            close_and_erase(i, stats);
            return;
        }
}

void queue_policy::drop_host(std::size_t host, pool_stats& stats) {
    for (std::size_t i = connections_.size(); i-- > 0;) {
        if (connections_[i]->host != host)
            continue;
        connections_[i]->retiring = true;
        if (connections_[i]->leases == 0)
            close_and_erase(i, stats);
    }
}

void queue_policy::close_all(pool_stats& stats) {
    for (std::size_t i = connections_.size(); i-- > 0;)
        close_and_erase(i, stats);
}

std::size_t queue_policy::in_use() const {
    std::size_t n = 0;
    for (const auto& e : connections_)
        n += e->leases;
    return n;
}

}  // namespace cppcassa::pool_detail
