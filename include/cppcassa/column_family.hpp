// pycassa's ColumnFamily as awaitables over a cppcassa::pool: typed reads and writes of one
// column family, keys, names and values packed with the schema's marshal types.
//
//   cppcassa::pool pool(executor, {.servers = {"127.0.0.1:9160"}, .keyspace = "Keyspace1"});
//   auto cf = co_await cppcassa::column_family::open(pool, "Standard1");   // reads the schema
//   const cppcassa::column_values columns{{"column1", "val1"}, {"age", 42}};
//   co_await cf.insert("foo", columns);
//   cppcassa::row r = co_await cf.get("foo");
//   std::int64_t age = r["age"].as<std::int64_t>();
//
// A single-row call is one pool operation (failover, retries, deadline) whose routing_key is the
// packed row key, so a token-aware pool sends it to a replica; multiget, multiget_count and
// multi-row batch_insert are split by replica (fan_out.hpp). Counter writes are not idempotent and are
// sent with operation_options::idempotent = false, as pycassa does.
//
// Errors: only cppcassa::error subclasses. Refused before anything is sent: usage_error (its
// client_errc says which rule; each call below names the codes it can raise) and marshal_error (a
// key, name or value does not fit its type). From the server: not_found (the reads below that say
// so), invalid_request (Cassandra refused the call: its `why` says what), authorization_error.
// From the pool, for every call that sends (pool.hpp): maximum_retry, no_server_available,
// call_timeout (the operation's deadline), pool_closed, request_too_large, and the error of an
// attempt that was not retried (unavailable or timed_out when the call is not idempotent, ...).
//
// Cancellation (the awaitable's cancellation slot; errors.hpp, call_cancelled): the call throws
// call_cancelled. A call that is one pool operation (get, get_count, insert, remove, add, cas,
// truncate, ...) leaves what pool::execute leaves: the request it had on a connection closes that
// connection and may have been applied; nothing is retried. multiget, multiget_count and a
// batch_insert of several rows pass the cancellation on to every replica group still running and
// return once all have ended: what finished groups wrote stays written, and the key chunks
// (buffer_size) not yet sent are not sent. A sequence's next() is described below.
//
// GCC 12: pass option structs and column lists as named variables, never as braced temporaries
// inside co_await (docs/column_family.md). The column family, its copies, its sequences and its
// batches share the pool's state (detail::share_pool): one that outlives the pool object it was
// made with fails its calls with pool_closed. Use it from the pool's executor.
#pragma once

#include <cppcassa/column_family_arguments.hpp>
#include <cppcassa/fan_out.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/row.hpp>
#include <cppcassa/thrift.hpp>
#include <cppcassa/types/column_family_types.hpp>
#include <cppcassa/types/uuid.hpp>
#include <cppcassa/types/value.hpp>

#include <boost/asio/awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcassa {

class row_range;
class column_sequence;
class super_column_sequence;
class paged_slice;

namespace api {
template <class T>
class prefetcher;
}  // namespace api

namespace detail {
template <class Item>
class slice_sequence;
struct column_family_access;

// trace_next_query's state, shared by a column family's copies (the sequences it returns hold
// one): a range traced on its first page reports its session to the object the caller armed.
struct trace_state {
    bool armed = false;
    std::optional<uuid> last{};
};
}  // namespace detail

// Whether a column family packs keys, names and values with the schema's types (pycassa's
// autopack) or takes and returns raw bytes.
enum class packing { typed, raw };

class column_family {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;
    // Returns the timestamp (microseconds) of the next write that gives none.
    using clock_function = std::function<std::int64_t()>;

    // A standard column family handled as raw bytes (BytesType keys, names and values); no
    // schema is read. Keys, names and values are text or cppcassa::bytes; reads return bytes.
    column_family(pool& p, std::string name);
    // With these types (from the schema, or chosen by the caller to override it).
    column_family(pool& p, std::string name, column_family_types types);

    // Reads the column family's definition (describe_keyspace of the pool's keyspace) and packs
    // with its types. usage_error (invalid_argument) when the pool has no keyspace, before
    // anything is sent; not_found when the column family does not exist there; the pool's errors.
    // Cancelled: as any pool operation (see above).
    static awaitable<column_family> open(pool& p, std::string name);
    // packing::raw keeps the schema's kind (super, counter) but handles everything as bytes.
    static awaitable<column_family> open(pool& p, std::string name, packing mode);

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const column_family_types& types() const noexcept { return *types_; }
    // The pool it runs on: a view sharing the pool it was made with, valid as long as the column
    // family (closed, and its calls failing with pool_closed, once that pool object is gone).
    [[nodiscard]] pool& connection_pool() const noexcept { return *pool_; }

    // Consistency levels of calls that give none (default ONE, as pycassa).
    [[nodiscard]] thrift::ConsistencyLevel read_consistency_level() const noexcept { return read_cl_; }
    [[nodiscard]] thrift::ConsistencyLevel write_consistency_level() const noexcept { return write_cl_; }
    void set_read_consistency_level(thrift::ConsistencyLevel level) noexcept { read_cl_ = level; }
    void set_write_consistency_level(thrift::ConsistencyLevel level) noexcept { write_cl_ = level; }
    // Replaces the timestamp clock (default: microseconds since the Unix epoch, system_clock).
    // usage_error (invalid_argument) for an empty function.
    void set_clock(clock_function clock);
    // The clock's next timestamp.
    [[nodiscard]] std::int64_t now() const { return clock_(); }

    // ---- reads ----
    // The row's columns (the first 100 by default). not_found when the row is missing or the
    // slice selects no column, naming the column family and the key. usage_error:
    // wrong_column_family_kind for read.super_column on a standard column family, not_supported
    // for a slice inside a super column with one end given and a sub-comparator whose order
    // cppcassa does not know (docs/column_family.md).
    awaitable<row> get(value key);
    awaitable<row> get(value key, read_options options);
    // Rows of these keys, in the caller's order; missing rows (no column in the slice) are left
    // out, as pycassa does. Keys are sent `buffer_size` at a time. usage_error: invalid_argument
    // for a buffer_size of 0, and get's codes.
    awaitable<row_list> multiget(std::vector<value> keys);
    awaitable<row_list> multiget(std::vector<value> keys, read_options options);
    // Columns in the row (or in the slice / super column given); 0 for a missing row. usage_error:
    // get's codes.
    awaitable<std::int32_t> get_count(value key);
    awaitable<std::int32_t> get_count(value key, read_options options);
    // Counts of every key given (0 for missing rows), in the caller's order. usage_error: multiget's
    // codes.
    awaitable<std::vector<key_count>> multiget_count(std::vector<value> keys);
    awaitable<std::vector<key_count>> multiget_count(std::vector<value> keys, read_options options);

    // Rows of a key or token range, fetched a page (read.buffer_size rows) at a time as the
    // caller iterates: `auto range = cf.get_range(options); while (auto r = co_await range.next())`.
    // Nothing is sent before the first next(). The range refers to this column family's pool.
    // usage_error here, before anything is sent: invalid_argument for a buffer_size of 0,
    // conflicting_arguments for a key range with a token range or one token bound without the
    // other. next() throws each page's errors (get's codes among them).
    [[nodiscard]] row_range get_range() const;
    [[nodiscard]] row_range get_range(range_options options) const;

    // Rows matching these index expressions (pycassa's get_indexed_slices, sent as a range read
    // with a row filter), paged like get_range; `options` gives the slice, start key, row_count.
    // usage_error (invalid_argument) for no expression, and get_range's codes.
    [[nodiscard]] row_range get_indexed_slices(std::vector<index_expression> expressions) const;
    [[nodiscard]] row_range get_indexed_slices(std::vector<index_expression> expressions, range_options options) const;

    // The columns of one row, fetched a page (read.buffer_size columns) at a time as the caller
    // iterates (pycassa's xget): `auto cs = cf.xget(key); while (auto c = co_await cs.next())`.
    // read.column_count bounds the total (unset: every column of the slice). On a super column
    // family give read.super_column (usage_error wrong_column_family_kind otherwise;
    // xget_super_columns reads the super columns); inside a super column the slice is read in one
    // call (super columns are meant to be small). usage_error (invalid_argument) for a
    // buffer_size of 0. Thrown here; next() throws each page's errors.
    [[nodiscard]] column_sequence xget(value key) const;
    [[nodiscard]] column_sequence xget(value key, read_options options) const;
    // pycassa's xget on a super column family: the super columns of one row, each with all its
    // sub-columns, fetched read.buffer_size super columns at a time (paged by super column
    // name). The slice options (columns, column_start / column_finish, reversed, column_count)
    // select super column names. usage_error: wrong_column_family_kind on a standard column
    // family, invalid_argument with read.super_column (use xget inside one super column) or a
    // buffer_size of 0. Thrown here; next() throws each page's errors.
    [[nodiscard]] super_column_sequence xget_super_columns(value key) const;
    [[nodiscard]] super_column_sequence xget_super_columns(value key, read_options options) const;

    // ---- writes (each returns the timestamp it wrote with) ----
    // Inserts or updates columns of one row. usage_error: invalid_argument for no column,
    // wrong_column_family_kind for column_values into a super column family (or the reverse).
    awaitable<std::int64_t> insert(value key, column_values columns);
    awaitable<std::int64_t> insert(value key, column_values columns, write_options options);
    // Super column families: inserts sub-columns of super columns.
    awaitable<std::int64_t> insert(value key, super_column_values columns);
    awaitable<std::int64_t> insert(value key, super_column_values columns, write_options options);
    // A list written inline in the call, copied before it returns: `insert("jim", {{"age", 42}})`
    // writes columns, `insert("jim", {{"sc", {{"a", 1}}}})` super columns. (GCC 12: name it.)
    awaitable<std::int64_t> insert(value key, std::initializer_list<inline_column> columns);
    awaitable<std::int64_t> insert(value key, std::initializer_list<inline_column> columns, write_options options);
    awaitable<std::int64_t> insert(value key, std::initializer_list<inline_super_column> columns);
    awaitable<std::int64_t> insert(value key, std::initializer_list<inline_super_column> columns,
                                   write_options options);
    // Several rows in one batch_mutate (split by replica when the pool is token-aware; through
    // fan_out_batch_mutate, so partial_batch_error when some replica groups failed and others
    // were applied). usage_error (wrong_column_family_kind) for the other kind's form.
    awaitable<std::int64_t> batch_insert(row_values rows);
    awaitable<std::int64_t> batch_insert(row_values rows, write_options options);
    awaitable<std::int64_t> batch_insert(super_row_values rows);
    awaitable<std::int64_t> batch_insert(super_row_values rows, write_options options);
    // Deletes the whole row, or what `options` names (columns, a column range, a super column).
    // usage_error: conflicting_arguments for columns and a range together,
    // wrong_column_family_kind for a super column on a standard column family.
    awaitable<std::int64_t> remove(value key);
    awaitable<std::int64_t> remove(value key, remove_options options);
    // Removes every row of the column family on every node (needs all nodes up).
    awaitable<void> truncate();

    // ---- counters (counter column families) ----
    // Adds `delta` (1 when not given, as pycassa) to a counter. Not idempotent: retried only when
    // it cannot have been sent, so a cancelled add may or may not have counted. usage_error
    // (wrong_column_family_kind) for a super column on a standard column family.
    awaitable<void> add(value key, value column);
    awaitable<void> add(value key, value column, std::int64_t delta);
    awaitable<void> add(value key, value column, std::int64_t delta, counter_options options);
    // Deletes a counter (a counter deleted cannot be used again until compaction removes it).
    // usage_error as add.
    awaitable<void> remove_counter(value key, value column);
    awaitable<void> remove_counter(value key, value column, counter_options options);

    // ---- beyond pycassa: Cassandra 2.0+ Thrift calls (docs/column_family.md) ----
    // A lightweight transaction on one row: writes `updates` only if the row's `expected` columns
    // hold exactly these values (empty `expected`: only if the row does not exist). Returns
    // whether it was applied and, when not, the current values of the expected columns. Standard
    // column families only (usage_error wrong_column_family_kind on a super or counter one). Not
    // idempotent: never retried once it may have reached a server; a cancelled cas may have
    // been applied.
    awaitable<cas_result> cas(value key, column_values expected, column_values updates);
    awaitable<cas_result> cas(value key, column_values expected, column_values updates, cas_options options);
    // Several column ranges of one row in one call (Thrift get_multi_slice): each range
    // inclusive, empty ends open, bounds packed with the comparator. Columns in the comparator's
    // order (reversed with column_reversed); not_found when no range holds a column. usage_error:
    // invalid_argument for no range, wrong_column_family_kind on a super column family.
    awaitable<row> get_multi_slice(value key, std::vector<column_range> slices);
    awaitable<row> get_multi_slice(value key, std::vector<column_range> slices, multi_slice_options options);
    // Every column of a key or token range, across rows and through wide rows, a page of
    // read.buffer_size at a time (Thrift get_paged_slice, the call Hadoop jobs page with; the IDL
    // counts a page in columns, Cassandra 3.11 in whole rows: docs/column_family.md):
    // `auto cells = cf.get_paged_slice(options); while (auto c = co_await cells.next())`.
    // Uses the range of `options` (keys or tokens), read.buffer_size, read.read_consistency_level
    // and read.timeout; a slice (columns, bounds, count, super column), a row filter or a
    // row_count is refused (usage_error invalid_argument), and so is a super column family
    // (wrong_column_family_kind), with get_range's codes; thrown here. Rows without columns are
    // skipped. Nothing is sent before the first next().
    [[nodiscard]] paged_slice get_paged_slice(range_options options) const;

    // Traces the next call made through this column family object (or a copy of it: copies
    // share their tracing state). Thrift's trace_next_query is sent on the connection that the
    // call's first Thrift request then uses, and the session id Cassandra gave it is kept in
    // last_trace_session() (system_traces.sessions / events, session_id). A single-row call is
    // one request. Of a multi-row call only the first request is traced: multiget /
    // multiget_count its first buffer_size keys (sent as one request, not fanned out by
    // replica), get_range / get_indexed_slices / xget / xget_super_columns / get_paged_slice
    // their first page (the sequence takes the armed trace when it is created; the session is
    // known after its first next()). A batch_insert of several rows (fanned out by replica) is
    // not traced and leaves the trace armed.
    void trace_next_query() noexcept { trace_->armed = true; }
    [[nodiscard]] std::optional<uuid> last_trace_session() const noexcept { return trace_->last; }

private:
    friend class row_range;
    template <class Item>
    friend class detail::slice_sequence;
    friend class paged_slice;
    friend struct detail::column_family_access;  // the library's calls on the pool (src/api)

    // One batch_mutate of these rows (packed key, mutations of this column family).
    awaitable<void> mutate(std::vector<std::pair<std::string, std::vector<thrift::Mutation>>> rows,
                           std::optional<thrift::ConsistencyLevel> level, std::optional<std::chrono::milliseconds> timeout);

    // A multiget's slices of args.keys: with `trace`, one traced request (trace_next_query goes on
    // the connection the request then uses); else fanned out by replica.
    awaitable<in_key_order<std::vector<thrift::ColumnOrSuperColumn>>> multiget_slice_batch(
        const thrift::multiget_slice_args& args, const operation_options& op, bool trace);

    std::shared_ptr<pool> pool_;
    std::string name_;
    std::shared_ptr<const column_family_types> types_;
    thrift::ConsistencyLevel read_cl_ = thrift::ConsistencyLevel::ONE;
    thrift::ConsistencyLevel write_cl_ = thrift::ConsistencyLevel::ONE;
    clock_function clock_;
    std::shared_ptr<detail::trace_state> trace_ = std::make_shared<detail::trace_state>();
};

// Every sequence below (row_range, paged_slice, column_sequence, super_column_sequence) works
// the same way: nothing is sent before the first next(); each page is one pool operation (with
// its failover, retries and deadline); as soon as a page arrives and more may follow, the next
// page's request is sent in the background, so it travels while the caller works on the current
// page, and next() waits for it only when the current page is used up (an error of a prefetched
// page is thrown by the next() that needs that page). At most one page is ahead. A sequence
// dropped with a page in flight is safe (the page completes in the pool and is dropped); one that
// outlives its pool object fails its next page with pool_closed. Single pass: copies share the
// page in flight.
//
// A cancelled next() throws call_cancelled and leaves the sequence usable: a page it requested
// itself is cancelled like any pool operation, a prefetched page it was waiting for goes on in
// the background and is dropped; either way the next next() asks for that page again.
//
// buffered() is what the sequence holds: the items of the current page not yet returned, plus
// the items of a prefetched page that has arrived; max_buffered() its highest value seen at
// next() and page arrivals. Memory stays bounded by about two pages (tests check it).

// The rows of a get_range(), read page by page.
class row_range {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    // The next row in token order, or std::nullopt after the last one.
    awaitable<std::optional<row>> next();

    // Rows held (see above), and the most held at once.
    [[nodiscard]] std::size_t buffered() const noexcept;
    [[nodiscard]] std::size_t max_buffered() const noexcept { return max_buffered_; }

private:
    friend class column_family;
    row_range(column_family cf, range_options options);
    awaitable<void> fetch_page();
    void note_buffered() noexcept { max_buffered_ = std::max(max_buffered_, buffered()); }

    column_family cf_;
    range_options options_;
    std::vector<row> page_;
    std::size_t position_ = 0;   // next row of page_ to return
    std::string last_key_;       // packed key of the last row fetched: the next page starts there
    std::size_t pages_ = 0;      // pages fetched
    std::size_t returned_ = 0;   // rows returned by next()
    bool exhausted_ = false;     // the last page was short: nothing is left to fetch
    bool trace_first_ = false;   // the first page's request carries trace_next_query
    std::size_t max_buffered_ = 0;
    // The next page's request, in flight or done; shared by copies, the last one gone abandons it.
    std::shared_ptr<api::prefetcher<std::vector<thrift::KeySlice>>> prefetch_;
};

// The columns of a get_paged_slice(), with their row keys, read page by page.
class paged_slice {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    // The next column: rows in token order, each row's columns in comparator order; std::nullopt
    // after the last one.
    awaitable<std::optional<keyed_column>> next();

    // Columns held (see above), and the most held at once.
    [[nodiscard]] std::size_t buffered() const noexcept;
    [[nodiscard]] std::size_t max_buffered() const noexcept { return max_buffered_; }

private:
    friend class column_family;
    paged_slice(column_family cf, range_options options);
    awaitable<void> fetch_page();
    void note_buffered() noexcept { max_buffered_ = std::max(max_buffered_, buffered()); }

    column_family cf_;
    range_options options_;
    std::vector<keyed_column> page_;
    std::size_t position_ = 0;
    std::string last_key_;      // packed key and name of the last column fetched: the next page
    std::string last_name_;     // starts there (inclusive), and its repeat is dropped
    std::size_t pages_ = 0;
    bool exhausted_ = false;
    bool trace_first_ = false;
    std::size_t max_buffered_ = 0;
    std::shared_ptr<api::prefetcher<std::vector<thrift::KeySlice>>> prefetch_;
};

namespace detail {

// What column_sequence and super_column_sequence share: the items of one row (columns, or super
// columns each with all its sub-columns), read page by page by name.
template <class Item>
class slice_sequence {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    // The next item in the slice's order, or std::nullopt after the last one.
    awaitable<std::optional<Item>> next();

    // Items held (see above), and the most held at once.
    [[nodiscard]] std::size_t buffered() const noexcept;
    [[nodiscard]] std::size_t max_buffered() const noexcept { return max_buffered_; }

protected:
    slice_sequence(column_family cf, value key, read_options options);

private:
    awaitable<void> fetch_page();
    void note_buffered() noexcept { max_buffered_ = std::max(max_buffered_, buffered()); }

    column_family cf_;
    value key_;
    read_options options_;
    std::vector<Item> page_;
    std::size_t position_ = 0;
    std::string last_name_;     // packed name of the last item fetched: the next page starts there
    std::size_t pages_ = 0;
    std::size_t returned_ = 0;
    bool exhausted_ = false;
    bool trace_first_ = false;
    std::size_t max_buffered_ = 0;
    std::shared_ptr<api::prefetcher<std::vector<thrift::ColumnOrSuperColumn>>> prefetch_;
};

// Defined in column_family_xget.cpp.
extern template class slice_sequence<column>;
extern template class slice_sequence<super_column>;

}  // namespace detail

// The columns of one row from xget(), read page by page: next() gives the next column in the
// slice's order.
class column_sequence : public detail::slice_sequence<column> {
private:
    friend class column_family;
    column_sequence(column_family cf, value key, read_options options)
        : slice_sequence(std::move(cf), std::move(key), std::move(options)) {}
};

// The super columns of one row from xget_super_columns(), each with all its sub-columns, read
// page by page (by super column name): next() gives the next super column in the comparator's
// order (reversed with column_reversed).
class super_column_sequence : public detail::slice_sequence<super_column> {
private:
    friend class column_family;
    super_column_sequence(column_family cf, value key, read_options options)
        : slice_sequence(std::move(cf), std::move(key), std::move(options)) {}
};

}  // namespace cppcassa
