// What the library's own code reaches inside a column_family: running a Thrift call on its pool,
// preceded on the same connection by trace_next_query when the caller armed one. Users never call
// these; keeping them here leaves column_family.hpp with what users call.
#pragma once

#include <cppcassa/column_family.hpp>
#include <cppcassa/connection.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/types/uuid.hpp>

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace cppcassa::detail {

struct column_family_access {
    // What a call `F` (connection& -> awaitable<R>) gives: R.
    template <class F>
    using result_of = typename awaited<std::invoke_result_t<F&, connection&>>::type;

    // Takes the armed trace: the next request is the traced one.
    static bool take_trace(const column_family& cf) noexcept { return std::exchange(cf.trace_->armed, false); }

    // pool::execute, preceded on the same connection by trace_next_query when one is armed.
    template <class F>
    static boost::asio::awaitable<result_of<F>> run(const column_family& cf, F& call, operation_options op) {
        const bool traced = take_trace(cf);
        return run_traced(cf, call, std::move(op), traced);
    }

    // pool::execute, preceded on the same connection by trace_next_query when `trace`; the
    // session Cassandra gave goes to the column family's last_trace_session().
    template <class F>
    static boost::asio::awaitable<result_of<F>> run_traced(const column_family& cf, F& call, operation_options op,
                                                           bool trace) {
        using result_type = result_of<F>;
        if (!trace) {
            if constexpr (std::is_void_v<result_type>) {
                co_await cf.pool_->execute(call, op);
                co_return;
            } else {
                co_return co_await cf.pool_->execute(call, op);
            }
        }
        std::optional<uuid> session;
        // A retry traces again: the session kept is the attempt that succeeded.
        auto traced = [&call, &session](connection& c) -> boost::asio::awaitable<result_type> {
            const std::string id = co_await c.trace_next_query();
            session = uuid::from_bytes(id);
            if constexpr (std::is_void_v<result_type>)
                co_await call(c);
            else
                co_return co_await call(c);
        };
        if constexpr (std::is_void_v<result_type>) {
            co_await cf.pool_->execute(traced, op);
            cf.trace_->last = session;
        } else {
            auto result = co_await cf.pool_->execute(traced, op);
            cf.trace_->last = session;
            co_return result;
        }
    }
};

}  // namespace cppcassa::detail
