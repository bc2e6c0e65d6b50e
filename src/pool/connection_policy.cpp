#include "pool/connection_policy.hpp"

#include <algorithm>

namespace cppcassa::detail {

void connection_policy::reserve(bool leased, std::thread::id thread) {
    ++connecting_;
    if (leased) {
        ++connecting_leased_;
        connecting_threads_.push_back(thread);
    }
}

void connection_policy::unreserve(bool leased, std::thread::id thread) {
    --connecting_;
    if (leased) {
        --connecting_leased_;
        connecting_threads_.erase(std::find(connecting_threads_.begin(), connecting_threads_.end(), thread));
    }
}

void connection_policy::close_and_erase(std::size_t index, dispose_reason why) {
    const auto entry = connections_[index];
    entry->closed_by_pool = true;
    entry->conn.close();
    entry->deadlines.stop();
    stats_.connections_closed++;
    connections_.erase(connections_.begin() + static_cast<std::ptrdiff_t>(index));
    events_.emit([&](pool_listener& l) { l.connection_disposed(entry->conn.endpoint(), why); });
}

std::shared_ptr<pooled_connection> connection_policy::lease(const std::shared_ptr<pooled_connection>& entry) {
    entry->leases++;
    entry->operations++;
    return entry;
}

void connection_policy::lease_for_check(pooled_connection& entry) {
    entry.leases++;
    entry.checking = true;
}

void connection_policy::sweep(clock::time_point now) {
    auto worn_out = [&](const pooled_connection& entry) {
        if (config_.recycle > 0 && entry.operations >= config_.recycle)
            return true;
        return config_.max_connection_age.count() > 0 && now - entry.opened >= config_.max_connection_age;
    };
    // Finding a connection the peer closed costs the operation nothing: is_open() is false as
    // soon as the reader saw the end of stream.
    for (std::size_t i = connections_.size(); i-- > 0;) {
        auto& entry = *connections_[i];
        const bool broken = !entry.conn.is_open();
        if (!broken && (entry.retiring || !worn_out(entry)))
            continue;
        if (!broken && !entry.retiring) {
            stats_.recycled++;
            entry.retire_reason = dispose_reason::recycled;
        }
        if (broken && !entry.retiring)
            entry.retire_reason = dispose_reason::broken;
        entry.retiring = true;
        if (entry.leases == 0) {
            if (broken && !entry.closed_by_pool)
                stats_.dropped_at_checkout++;
            close_and_erase(i, entry.retire_reason);
        }
    }
}

void connection_policy::add(const std::shared_ptr<pooled_connection>& entry, bool leased, std::thread::id thread) {
    entry->owner = thread;
    connections_.push_back(entry);
    if (leased)
        lease(entry);
}

void connection_policy::checkin(pooled_connection& entry, bool operations_waiting) {
    entry.leases--;
    if (entry.leases > 0)
        return;
    if (!entry.retiring && entry.conn.is_open() && keep_idle(entry, operations_waiting))
        return;
    dispose_reason why = entry.retire_reason;
    if (!entry.retiring)
        why = entry.conn.is_open() ? not_kept_reason() : dispose_reason::broken;
    for (std::size_t i = 0; i < connections_.size(); ++i)
        if (connections_[i].get() == &entry) {
            close_and_erase(i, why);
            return;
        }
}

void connection_policy::drop_host(std::size_t host, dispose_reason why) {
    for (std::size_t i = connections_.size(); i-- > 0;) {
        auto& entry = *connections_[i];
        if (entry.host != host)
            continue;
        if (!entry.retiring)
            entry.retire_reason = why;
        entry.retiring = true;
        if (entry.leases == 0)
            close_and_erase(i, entry.retire_reason);
    }
}

void connection_policy::close_all() {
    for (std::size_t i = connections_.size(); i-- > 0;)
        close_and_erase(i, dispose_reason::pool_closed);
}

std::size_t connection_policy::in_use() const {
    std::size_t n = 0;
    for (const auto& e : connections_)
        n += e->leases - (e->checking ? 1 : 0);
    return n;
}

std::vector<std::shared_ptr<pooled_connection>> connection_policy::idle() const {
    std::vector<std::shared_ptr<pooled_connection>> result;
    for (const auto& e : connections_)
        if (e->leases == 0 && !e->retiring && e->conn.is_open())
            result.push_back(e);
    return result;
}

}  // namespace cppcassa::detail
