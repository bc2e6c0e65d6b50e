// Thrift binary protocol sizes behind estimated_bytes: a field header is 3 bytes (type, id), a
// string 4 + length, an i64 8, an i32 4, a struct's stop 1, a list header 5, a map header 6.
#include "api/batch_queue.hpp"

#include <utility>

namespace cppcassa::api {

namespace {

// Column: name (7 + n), value (7 + v), timestamp (11), ttl (7), stop (1) = 33 + n + v; rounded
// up so the estimate stays an upper bound whatever field is added.
constexpr std::size_t column_overhead = 48;
// Row key as a map key (4), the inner map header (6), the column family (4), its list header
// (5), the Mutation and ColumnOrSuperColumn/Deletion field headers and stops (~10): rounded up.
constexpr std::size_t mutation_overhead = 64;

std::size_t column_bytes(const thrift::Column& c) {
    return column_overhead + c.name.size() + (c.value ? c.value->size() : 0);
}

std::size_t predicate_bytes(const thrift::SlicePredicate& p) {
    std::size_t n = 16;
    if (p.column_names)
        for (const auto& name : *p.column_names)
            n += 8 + name.size();
    if (p.slice_range)
        n += 48 + p.slice_range->start.size() + p.slice_range->finish.size();
    return n;
}

}  // namespace

std::size_t estimated_bytes(const std::string& key, const std::string& column_family, const thrift::Mutation& m) {
    std::size_t n = mutation_overhead + key.size() + column_family.size();
    if (m.column_or_supercolumn) {
        const auto& cosc = *m.column_or_supercolumn;
        if (cosc.column)
            n += column_bytes(*cosc.column);
        if (cosc.super_column) {
            n += 24 + cosc.super_column->name.size();
            for (const auto& c : cosc.super_column->columns)
                n += column_bytes(c);
        }
        if (cosc.counter_column)
            n += column_overhead + cosc.counter_column->name.size();
        if (cosc.counter_super_column) {
            n += 24 + cosc.counter_super_column->name.size();
            for (const auto& c : cosc.counter_super_column->columns)
                n += column_overhead + c.name.size();
        }
    }
    if (m.deletion) {
        n += 32 + (m.deletion->super_column ? m.deletion->super_column->size() : 0);
        if (m.deletion->predicate)
            n += predicate_bytes(*m.deletion->predicate);
    }
    return n;
}

std::size_t mutation_count(const batch_mutation_map& map) noexcept {
    std::size_t n = 0;
    for (const auto& [key, by_cf] : map)
        for (const auto& [cf, mutations] : by_cf)
            n += mutations.size();
    return n;
}

void batch_queue::push(std::string key, std::string column_family, thrift::Mutation m) {
    const std::size_t size = estimated_bytes(key, column_family, m);
    entries_.push_back(entry{std::move(key), std::move(column_family), std::move(m), size});
    bytes_ += size;
}

batch_mutation_map batch_queue::take(std::size_t max_count, std::size_t max_bytes) {
    batch_mutation_map map;
    std::size_t count = 0;
    std::size_t bytes = 0;
    while (head_ < entries_.size()) {
        entry& e = entries_[head_];
        if (count > 0 && ((max_count != 0 && count >= max_count) || bytes + e.bytes > max_bytes))
            break;
        auto& mutations = map[e.key][e.column_family];
        if (mutations.empty()) {
            // A row's columns arrive together: size its list once for the run of them queued.
            std::size_t run = 1;
            while (head_ + run < entries_.size() && entries_[head_ + run].key == e.key &&
                   entries_[head_ + run].column_family == e.column_family)
                ++run;
            mutations.reserve(run);
        }
        mutations.push_back(std::move(e.mutation));
        ++count;
        bytes += e.bytes;
        bytes_ -= e.bytes;
        ++head_;
    }
    if (head_ == entries_.size()) {
        // Kept for the next batch unless a huge one grew it (its memory goes back at once).
        if (entries_.capacity() > 4096)
            std::vector<entry>().swap(entries_);
        else
            entries_.clear();
        head_ = 0;
    } else if (head_ >= 1024 && 2 * head_ >= entries_.size()) {
        // The producer keeps the queue from ever emptying: drop the taken half now and then.
        entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
    return map;
}

}  // namespace cppcassa::api
