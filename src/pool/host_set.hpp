// The servers of a pool and their health: which are up, which sit out a backoff, whose turn it is.
//
// No Asio here: the clock is passed in, so the rules can be tested without sockets or waiting.
#pragma once

#include <cppcassa/defaults.hpp>
#include "net/server_features.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/pool_config.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::detail {

struct server_address {
    std::string host;
    std::uint16_t port = default_thrift_port;
};

// "host:port", "host" (port 9160) or "[v6]:port". Throws usage_error (invalid_argument).
server_address parse_server(const std::string& text);
// "host:port", "[v6]:port" for IPv6 literals.
std::string endpoint_of(const server_address& address);

class host_set {
public:
    using clock = std::chrono::steady_clock;

    struct host {
        server_address address;
        std::string endpoint;  // "host:port" as the connection spells it
        clock::time_point down_until{};  // skipped until then; the past: up
        std::chrono::milliseconds backoff{0};  // the next backoff to apply (0: none yet)
        host_stats stats;
    };

    // Where a new server (learnt from the ring) was put, and whether it is new.
    struct added {
        std::size_t index;
        bool is_new;
    };

    host_set(const std::vector<std::string>& servers, backoff_config backoff, bool round_robin);

    // The next host an operation should use, or nullopt when every host is down. Hosts whose
    // backoff expired count as healthy again (they rejoin when their next attempt succeeds).
    std::optional<std::size_t> pick(clock::time_point now);

    // Where a pool sends an operation its last server refused for that server's version: an up
    // host not in `tried` whose server_version is known to have `need`, else one whose version is
    // not known yet (a connection to it learns it, and refuses there too if it lacks `need`);
    // never one known to lack it. Looks from the host after `after`; nullopt when none is left.
    [[nodiscard]] std::optional<std::size_t> next_having(const net::feature_need& need, std::size_t after,
                                                         const std::vector<std::size_t>& tried,
                                                         clock::time_point now) const;

    // A connect failure or transport error: skip the host for its backoff, which then doubles.
    // True when this marked it down (false: it was down already, one outage).
    bool mark_down(std::size_t index, const std::string& reason, clock::time_point now);
    // An attempt that worked: the host is up and its backoff starts again from `initial`.
    // True when it had been marked down since it last worked.
    bool mark_up(std::size_t index);
    // Marked down, and its backoff has expired: worth a probe.
    [[nodiscard]] bool awaits_probe(std::size_t index, clock::time_point now) const {
        return hosts_[index].backoff.count() > 0 && is_up(index, now) && !hosts_[index].stats.left;
    }

    // Hosts are referred to by index everywhere, so a host is never erased: a host learnt from
    // the ring is appended (or, when it had left, brought back), and one that leaves is marked
    // `left` and never picked again.
    added add_discovered(const server_address& address);
    void set_left(std::size_t index, bool left) { hosts_[index].stats.left = left; }
    [[nodiscard]] std::optional<std::size_t> find(const std::string& endpoint) const;

    // Not in a backoff and not gone from the ring.
    [[nodiscard]] bool is_up(std::size_t index, clock::time_point now) const {
        return hosts_[index].down_until <= now && !hosts_[index].stats.left;
    }
    [[nodiscard]] std::size_t size() const { return hosts_.size(); }
    host& operator[](std::size_t index) { return hosts_[index]; }
    const host& operator[](std::size_t index) const { return hosts_[index]; }

    // Every host with the reason it is down (for no_server_available).
    [[nodiscard]] std::vector<server_failure> failures(clock::time_point now) const;

private:
    std::vector<host> hosts_;
    backoff_config backoff_;
    bool round_robin_;
    std::size_t next_ = 0;
};

}  // namespace cppcassa::detail
