// How to reach one Cassandra server and how to talk to it.
#pragma once

#include <cppcassa/defaults.hpp>
#include <cppcassa/tls_options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace cppcassa {

// A user name and password for Cassandra's PasswordAuthenticator (sent with `login`).
struct credentials {
    std::string username{};
    std::string password{};
};

// Settings of one connection. Every member has a default; write only what differs:
//   connection_config{.host = "127.0.0.1", .keyspace = "Keyspace1"}
struct connection_config {
    // Server address (name or IP) and Thrift port (Cassandra's rpc_port).
    std::string host = "localhost";
    std::uint16_t port = default_thrift_port;

    // Framed transport (4-byte length before each message) is Cassandra's default since 0.7;
    // false selects the unframed (buffered) transport for servers configured for it.
    bool framed = true;

    // Time allowed to resolve, connect, log in and set the keyspace. Zero: no limit.
    std::chrono::milliseconds connect_timeout{5000};

    // Default time allowed for each call, from sending to its reply; overridable per call.
    // Zero: no limit. On expiry the connection closes (its stream is out of sync).
    std::chrono::milliseconds call_timeout{10000};

    // TLS to the server's Thrift port (client_encryption_options), when set; plaintext otherwise.
    // The handshake shares connect_timeout; its failures are tls_error.
    std::optional<tls_options> tls{};

    // Sent with `login` right after connecting, when set.
    std::optional<credentials> login{};

    // Sent with `set_keyspace` right after connecting (and login), when not empty.
    std::string keyspace{};

    // Learn what the server speaks when connecting (connection::server_version()): a
    // describe_version pipelined with set_keyspace, plus one system.local read on a 19.x API
    // (Cassandra 2.0 and 2.1 share API 19.39.0). With it, calls the server lacks are refused
    // before they are sent (not_supported_by_server_error); false sends nothing beyond login and
    // set_keyspace at connect, and every call goes to the server as it is.
    bool learn_server_version = true;

    // Largest reply accepted, in bytes (Cassandra's thrift_framed_transport_size_in_mb is 15).
    std::size_t frame_limit = default_frame_limit;

    // Largest request sent, in bytes (the message without its frame prefix); a larger one fails
    // with request_too_large before anything is sent. Cassandra closes the connection on a frame
    // above its thrift_framed_transport_size_in_mb (15 MiB by default): raise both or neither.
    std::size_t request_limit = default_frame_limit;

    // Most calls written and not yet answered; further calls wait for a slot.
    std::size_t max_in_flight = 1024;
};

}  // namespace cppcassa
