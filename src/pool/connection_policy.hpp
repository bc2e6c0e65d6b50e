// What differs between pool kinds: which pooled connection an attempt gets, when to open one,
// when to wait, and which connections are kept once idle. The retry loop (pool_impl) is the same
// for every kind and talks only to this interface; the kinds are in queue_policy.hpp and
// kind_policies.hpp.
//
// A policy decides, it does not connect: the pool opens the connection when told `open`.
// The bookkeeping every kind shares (the list of connections, leases, sweeping broken and worn
// connections, closing a failed host's connections) lives in this base class.
#pragma once

#include "pool/host_set.hpp"
#include "pool/pool_events.hpp"
#include "pool/pooled_connection.hpp"

#include <cppcassa/pool.hpp>
#include <cppcassa/pool_config.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

namespace cppcassa::detail {

class connection_policy {
public:
    using clock = std::chrono::steady_clock;

    struct request {
        std::size_t host;  // the server the retry loop picked
        const host_set& hosts;
        clock::time_point now;
        std::thread::id thread;  // the thread that called execute
    };

    struct decision {
        enum kind_type { use, open, wait, reject } kind;
        std::shared_ptr<pooled_connection> connection{};  // leased already, for `use`
        std::exception_ptr error{};                       // for `reject`: what the operation fails with
    };

    connection_policy(const pool_config& config, pool_stats& stats, const pool_events& events)
        : config_(config), stats_(stats), events_(events) {}
    virtual ~connection_policy() = default;
    connection_policy(const connection_policy&) = delete;
    connection_policy& operator=(const connection_policy&) = delete;

    // How an attempt that wants `request.host` gets a connection.
    virtual decision checkout(const request& request) = 0;
    // Connections opened in the background when the pool starts.
    [[nodiscard]] virtual std::size_t prefill_count() const { return config_.prefill ? config_.pool_size : 0; }
    // Whether several waiters may be able to go on after one change (else one is woken).
    [[nodiscard]] virtual bool wake_all() const { return true; }

    // A connect is starting or ended: it holds a place until then. `leased`: for an attempt.
    void reserve(bool leased, std::thread::id thread);
    void unreserve(bool leased, std::thread::id thread);
    // A new open connection, leased to the attempt that opened it or idle (prefill).
    void add(const std::shared_ptr<pooled_connection>& entry, bool leased, std::thread::id thread);
    // Leases a connection outside a checkout (the health check: not counted in in_use(); clear
    // `checking` before its checkin).
    void lease_for_check(pooled_connection& entry);
    // The attempt is done with it; closes it when retiring, broken, or not kept idle by the kind.
    // `operations_waiting`: some operation waits for a connection, which may be this one.
    void checkin(pooled_connection& entry, bool operations_waiting);
    // Close the host's idle connections now and retire the busy ones, for `why`.
    void drop_host(std::size_t host, dispose_reason why);
    void close_all();

    [[nodiscard]] bool below_pool_size() const { return total() < config_.pool_size; }
    [[nodiscard]] std::size_t open_count() const { return connections_.size(); }
    // Leases held by attempts (health checks excluded).
    [[nodiscard]] std::size_t in_use() const;
    // Open connections nobody uses (health check candidates).
    [[nodiscard]] std::vector<std::shared_ptr<pooled_connection>> idle() const;
    [[nodiscard]] const std::vector<std::shared_ptr<pooled_connection>>& connections() const {
        return connections_;
    }

protected:
    // Whether an idle connection stays open for the next attempt (`operations_waiting`: as in checkin).
    [[nodiscard]] virtual bool keep_idle(const pooled_connection& entry, bool operations_waiting) const = 0;
    // Why an open connection that is not kept idle is closed.
    [[nodiscard]] virtual dispose_reason not_kept_reason() const { return dispose_reason::overflow_idle; }

    // Drops connections the peer closed while idle and retires those past `recycle` operations
    // or max_connection_age; busy ones close at checkin. Costs no round trip.
    void sweep(clock::time_point now);
    [[nodiscard]] std::size_t total() const { return connections_.size() + connecting_; }
    [[nodiscard]] bool usable(const pooled_connection& e) const {
        return !e.retiring && e.conn.is_open() && e.leases < config_.max_in_flight;
    }
    std::shared_ptr<pooled_connection> lease(const std::shared_ptr<pooled_connection>& entry);
    void close_and_erase(std::size_t index, dispose_reason why);

    const pool_config& config_;
    pool_stats& stats_;
    const pool_events& events_;
    std::vector<std::shared_ptr<pooled_connection>> connections_;
    std::size_t connecting_ = 0;
    std::size_t connecting_leased_ = 0;  // connects an attempt waits for
    std::vector<std::thread::id> connecting_threads_;  // whose attempts they are
};

// The policy of config.kind.
std::unique_ptr<connection_policy> make_policy(const pool_config& config, pool_stats& stats,
                                               const pool_events& events);

}  // namespace cppcassa::detail
