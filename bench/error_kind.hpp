// What `cppcassa-bench run` counts a failed operation as. An error never stops the run: it is
// counted by kind and by the server of the operation's last attempt, drawn on the chart and
// listed at the end.
#pragma once

#include <array>
#include <cstdint>
#include <cstddef>
#include <exception>
#include <string>
#include <string_view>

namespace cppcassa::bench {

enum class error_kind : std::uint8_t {
    // Cassandra's TimedOutException: the replicas did not answer the coordinator in time.
    timeout,
    // Cassandra's UnavailableException: too few replicas alive for the consistency level. The
    // Thrift API has no overloaded error: Cassandra sends its OverloadedException (too many
    // hints in flight) as UnavailableException too, so this counts both.
    unavailable,
    // No reply within the client's --timeout (cppcassa::call_timeout): the coordinator is slow
    // or overloaded, or the network lost the reply.
    client_timeout,
    // The connection failed: refused, reset, closed, TLS, bytes that are not Thrift
    // (cppcassa::transport_error, protocol_error).
    connection,
    // Every server was marked down (cppcassa::no_server_available): nothing was sent.
    no_server_available,
    // Anything else (invalid_request, authentication, ...): usually a setup problem.
    other,
};

inline constexpr std::array<error_kind, 6> all_error_kinds{
    error_kind::timeout,    error_kind::unavailable,         error_kind::client_timeout,
    error_kind::connection, error_kind::no_server_available, error_kind::other};
inline constexpr std::size_t error_kind_count = all_error_kinds.size();

constexpr std::string_view error_name(error_kind k) {
    switch (k) {
    case error_kind::timeout: return "timeout";
    case error_kind::unavailable: return "unavailable";
    case error_kind::client_timeout: return "client_timeout";
    case error_kind::connection: return "connection";
    case error_kind::no_server_available: return "no_server_available";
    case error_kind::other: return "other";
    }
    return "?";
}

struct classified_error {
    error_kind kind = error_kind::other;
    // The exception's message (the last attempt's, for maximum_retry).
    std::string message;
};

// Sorts an operation's exception into its kind; a maximum_retry is sorted by its last attempt's.
classified_error classify(std::exception_ptr e);

}  // namespace cppcassa::bench
