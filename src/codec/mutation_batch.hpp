// Mutations for batch_mutate, encoded once in Thrift's binary protocol as they are queued.
//
// batch_mutate takes map<row key, map<column family, list<Mutation>>>. Building that map (and a
// Mutation, a ColumnOrSuperColumn and a Column object per column, each with its strings) only to
// walk it again when the request is encoded costs several allocations per column. A
// mutation_batch instead holds each Mutation struct already encoded, back to back in one byte
// buffer, and the grouping as offsets: runs of consecutive mutations of one row and column
// family. What batch_mutate's map needs is worked out at send time (mutation_groups) and the
// request is written from these bytes with a copy per run, never per field.
//
// A standard column insert, the ingest path's common case, is written here field by field with
// its name and value packed straight into the buffer (column_writer); any other mutation (super
// columns, counters, deletions) goes through the generic struct encoder. Both produce exactly the
// bytes encode(thrift::Mutation) would.
#pragma once

#include <cppcassa/thrift.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::codec {

class mutation_batch {
public:
    // Consecutive mutations of one row and column family.
    struct run {
        std::size_t key_begin = 0;  // the packed row key: keys()[key_begin, key_begin + key_size)
        std::size_t key_size = 0;
        std::size_t column_family = 0;  // index in column_families()
        std::size_t first = 0;          // mutations [first, last)
        std::size_t last = 0;
    };

    // Where a batch was, to go back to when a multi-column insert fails half-way (a value that
    // does not pack): the batch keeps nothing of it.
    struct mark {
        std::size_t bytes = 0;
        std::size_t keys = 0;
        std::size_t mutations = 0;
        std::size_t runs = 0;
        std::size_t column_families = 0;
        std::size_t overhead = 0;
        std::size_t last_run_end = 0;  // the last run's `last` then
    };

    // Mutations appended from now on belong to row `key` of `column_family` (the last run goes
    // on when both are the same as its own).
    void begin_row(std::string_view key, std::string_view column_family);
    // Appends any mutation through the generic encoder (super columns, counters, deletions).
    void add(const thrift::Mutation& m);

    [[nodiscard]] mark position() const noexcept;
    void rollback(const mark& m);

    // Keeps mutations [0, n) here and moves [n, size) into `rest` (emptied first), with their rows.
    void split_off(std::size_t n, mutation_batch& rest);
    // Empties the batch, keeping its memory for the next one.
    void clear() noexcept;
    void swap(mutation_batch& other) noexcept;

    [[nodiscard]] std::size_t size() const noexcept { return ends_.size(); }
    // Memory held for encoded mutations (kept across clear()).
    [[nodiscard]] std::size_t reserved_bytes() const noexcept { return bytes_.capacity(); }
    [[nodiscard]] bool empty() const noexcept { return ends_.empty(); }
    // An upper bound of this batch's batch_mutate_args in bytes: the mutations, plus each run's
    // key and column family as if it were alone in its map entries (merging rows only saves).
    [[nodiscard]] std::size_t encoded_bound() const noexcept { return bytes_.size() + overhead_ + args_overhead; }
    // The number of mutations from the front whose bound stays within max_bytes (always at least
    // one), and at most max_count (0: no limit).
    [[nodiscard]] std::size_t prefix_within(std::size_t max_count, std::size_t max_bytes) const noexcept;

    [[nodiscard]] const std::vector<run>& runs() const noexcept { return runs_; }
    [[nodiscard]] std::string_view key_of(const run& r) const noexcept { return {keys_.data() + r.key_begin, r.key_size}; }
    [[nodiscard]] const std::string& column_family_of(const run& r) const noexcept { return column_families_[r.column_family]; }
    // The encoded bytes of mutations [first, last).
    [[nodiscard]] std::string_view mutation_bytes(std::size_t first, std::size_t last) const noexcept;
    // Mutation i decoded back (for what a failed flush reports).
    [[nodiscard]] thrift::Mutation decode_mutation(std::size_t i) const;

    // The args' own bytes around the map: field headers, map header, consistency, stop.
    static constexpr std::size_t args_overhead = 3 + 6 + 3 + 4 + 1;

private:
    friend class column_writer;

    void mutation_written() { ends_.push_back(bytes_.size()); ++runs_.back().last; }
    [[nodiscard]] std::size_t start_of(std::size_t i) const noexcept { return i == 0 ? 0 : ends_[i - 1]; }
    static std::size_t run_overhead(std::size_t key_size, std::size_t cf_size) noexcept {
        // map key (4 + key), inner map header (6), column family (4 + cf), list header (5)
        return 4 + key_size + 6 + 4 + cf_size + 5;
    }

    std::string bytes_;                 // encoded Mutation structs, back to back
    std::vector<std::size_t> ends_;     // where each mutation ends in bytes_
    std::string keys_;                  // packed row keys of the runs, back to back
    std::vector<run> runs_;
    std::vector<std::string> column_families_;
    std::size_t overhead_ = 0;          // sum of run_overhead over runs_
};

// Writes one standard column insert (Mutation{column_or_supercolumn: {column: Column}}) into a
// batch, packed in place: append the packed name to name_bytes(), read it back with name() (to
// pick the value's validator), append the packed value to value_bytes(), then finish(). Until
// finish() the mutation does not count; a writer destroyed before finish() leaves a partial
// mutation behind, which the caller's rollback removes.
class column_writer {
public:
    explicit column_writer(mutation_batch& batch);

    std::string& name_bytes() noexcept { return batch_->bytes_; }
    [[nodiscard]] std::string_view name();
    std::string& value_bytes();
    void finish(std::int64_t timestamp, std::optional<std::int32_t> ttl);

private:
    void end_name();

    mutation_batch* batch_;
    std::size_t name_at_;          // the name's length prefix
    std::size_t value_at_ = 0;     // the value's length prefix, once value_bytes() was called
    bool name_done_ = false;
};

}  // namespace cppcassa::codec
