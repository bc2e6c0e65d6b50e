// pycassa's batch mutator: inserts and removes queued in memory and sent as batch_mutate calls,
// over one column family (make_batch(cf), the seed's `cf.batch()`) or several (batch over a pool,
// the seed's `client.batch()`).
//
//   cppcassa::batch_options options;
//   options.queue_size = 10;
//   auto b = cppcassa::make_batch(cf, options);
//   b.insert("key1", columns1).insert("key2", columns2, ttl15).remove("key1", only_col2).remove("key2");
//   co_await b.send();
//
// Queuing is synchronous and chains (insert and remove return the batch); sending is awaited. A
// call cannot both chain and be awaited (co_await needs the awaitable, a chain needs the batch),
// so the queue does not send by itself: a producer that streams calls `co_await b.flush_if_full()`
// after its inserts (or after each one), which sends the queue, queue_size mutations per
// batch_mutate, once it holds queue_size mutations or max_batch_bytes. The producer waits for
// that send: memory never holds more than queue_size mutations plus the calls of one chain
// (docs/batch.md: why, and what a later increment adds, concurrent flushes).
//
// Nothing is lost: a batch_mutate that fails (after the pool's retries) throws batch_error with
// the mutations it held (to resend or inspect); what is queued behind it stays queued.
//
// A batch refers to its pool (keep the pool alive as long as the batch); the column families
// given to insert/remove are used only during the call (mutations are packed at once). Use it
// from the pool's executor, one coroutine at a time. GCC 12: name the batch, column lists and
// options; never `co_await make_batch(cf).remove(k).send()` (docs/batch.md).
#pragma once

#include <cppcassa/column_family.hpp>
#include <cppcassa/column_family_options.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/thrift.hpp>
#include <cppcassa/types/value.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa {

namespace api {
class batch_queue;  // the sans-io queue (src/api/batch_queue.hpp)
}

// Packed row key -> column family -> mutations: what one batch_mutate carries.
using batch_mutation_map = std::map<std::string, std::map<std::string, std::vector<thrift::Mutation>>>;

struct batch_options {
    // Mutations (one per column or super column inserted, one per remove) sent per batch_mutate,
    // and the queue length at which flush_if_full() sends. std::nullopt or 0: only send() sends.
    std::optional<std::size_t> queue_size = 100;
    // Upper bound of a batch_mutate's estimated serialized size (docs/batch.md: the estimate is
    // an over-estimate). Well under Cassandra's 15 MiB thrift frame limit. A single mutation
    // larger than this is sent alone.
    std::size_t max_batch_bytes = std::size_t{4} * 1024 * 1024;
    // atomic_batch_mutate (Cassandra's logged batch: all or nothing across rows) instead of
    // batch_mutate. Never split by replica.
    bool atomic = false;
    // Consistency of every batch_mutate of the batch (write_options' own level is ignored).
    thrift::ConsistencyLevel write_consistency_level = thrift::ConsistencyLevel::ONE;
    std::optional<std::chrono::milliseconds> timeout{};
};

// A batch_mutate of the batch failed. `unapplied` holds its mutations: as with any failed
// batch_mutate they may or may not have been applied (resending is safe: they carry their
// timestamps). When the flush was split by replica and some groups succeeded, only the failed
// groups' rows are in `unapplied`. `cause` is the pool's exception (rethrow it for its type).
class batch_error : public error {
public:
    batch_error(std::exception_ptr cause, batch_mutation_map unapplied);
    std::exception_ptr cause;
    batch_mutation_map unapplied;
    // Mutations in `unapplied`.
    [[nodiscard]] std::size_t unapplied_count() const noexcept;
};

// A batch over several column families of one pool (the seed's `client.batch()`).
class batch {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    explicit batch(pool& p);
    batch(pool& p, batch_options options);
    batch(batch&&) noexcept;
    batch& operator=(batch&&) noexcept;
    batch(const batch&) = delete;
    batch& operator=(const batch&) = delete;
    ~batch();

    // Queues the columns (super columns on a super column family) of one row, packed now with
    // the column family's types; `options` gives ttl and timestamp (unset: cf's clock). Empty
    // columns or the wrong kind for the column family: std::invalid_argument; marshal_error when
    // a value does not fit. Nothing is sent.
    batch& insert(column_family& cf, value key, column_values columns);
    batch& insert(column_family& cf, value key, column_values columns, write_options options);
    batch& insert(column_family& cf, value key, super_column_values columns);
    batch& insert(column_family& cf, value key, super_column_values columns, write_options options);
    // Queues the removal of the whole row, or of what `options` names (columns, a range, a super
    // column, columns inside a super column).
    batch& remove(column_family& cf, value key);
    batch& remove(column_family& cf, value key, remove_options options);

    // Sends full batches while queue_size mutations (or max_batch_bytes) are queued; returns at
    // once otherwise. batch_error when a send fails (the rest stays queued).
    awaitable<void> flush_if_full();
    // Sends everything queued. batch_error when a send fails (the rest stays queued: call send()
    // again to go on).
    awaitable<void> send();

    [[nodiscard]] std::size_t pending() const noexcept;            // mutations queued
    [[nodiscard]] std::size_t pending_bytes() const noexcept;      // their estimated size
    [[nodiscard]] std::size_t flushes() const noexcept { return flushes_; }  // batch_mutate calls made
    [[nodiscard]] const batch_options& options() const noexcept { return options_; }

private:
    awaitable<void> flush_one();

    pool* pool_;
    batch_options options_;
    std::unique_ptr<api::batch_queue> queue_;
    std::size_t flushes_ = 0;
};

// A batch bound to one column family (the seed's `cf.batch()`), with the same calls without the
// column family argument. Keeps a copy of the column family (its pool must outlive the batch).
class column_family_batch {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    column_family_batch(column_family cf, batch_options options);

    column_family_batch& insert(value key, column_values columns);
    column_family_batch& insert(value key, column_values columns, write_options options);
    column_family_batch& insert(value key, super_column_values columns);
    column_family_batch& insert(value key, super_column_values columns, write_options options);
    column_family_batch& remove(value key);
    column_family_batch& remove(value key, remove_options options);

    awaitable<void> flush_if_full() { return batch_.flush_if_full(); }
    awaitable<void> send() { return batch_.send(); }
    [[nodiscard]] std::size_t pending() const noexcept { return batch_.pending(); }
    [[nodiscard]] std::size_t flushes() const noexcept { return batch_.flushes(); }

private:
    column_family cf_;
    batch batch_;
};

// The seed's `cf.batch(queue_size=...)`: write consistency is the column family's unless
// `options` was given.
column_family_batch make_batch(const column_family& cf);
column_family_batch make_batch(const column_family& cf, batch_options options);

}  // namespace cppcassa
