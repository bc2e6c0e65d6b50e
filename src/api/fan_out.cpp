// Fan-out over the pool: one pool operation per replica group, run concurrently, joined.
#include <cppcassa/fan_out.hpp>

#include "api/fan_out_plan.hpp"
#include "api/fan_out_run.hpp"
#include "errors/exception_message.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <functional>
#include <optional>

namespace cppcassa {

namespace asio = boost::asio;

namespace api {

asio::awaitable<std::vector<std::exception_ptr>> run_groups(std::size_t n,
                                                            std::function<asio::awaitable<void>(std::size_t)> body) {
    std::vector<std::exception_ptr> failures(n);
    if (n == 1) {
        // One group (no ring, or every key on one replica): no task to spawn.
        try {
            co_await body(0);
        } catch (...) {
            failures[0] = std::current_exception();
        }
        co_return failures;
    }
    const auto executor = co_await asio::this_coro::executor;
    std::size_t running = n;
    // A timer that never expires, cancelled by the last group to finish: an awaitable event.
    asio::steady_timer done(executor, asio::steady_timer::time_point::max());
    // Each group is a task of its own, cancelled through its own signal when the caller is.
    std::vector<asio::cancellation_signal> cancel(n);
    for (std::size_t i = 0; i < n; ++i)
        asio::co_spawn(
            executor,
            [&, i]() -> asio::awaitable<void> {
                try {
                    co_await body(i);
                } catch (...) {
                    failures[i] = std::current_exception();
                }
                if (--running == 0)
                    done.cancel();
            },
            asio::bind_cancellation_slot(cancel[i].slot(), asio::detached));
    // The groups use this frame, so it waits for every one of them whatever happens. A cancelled
    // caller passes the cancellation on to the groups (each fails with call_cancelled unless it
    // is done) and waits on: Asio's own throw at the next co_await of a cancelled coroutine is
    // turned off meanwhile, or this frame would go while the groups still use it.
    const bool throws_when_cancelled = co_await asio::this_coro::throw_if_cancelled();
    co_await asio::this_coro::throw_if_cancelled(false);
    bool passed_on = false;
    while (running > 0) {
        boost::system::error_code ec;
        co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        const auto cancellation = (co_await asio::this_coro::cancellation_state).cancelled();
        if (running > 0 && !passed_on && cancellation != asio::cancellation_type::none) {
            passed_on = true;
            for (auto& signal : cancel)
                signal.emit(asio::cancellation_type::terminal);
        }
    }
    co_await asio::this_coro::throw_if_cancelled(throws_when_cancelled);
    co_return failures;
}

std::vector<std::vector<std::size_t>> groups_of(const pool& p, const std::vector<std::string>& keys) {
    auto groups = p.group_by_replica(keys);
    if (const auto fault = detail::check_partition(keys.size(), groups); !fault.empty())
        throw usage_error(client_errc::internal_error,
                          "cppcassa fan-out: pool::group_by_replica returned " + fault + " (nothing was sent)");
    return groups;
}

}  // namespace api

namespace {

using api::groups_of;
using api::run_groups;

void rethrow_first(const std::vector<std::exception_ptr>& failures) {
    for (const auto& e : failures)
        if (e)
            std::rethrow_exception(e);
}

// multiget_slice and multiget_count share everything but the call.
template <class Args, class V, class Call>
asio::awaitable<in_key_order<V>> fan_out_multiget(pool& p, Args args, operation_options options, Call call) {
    const auto keys = detail::unique_keys(args.keys);
    if (keys.empty())
        co_return in_key_order<V>{};
    const auto groups = groups_of(p, keys);
    const auto group_keys = detail::keys_of_groups(keys, groups);
    std::vector<std::map<std::string, V>> replies(groups.size());

    std::function<asio::awaitable<void>(std::size_t)> body = [&](std::size_t g) -> asio::awaitable<void> {
        Args part = args;
        part.keys = group_keys[g];
        operation_options routed = options;
        routed.routing_key = group_keys[g].front();
        auto op = [part, call](connection& c) { return call(c, part); };
        replies[g] = co_await p.execute(op, routed);
    };
    const auto failures = co_await run_groups(groups.size(), body);
    rethrow_first(failures);
    co_return detail::merge_in_order(keys, groups, replies);
}

}  // namespace

partial_batch_error::partial_batch_error(std::exception_ptr first_cause_, std::vector<std::string> applied_keys_,
                                         std::vector<std::string> failed_keys_, std::size_t groups_,
                                         std::size_t failed_groups_)
    : error(fmt::format("batch_mutate fan-out: {} of {} replica groups failed; {} row keys applied, {} in failed "
                        "groups (maybe partly applied: resend them); first failure: {}",
                        failed_groups_, groups_, applied_keys_.size(), failed_keys_.size(),
                        detail::exception_message(first_cause_))),
      first_cause(std::move(first_cause_)),
      applied_keys(std::move(applied_keys_)),
      failed_keys(std::move(failed_keys_)),
      groups(groups_),
      failed_groups(failed_groups_) {}

asio::awaitable<in_key_order<std::vector<thrift::ColumnOrSuperColumn>>> fan_out_multiget_slice(
    pool& p, thrift::multiget_slice_args args, operation_options options) {
    auto call = [](connection& c, const thrift::multiget_slice_args& a) { return c.multiget_slice(a); };
    co_return co_await fan_out_multiget<thrift::multiget_slice_args, std::vector<thrift::ColumnOrSuperColumn>>(
        p, std::move(args), std::move(options), call);
}

asio::awaitable<in_key_order<std::int32_t>> fan_out_multiget_count(pool& p, thrift::multiget_count_args args,
                                                                   operation_options options) {
    auto call = [](connection& c, const thrift::multiget_count_args& a) { return c.multiget_count(a); };
    co_return co_await fan_out_multiget<thrift::multiget_count_args, std::int32_t>(p, std::move(args),
                                                                                    std::move(options), call);
}

asio::awaitable<void> fan_out_batch_mutate(pool& p, thrift::batch_mutate_args args, operation_options options) {
    std::vector<std::string> keys;
    keys.reserve(args.mutation_map.size());
    for (const auto& [key, mutations] : args.mutation_map)
        keys.push_back(key);
    if (keys.empty())
        co_return;
    const auto groups = groups_of(p, keys);
    const auto group_keys = detail::keys_of_groups(keys, groups);
    auto parts = detail::split_mutation_map(std::move(args.mutation_map), keys, groups);
    const auto consistency = args.consistency_level;

    std::function<asio::awaitable<void>(std::size_t)> body = [&](std::size_t g) -> asio::awaitable<void> {
        thrift::batch_mutate_args part;
        part.mutation_map = std::move(parts[g]);
        part.consistency_level = consistency;
        operation_options routed = options;
        routed.routing_key = group_keys[g].front();
        auto op = [&part](connection& c) { return c.batch_mutate(part); };
        co_await p.execute(op, routed);
    };
    const auto failures = co_await run_groups(groups.size(), body);

    std::vector<std::string> applied, failed;
    std::exception_ptr first;
    std::size_t failed_groups = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto& into = failures[g] ? failed : applied;
        into.insert(into.end(), group_keys[g].begin(), group_keys[g].end());
        if (failures[g]) {
            ++failed_groups;
            if (!first)
                first = failures[g];
        }
    }
    if (!first)
        co_return;
    // Nothing was applied by a group that succeeded: the caller sees the typed error itself,
    // exactly as from a single batch_mutate.
    if (applied.empty())
        std::rethrow_exception(first);
    throw partial_batch_error(first, std::move(applied), std::move(failed), groups.size(), failed_groups);
}

}  // namespace cppcassa
