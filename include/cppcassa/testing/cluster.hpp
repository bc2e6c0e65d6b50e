// An embedded, in-process Cassandra (Thrift API 20.1.0) for tests: the real cppcassa client talks
// to it over real sockets on 127.0.0.1, so the code under test runs unchanged.
//
//   boost::asio::io_context io;
//   cppcassa::testing::cluster db(io.get_executor());          // one node, ephemeral port
//   cppcassa::pool_config config{.servers = db.servers(), .keyspace = "app"};
//
// Nodes share one dataset (there is no replication to get wrong); each node has its own port and
// its own scriptable faults, so failover and retries can be tested deterministically.
// docs/testing.md lists what is modelled and what is not.
#pragma once

#include <cppcassa/testing/options.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::testing {

namespace detail {
class node_impl;
struct cluster_state;
struct own_thread;
}  // namespace detail

// What a node answers instead of running a matching call.
enum class injected_failure {
    timed_out,    // TimedOutException (with acknowledged_by when given)
    unavailable,  // UnavailableException
};

// One node of an embedded cluster. Every setter takes effect for the next call (or connection),
// and may be called from the thread running the cluster's executor (or any thread, when the
// cluster runs its own thread).
class node {
public:
    // The address clients connect to.
    [[nodiscard]] const std::string& host() const noexcept { return host_; }
    [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
    // "host:port", as pool_config::servers takes it.
    [[nodiscard]] std::string address() const;
    // This node's token (Murmur3), as describe_ring reports it.
    [[nodiscard]] std::int64_t token() const noexcept { return token_; }

    // Closes the listening socket: new connections are refused, open ones go on.
    void refuse_connections();
    // Listens again, on the same host and port.
    void accept_connections();
    // refuse_connections() and close every open connection: the node is down.
    void stop();
    // Back up, same port, same data (the data belongs to the cluster).
    void start();
    [[nodiscard]] bool running() const;

    // Accepts connections and reads calls but never answers them.
    void set_silent(bool silent);
    // Waits this long before each reply.
    void set_latency(std::chrono::milliseconds latency);
    // Each connection answers n calls, then resets (TCP RST) when the next one arrives.
    // nullopt: never.
    void reset_after_calls(std::optional<std::size_t> n);
    // Calls of `method` ("" for every method) get `failure` instead of running. Rules add up;
    // the first matching one wins. A method not declaring that exception gets
    // TApplicationException INTERNAL_ERROR, as from Cassandra.
    void fail_calls(std::string method, injected_failure failure,
                    std::optional<std::int32_t> acknowledged_by = std::nullopt);
    // Removes every fault set above (the node stays running or stopped as it is).
    void clear_faults();

    // Calls this node received (answered or not), connections it accepted.
    [[nodiscard]] std::size_t calls_received() const;
    [[nodiscard]] std::size_t connections_accepted() const;

private:
    friend class cluster;
    node(std::shared_ptr<detail::node_impl> impl, std::shared_ptr<detail::cluster_state> state);
    std::shared_ptr<detail::node_impl> impl_;
    std::shared_ptr<detail::cluster_state> state_;
    std::string host_;
    std::uint16_t port_ = 0;
    std::int64_t token_ = 0;
};

class cluster {
public:
    // Serves on `executor`; the caller runs it (typically the test's io_context). Control calls
    // (node faults, set_clock) must come from the thread running it. Listening starts here: the
    // ports are known when the constructor returns. A test fixture, not a client call: a cluster
    // that cannot listen throws Asio's boost::system::system_error, or std::runtime_error when
    // no port is free on every 127.0.0.N host (distinct_hosts), not a cppcassa::error.
    explicit cluster(boost::asio::any_io_executor executor, cluster_options options = {});
    // Serves on a thread of its own; control calls may come from any thread.
    explicit cluster(cluster_options options = {});
    ~cluster();
    cluster(const cluster&) = delete;
    cluster& operator=(const cluster&) = delete;

    [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }
    // Node i; std::out_of_range past size() (a test's own mistake, as with std::vector::at).
    [[nodiscard]] node& operator[](std::size_t i) { return nodes_.at(i); }
    [[nodiscard]] const node& operator[](std::size_t i) const { return nodes_.at(i); }

    // Every node's "host:port", for pool_config::servers.
    [[nodiscard]] std::vector<std::string> servers() const;
    // Replaces the clock TTLs are measured with (see cluster_options::clock).
    void set_clock(clock_function clock);

private:
    void start_nodes();

    std::shared_ptr<detail::cluster_state> state_;
    std::vector<node> nodes_;
    std::unique_ptr<detail::own_thread> thread_;  // null when serving on the caller's executor
};

// Which server a test fixture should use, from the environment: CPPCASSA_BACKEND=embedded picks
// an embedded cluster; anything else (or unset) the real Cassandra. Lets one test source run
// against both backends.
[[nodiscard]] bool embedded_backend_requested();

}  // namespace cppcassa::testing
