// How an embedded cluster is set up: how many nodes, transport, users, clock.
#pragma once

#include <cppcassa/defaults.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <string>

namespace cppcassa::testing {

// The server's wall clock: cell expiry (TTL) reads it. Give a function reading a variable your
// test advances to expire cells without sleeping.
using clock_function = std::function<std::chrono::system_clock::time_point()>;

struct cluster_options {
    // Nodes sharing the one dataset, each on its own port (see distinct_hosts).
    std::size_t nodes = 1;
    // false: every node binds 127.0.0.1 on its own ephemeral port. true: node i binds 127.0.0.(i+1)
    // and all nodes share one port, so describe_ring (which names hosts, not ports) routes exactly
    // as with a real cluster. Needs the whole 127.0.0.0/8 on loopback (Linux has it).
    bool distinct_hosts = false;
    // Framed transport (Cassandra's default); false for the unframed (buffered) one.
    bool framed = true;
    std::string cluster_name = "Test Cluster";
    // username -> password. Empty: AllowAllAuthenticator (no login needed, any login accepted).
    // Otherwise PasswordAuthenticator: calls need a login first, bad ones get
    // AuthenticationException.
    std::map<std::string, std::string> users{};
    // Null: std::chrono::system_clock::now.
    clock_function clock{};
    // Largest call accepted, in bytes (Cassandra's thrift_framed_transport_size_in_mb, 15 MiB).
    std::size_t frame_limit = default_frame_limit;
};

}  // namespace cppcassa::testing
