// Hooks for a pool's events (pycassa's PoolListener): derive, override what you need, and set
// pool_config::listener. Every method has an empty default.
//
// The pool calls them synchronously, on its executor, in the order things happen; they must be
// quick and must not call back into the pool. An exception thrown by a hook is swallowed: a
// listener cannot break an operation.
#pragma once

#include <string>

namespace cppcassa {

// Why the pool closed a connection.
enum class dispose_reason {
    recycled,       // served `recycle` operations or reached max_connection_age
    broken,         // the peer closed it, or an error left it unusable
    overflow_idle,  // an overflow connection went idle
    host_down,      // its server was marked down
    made_room,      // closed while idle to open one to another server
    health_check,   // its idle health check failed
    left_ring,      // its server left the ring (discover_ring)
    per_operation,  // the null pool closes each connection after its operation
    pool_closed,    // pool::close()
};

// "recycled", "broken", ... (for logs).
const char* to_string(dispose_reason reason) noexcept;

struct pool_listener {
    virtual ~pool_listener() = default;

    // A connection to `endpoint` ("host:port") is open (connected, logged in, keyspace set).
    virtual void connection_created(const std::string& /*endpoint*/) {}
    // A connect to `endpoint` failed; `reason` is the exception's message.
    virtual void connection_failed(const std::string& /*endpoint*/, const std::string& /*reason*/) {}
    // An operation's attempt got a connection to `endpoint`.
    virtual void checked_out(const std::string& /*endpoint*/) {}
    // The attempt gave it back (whether it succeeded or not).
    virtual void checked_in(const std::string& /*endpoint*/) {}
    // The pool closed a connection to `endpoint`.
    virtual void connection_disposed(const std::string& /*endpoint*/, dispose_reason /*why*/) {}
    // `endpoint` failed and is skipped for its backoff.
    virtual void server_marked_down(const std::string& /*endpoint*/, const std::string& /*reason*/) {}
    // `endpoint`, marked down before, answered again (an operation or the background probe).
    virtual void server_marked_up(const std::string& /*endpoint*/) {}
    // Every connection the kind allows is busy: an operation waits for one.
    virtual void pool_at_max() {}
    // pool::close() ran.
    virtual void pool_closed() {}
};

}  // namespace cppcassa
