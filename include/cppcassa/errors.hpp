// Every failure cppcassa reports is an exception derived from cppcassa::error.
//
// Why exceptions: every public call is a coroutine awaited with co_await, where a thrown
// exception propagates to the caller's try/catch exactly like a synchronous call would
// (Boost.MySQL's throwing overloads make the same choice for the same reason). Each message says
// which host, which call, what happened and what the user can do; the fields Cassandra sends
// (why, acknowledged_by, ...) are kept as members, not folded into text only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cppcassa {

// Base of every cppcassa exception.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;

    // True when the same call may succeed if sent again, on this or another server
    // (the pool's failover uses this to decide).
    [[nodiscard]] virtual bool retryable() const noexcept { return false; }
};

// ---- Bytes that do not follow the Thrift protocol (codec) ----

// The peer sent bytes that are not a valid Thrift message: truncated, bad version, wrong field
// type, nesting too deep, lengths beyond the bytes present. The connection is unusable after it.
class protocol_error : public error {
public:
    using error::error;
    [[nodiscard]] bool retryable() const noexcept override { return true; }
};

// A frame announced a length beyond the configured limit (default 15 MiB, Cassandra's
// thrift_framed_transport_size_in_mb). Raise the limit on both sides or fetch less per call.
class frame_too_large : public protocol_error {
public:
    frame_too_large(std::uint64_t announced, std::uint64_t limit);
    std::uint64_t announced;
    std::uint64_t limit;
};

// ---- The connection to one server ----

// Something went wrong on the socket: the server could not be reached, closed the connection,
// or did not answer in time. Always retryable: nothing says the server ever saw the request.
class transport_error : public error {
public:
    using error::error;
    [[nodiscard]] bool retryable() const noexcept override { return true; }
};

// Connecting failed: refused, unreachable, name not resolved, or the connect timeout expired.
class connect_error : public transport_error {
public:
    using transport_error::transport_error;
};

// TLS failed: the handshake (the server's certificate not signed by a trusted CA, not naming the
// host, expired; no protocol version or cipher in common; a client certificate required or
// refused), the session (the server ended it with an alert), the client's own TLS settings (a CA
// file or key that cannot be read), or one side speaking TLS and the other plaintext. `reason` is
// OpenSSL's own ("certificate verify failed: unable to get local issuer certificate", ...).
// Retryable like any connect failure (another server may be configured right); a pool marks the
// server down.
class tls_error : public connect_error {
public:
    tls_error(std::string what, std::string reason);
    std::string reason;
};

// The connection closed (by the peer, after an error on it, or by close()) while a call waited.
class connection_closed : public transport_error {
public:
    using transport_error::transport_error;
    connection_closed(std::string what, bool caused_by_request)
        : transport_error(std::move(what)), caused_by_request(caused_by_request) {}
    // The server closed it because of another call's request (one too large for it, which failed
    // with request_too_large): still retryable, but no sign the server is down.
    bool caused_by_request = false;
};

// The call's timeout expired before its reply arrived. The stream is out of sync afterwards, so
// the connection closes and the other calls waiting on it fail with connection_closed.
class call_timeout : public transport_error {
public:
    using transport_error::transport_error;
};

// A request larger than the connection's request limit (connection_config::request_limit, by
// default Cassandra's own 15 MiB thrift_framed_transport_size_in_mb): refused before anything was
// sent, or, past a limit raised above the server's, the server closed the connection on it. Not
// retried and no server's fault: the same bytes fail everywhere. Send less per call (smaller
// values, fewer mutations per batch_mutate) or raise the limit on both sides.
class request_too_large : public error {
public:
    request_too_large(std::string what, std::string method, std::uint64_t size, std::uint64_t limit);
    std::string method;  // the Thrift call ("batch_mutate", "insert", ...)
    std::uint64_t size;  // the request's bytes (the message, without the frame's length prefix)
    std::uint64_t limit;
};

// The server answered with a Thrift TApplicationException: an unknown method, a request it could
// not read, or an internal error. Not retried: the same bytes would fail the same way.
class application_error : public error {
public:
    application_error(std::string message, std::int32_t type);
    std::int32_t type;  // TApplicationException's type code (1 unknown method, 6 internal error, ...)
};

// ---- Exceptions Cassandra declares in its Thrift API ----

// Base of the exceptions the server itself raised for a call.
class server_error : public error {
public:
    using error::error;
};

// The requested row or column does not exist (pycassa's NotFoundException).
class not_found : public server_error {
public:
    using server_error::server_error;
};

// The request is invalid: unknown keyspace or column family, bad slice, bad value. `why` holds
// Cassandra's own explanation.
class invalid_request : public server_error {
public:
    invalid_request(std::string what, std::string why);
    std::string why;
};

// Not enough replicas are alive to satisfy the consistency level. Retryable: another
// coordinator, or a moment later, may see more replicas.
class unavailable : public server_error {
public:
    using server_error::server_error;
    [[nodiscard]] bool retryable() const noexcept override { return true; }
};

// Replicas did not answer in time (Cassandra's rpc timeout). The write may still have been
// applied on `acknowledged_by` replicas.
class timed_out : public server_error {
public:
    timed_out(std::string what, std::optional<std::int32_t> acknowledged_by,
              std::optional<bool> acknowledged_by_batchlog, std::optional<bool> paxos_in_progress);
    [[nodiscard]] bool retryable() const noexcept override { return true; }
    std::optional<std::int32_t> acknowledged_by;
    std::optional<bool> acknowledged_by_batchlog;
    std::optional<bool> paxos_in_progress;
};

// login was refused: wrong user name or password, or no authenticator configured.
class authentication_error : public server_error {
public:
    authentication_error(std::string what, std::string why);
    std::string why;
};

// The logged-in user lacks a permission the call needs.
class authorization_error : public server_error {
public:
    authorization_error(std::string what, std::string why);
    std::string why;
};

// Nodes disagree on the schema version (schema calls). Wait for agreement and retry.
class schema_disagreement : public server_error {
public:
    using server_error::server_error;
};

// ---- Typed values (types.hpp) ----

// A value could not be packed for, or bytes could not be unpacked as, a Cassandra marshal type:
// wrong C++ type for the validator, out of range (2^40 into Int32Type), invalid UTF-8, bytes of
// the wrong length. Raised before anything is sent; the message names the type and the value.
class marshal_error : public error {
public:
    using error::error;
};

// ---- The pool (pool.hpp) ----

// One server the pool could not use, and why (the last error it gave).
struct server_failure {
    std::string endpoint;  // "host:port"
    std::string reason;
};

// Every server of the pool is marked down (each failed recently and its backoff has not expired).
// Not retryable at once: wait for a backoff to expire, or fix the server list.
class no_server_available : public error {
public:
    explicit no_server_available(std::vector<server_failure> servers);
    std::vector<server_failure> servers;
};

// An operation failed on every attempt the pool's max_retries allowed. `last_cause` is the last
// attempt's exception (rethrow it to inspect its type); its message is part of what().
class maximum_retry : public error {
public:
    maximum_retry(std::exception_ptr last_cause, std::size_t attempts);
    std::exception_ptr last_cause;
    std::size_t attempts;  // attempts made, the first one included (max_retries + 1)
};

// The pool was closed (pool::close() or its destructor) before or while the operation ran.
class pool_closed : public error {
public:
    using error::error;
};

// An assertion pool (pool_kind::assertion) was asked for a connection while another operation
// held one: the program runs pool operations concurrently where it meant not to. Not retryable.
class pool_assertion_failed : public error {
public:
    using error::error;
};

}  // namespace cppcassa
