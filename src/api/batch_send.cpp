#include "api/batch_send.hpp"

#include "api/fan_out_run.hpp"
#include "codec/mutation_groups.hpp"
#include "net/connection_access.hpp"

#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace cppcassa::api {

namespace {

namespace asio = boost::asio;

// The pool operation of one call with encoded arguments (`args` outlives the operation).
template <class Method>
auto encoded_call(const codec::encoded_batch_args& args) {
    return [&args](connection& c) { return net::connection_access::impl(c).call<Method>(args, call_options{}); };
}

// The whole batch as one call: what fails is every row. Awaits the pool directly (no frame of
// its own per attempt: on the ingest path every frame counts).
asio::awaitable<batch_failure> send_whole(pool& p, const batch_options& options, const codec::mutation_groups& groups,
                                          operation_options op) {
    codec::encoded_batch_args all;
    all.groups = &groups;
    all.consistency_level = options.write_consistency_level;
    batch_failure failure;
    try {
        if (options.atomic) {
            auto call = encoded_call<codec::methods::atomic_batch_mutate_encoded>(all);
            co_await p.execute(call, op);
        } else {
            auto call = encoded_call<codec::methods::batch_mutate_encoded>(all);
            co_await p.execute(call, op);
        }
    } catch (...) {
        failure.cause = std::current_exception();
        failure.unapplied = groups.decode({});
        failure.flushes = 1;
    }
    co_return failure;
}

// One batch_mutate per replica group, concurrently, each routed to its replicas: what fails is
// the failed groups' rows.
asio::awaitable<batch_failure> send_by_replica(pool& p, const batch_options& options,
                                               const codec::mutation_groups& groups, std::vector<std::string> keys,
                                               std::vector<std::vector<std::size_t>> replica_groups,
                                               operation_options op) {
    std::function<asio::awaitable<void>(std::size_t)> body = [&](std::size_t g) -> asio::awaitable<void> {
        codec::encoded_batch_args part;
        part.groups = &groups;
        part.rows = replica_groups[g];
        part.consistency_level = options.write_consistency_level;
        operation_options routed = op;
        routed.routing_key = keys[replica_groups[g].front()];
        auto call = encoded_call<codec::methods::batch_mutate_encoded>(part);
        co_await p.execute(call, routed);
    };
    const auto failures = co_await run_groups(replica_groups.size(), body);

    batch_failure failure;
    std::vector<std::size_t> failed_rows;
    for (std::size_t g = 0; g < replica_groups.size(); ++g) {
        if (!failures[g])
            continue;
        if (!failure.cause)
            failure.cause = failures[g];
        failed_rows.insert(failed_rows.end(), replica_groups[g].begin(), replica_groups[g].end());
    }
    if (failure.cause) {
        // An empty list means every row: the case when every group failed.
        if (failed_rows.size() == groups.rows())
            failed_rows.clear();
        failure.unapplied = groups.decode(failed_rows);
        failure.flushes = 1;
    }
    co_return failure;
}

asio::awaitable<batch_failure> nothing_to_send() {
    const batch_failure none;
    co_return none;
}

}  // namespace

batch_failure all_unapplied(const taken_batch& batch, std::exception_ptr cause) {
    batch_failure failure;
    failure.cause = std::move(cause);
    codec::mutation_groups groups;
    groups.build(batch.mutations);
    failure.unapplied = groups.decode({});
    failure.flushes = 1;
    return failure;
}

// Not a coroutine: it decides synchronously and returns the one coroutine that sends, so a flush
// costs no frame of its own here.
asio::awaitable<batch_failure> send_batch(pool& p, const batch_options& options, taken_batch& batch) {
    codec::mutation_groups& groups = batch.groups;
    groups.build(batch.mutations);
    operation_options op;
    op.timeout = options.timeout;
    if (groups.rows() == 0)
        return nothing_to_send();
    // Split by replica only where it steers anything: several rows, not atomic (a logged batch
    // is never split), and a token-aware pool that knows the ring.
    if (groups.rows() == 1 || options.atomic || !p.config().token_aware) {
        if (groups.rows() == 1)
            op.routing_key = std::string(groups.key(0));
        return send_whole(p, options, groups, std::move(op));
    }
    std::vector<std::string> keys;
    keys.reserve(groups.rows());
    for (std::size_t r = 0; r < groups.rows(); ++r)
        keys.emplace_back(groups.key(r));
    auto replica_groups = groups_of(p, keys);
    if (replica_groups.size() == 1) {
        op.routing_key = keys.front();
        return send_whole(p, options, groups, std::move(op));
    }
    return send_by_replica(p, options, groups, std::move(keys), std::move(replica_groups), std::move(op));
}

}  // namespace cppcassa::api
