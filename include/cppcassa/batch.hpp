// pycassa's batch mutator: inserts and removes queued in memory and sent as batch_mutate calls,
// over one column family (make_batch(cf), pycassa's `cf.batch()`) or several (batch over a pool,
// pycassa's `client.batch()`).
//
//   cppcassa::batch_options options;
//   options.queue_size = 10;
//   auto b = cppcassa::make_batch(cf, options);
//   const cppcassa::column_values columns1{{"col1", "a"}}, columns2{{"col1", "b"}};
//   b.insert("key1", columns1).insert("key2", columns2).remove("key3");
//   co_await b.send();
//
// Queuing is synchronous and chains (insert and remove return the batch); sending is awaited. A
// call cannot both chain and be awaited (co_await needs the awaitable, a chain needs the batch),
// so a producer that streams calls `co_await b.flush_if_full()` after its inserts (or after each
// one): once queue_size mutations (or max_batch_bytes) are queued it hands them to a background
// flush and returns, so the producer fills the next batch while that one is in flight. At most
// max_in_flight_flushes flushes are in flight; when they are all busy flush_if_full() waits for
// one to end (back-pressure: memory holds at most queue_size × (max_in_flight_flushes + 1)
// mutations plus the calls of one chain). send() waits for every flush and sends the rest.
//
// Nothing is lost: a flush that fails (after the pool's retries) keeps its mutations; the next
// flush_if_full() or send() throws batch_error with the unapplied mutations of every flush that
// failed since the last report (they are reported, not re-queued: resend them if you want).
// What is queued behind a failed flush stays queued and is sent by later calls.
//
// Cancellation: the flushes run in the background and are never cancelled by a caller. A
// cancelled flush_if_full(), send(), send_all() or wait_for_flushes() throws call_cancelled when
// it would wait for a flush to end (its wait does not watch the cancellation slot: a caller
// cancelled during that wait is woken by the next flush that ends). It starts no flush after
// that; the flushes in flight go on (their failures are reported by a later call, or to
// on_unsent) and what is queued stays queued: call send() again to go on.
//
// Sharing: insert/remove/flush_if_full/send may be called by several coroutines at once, on one
// executor or on several threads (a mutex guards the queue; waiting is resumed on the waiter's
// own executor). Flushes run on the pool's executor (use a strand, or a per_thread pool, when
// the io_context has several threads). Destroying a batch with queued or failed-unreported
// mutations calls batch_options::on_unsent (default: a warning on stderr); with_batch() always
// sends at the end of a block.
//
// Each insert or remove is encoded at once, straight into the bytes of the batch_mutate request
// its flush will send: names and values are packed in place, with no Column or Mutation object
// per column (docs/batch.md). A batch shares its pool's state (detail::share_pool): a flush
// after the pool object is gone fails with pool_closed and reports its mutations unsent; the
// column families given to insert/remove are used only during the call. GCC 12:
// name the batch, column lists, options and with_batch's body; never
// `co_await make_batch(cf).remove(k).send()` (docs/batch.md).
#pragma once

#include <cppcassa/column_family.hpp>
#include <cppcassa/column_family_arguments.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/thrift.hpp>
#include <cppcassa/types/value.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/this_coro.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa {

namespace api {
struct batch_state;  // the queue, flushes in flight and failures (src/api/batch.cpp)
}

// Packed row key -> column family -> mutations: what one batch_mutate carries.
using batch_mutation_map = std::map<std::string, std::map<std::string, std::vector<thrift::Mutation>>>;

struct batch_options {
    // Mutations (one per column or super column inserted, one per remove) sent per batch_mutate,
    // and the queue length at which flush_if_full() flushes. std::nullopt or 0: only send() sends.
    std::optional<std::size_t> queue_size = 100;
    // Upper bound of a batch_mutate's estimated serialized size (docs/batch.md: the estimate is
    // an over-estimate). Well under Cassandra's 15 MiB thrift frame limit. A single mutation
    // larger than this is sent alone.
    std::size_t max_batch_bytes = std::size_t{4} * 1024 * 1024;
    // Flushes in flight at once (0 counts as 1). The producer fills the next batch while they
    // run; when all are busy, flush_if_full() waits.
    std::size_t max_in_flight_flushes = 2;
    // atomic_batch_mutate (Cassandra's logged batch: all or nothing across rows) instead of
    // batch_mutate. Never split by replica.
    bool atomic = false;
    // Consistency of every batch_mutate of the batch (write_options' own level is ignored).
    thrift::ConsistencyLevel write_consistency_level = thrift::ConsistencyLevel::ONE;
    std::optional<std::chrono::milliseconds> timeout{};
    // Called with the number of mutations never sent nor reported when a batch is destroyed with
    // queued mutations or failures nobody saw (or when a flush still in flight at destruction
    // fails later). Empty: one line on stderr.
    std::function<void(std::size_t unsent)> on_unsent{};
};

// Flushes of the batch failed. `unapplied` holds their mutations merged (packed key -> column
// family -> mutations): as with any failed batch_mutate they may or may not have been applied
// (resending is safe: they carry their timestamps). When a flush was split by replica and some
// groups succeeded, only the failed groups' rows are in `unapplied`. `cause` is the first
// failure's pool exception (rethrow it for its type); `failed_flushes` how many flushes failed.
// `body_error`: with_batch() only, the exception its body threw before the final send failed.
class batch_error : public error {
public:
    batch_error(std::exception_ptr cause, batch_mutation_map unapplied, std::size_t failed_flushes = 1);
    std::exception_ptr cause;
    batch_mutation_map unapplied;
    std::size_t failed_flushes = 1;
    std::exception_ptr body_error{};
    // Mutations in `unapplied`.
    [[nodiscard]] std::size_t unapplied_count() const noexcept;
};

// A batch over several column families of one pool (pycassa's `client.batch()`).
class batch {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    explicit batch(pool& p);
    batch(pool& p, batch_options options);
    batch(batch&&) noexcept;
    // Warns (on_unsent) about what this batch still held, then takes the other's.
    batch& operator=(batch&&) noexcept;
    batch(const batch&) = delete;
    batch& operator=(const batch&) = delete;
    // Calls on_unsent when mutations are still queued or failures unreported. Flushes in flight
    // go on (their failure, if any, is reported to on_unsent).
    ~batch();

    // Queues the columns (super columns on a super column family) of one row, packed now with
    // the column family's types; `options` gives ttl and timestamp (unset: cf's clock). Nothing
    // is sent. usage_error: invalid_argument for no column, wrong_column_family_kind for the
    // other kind's form; marshal_error when a key, name or value does not fit (nothing of the row
    // stays queued).
    batch& insert(column_family& cf, const value& key, const column_values& columns);
    batch& insert(column_family& cf, const value& key, const column_values& columns, const write_options& options);
    batch& insert(column_family& cf, const value& key, const super_column_values& columns);
    batch& insert(column_family& cf, const value& key, const super_column_values& columns, const write_options& options);
    // Queues the removal of the whole row, or of what `options` names (columns, a range, a super
    // column, columns inside a super column). usage_error: conflicting_arguments for columns and
    // a range together, wrong_column_family_kind for a super column on a standard column family.
    batch& remove(column_family& cf, const value& key);
    batch& remove(column_family& cf, const value& key, const remove_options& options);

    // While queue_size mutations (or max_batch_bytes) are queued, starts a background flush of
    // them, waiting for a free slot when max_in_flight_flushes are in flight; returns at once
    // otherwise. Throws batch_error first if flushes failed since the last report; call_cancelled
    // (see above).
    awaitable<void> flush_if_full();
    // Sends everything queued and waits for every flush in flight. batch_error when flushes
    // failed: no new flush starts after a failure is seen, the rest stays queued (call send()
    // again to go on). call_cancelled: see above.
    awaitable<void> send();
    // send(), but going on past failed flushes until nothing is queued, then one batch_error
    // with every unapplied mutation (what with_batch() ends with). call_cancelled: see above;
    // cancelled after flushes failed, it throws their batch_error instead (nothing is lost).
    awaitable<void> send_all();
    // Waits until no flush is in flight, starting none: what is queued stays queued. batch_error
    // when flushes failed since the last report; call_cancelled (see above).
    awaitable<void> wait_for_flushes();

    [[nodiscard]] std::size_t pending() const noexcept;             // mutations queued
    [[nodiscard]] std::size_t pending_bytes() const noexcept;       // their estimated size
    [[nodiscard]] std::size_t in_flight() const noexcept;           // flushes running now
    [[nodiscard]] std::size_t in_flight_mutations() const noexcept; // mutations they carry
    [[nodiscard]] std::size_t peak_in_flight() const noexcept;      // most flushes ever at once
    [[nodiscard]] std::size_t unreported() const noexcept;          // failed mutations not yet thrown
    [[nodiscard]] std::size_t flushes() const noexcept;             // flushes started
    [[nodiscard]] const batch_options& options() const noexcept;

private:
    void warn_if_unsent() noexcept;

    std::shared_ptr<api::batch_state> state_;
};

// A batch bound to one column family (pycassa's `cf.batch()`), with the same calls without the
// column family argument. Keeps a copy of the column family.
class column_family_batch {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    column_family_batch(column_family cf, batch_options options);

    column_family_batch& insert(const value& key, const column_values& columns);
    column_family_batch& insert(const value& key, const column_values& columns, const write_options& options);
    column_family_batch& insert(const value& key, const super_column_values& columns);
    column_family_batch& insert(const value& key, const super_column_values& columns, const write_options& options);
    column_family_batch& remove(const value& key);
    column_family_batch& remove(const value& key, const remove_options& options);

    awaitable<void> flush_if_full() { return batch_.flush_if_full(); }
    awaitable<void> send() { return batch_.send(); }
    awaitable<void> send_all() { return batch_.send_all(); }
    awaitable<void> wait_for_flushes() { return batch_.wait_for_flushes(); }
    [[nodiscard]] std::size_t pending() const noexcept { return batch_.pending(); }
    [[nodiscard]] std::size_t flushes() const noexcept { return batch_.flushes(); }
    // The underlying batch (its counters and options).
    [[nodiscard]] const batch& mutator() const noexcept { return batch_; }

private:
    column_family cf_;
    batch batch_;
};

// pycassa's `cf.batch(queue_size=...)`: write consistency is the column family's unless
// `options` was given.
column_family_batch make_batch(const column_family& cf);
column_family_batch make_batch(const column_family& cf, batch_options options);

namespace detail {
// Sends `b` after the body ended (and rethrows the body's exception, or the send's batch_error
// with body_error set when both failed).
template <class Batch, class Body>
boost::asio::awaitable<void> run_then_send(Batch& b, Body& body) {
    std::exception_ptr body_failure;
    try {
        co_await body(b);
    } catch (...) {
        body_failure = std::current_exception();
    }
    // Cancelled, in the body or since: nothing more is sent. What stays queued is reported to
    // batch_options::on_unsent when the batch goes; flushes already started go on.
    // (Named with its type: GCC 12 cannot deduce the co_await's type in a template.)
    const boost::asio::cancellation_state state = co_await boost::asio::this_coro::cancellation_state;
    if (state.cancelled() != boost::asio::cancellation_type::none) {
        if (body_failure)
            std::rethrow_exception(body_failure);
        throw call_cancelled("with_batch was cancelled after its body ended: nothing more was sent");
    }
    if (!body_failure) {
        co_await b.send_all();
        co_return;
    }
    std::exception_ptr send_failure;
    try {
        co_await b.send_all();
    } catch (batch_error& e) {
        e.body_error = body_failure;
        send_failure = std::current_exception();
    } catch (...) {
        send_failure = std::current_exception();
    }
    std::rethrow_exception(send_failure ? send_failure : body_failure);
}
}  // namespace detail

// pycassa's `with cf.batch() as b:` — runs `body(column_family_batch&) -> awaitable<void>` and
// then sends everything (send_all), even if the body threw: then the body's exception is
// rethrown after the send; if the send failed too, its batch_error is thrown with body_error
// set (nothing is lost). `body` is taken by reference: name the lambda (GCC 12). Cancelled (in the
// body, or after it): nothing more is sent; the body's exception is rethrown (call_cancelled
// when the body ended without one), and what stays queued is reported to on_unsent.
template <class Body>
boost::asio::awaitable<void> with_batch(const column_family& cf, const batch_options& options, Body& body) {
    auto b = make_batch(cf, options);
    co_await detail::run_then_send(b, body);
}

template <class Body>
boost::asio::awaitable<void> with_batch(const column_family& cf, Body& body) {
    auto b = make_batch(cf);
    co_await detail::run_then_send(b, body);
}

// The same over several column families: `body(batch&) -> awaitable<void>`.
template <class Body>
boost::asio::awaitable<void> with_batch(pool& p, const batch_options& options, Body& body) {
    batch b(p, options);
    co_await detail::run_then_send(b, body);
}

}  // namespace cppcassa
