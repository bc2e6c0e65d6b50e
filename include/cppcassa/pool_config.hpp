// Settings of a cppcassa::pool. Every member has a default; write only what differs:
//   cppcassa::pool_config{.servers = {"10.0.0.1:9160", "10.0.0.2:9160"}, .keyspace = "app"}
#pragma once

#include <cppcassa/connection_config.hpp>
#include <cppcassa/errors.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa {

// How long a failed server is skipped: `initial` after its first failure, doubling with each
// further consecutive failure up to `max`; a success resets it.
struct backoff_config {
    std::chrono::milliseconds initial{1000};
    std::chrono::milliseconds max{30000};
};

struct pool_config {
    // "host:port" (or "host", port 9160; "[v6]:port" for IPv6 literals). Default: localhost:9160.
    std::vector<std::string> servers{"localhost:9160"};

    // Set on every new connection (set_keyspace) when not empty.
    std::string keyspace{};

    // Sent with `login` on every new connection, when set.
    std::optional<cppcassa::credentials> credentials{};

    // Framed transport (Cassandra's default); false for servers using the unframed transport.
    bool framed = true;

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
    std::size_t frame_limit = 15 * 1024 * 1024;
};

// Per-operation settings of pool::execute.
struct operation_options {
    // Deadline for the whole operation (wait + attempts); unset: pool_config::operation_timeout.
    std::optional<std::chrono::milliseconds> timeout{};

    // False for operations that must not be applied twice (counter add, remove_counter, cas):
    // they are retried only after failures that happened before the request was written
    // (a connect failure); any failure once the request may have reached a server surfaces.
    bool idempotent = true;
};

}  // namespace cppcassa
