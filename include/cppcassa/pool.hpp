// A pool of connections to several Cassandra servers, with round-robin, failover and retries.
//
//   cppcassa::pool_config config;
//   config.servers = {"10.0.0.1:9160", "10.0.0.2:9160"};
//   config.keyspace = "app";
//   cppcassa::pool pool(executor, config);
//   cppcassa::thrift::get_args args;
//   args.key = "jsmith";
//   args.column_path.column_family = "users";
//   args.column_path.column = std::string("age");
//   auto get = [&args](cppcassa::connection& c) { return c.get(args); };
//   auto column = co_await pool.execute(get);    // name the callable: GCC 12 (docs/tutorial.md)
//
// An operation is a callable taking a pooled connection and returning an awaitable. The pool
// picks a server (round-robin over healthy ones), checks out a connection to it (an idle one
// first, else a new one, else one with room for more pipelined calls, else an overflow one, else
// it waits), runs the operation, and on a retryable failure runs it again on another server with
// a fresh connection, until it succeeds, its retries run out (maximum_retry), every server is
// down (no_server_available), or its deadline expires (call_timeout). pool_config::kind chooses
// how connections are handed out (queue, per_thread, static_connection, null, assertion); a
// background task checks idle connections, probes downed servers and, with discover_ring,
// learns the ring (token_aware: operations with a routing_key go to a replica first).
// docs/pool.md has the rules.
//
// Threads: a pool of kind pool_kind::per_thread may be used from any thread of a multi-threaded
// io_context (its bookkeeping and connections run on its own strand); every other kind is used
// from one executor (a strand on a multi-threaded io_context), like its connections. The
// operation must await only calls on the connection it is given.
#pragma once

#include <cppcassa/connection.hpp>
#include <cppcassa/detail/pool_operation.hpp>
#include <cppcassa/pool_config.hpp>
#include <cppcassa/pool_listener.hpp>
#include <cppcassa/server_version.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcassa {

namespace detail {
// The awaited type of an operation: R for a callable returning boost::asio::awaitable<R>.
template <class A>
struct awaited;
template <class R>
struct awaited<boost::asio::awaitable<R>> {
    using type = R;
};
// Selects pool's sharing constructor (detail::share_pool).
struct pool_view_tag {
    explicit pool_view_tag() = default;
};
}  // namespace detail

// Counters of one server.
struct host_stats {
    std::string endpoint;            // "host:port"
    bool up = true;                  // false while its backoff runs
    std::uint64_t marked_down = 0;   // times it was marked down
    std::uint64_t operations = 0;    // attempts run on a connection to it
    std::uint64_t failures = 0;      // connect failures and transport errors
    std::string last_error{};        // the last failure's message
    std::uint64_t retries = 0;       // attempts on it that were not their operation's first
    std::uint64_t checkouts = 0;     // connections to it handed to an attempt
    std::uint64_t connects = 0;      // connections to it opened (probes excluded)
    std::size_t in_flight = 0;       // attempts holding a connection to it now
    std::size_t open_connections = 0;
    bool discovered = false;         // learnt from the ring, not from pool_config::servers
    bool left = false;               // no longer in the ring: never picked
    // What it speaks, as the last connection opened to it learnt (connection::server_version());
    // unset until one did, or with pool_config::learn_server_version off.
    std::optional<cppcassa::server_version> server_version{};
};

// Counters since the pool was created.
struct pool_stats {
    std::uint64_t operations = 0;           // execute() calls
    std::uint64_t succeeded = 0;
    std::uint64_t failed = 0;               // operations that ended with an exception
    std::uint64_t retries = 0;              // attempts after the first, connect failures included
    std::uint64_t failovers = 0;            // retries that went to another server than the last attempt
    std::uint64_t connections_opened = 0;
    std::uint64_t connections_closed = 0;   // by the pool: recycled, broken, dropped, pool closed
    std::uint64_t connect_failures = 0;
    std::uint64_t dropped_at_checkout = 0;  // found closed by the peer while idle
    std::uint64_t recycled = 0;             // replaced after `recycle` operations or max age
    std::uint64_t waits = 0;                // checkouts that waited for a connection
    std::uint64_t checkouts = 0;            // connections handed to an attempt
    std::uint64_t health_checks = 0;        // idle connections checked with describe_version
    std::uint64_t health_check_failures = 0;
    std::uint64_t probes = 0;               // connects to servers whose backoff expired
    std::uint64_t ring_refreshes = 0;       // describe_ring replies applied
    std::uint64_t routed = 0;               // attempts sent to a replica of their routing_key
    bool routing = false;                   // token-aware and a ring is known
    std::string ring_error{};               // why the last ring refresh failed or routing is off
    std::size_t open_connections = 0;
    std::size_t in_use = 0;                 // operations currently holding a connection
    std::vector<host_stats> hosts{};        // pool_config::servers in order, then discovered ones
};

class pool {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    // Parses the server list and, with prefill, starts opening pool_size connections in the
    // background. usage_error: invalid_argument for an empty server list, a malformed entry or a
    // max_in_flight of 0; conflicting_arguments for discover_ring without a keyspace or
    // token_aware without discover_ring.
    pool(boost::asio::any_io_executor executor, pool_config config);
    // A pool sharing `owner`'s connections and state that does not close them when destroyed
    // (detail::share_pool).
    pool(detail::pool_view_tag, const pool& owner);
    // Closes the pool (see close()), unless it only shares another's.
    ~pool();
    pool(const pool&) = delete;
    pool& operator=(const pool&) = delete;

    // Runs `op(connection&) -> awaitable<R>` with failover and retries; returns what it returned.
    // Throws what the operation threw when it is not retryable, maximum_retry, no_server_available,
    // call_timeout (the deadline expired), pool_closed or call_cancelled. `op` is kept (moved) in
    // the operation's frame and called once per attempt.
    //
    // Cancellation (terminal, through the awaitable's cancellation slot): call_cancelled, never
    // retried, no server marked down. Cancelled while it waits for a connection or while one
    // opens, nothing was sent (a connection being opened for it is closed). Cancelled during an
    // attempt, the call the attempt awaits is cancelled: its connection closes (the reply stream
    // is out of sync) and the request may have been applied; other operations pipelined on that
    // connection fail with connection_closed (caused_by_request), which their operations retry
    // when idempotent, without marking the server down.
    template <class F>
    auto execute(F op, operation_options options = {})
        -> awaitable<typename detail::awaited<std::invoke_result_t<F&, connection&>>::type> {
        using result_type = typename detail::awaited<std::invoke_result_t<F&, connection&>>::type;
        // The calling thread, before any hop: the per-thread pool's key.
        const auto thread = std::this_thread::get_id();
        auto operation = detail::run_operation<result_type>(impl_, std::move(op), std::move(options), thread);
        if (!runs_on_strand_)
            return operation;
        return detail::run_on(get_executor(), std::move(operation));
    }

    // Closes every connection; operations waiting or running fail with pool_closed. Idempotent.
    // (per_thread: may be called from any thread; the closing runs on the pool's strand.)
    void close();

    // The indexes of `keys` (raw partition keys) grouped by their primary replica: groups in the
    // order of their first key, indexes ascending. One group of every index when the pool is not
    // token-aware or knows no ring yet; no group for no key. For fan-out (one call per replica).
    [[nodiscard]] std::vector<std::vector<std::size_t>> group_by_replica(const std::vector<std::string>& keys) const;

    // A snapshot of the counters. (per_thread: call it on get_executor(), the pool's strand.)
    [[nodiscard]] pool_stats stats() const;
    [[nodiscard]] const pool_config& config() const;
    [[nodiscard]] boost::asio::any_io_executor get_executor() const;

private:
    std::shared_ptr<detail::pool_impl> impl_;
    // pool_kind::per_thread: operations run on the pool's strand.
    bool runs_on_strand_;
    // False for a shared view: the pool it shares closes when its own object goes.
    bool owner_ = true;
};

namespace detail {
// What column families, their sequences and batches hold instead of a reference to the user's
// pool: a view sharing its state. One of them that outlives the pool object fails its calls with
// pool_closed (the pool closed when its object went) instead of touching freed memory.
inline std::shared_ptr<pool> share_pool(const pool& p) {
    return std::make_shared<pool>(pool_view_tag{}, p);
}
}  // namespace detail

}  // namespace cppcassa
