// Every failure cppcassa reports is an exception derived from cppcassa::error.
//
// Why exceptions: every public call is a coroutine awaited with co_await, where a thrown
// exception propagates to the caller's try/catch exactly like a synchronous call would
// (Boost.MySQL's throwing overloads make the same choice for the same reason). Each message says
// which host, which call, what happened and what the user can do; the fields Cassandra sends
// (why, acknowledged_by, ...) are kept as members, not folded into text only.
//
// Three families, told apart by type:
// - the server refused the call: server_error and its subclasses, raised only from what a server
//   answered (not_found also when a read finds nothing, as pycassa does);
// - the call could not be carried out: transport_error, protocol_error, request_too_large, the
//   pool's errors (no_server_available, maximum_retry, ...), marshal_error;
// - the caller asked for something cppcassa refuses (usage_error, with a client_errc to switch
//   on) or gave the call up (call_cancelled).
//
// Cancellation and Asio: a call whose cancellation slot fires while it waits throws
// call_cancelled. Asio itself adds one rule cppcassa cannot change: once a coroutine's
// cancellation was requested, its next co_await throws boost::system::system_error
// (operation_aborted) before anything runs (this_coro::throw_if_cancelled). A cancellation that
// arrives in the instant between two steps of a call, when no wait of cppcassa's is there to
// take it, surfaces that way; so does awaiting a call from a coroutine already cancelled.
#pragma once

#include <cppcassa/server_version.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
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
    // Another call on the connection caused the close, not the server: the server closed it on a
    // request too large for it (that call failed with request_too_large), or that call's caller
    // cancelled it (call_cancelled). Still retryable, but no sign the server is down.
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

// The requested row or column does not exist (pycassa's NotFoundException): the server said so
// (get of a missing column), or a read found nothing where pycassa raises it too (get of a
// missing row, column_family::open of a missing column family).
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

// ---- The caller's side: misuse and cancellation ----

// Why cppcassa refused a call (usage_error::code), for a program to switch on; what() says which
// call and what to change. Each code's text (make_error_code(c).message()) says what to change in
// general.
enum class client_errc {
    // An argument or option has a value the call cannot use: an insert of no column, a
    // buffer_size of 0, a malformed "host:port", a bind value count that is not the statement's.
    invalid_argument = 1,
    // Arguments or options that cannot go together, or one given without another it needs: a key
    // range and a token range, columns and a range to remove, one token bound of two,
    // token_aware without discover_ring.
    conflicting_arguments,
    // The call, or the shape of its values, does not fit the column family's kind (standard,
    // super or counter): a super column on a standard column family, cas on a counter one.
    wrong_column_family_kind,
    // A lookup of something the object does not hold: a column of a row or of a CQL row, a key
    // of a mapped result, the index of a column that has none.
    no_such_element,
    // connect() on a connection that connected, tried to, or was closed: a connection connects
    // once; make a new one.
    already_connected,
    // Something cppcassa does not do: token-aware routing with a partitioner other than
    // Murmur3Partitioner or RandomPartitioner, a one-ended sub-column slice for a
    // sub-comparator whose order cppcassa does not know.
    not_supported,
    // The server's Cassandra release lacks the call, or a field the call sets (a call or field
    // Cassandra added later): not_supported_by_server_error says which, and since when.
    not_supported_by_server,
    // cppcassa broke one of its own rules (a bug, not the caller's doing): report it with what().
    internal_error,
};

// The category of client_errc codes (name "cppcassa.client").
const std::error_category& client_category() noexcept;
std::error_code make_error_code(client_errc code) noexcept;
// The code's name as written in the enum ("invalid_argument", ...).
const char* to_string(client_errc code) noexcept;

// The call was refused on the client before anything was sent, because of how it was made
// (`code` says which rule). Never retryable: the same call fails the same way everywhere. The
// object it was called on is unchanged and stays usable.
class usage_error : public error {
public:
    usage_error(client_errc code, std::string what);
    client_errc code;
};

// A call the server's release does not have (get_multi_slice on Cassandra 2.0), or a field it
// does not know set in the call's arguments (CfDef.min_index_interval on 2.0), refused before
// anything was sent: code is client_errc::not_supported_by_server. Thrift servers ignore fields
// they do not know, so such a field would otherwise be dropped without a word. The connection
// stays open. A pool does not mark the server down for it, and tries the operation on another
// server that is known to have the feature, or whose version it has not learnt yet; never on one
// known to lack it (docs/server_versions.md).
class not_supported_by_server_error : public usage_error {
public:
    not_supported_by_server_error(std::string what, std::string feature, std::string endpoint,
                                  server_version server, version_number since);
    std::string feature;    // the call ("get_multi_slice") or field ("CfDef.min_index_interval")
    std::string endpoint;   // "host:port" of the server that lacks it
    server_version server;  // what that server speaks
    version_number since;   // the first Cassandra release that has it
};

// The caller gave the call up: its cancellation slot fired (asio::bind_cancellation_slot, the
// `||` of asio::experimental::awaitable_operators; a coroutine passes on terminal cancellation
// only, unless it changes its filter with this_coro::reset_cancellation_state). Never retried.
// What a cancelled call leaves behind, per call (each public call's comment says it):
// - a call on a connection that got its place in the connection's queue (it may be written to
//   the socket at any moment from then): the reply stream is out of sync, so the connection
//   closes; every other call waiting on it fails with connection_closed (retryable,
//   caused_by_request: the server is not to blame). The cancelled call may have been applied.
// - a call still waiting for one of the connection's in-flight slots: nothing was sent, the
//   connection stays open;
// - connect(): the connection is closed (a connection connects once);
// - a pool operation: its attempt's call as above; while it waits for a connection or connects,
//   nothing was sent. Never retried; no server is marked down for it.
class call_cancelled : public error {
public:
    using error::error;
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

// client_errc converts to std::error_code, like the std::errc codes.
template <>
struct std::is_error_code_enum<cppcassa::client_errc> : std::true_type {};
