// The pool's one background task: idle health checks, probes of servers whose backoff expired,
// and the ring refresh. Asio timers only; close() cancels the timer and the task ends.
#include "pool/pool_impl.hpp"

#include "errors/exception_message.hpp"
#include "pool/no_throw.hpp"

#include <cppcassa/errors.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace cppcassa::detail {

namespace asio = boost::asio;

namespace {

// describe_ring reports 0.0.0.0 as the rpc address of a node listening on every interface: not
// an address a client can use, so the range's listen address stands in for it.
bool usable_rpc_address(const std::string& host) { return !host.empty() && host != "0.0.0.0" && host != "::"; }

}  // namespace

asio::awaitable<void> pool_impl::maintain(std::shared_ptr<pool_impl>) {  // the argument keeps the pool alive
    const auto never = clock::time_point::max();
    const auto interval = config_.health_check_interval;
    auto next_check = interval.count() > 0 ? clock::now() + interval : never;
    auto next_ring = config_.discover_ring ? clock::now() : never;
    while (!closed_) {
        const auto wake_at = std::min(next_check, next_ring);
        if (wake_at == never)
            co_return;
        background_.expires_at(wake_at);
        co_await background_.async_wait(no_throw);
        if (closed_)
            co_return;
        if (clock::now() >= next_ring) {
            co_await refresh_ring();
            next_ring = config_.ring_refresh.count() > 0 ? clock::now() + config_.ring_refresh : never;
        }
        if (!closed_ && clock::now() >= next_check) {
            check_idle();
            probe_hosts();
            next_check = clock::now() + interval;
        }
    }
}

// Each check and probe runs as a task of its own: a hung server delays nobody else's.
void pool_impl::check_idle() {
    for (const auto& entry : policy_->idle())
        asio::co_spawn(executor_, check_one(shared_from_this(), entry), asio::detached);
}

asio::awaitable<void> pool_impl::check_one(std::shared_ptr<pool_impl>, std::shared_ptr<pooled_connection> entry) {
    // An operation may have taken it, or the peer closed it, since the list was made.
    if (closed_ || entry->leases != 0 || entry->retiring || !entry->conn.is_open())
        co_return;
    policy_->lease_for_check(*entry);
    stats_.health_checks++;
    bool failed = false;
    try {
        co_await entry->conn.describe_version();
    } catch (...) {
        failed = true;
    }
    entry->checking = false;
    if (failed && !closed_) {
        stats_.health_check_failures++;
        if (!entry->retiring) {
            entry->retiring = true;
            entry->retire_reason = dispose_reason::health_check;
        }
    }
    checkin(*entry);
}

void pool_impl::probe_hosts() {
    probing_.resize(hosts_.size(), false);
    for (std::size_t host = 0; host < hosts_.size(); ++host) {
        if (probing_[host] || !hosts_.awaits_probe(host, clock::now()))
            continue;
        probing_[host] = true;
        asio::co_spawn(executor_, probe_one(shared_from_this(), host), asio::detached);
    }
}

asio::awaitable<void> pool_impl::probe_one(std::shared_ptr<pool_impl>, std::size_t host) {
    stats_.probes++;
    const auto deadline = config_.connect_timeout.count() > 0 ? clock::now() + config_.connect_timeout
                                                              : clock::time_point::max();
    connection probe(executor_, connection_config_for(host, deadline));
    std::exception_ptr failure;
    try {
        co_await probe.connect();
        // A server back from a backoff may have been upgraded meanwhile: its version is news.
        if (const auto& version = probe.server_version())
            hosts_[host].stats.server_version = version;
        else
            co_await probe.describe_version();
    } catch (...) {
        failure = std::current_exception();
    }
    probe.close();
    probing_[host] = false;
    if (closed_)
        co_return;
    if (!failure)
        host_worked(host);
    else if (is_host_fault(failure))
        host_failed(host, detail::exception_message(failure));
    // Anything else (a login or keyspace refused) is for an operation to report.
}

asio::awaitable<void> pool_impl::refresh_ring() {
    std::vector<thrift::TokenRange> ranges;
    std::string partitioner;
    const bool need_partitioner = config_.token_aware && partitioner_.empty();
    auto describe = [this, &ranges, &partitioner, need_partitioner](connection& c) -> asio::awaitable<void> {
        thrift::describe_ring_args args;
        args.keyspace = config_.keyspace;
        ranges = co_await c.describe_ring(args);
        if (need_partitioner)
            partitioner = co_await c.describe_partitioner();
    };
    const std::thread::id no_thread;
    std::exception_ptr failure;
    try {
        auto refresh = run_operation<void>(shared_from_this(), describe, operation_options{}, no_thread, true);
        co_await std::move(refresh);
    } catch (...) {
        // The ring stays as it was; the next refresh tries again (operations go on meanwhile).
        failure = std::current_exception();
    }
    if (closed_)
        co_return;
    if (failure) {
        ring_error_ = "describe_ring failed: " + detail::exception_message(failure);
        co_return;
    }
    if (need_partitioner)
        partitioner_ = partitioner;
    apply_ring(ranges);
}

void pool_impl::apply_ring(const std::vector<thrift::TokenRange>& ranges) {
    const std::uint16_t port = hosts_[0].address.port;
    std::vector<bool> in_ring;
    for (const auto& range : ranges) {
        for (std::size_t i = 0; i < range.endpoints.size(); ++i) {
            server_address address{range.endpoints[i], port};
            if (range.rpc_endpoints && i < range.rpc_endpoints->size() &&
                usable_rpc_address((*range.rpc_endpoints)[i]))
                address.host = (*range.rpc_endpoints)[i];
            const auto added = hosts_.add_discovered(address);
            in_ring.resize(hosts_.size(), false);
            in_ring[added.index] = true;
        }
    }
    in_ring.resize(hosts_.size(), false);
    // Configured servers stay even when the ring does not name them (they may be spelled
    // differently, "localhost" for 127.0.0.1); discovered ones that left are never picked again.
    for (std::size_t host = 0; host < hosts_.size(); ++host) {
        if (in_ring[host] || !hosts_[host].stats.discovered || hosts_[host].stats.left)
            continue;
        hosts_.set_left(host, true);
        policy_->drop_host(host, dispose_reason::left_ring);
    }
    stats_.ring_refreshes++;
    ring_error_.clear();
    if (config_.token_aware) {
        try {
            ring_ = routing::token_ring::build(partitioner_, ranges, port);
        } catch (const std::exception& e) {
            // An ordered partitioner cannot route by key: operations go round-robin.
            ring_.reset();
            ring_error_ = std::string("token-aware routing is off: ") + e.what();
        }
    }
    wake();
}

}  // namespace cppcassa::detail
