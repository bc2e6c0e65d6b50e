// cppcassa::batch: packing into the queue, the flushes run in the background on the pool's
// executor (what to do next is decided by the sans-io batch_flow), the waiting of producers for
// a free flush slot, and what failed kept for the caller.
#include <cppcassa/batch.hpp>

#include "api/batch_flow.hpp"
#include "api/batch_queue.hpp"
#include "api/batch_send.hpp"
#include "api/column_family_requests.hpp"
#include "errors/exception_message.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <mutex>
#include <utility>
#include <vector>

namespace cppcassa {

namespace api {

// A coroutine waiting in flush_if_full() or send() for a flush to end.
class batch_waiter {
public:
    virtual ~batch_waiter() = default;
    // Resumes the waiter on its own executor (never inline: the caller may be another thread).
    virtual void resume() = 0;
};

// Everything a batch shares with its background flushes, which keep it alive when the batch
// object is gone or moved.
struct batch_state {
    batch_state(pool& p, batch_options o)
        : connection_pool(detail::share_pool(p)),
          options(std::move(o)),
          flow(options.queue_size.value_or(0), options.max_batch_bytes, options.max_in_flight_flushes) {}

    // A view of the batch's pool (detail::share_pool): a flush after the pool object is gone
    // fails with pool_closed, and its mutations are reported, not lost in freed memory.
    std::shared_ptr<pool> connection_pool;
    const batch_options options;
    mutable std::mutex mutex;
    // Under mutex:
    batch_flow flow;
    std::uint64_t generation = 0;  // flushes ended: a waiter that saw an older value goes on
    std::vector<std::unique_ptr<batch_waiter>> waiters;
    bool abandoned = false;        // the batch was destroyed: a late failure is warned about
};

}  // namespace api

namespace {

namespace asio = boost::asio;
using api::batch_flow;
using api::batch_state;

template <class Handler>
class handler_waiter final : public api::batch_waiter {
public:
    explicit handler_waiter(Handler handler)
        : handler_(std::move(handler)), work_(asio::get_associated_executor(handler_)) {}

    void resume() override {
        auto executor = asio::get_associated_executor(handler_);
        asio::post(executor, std::move(handler_));
    }

private:
    Handler handler_;
    asio::executor_work_guard<asio::associated_executor_t<Handler>> work_;  // the waiter's context keeps running
};

// Completes once a flush ended after the waiter looked at the state (generation `seen`): the
// check and the registration happen under the same lock as finish()'s wake-up, so no wake-up
// is lost whatever thread each runs on.
struct wait_initiation {
    batch_state* state;
    std::uint64_t seen;

    template <class Handler>
    void operator()(Handler handler) const {
        std::unique_lock lock(state->mutex);
        if (state->generation != seen) {
            lock.unlock();
            auto executor = asio::get_associated_executor(handler);
            asio::post(executor, std::move(handler));
            return;
        }
        state->waiters.push_back(std::make_unique<handler_waiter<Handler>>(std::move(handler)));
    }
};

asio::awaitable<void> wait_for_change(batch_state& state, std::uint64_t seen) {
    const wait_initiation initiation{&state, seen};
    co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(initiation, asio::use_awaitable);
}

void report_unsent(const batch_options& options, std::size_t unsent) noexcept {
    try {
        if (options.on_unsent)
            options.on_unsent(unsent);
        else
            fmt::print(stderr,
                       "cppcassa: warning: a batch was destroyed with {} mutations neither sent nor reported "
                       "(call send(), or use with_batch())\n",
                       unsent);
    } catch (...) {
        // A warning must not throw out of a destructor.
    }
}

// The column family's codec. The types are borrowed (aliasing pointer, no ownership): the codec
// lives only during the call that packs.
api::cf_codec codec_of(const column_family& cf) {
    return {cf.name(), std::shared_ptr<const column_family_types>(std::shared_ptr<void>{}, &cf.types())};
}

std::string batch_error_message(const std::exception_ptr& cause, const batch_mutation_map& unapplied,
                                std::size_t failed_flushes) {
    return fmt::format("batch: {} flush(es) failed, {} mutations in {} rows not applied: {}", failed_flushes,
                       api::mutation_count(unapplied), unapplied.size(),
                       detail::exception_message(cause));
}

// The packed row key, in a buffer each thread reuses (a key longer than the string's inline
// storage would otherwise cost an allocation per row).
std::string& key_buffer() {
    thread_local std::string buffer;
    return buffer;
}

// Writes one row's mutations straight into the queue's encoded bytes, under the lock (they are
// the future request's bytes, so there is nothing to copy in later). A marshal_error half-way
// rolls the queue back to where it was: nothing of the row stays queued.
template <class Write>
void queue_row(batch_state& state, const column_family& cf, const value& key, Write&& write) {
    const api::cf_codec codec = codec_of(cf);
    std::string& packed = key_buffer();
    codec.pack_key_into(packed, key);
    const std::lock_guard lock(state.mutex);
    codec::mutation_batch& queued = state.flow.queue().back();
    const auto before = queued.position();
    try {
        queued.begin_row(packed, cf.name());
        write(codec, queued);
    } catch (...) {
        queued.rollback(before);
        throw;
    }
}

template <class Columns>
void queue_insert(batch_state& state, const column_family& cf, const value& key, const Columns& columns,
                  const write_options& options) {
    const std::int64_t timestamp = options.timestamp.value_or(cf.now());
    queue_row(state, cf, key, [&](const api::cf_codec& codec, codec::mutation_batch& into) {
        codec.write_insert(into, columns, timestamp, options.ttl);
    });
}

// A flush ended: account for it and wake every waiter (each asks batch_flow again).
void finish(batch_state& state, api::taken_batch batch, std::size_t mutations, api::batch_failure failure) {
    std::size_t lost = 0;
    {
        const std::lock_guard lock(state.mutex);
        state.flow.finished(std::move(batch), mutations, std::move(failure));
        ++state.generation;
        // Resumed under the lock (a resume only posts, it never runs the waiter here), so the
        // list keeps its memory for the next wait.
        for (auto& w : state.waiters)
            w->resume();
        state.waiters.clear();
        if (state.abandoned) {
            // Nobody is left to throw it to.
            lost = state.flow.unreported();
            state.flow.take_failure();
        }
    }
    if (lost > 0)
        report_unsent(state.options, lost);
}

// A background flush, on the pool's executor; `state` keeps the batch's state alive.
asio::awaitable<void> run_flush(std::shared_ptr<batch_state> state, api::taken_batch batch, std::size_t mutations) {
    api::batch_failure failure;
    try {
        failure = co_await api::send_batch(*state->connection_pool, state->options, batch);
    } catch (...) {
        // send_batch reports failures of the calls; this is one before any call (a broken replica
        // grouping, memory): the flush still ends, and reports everything it holds.
        failure = api::all_unapplied(batch, std::current_exception());
    }
    finish(*state, std::move(batch), mutations, std::move(failure));
}

// flush_if_full() (fill) and send() (drain): asks batch_flow what to do until it says done.
asio::awaitable<void> drive(std::shared_ptr<batch_state>& owner, batch_flow::mode mode) {
    batch_state& state = *owner;
    for (;;) {
        batch_flow::step step;
        std::uint64_t seen = 0;
        {
            const std::lock_guard lock(state.mutex);
            step = state.flow.next(mode);
            seen = state.generation;
        }
        switch (step.what) {
            case batch_flow::action::done:
                co_return;
            case batch_flow::action::report:
                throw batch_error(step.failure.cause, std::move(step.failure.unapplied), step.failure.flushes);
            case batch_flow::action::start:
                asio::co_spawn(state.connection_pool->get_executor(),
                               run_flush(owner, std::move(step.batch), step.mutations), asio::detached);
                break;
            case batch_flow::action::wait: {
                co_await wait_for_change(state, seen);
                // The wait does not watch the cancellation slot (waiters may be on other threads
                // than the flush that wakes them): a caller cancelled meanwhile stops once woken,
                // and starts nothing more.
                const auto cancellation = (co_await asio::this_coro::cancellation_state).cancelled();
                if (cancellation != asio::cancellation_type::none)
                    throw call_cancelled(
                        "batch: the call was cancelled while waiting for a flush to end; the flushes in flight go "
                        "on (their failures are reported by the next call) and what is queued stays queued");
                break;
            }
        }
    }
}

}  // namespace

batch_error::batch_error(std::exception_ptr cause_, batch_mutation_map unapplied_, std::size_t failed_flushes_)
    : error(batch_error_message(cause_, unapplied_, failed_flushes_)),
      cause(std::move(cause_)),
      unapplied(std::move(unapplied_)),
      failed_flushes(failed_flushes_) {}

std::size_t batch_error::unapplied_count() const noexcept { return api::mutation_count(unapplied); }

batch::batch(pool& p) : batch(p, batch_options{}) {}

batch::batch(pool& p, batch_options options) : state_(std::make_shared<batch_state>(p, std::move(options))) {}

batch::batch(batch&&) noexcept = default;

batch& batch::operator=(batch&& other) noexcept {
    if (this != &other) {
        warn_if_unsent();
        state_ = std::move(other.state_);
    }
    return *this;
}

batch::~batch() { warn_if_unsent(); }

void batch::warn_if_unsent() noexcept {
    if (!state_)
        return;
    std::size_t unsent = 0;
    {
        const std::lock_guard lock(state_->mutex);
        state_->abandoned = true;
        unsent = state_->flow.queue().size() + state_->flow.unreported();
    }
    if (unsent > 0)
        report_unsent(state_->options, unsent);
}

std::size_t batch::pending() const noexcept {
    if (!state_)
        return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->flow.queue().size();
}

std::size_t batch::pending_bytes() const noexcept {
    if (!state_)
        return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->flow.queue().bytes();
}

std::size_t batch::in_flight() const noexcept {
    if (!state_)
        return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->flow.in_flight();
}

std::size_t batch::in_flight_mutations() const noexcept {
    if (!state_)
        return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->flow.in_flight_mutations();
}

std::size_t batch::peak_in_flight() const noexcept {
    if (!state_)
        return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->flow.peak_in_flight();
}

std::size_t batch::unreported() const noexcept {
    if (!state_)
        return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->flow.unreported();
}

std::size_t batch::flushes() const noexcept {
    if (!state_)
        return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->flow.flushes();
}

const batch_options& batch::options() const noexcept { return state_->options; }

batch& batch::insert(column_family& cf, const value& key, const column_values& columns) {
    const write_options options;
    return insert(cf, key, columns, options);
}

batch& batch::insert(column_family& cf, const value& key, const column_values& columns, const write_options& options) {
    if (columns.empty())
        throw usage_error(client_errc::invalid_argument,
                          fmt::format("batch insert into '{}': no columns given", cf.name()));
    if (cf.types().is_super())
        throw usage_error(
            client_errc::wrong_column_family_kind,
            fmt::format("batch insert: '{}' is a super column family: insert super_column_values", cf.name()));
    queue_insert(*state_, cf, key, columns, options);
    return *this;
}

batch& batch::insert(column_family& cf, const value& key, const super_column_values& columns) {
    const write_options options;
    return insert(cf, key, columns, options);
}

batch& batch::insert(column_family& cf, const value& key, const super_column_values& columns, const write_options& options) {
    if (columns.empty())
        throw usage_error(client_errc::invalid_argument,
                          fmt::format("batch insert into '{}': no columns given", cf.name()));
    if (!cf.types().is_super())
        throw usage_error(
            client_errc::wrong_column_family_kind,
            fmt::format("batch insert: '{}' is a standard column family: insert column_values", cf.name()));
    queue_insert(*state_, cf, key, columns, options);
    return *this;
}

batch& batch::remove(column_family& cf, const value& key) {
    const remove_options options;
    return remove(cf, key, options);
}

batch& batch::remove(column_family& cf, const value& key, const remove_options& options) {
    const std::int64_t timestamp = options.timestamp.value_or(cf.now());
    queue_row(*state_, cf, key, [&](const api::cf_codec& codec, codec::mutation_batch& into) {
        thrift::Mutation m;
        if (!options.columns && !options.range) {
            // No predicate: the whole row, or the whole super column.
            thrift::Deletion d;
            d.timestamp = timestamp;
            if (options.super_column)
                d.super_column = codec.pack_super_name(*options.super_column);
            m.deletion = std::move(d);
        } else {
            m.deletion = codec.deletion(options, timestamp);
        }
        into.add(m);
    });
    return *this;
}

boost::asio::awaitable<void> batch::flush_if_full() {
    auto owner = state_;  // alive even if the batch is moved or destroyed while this waits
    co_await drive(owner, batch_flow::mode::fill);
}

boost::asio::awaitable<void> batch::send() {
    auto owner = state_;
    co_await drive(owner, batch_flow::mode::drain);
}

boost::asio::awaitable<void> batch::wait_for_flushes() {
    auto owner = state_;
    co_await drive(owner, batch_flow::mode::settle);
}

boost::asio::awaitable<void> batch::send_all() {
    auto owner = state_;
    api::batch_failure all;
    for (;;) {
        bool failed = false;
        try {
            co_await drive(owner, batch_flow::mode::drain);
        } catch (batch_error& e) {
            failed = true;
            if (!all.cause)
                all.cause = e.cause;
            all.flushes += e.failed_flushes;
            api::merge_mutations(all.unapplied, std::move(e.unapplied));
        } catch (const call_cancelled&) {
            // The failures gathered so far were taken from the flow: thrown away here, their
            // mutations would be lost without a word.
            if (all.empty())
                throw;
            break;
        }
        if (!failed || pending() == 0)
            break;
    }
    if (!all.empty())
        throw batch_error(all.cause, std::move(all.unapplied), all.flushes);
}

column_family_batch::column_family_batch(column_family cf, batch_options options)
    : cf_(std::move(cf)), batch_(cf_.connection_pool(), std::move(options)) {}

column_family_batch& column_family_batch::insert(const value& key, const column_values& columns) {
    batch_.insert(cf_, key, columns);
    return *this;
}
column_family_batch& column_family_batch::insert(const value& key, const column_values& columns, const write_options& options) {
    batch_.insert(cf_, key, columns, options);
    return *this;
}
column_family_batch& column_family_batch::insert(const value& key, const super_column_values& columns) {
    batch_.insert(cf_, key, columns);
    return *this;
}
column_family_batch& column_family_batch::insert(const value& key, const super_column_values& columns, const write_options& options) {
    batch_.insert(cf_, key, columns, options);
    return *this;
}
column_family_batch& column_family_batch::remove(const value& key) {
    batch_.remove(cf_, key);
    return *this;
}
column_family_batch& column_family_batch::remove(const value& key, const remove_options& options) {
    batch_.remove(cf_, key, options);
    return *this;
}

column_family_batch make_batch(const column_family& cf) {
    batch_options options;
    options.write_consistency_level = cf.write_consistency_level();
    return make_batch(cf, std::move(options));
}

column_family_batch make_batch(const column_family& cf, batch_options options) {
    return column_family_batch(cf, std::move(options));
}

}  // namespace cppcassa
