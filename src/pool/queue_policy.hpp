// The queue pool: which pooled connection an operation gets, when to open one, when to wait.
//
// This is one policy of the pool (pycassa's QueuePool, its default): up to pool_size connections
// kept, up to max_overflow more while all are saturated, each shared by up to max_in_flight
// operations (their calls are pipelined). Other pool kinds (static, null, per-thread, assertion)
// would replace this class and keep the pool's retry loop; see docs/pool.md.
//
// It decides, it does not connect: the pool opens the connection when told `open`.
#pragma once

#include "pool/host_set.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/pool_config.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

namespace cppcassa::pool_detail {

struct pooled_connection {
    using clock = std::chrono::steady_clock;

    pooled_connection(connection c, std::size_t host_index)
        : conn(std::move(c)), host(host_index), opened(clock::now()) {}

    connection conn;
    std::size_t host;
    std::size_t leases = 0;      // operations using it now
    std::size_t operations = 0;  // operations it was ever leased to
    clock::time_point opened;
    bool retiring = false;        // no new leases; closed when the last one returns
    bool closed_by_pool = false;  // its failures say nothing about the server
};

class queue_policy {
public:
    using clock = std::chrono::steady_clock;

    struct decision {
        enum kind_type { use, open, wait } kind;
        std::shared_ptr<pooled_connection> connection{};  // leased already, for `use`
    };

    explicit queue_policy(const pool_config& config) : config_(config) {}

    // How an operation that wants `host` gets a connection. On the way it drops connections the
    // peer closed while idle and retires those past `recycle` operations or max_connection_age.
    decision checkout(std::size_t host, const host_set& hosts, clock::time_point now, pool_stats& stats);

    // A connect is starting or ended: it holds a place until then.
    void reserve() { ++connecting_; }
    void unreserve() { --connecting_; }
    // A new open connection, leased to the operation that opened it or idle (prefill).
    void add(const std::shared_ptr<pooled_connection>& entry, bool leased);
    // The operation is done with it; closes it when retiring, broken or an idle overflow one.
    void checkin(pooled_connection& entry, pool_stats& stats);
    // The host failed: close its idle connections, retire the busy ones.
    void drop_host(std::size_t host, pool_stats& stats);
    void close_all(pool_stats& stats);

    [[nodiscard]] bool below_pool_size() const { return total() < config_.pool_size; }
    [[nodiscard]] std::size_t open_count() const { return connections_.size(); }
    [[nodiscard]] std::size_t in_use() const;

private:
    [[nodiscard]] std::size_t total() const { return connections_.size() + connecting_; }
    [[nodiscard]] bool worn_out(const pooled_connection& entry, clock::time_point now) const;
    void close_and_erase(std::size_t index, pool_stats& stats);
    std::shared_ptr<pooled_connection> lease(const std::shared_ptr<pooled_connection>& entry);

    const pool_config& config_;
    std::vector<std::shared_ptr<pooled_connection>> connections_;
    std::size_t connecting_ = 0;
};

}  // namespace cppcassa::pool_detail
