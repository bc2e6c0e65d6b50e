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

template <class Method>
asio::awaitable<void> call_encoded(pool& p, const codec::encoded_batch_args& args, const operation_options& op) {
    auto call = [&args](connection& c) {
        return net::connection_access::impl(c).call<Method>(args, call_options{});
    };
    co_await p.execute(call, op);
}

}  // namespace

asio::awaitable<batch_failure> send_batch(pool& p, const batch_options& options, const codec::mutation_batch& batch) {
    codec::mutation_groups groups;
    groups.build(batch);
    operation_options op;
    op.timeout = options.timeout;
    batch_failure failure;
    if (groups.rows() == 0)
        co_return failure;

    codec::encoded_batch_args all;
    all.groups = &groups;
    all.consistency_level = options.write_consistency_level;
    if (options.atomic || groups.rows() == 1) {
        if (groups.rows() == 1)
            op.routing_key = std::string(groups.key(0));
        try {
            if (options.atomic)
                co_await call_encoded<codec::methods::atomic_batch_mutate_encoded>(p, all, op);
            else
                co_await call_encoded<codec::methods::batch_mutate_encoded>(p, all, op);
        } catch (...) {
            failure.cause = std::current_exception();
            failure.unapplied = groups.decode({});
            failure.flushes = 1;
        }
        co_return failure;
    }

    // One batch_mutate per replica group, each routed to its replicas (fan_out_batch_mutate's
    // rule for a map, here over row indices into the encoded batch).
    std::vector<std::string> keys;
    keys.reserve(groups.rows());
    for (std::size_t r = 0; r < groups.rows(); ++r)
        keys.emplace_back(groups.key(r));
    const auto replica_groups = groups_of(p, keys);
    std::function<asio::awaitable<void>(std::size_t)> body = [&](std::size_t g) -> asio::awaitable<void> {
        codec::encoded_batch_args part = all;
        if (replica_groups.size() > 1)
            part.rows = replica_groups[g];
        operation_options routed = op;
        routed.routing_key = keys[replica_groups[g].front()];
        co_await call_encoded<codec::methods::batch_mutate_encoded>(p, part, routed);
    };
    const auto failures = co_await run_groups(replica_groups.size(), body);

    std::vector<std::size_t> failed_rows;
    for (std::size_t g = 0; g < replica_groups.size(); ++g) {
        if (!failures[g])
            continue;
        if (!failure.cause)
            failure.cause = failures[g];
        failed_rows.insert(failed_rows.end(), replica_groups[g].begin(), replica_groups[g].end());
    }
    if (failure.cause) {
        // Every row when every group failed (an empty span means all of them).
        if (failed_rows.size() == groups.rows())
            failed_rows.clear();
        failure.unapplied = groups.decode(failed_rows);
        failure.flushes = 1;
    }
    co_return failure;
}

}  // namespace cppcassa::api
