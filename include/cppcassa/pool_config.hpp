// Settings of a cppcassa::pool. Every member has a default; write only what differs:
//   cppcassa::pool_config config{.servers = {"10.0.0.1:9160", "10.0.0.2:9160"}, .keyspace = "app"};
#pragma once

#include <cppcassa/defaults.hpp>
#include <cppcassa/connection_config.hpp>
#include <cppcassa/errors.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa {

struct pool_listener;  // pool_listener.hpp

// How the pool hands connections to operations (docs/pool.md, "Pool kinds"). The retry loop,
// failover, backoff, deadline and stats are the same for every kind.
enum class pool_kind {
    // Up to pool_size connections (+ max_overflow), each shared by up to max_in_flight
    // operations; an operation waits when all are saturated. The default (pycassa's QueuePool).
    queue,
    // One connection per calling thread, for an io_context run by several threads: execute may
    // then be called from any thread (the pool's bookkeeping runs on its own strand).
    per_thread,
    // A single connection shared by every operation (pipelined up to max_in_flight).
    static_connection,
    // No pooling: each attempt connects, runs, and closes. Failover and retries still apply.
    null,
    // Debugging: one connection, and an operation asking for it while another holds it fails
    // with pool_assertion_failed (catches code that runs operations concurrently by accident).
    assertion,
};

// How long a failed server is skipped: `initial` after its first failure, doubling with each
// further consecutive failure up to `max`; a success resets it.
struct backoff_config {
    std::chrono::milliseconds initial{1000};
    std::chrono::milliseconds max{30000};
};

struct pool_config {
    // How connections are handed out (see pool_kind).
    pool_kind kind = pool_kind::queue;

    // "host:port" (or "host": default_thrift_port, 9160; "[v6]:port" for IPv6 literals).
    // Default: localhost:9160.
    std::vector<std::string> servers{"localhost"};

    // Set on every new connection (set_keyspace) when not empty.
    std::string keyspace{};

    // Sent with `login` on every new connection, when set.
    std::optional<cppcassa::credentials> credentials{};

    // TLS to every server (see connection_config::tls), when set; plaintext otherwise.
    std::optional<tls_options> tls{};

    // Framed transport (Cassandra's default); false for servers using the unframed transport.
    bool framed = true;

    // Each new connection learns what its server speaks (connection_config::learn_server_version),
    // kept per server in pool_stats::hosts; calls a server lacks are then refused before sending.
    bool learn_server_version = true;

    // Time allowed to connect, log in and set the keyspace (capped by the operation's deadline).
    std::chrono::milliseconds connect_timeout{5000};

    // Time allowed for each Thrift call on a pooled connection, from sending to reply. Zero: none.
    std::chrono::milliseconds call_timeout{10000};

    // Connections kept open (opened at start when `prefill`, else on demand).
    std::size_t pool_size = 5;

    // Extra connections opened when all `pool_size` are saturated; closed when they go idle.
    std::size_t max_overflow = 10;

    // Open `pool_size` connections (spread over the servers) when the pool is created.
    bool prefill = true;

    // Attempts after the first before an operation fails with maximum_retry. std::nullopt:
    // unlimited (the operation's deadline still bounds it). pycassa's default is 5.
    std::optional<std::size_t> max_retries = 5;

    // Spread operations over the servers in turn; false: always the first healthy one in list order.
    bool round_robin = true;

    // Operations a connection serves before it is replaced (closed once idle). 0: never.
    std::size_t recycle = 10000;

    // Age after which a connection is replaced (closed once idle). Zero: no limit.
    std::chrono::milliseconds max_connection_age{0};

    // Operations sharing one connection at once (its Thrift calls are pipelined). 1 gives each
    // operation a connection of its own, like pycassa.
    std::size_t max_in_flight = 32;

    // One deadline per operation covering the wait for a connection, every attempt and every
    // connect. Zero: none (each call is still bounded by call_timeout). Overridable per operation.
    std::chrono::milliseconds operation_timeout{30000};

    // How long a server that failed (connect error, transport error, call timeout) is skipped.
    backoff_config host_backoff{};

    // Which errors an operation is retried after. Empty (the default): error::retryable(), i.e.
    // transport errors (connect, closed, call timeout), protocol errors, timed_out, unavailable.
    std::function<bool(const error&)> retry_on{};

    // Largest reply accepted, in bytes (see connection_config::frame_limit).
    std::size_t frame_limit = default_frame_limit;

    // Largest request sent, in bytes: a larger one fails with request_too_large before anything
    // is sent, and marks no server down (see connection_config::request_limit).
    std::size_t request_limit = default_frame_limit;

    // Told of the pool's events (connections created, failed, checked out and in, disposed;
    // servers marked down and up; the pool at its maximum; the pool closed). Null: none.
    std::shared_ptr<pool_listener> listener{};

    // Every interval, the pool's background task sends describe_version on each idle connection
    // (closing those that fail) and probes servers whose backoff expired, so they rejoin without
    // waiting for an operation. Zero: no health checks (servers rejoin on their next attempt).
    std::chrono::milliseconds health_check_interval{30000};

    // Learn the cluster's servers from describe_ring on `keyspace` (rpc addresses preferred), with
    // the port of the first configured server, at creation and every `ring_refresh`. Discovered
    // servers that leave the ring are dropped (configured ones are kept). Needs `keyspace`.
    bool discover_ring = false;
    std::chrono::milliseconds ring_refresh{60000};

    // Send an operation with operation_options::routing_key to a replica of that key first (the
    // primary, then the others). Needs discover_ring (the ring) and a hashing partitioner
    // (Murmur3Partitioner, RandomPartitioner).
    bool token_aware = false;
};

// Per-operation settings of pool::execute.
struct operation_options {
    // Deadline for the whole operation (wait + attempts); unset: pool_config::operation_timeout.
    std::optional<std::chrono::milliseconds> timeout{};

    // False for operations that must not be applied twice (counter add, remove_counter, cas):
    // they are retried only after failures that happened before the request was written
    // (a connect failure); any failure once the request may have reached a server surfaces.
    bool idempotent = true;

    // The partition key the operation reads or writes (raw bytes), for token-aware routing:
    // with pool_config::token_aware and a known ring, a healthy replica of it is tried first.
    std::optional<std::string> routing_key{};
};

}  // namespace cppcassa
