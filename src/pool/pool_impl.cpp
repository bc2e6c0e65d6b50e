#include "pool/pool_impl.hpp"

#include "errors/exception_message.hpp"
#include "pool/no_throw.hpp"

#include <cppcassa/errors.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cppcassa::detail {

namespace asio = boost::asio;
using std::chrono::milliseconds;

bool is_host_fault(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const connection_closed& e) {
        return !e.caused_by_request;
    } catch (const transport_error&) {
        return true;
    } catch (const protocol_error&) {
        return true;
    } catch (...) {
        return false;
    }
}

namespace {

asio::any_io_executor pool_executor(asio::any_io_executor executor, pool_kind kind) {
    // A per-thread pool is called from several threads: its state is only touched on a strand.
    if (kind == pool_kind::per_thread)
        return asio::make_strand(executor);
    return executor;
}

}  // namespace

pool_impl::pool_impl(asio::any_io_executor executor, pool_config config)
    : executor_(pool_executor(std::move(executor), config.kind)),
      config_(std::move(config)),
      hosts_(config_.servers, config_.host_backoff, config_.round_robin),
      events_(config_.listener),
      policy_(make_policy(config_, stats_, events_)),
      background_(executor_) {
    if (config_.max_in_flight == 0)
        throw usage_error(client_errc::invalid_argument, "pool_config::max_in_flight must be at least 1");
    if (config_.discover_ring && config_.keyspace.empty())
        throw usage_error(client_errc::conflicting_arguments,
                          "pool_config::discover_ring needs a keyspace (describe_ring takes one)");
    if (config_.token_aware && !config_.discover_ring)
        throw usage_error(client_errc::conflicting_arguments,
                          "pool_config::token_aware needs discover_ring (the ring says where keys live)");
}

void pool_impl::start() {
    // Spread over the servers in list order, independent of the operations' round-robin turn.
    const std::size_t prefill = policy_->prefill_count();
    for (std::size_t i = 0; i < prefill; ++i)
        asio::co_spawn(executor_, prefill_one(shared_from_this(), i % hosts_.size()), asio::detached);
    if (config_.health_check_interval.count() > 0 || config_.discover_ring)
        asio::co_spawn(executor_, maintain(shared_from_this()), asio::detached);
}

asio::awaitable<void> pool_impl::prefill_one(std::shared_ptr<pool_impl>, std::size_t host) {
    // Operations that started first may have opened some already.
    if (closed_ || !hosts_.is_up(host, clock::now()) || policy_->open_count() >= policy_->prefill_count() ||
        !policy_->below_pool_size())
        co_return;
    std::exception_ptr failure;
    const auto deadline = config_.connect_timeout.count() > 0 ? clock::now() + config_.connect_timeout
                                                              : clock::time_point::max();
    co_await open_connection(host, deadline, false, std::thread::id{}, failure);
}

connection_config pool_impl::connection_config_for(std::size_t host, clock::time_point deadline) const {
    const auto& address = hosts_[host].address;
    connection_config cc;
    cc.host = address.host;
    cc.port = address.port;
    cc.framed = config_.framed;
    cc.learn_server_version = config_.learn_server_version;
    cc.tls = config_.tls;
    cc.connect_timeout = config_.connect_timeout;
    if (deadline != clock::time_point::max()) {
        const auto left = std::max(std::chrono::ceil<milliseconds>(deadline - clock::now()), milliseconds(1));
        if (cc.connect_timeout.count() == 0 || left < cc.connect_timeout)
            cc.connect_timeout = left;
    }
    cc.call_timeout = config_.call_timeout;
    cc.login = config_.credentials;
    cc.keyspace = config_.keyspace;
    cc.frame_limit = config_.frame_limit;
    cc.request_limit = config_.request_limit;
    cc.max_in_flight = config_.max_in_flight;
    return cc;
}

asio::awaitable<std::shared_ptr<pooled_connection>> pool_impl::open_connection(std::size_t host,
                                                                               clock::time_point deadline,
                                                                               bool leased, std::thread::id thread,
                                                                               std::exception_ptr& failure) {
    auto entry = std::make_shared<pooled_connection>(connection(executor_, connection_config_for(host, deadline)), host);
    policy_->reserve(leased, thread);
    try {
        co_await entry->conn.connect();
    } catch (...) {
        failure = std::current_exception();
    }
    policy_->unreserve(leased, thread);
    if (failure) {
        stats_.connect_failures++;
        const auto reason = detail::exception_message(failure);
        events_.emit([&](pool_listener& l) { l.connection_failed(hosts_[host].endpoint, reason); });
        wake();  // the place it held is free
        co_return nullptr;
    }
    if (closed_) {
        entry->conn.close();
        failure = std::make_exception_ptr(pool_closed("the pool was closed while connecting"));
        co_return nullptr;
    }
    stats_.connections_opened++;
    hosts_[host].stats.connects++;
    if (const auto& version = entry->conn.server_version())
        hosts_[host].stats.server_version = version;
    events_.emit([&](pool_listener& l) { l.connection_created(hosts_[host].endpoint); });
    policy_->add(entry, leased, thread);
    if (!leased || policy_->wake_all())
        wake();
    co_return entry;
}

void pool_impl::host_failed(std::size_t host, const std::string& reason) {
    if (hosts_.mark_down(host, reason, clock::now()))
        events_.emit([&](pool_listener& l) { l.server_marked_down(hosts_[host].endpoint, reason); });
    policy_->drop_host(host, dispose_reason::host_down);
    wake();
}

void pool_impl::host_worked(std::size_t host) {
    if (hosts_.mark_up(host))
        events_.emit([&](pool_listener& l) { l.server_marked_up(hosts_[host].endpoint); });
}

retry_plan::failure pool_impl::classify(const std::exception_ptr& failure, bool sent, bool cut_by_pool) const {
    retry_plan::failure facts{.host_fault = is_host_fault(failure), .sent = sent, .cut_by_pool = cut_by_pool};
    try {
        std::rethrow_exception(failure);
    } catch (const call_cancelled&) {
        // The caller gave the operation up: never retried, whatever retry_on says.
    } catch (const error& e) {
        facts.retryable = config_.retry_on ? config_.retry_on(e) : e.retryable();
    } catch (...) {
        // Not ours (the operation's own logic): never retried.
    }
    return facts;
}

std::optional<std::size_t> pool_impl::pick(const operation_options& options, clock::time_point now, bool& routed) {
    routed = false;
    if (ring_ && options.routing_key) {
        for (const auto& replica : ring_->replicas(*options.routing_key)) {
            const auto index = hosts_.find(replica);
            if (index && hosts_.is_up(*index, now)) {
                routed = true;
                return index;
            }
        }
    }
    return hosts_.pick(now);
}

asio::awaitable<void> pool_impl::wait_for_room(clock::time_point deadline) {
    asio::steady_timer waiter(executor_, deadline);
    waiters_.push_back(&waiter);
    co_await waiter.async_wait(no_throw);
    std::erase(waiters_, &waiter);
    // Woken, timed out or cancelled: the retry loop looks at the deadline and the cancellation.
}

void pool_impl::checkin(pooled_connection& entry) {
    policy_->checkin(entry, !waiters_.empty());
    wake();
}

void pool_impl::wake() {
    if (policy_->wake_all())
        wake_all();
    else
        wake_one();
}

void pool_impl::wake_one() {
    if (!waiters_.empty()) {
        waiters_.front()->cancel();
        waiters_.pop_front();
    }
}

void pool_impl::wake_all() {
    for (auto* waiter : waiters_)
        waiter->cancel();
    waiters_.clear();
}

void pool_impl::close() {
    if (closed_)
        return;
    closed_ = true;
    background_.cancel();
    policy_->close_all();
    wake_all();
    events_.emit([](pool_listener& l) { l.pool_closed(); });
}

pool_stats pool_impl::stats() const {
    pool_stats s = stats_;
    s.ring_error = ring_error_;
    s.routing = ring_.has_value();
    s.open_connections = policy_->open_count();
    s.in_use = policy_->in_use();
    const auto now = clock::now();
    for (std::size_t i = 0; i < hosts_.size(); ++i) {
        s.hosts.push_back(hosts_[i].stats);
        s.hosts.back().up = hosts_.is_up(i, now);
    }
    for (const auto& entry : policy_->connections()) {
        auto& host = s.hosts[entry->host];
        host.open_connections++;
        host.in_flight += entry->leases - (entry->checking ? 1 : 0);
    }
    return s;
}

std::vector<std::vector<std::size_t>> pool_impl::group_by_replica(const std::vector<std::string>& keys) const {
    std::vector<std::vector<std::size_t>> groups;
    if (keys.empty())
        return groups;
    if (!ring_) {
        groups.emplace_back(keys.size());
        for (std::size_t i = 0; i < keys.size(); ++i)
            groups.front()[i] = i;
        return groups;
    }
    std::vector<std::string> primaries;  // of each group, in order
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto replicas = ring_->replicas(keys[i]);
        const std::string primary = replicas.empty() ? std::string() : replicas.front();
        const auto found = std::find(primaries.begin(), primaries.end(), primary);
        if (found == primaries.end()) {
            primaries.push_back(primary);
            groups.push_back({i});
        } else {
            groups[static_cast<std::size_t>(found - primaries.begin())].push_back(i);
        }
    }
    return groups;
}

}  // namespace cppcassa::detail
