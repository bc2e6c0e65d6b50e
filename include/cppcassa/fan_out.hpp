// Token-aware fan-out: one multi-key call split by replica, the parts sent concurrently, the
// replies merged back.
//
//   cppcassa::thrift::multiget_slice_args args;
//   args.keys = {"alice", "bob"};
//   args.column_parent.column_family = "users";
//   args.predicate.column_names = std::vector<std::string>{"age"};
//   auto rows = co_await cppcassa::fan_out_multiget_slice(pool, args);
//   for (const auto& [key, columns] : rows)        // in the order of args.keys
//       handle(key, columns);
//
// A multiget sent to one coordinator makes it forward every key it does not hold and wait for the
// slowest replica. Here the keys are grouped by primary replica (pool::group_by_replica), and each
// group is its own pool operation whose routing_key is the group's first key, so, with
// pool_config::token_aware, each goes straight to a node that holds its keys. Without a ring (or
// without token_aware) there is one group: the call is a plain pool operation. Every group keeps
// the pool's failover, retries and deadline (`options`, applied per group).
//
// Errors: every group runs to its end before the call returns or throws (no group is abandoned
// mid-flight). For reads, the first failing group's exception is rethrown as is (the typed error:
// not_found, timed_out, maximum_retry...). For batch_mutate see partial_batch_error: nothing that
// was applied is hidden. A grouping that loses or repeats a key (a bug of cppcassa's) is refused
// before anything is sent: usage_error (internal_error). docs/routing.md has the rules.
//
// Cancellation: the call passes the cancellation on to every group still running (each a pool
// operation, cancelled as pool::execute describes) and returns once all have ended, throwing the
// first failing group's exception (call_cancelled for a cancelled group); groups that finished
// first keep their effect (for batch_mutate: partial_batch_error lists their keys as applied).
#pragma once

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/thrift.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace cppcassa {

// Results of a multi-key read in the caller's key order (Thrift's reply is a std::map, ordered by
// key bytes). A key the caller listed twice appears once, at its first position.
template <class V>
using in_key_order = std::vector<std::pair<std::string, V>>;

// batch_mutate fanned out over several replica groups, where some groups were applied and others
// failed. `applied_keys` were written (their group's batch_mutate succeeded); `failed_keys` were
// in a failed group: as with any failed batch_mutate, their mutations may or may not have been
// applied (timed_out: on acknowledged_by replicas), so resend them (batch_mutate is idempotent
// with client timestamps) or inspect. `first_cause` is the first failed group's exception
// (rethrow it to see its type); its message is part of what(). When every group fails the call
// throws that exception itself, not this one.
class partial_batch_error : public error {
public:
    partial_batch_error(std::exception_ptr first_cause, std::vector<std::string> applied_keys,
                        std::vector<std::string> failed_keys, std::size_t groups, std::size_t failed_groups);
    std::exception_ptr first_cause;
    std::vector<std::string> applied_keys;
    std::vector<std::string> failed_keys;
    std::size_t groups;
    std::size_t failed_groups;
};

// multiget_slice split by replica; every requested key is in the result (an empty list for a
// missing row, as Cassandra answers), in the order of args.keys.
boost::asio::awaitable<in_key_order<std::vector<thrift::ColumnOrSuperColumn>>> fan_out_multiget_slice(
    pool& p, thrift::multiget_slice_args args, operation_options options = {});

// multiget_count split by replica; every requested key is in the result (0 for a missing row),
// in the order of args.keys.
boost::asio::awaitable<in_key_order<std::int32_t>> fan_out_multiget_count(pool& p, thrift::multiget_count_args args,
                                                                          operation_options options = {});

// batch_mutate split by replica (each group's rows in one batch_mutate). Not atomic across
// groups, like batch_mutate across rows. Throws partial_batch_error when some groups were
// applied and some failed.
boost::asio::awaitable<void> fan_out_batch_mutate(pool& p, thrift::batch_mutate_args args,
                                                  operation_options options = {});

}  // namespace cppcassa
