// Per-call options of cppcassa::column_family (pycassa's keyword arguments) and the shapes of
// the columns a write takes.
//
// GCC 12: build these as named variables and pass them by name. A braced temporary (`{.x = 1}`)
// or an initializer list written inside a `co_await` expression is destroyed twice by GCC 12:
//
//   cppcassa::read_options options;             // not: co_await cf.get("k", {.column_count = 2})
//   options.column_count = 2;
//   auto r = co_await cf.get("jsmith", options);
#pragma once

#include <cppcassa/thrift/enums.hpp>
#include <cppcassa/types/marshal.hpp>
#include <cppcassa/types/value.hpp>

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppcassa {

// Columns to write to one row: (name, value) in any order (Cassandra sorts them).
using column_values = std::vector<std::pair<value, value>>;
// Super columns to write to one row: (super column name, its sub-columns).
using super_column_values = std::vector<std::pair<value, column_values>>;
// One entry of a column list written inline, `co_await cf.insert("jim", {{"age", 42}})`: the insert
// overloads taking these give such a list one meaning. Through the vector types alone it is
// ambiguous on every compiler, because std::pair<value, column_values> is explicitly
// constructible from ("age", 42). A name and a value that each make a cppcassa::value; never a
// braced list, which is a super column's sub-columns (inline_super_column).
struct inline_column {
    template <class Name, class Value>
        requires std::constructible_from<value, Name> && std::constructible_from<value, Value>
    inline_column(Name&& name, Value&& v) : column_name(std::forward<Name>(name)), column_value(std::forward<Value>(v)) {}
    value column_name;
    value column_value;
};
// One entry of a super column list written inline, `{{"sc", {{"a", 1}, {"b", 2}}}}`.
struct inline_super_column {
    inline_super_column(value name, column_values columns)
        : super_column_name(std::move(name)), sub_columns(std::move(columns)) {}
    value super_column_name;
    column_values sub_columns;
};
// Rows to write (batch_insert): (key, columns).
using row_values = std::vector<std::pair<value, column_values>>;
// Rows of a super column family to write (batch_insert): (key, super columns).
using super_row_values = std::vector<std::pair<value, super_column_values>>;

// Which columns a read returns, and how it is sent. Defaults: the first 100 columns of the row.
struct read_options {
    // Exactly these columns (by name); when set, the slice members below are ignored.
    std::optional<std::vector<value>> columns{};
    // First and last column of the slice; empty: the row's first / last column. Packed with
    // pack_slice_bound, so CompositeType prefixes and time points on TimeUUIDType work.
    value column_start{};
    value column_finish{};
    // Whether each bound includes the columns equal to it (exclusive: CompositeType and
    // TimeUUIDType only, see docs/types.md).
    bound_kind column_start_bound = bound_kind::inclusive;
    bound_kind column_finish_bound = bound_kind::inclusive;
    // Read the slice from the high end: column_start is then the highest column wanted.
    bool column_reversed = false;
    // Columns returned at most. Unset: 100 for reads (pycassa's column_count), unlimited
    // (2^31 - 1) for get_count / multiget_count (pycassa's max_count).
    std::optional<std::int32_t> column_count{};
    // Read inside this super column (super column families): the result's columns are its
    // sub-columns, and the names above are sub-column names.
    std::optional<value> super_column{};
    // Overrides the column family's read consistency level.
    std::optional<thrift::ConsistencyLevel> read_consistency_level{};
    // multiget / multiget_count: keys per request (pycassa's buffer_size). 0 is refused.
    std::size_t buffer_size = 1024;
    // Deadline of the whole call (waiting for a connection, retries); unset: the pool's.
    std::optional<std::chrono::milliseconds> timeout{};
};

// How a write is sent.
struct write_options {
    // Cell timestamp in microseconds; unset: the column family's clock.
    std::optional<std::int64_t> timestamp{};
    // Seconds until the written cells expire; unset: never (or the table's default_time_to_live).
    std::optional<std::int32_t> ttl{};
    // Overrides the column family's write consistency level.
    std::optional<thrift::ConsistencyLevel> write_consistency_level{};
    std::optional<std::chrono::milliseconds> timeout{};
};

// An inclusive range of column names to delete: empty ends mean the row's first / last column.
struct column_range {
    value start{};
    value finish{};
};

// What remove() deletes: with nothing set, the whole row.
struct remove_options {
    // Only these columns (sub-columns when super_column is set).
    std::optional<std::vector<value>> columns{};
    // Only the columns in this range, or the whole super columns named in it. A Deletion with a
    // slice predicate: a range tombstone, which pycassa never offered. Not with super_column:
    // no Cassandra line deletes a range of sub-columns (usage_error, not_supported).
    std::optional<column_range> range{};
    // The whole super column, or (with columns) only those sub-columns.
    std::optional<value> super_column{};
    std::optional<std::int64_t> timestamp{};
    std::optional<thrift::ConsistencyLevel> write_consistency_level{};
    std::optional<std::chrono::milliseconds> timeout{};
};

// Options of add() and remove_counter().
struct counter_options {
    // The counter is a sub-column of this super column (counter super column families).
    std::optional<value> super_column{};
    std::optional<thrift::ConsistencyLevel> write_consistency_level{};
    std::optional<std::chrono::milliseconds> timeout{};
};

// One condition of a secondary-index query: the column's value compared with `value` (both
// packed with the column family's types).
struct index_expression {
    cppcassa::value column{};
    thrift::IndexOperator op = thrift::IndexOperator::EQ;
    cppcassa::value value{};
};

// Which rows get_range() reads (pycassa's get_range keywords). Keys or tokens, not both.
struct range_options {
    // Slice, super column, consistency level, timeout of every page; `read.buffer_size` is the
    // number of rows fetched per page (memory stays bounded by it).
    read_options read{};
    // First and last row key, inclusive; empty: from the start / to the end of the ring. Rows come
    // in token order (the partitioner's), not key order, so finish must not sort before start
    // in token order.
    value start_key{};
    value finish_key{};
    // Token range instead (start exclusive, finish inclusive), both or neither, as the
    // partitioner spells tokens ("-9223372036854775808", Murmur3Partitioner's minimum, as finish
    // reaches the end of the ring).
    std::optional<std::string> start_token{};
    std::optional<std::string> finish_token{};
    // Rows returned at most; unset: all.
    std::optional<std::size_t> row_count{};
    // Skip rows without columns in the slice ("range ghosts": deleted rows Cassandra still lists
    // until their tombstones are purged). pycassa's filter_empty, true by default.
    bool filter_empty = true;
    // Only rows matching every expression (a secondary-index query: at least one EQ on an
    // indexed column). Set by get_indexed_slices, or directly.
    std::vector<index_expression> row_filter{};
};

// Options of cas() (a lightweight transaction: Paxos on the row's replicas).
struct cas_options {
    // Timestamp of the cells written; unset: the column family's clock. Cassandra 3.11 gives
    // Paxos writes its own (ballot) timestamp, so this may be ignored by the server.
    std::optional<std::int64_t> timestamp{};
    // Seconds until the written cells expire; unset: never.
    std::optional<std::int32_t> ttl{};
    // Consistency of the Paxos round: SERIAL, or LOCAL_SERIAL to stay in one data center.
    thrift::ConsistencyLevel serial_consistency_level = thrift::ConsistencyLevel::SERIAL;
    // Consistency of the commit (the write itself); unset: QUORUM, the IDL's default.
    std::optional<thrift::ConsistencyLevel> commit_consistency_level{};
    std::optional<std::chrono::milliseconds> timeout{};
};

// Options of get_multi_slice(): several column ranges of one row in one call.
struct multi_slice_options {
    // Each range read from its high end (give start >= finish in the comparator's order then).
    bool column_reversed = false;
    // Columns returned at most over all ranges; unset: 100, as get().
    std::optional<std::int32_t> column_count{};
    std::optional<thrift::ConsistencyLevel> read_consistency_level{};
    std::optional<std::chrono::milliseconds> timeout{};
};

}  // namespace cppcassa
