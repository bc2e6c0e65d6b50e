// The next page of a column family sequence (get_range, xget, get_paged_slice), requested in the
// background while the caller works on the current one.
//
// Lifetime, the reason this is one shared helper: the background task owns a shared state, never
// the sequence, and the column family's view of its pool (detail::share_pool), so the pool it
// calls is alive whatever happens to the sequence or to the user's pool object (closed with that
// object: the page then fails with pool_closed). A sequence dropped before the task starts sends
// nothing (the prefetcher, shared by a sequence's copies, marks its state abandoned when the last
// copy goes); a page whose sequence is gone is dropped with the state.
#pragma once

#include "api/column_family_access.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

namespace cppcassa::api {

template <class T>
struct prefetch_state {
    std::size_t wanted = 0;   // what the request asked for (rows or columns): a shorter page is the last
    std::optional<T> result;
    std::exception_ptr error;
    bool done = false;
    bool abandoned = false;
    std::optional<boost::asio::steady_timer> wake;   // set while take() waits; cancelled when done
};

template <class T, class Call>
boost::asio::awaitable<void> run_prefetch(std::shared_ptr<prefetch_state<T>> state, std::shared_ptr<pool> p,
                                          Call call, operation_options op) {
    if (state->abandoned)
        co_return;   // the sequence is gone: nobody wants the page
    try {
        state->result.emplace(co_await p->execute(call, op));
    } catch (...) {
        state->error = std::current_exception();
    }
    state->done = true;
    if (state->wake)
        state->wake->cancel();
}

// At most one page ahead. T: what the Thrift call returns.
template <class T>
class prefetcher {
public:
    prefetcher() = default;
    prefetcher(const prefetcher&) = delete;
    prefetcher& operator=(const prefetcher&) = delete;
    ~prefetcher() {
        if (state_)
            state_->abandoned = true;
    }

    // Sends `call` (connection& -> awaitable<T>, owning what it sends) through the pool in the
    // background, on `executor`.
    template <class Call>
    void start(const boost::asio::any_io_executor& executor, std::shared_ptr<pool> p, Call call,
               operation_options op, std::size_t wanted) {
        auto state = std::make_shared<prefetch_state<T>>();
        state->wanted = wanted;
        state_ = state;
        auto task = run_prefetch<T>(std::move(state), std::move(p), std::move(call), std::move(op));
        boost::asio::co_spawn(executor, std::move(task), boost::asio::detached);
    }

    [[nodiscard]] bool pending() const noexcept { return state_ != nullptr; }
    // The page in flight when it has arrived, else null.
    [[nodiscard]] const T* arrived() const noexcept {
        return state_ && state_->done && state_->result ? &*state_->result : nullptr;
    }

    // Waits for the page in flight (pending() must be true); its error is thrown here, and
    // call_cancelled when the caller is cancelled first. Returns the page and what it asked for.
    boost::asio::awaitable<std::pair<T, std::size_t>> take() {
        // Owned here: the state outlives this call even if the sequence goes meanwhile.
        std::shared_ptr<prefetch_state<T>> state = std::move(state_);
        state_.reset();
        if (!state->done) {
            const auto executor = co_await boost::asio::this_coro::executor;
            state->wake.emplace(executor);
            state->wake->expires_at(boost::asio::steady_timer::time_point::max());
            boost::system::error_code ignored;
            auto token = boost::asio::redirect_error(boost::asio::use_awaitable, ignored);
            co_await state->wake->async_wait(token);
            state->wake.reset();
            // Only the page's arrival cancels the timer: woken before it, the caller was cancelled.
            // The page goes on in the background and is dropped; the sequence asks for it again
            // at its next next().
            if (!state->done)
                throw call_cancelled("the sequence's next() was cancelled while waiting for its prefetched page "
                                     "(the sequence stays usable: its next next() asks for that page again)");
        }
        if (state->error)
            std::rethrow_exception(state->error);
        co_return std::pair<T, std::size_t>(std::move(*state->result), state->wanted);
    }

private:
    std::shared_ptr<prefetch_state<T>> state_;
};

// What a sequence holds: the `unread` items of its current page, plus the items of a prefetched
// page that has arrived (one per element of the Thrift answer).
template <class T>
std::size_t held(std::size_t unread, const std::shared_ptr<prefetcher<T>>& prefetch) {
    if (prefetch)
        if (const auto* arrived = prefetch->arrived())
            unread += arrived->size();
    return unread;
}

// Sends a sequence's next page, `request` (args, op, wanted) with `send` (connection&, const
// Args&) -> awaitable<T>, in the background, making the prefetcher on first use.
template <class T, class Request, class Send>
void prefetch_next(std::shared_ptr<prefetcher<T>>& prefetch, const boost::asio::any_io_executor& executor,
                   std::shared_ptr<pool> p, Request request, Send send) {
    if (!prefetch)
        prefetch = std::make_shared<prefetcher<T>>();
    auto call = [args = std::move(request.args), send](connection& c) { return send(c, args); };
    prefetch->start(executor, std::move(p), std::move(call), std::move(request.op), request.wanted);
}

// A sequence's next page: the prefetched one when a request is in flight, else `request` sent
// now with `send` (traced when `trace`). Returns the page and what its request asked for.
template <class T, class Request, class Send>
boost::asio::awaitable<std::pair<T, std::size_t>> next_page(const column_family& cf,
                                                            std::shared_ptr<prefetcher<T>>& prefetch,
                                                            const Request& request, Send send, bool trace) {
    if (prefetch && prefetch->pending())
        co_return co_await prefetch->take();
    auto call = [&request, &send](connection& c) { return send(c, request.args); };
    T page = co_await detail::column_family_access::run_traced(cf, call, request.op, trace);
    co_return std::pair<T, std::size_t>(std::move(page), request.wanted);
}

}  // namespace cppcassa::api
