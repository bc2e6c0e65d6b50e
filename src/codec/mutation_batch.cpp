#include "codec/mutation_batch.hpp"

#include "codec/binary_reader.hpp"
#include "codec/binary_writer.hpp"
#include "codec/cassandra_methods.hpp"
#include "codec/struct_codec.hpp"

#include <algorithm>
#include <utility>

namespace cppcassa::codec {

void mutation_batch::begin_row(std::string_view key, std::string_view column_family) {
    std::size_t cf = 0;
    while (cf < column_families_.size() && column_families_[cf] != column_family)
        ++cf;
    if (cf == column_families_.size())
        column_families_.emplace_back(column_family);
    if (!runs_.empty()) {
        run& last = runs_.back();
        if (last.column_family == cf && key_of(last) == key)
            return;
        if (last.first == last.last) {
            // A row begun and given nothing: reuse its run rather than leave an empty one.
            overhead_ -= run_overhead(last.key_size, column_families_[last.column_family].size());
            keys_.resize(last.key_begin);
            runs_.pop_back();
        }
    }
    run r;
    r.key_begin = keys_.size();
    r.key_size = key.size();
    r.column_family = cf;
    r.first = r.last = ends_.size();
    keys_.append(key);
    runs_.push_back(r);
    overhead_ += run_overhead(key.size(), column_family.size());
}

void mutation_batch::add(const thrift::Mutation& m) {
    binary_writer w(bytes_);
    encode(w, m);
    mutation_written();
}

mutation_batch::mark mutation_batch::position() const noexcept {
    mark m;
    m.bytes = bytes_.size();
    m.keys = keys_.size();
    m.mutations = ends_.size();
    m.runs = runs_.size();
    m.column_families = column_families_.size();
    m.overhead = overhead_;
    m.last_run_end = runs_.empty() ? 0 : runs_.back().last;
    return m;
}

void mutation_batch::rollback(const mark& m) {
    bytes_.resize(m.bytes);
    keys_.resize(m.keys);
    ends_.resize(m.mutations);
    runs_.resize(m.runs);
    column_families_.resize(m.column_families);
    overhead_ = m.overhead;
    if (!runs_.empty())
        runs_.back().last = m.last_run_end;
}

std::size_t mutation_batch::prefix_within(std::size_t max_count, std::size_t max_bytes) const noexcept {
    const std::size_t limit = max_count == 0 ? ends_.size() : std::min(max_count, ends_.size());
    std::size_t bytes = args_overhead;
    std::size_t n = 0;
    for (const run& r : runs_) {
        bytes += run_overhead(r.key_size, column_families_[r.column_family].size());
        for (std::size_t i = r.first; i < r.last; ++i) {
            if (n == limit)
                return n;
            bytes += ends_[i] - start_of(i);
            if (n > 0 && bytes > max_bytes)
                return n;
            ++n;
        }
    }
    return n;
}

void mutation_batch::split_off(std::size_t n, mutation_batch& rest) {
    rest.clear();
    if (n >= ends_.size())
        return;
    const std::size_t byte_cut = start_of(n);
    // The run holding mutation n: the last one whose first is at or before it.
    auto at = std::upper_bound(runs_.begin(), runs_.end(), n,
                               [](std::size_t i, const run& r) { return i < r.first; }) - 1;
    for (auto r = at; r != runs_.end(); ++r) {
        rest.begin_row(key_of(*r), column_families_[r->column_family]);
        const std::size_t first = std::max(r->first, n);
        for (std::size_t i = first; i < r->last; ++i)
            rest.ends_.push_back(ends_[i] - byte_cut);
        rest.runs_.back().last += r->last - first;
    }
    rest.bytes_.assign(bytes_, byte_cut);

    // What stays: the runs before `at`, and `at` itself when it began before n.
    const bool keep_at = at->first < n;
    const auto kept_end = keep_at ? at + 1 : at;
    if (keep_at)
        at->last = n;
    for (auto r = kept_end; r != runs_.end(); ++r)
        overhead_ -= run_overhead(r->key_size, column_families_[r->column_family].size());
    keys_.resize(kept_end == runs_.end() ? keys_.size()
                                         : kept_end->key_begin);
    runs_.erase(kept_end, runs_.end());
    ends_.resize(n);
    bytes_.resize(byte_cut);
}

void mutation_batch::clear() noexcept {
    bytes_.clear();
    ends_.clear();
    keys_.clear();
    runs_.clear();
    column_families_.clear();
    overhead_ = 0;
}

void mutation_batch::swap(mutation_batch& other) noexcept {
    bytes_.swap(other.bytes_);
    ends_.swap(other.ends_);
    keys_.swap(other.keys_);
    runs_.swap(other.runs_);
    column_families_.swap(other.column_families_);
    std::swap(overhead_, other.overhead_);
}

std::string_view mutation_batch::mutation_bytes(std::size_t first, std::size_t last) const noexcept {
    if (first >= last)
        return {};
    const std::size_t begin = start_of(first);
    return std::string_view(bytes_).substr(begin, ends_[last - 1] - begin);
}

thrift::Mutation mutation_batch::decode_mutation(std::size_t i) const {
    binary_reader r(mutation_bytes(i, i + 1));
    thrift::Mutation m;
    decode(r, m);
    return m;
}

// ---- column_writer ----

namespace {

void append_length_placeholder(std::string& out) { out.append(4, '\0'); }

void patch_length(std::string& out, std::size_t at, const char* what) {
    const std::size_t n = out.size() - at - 4;
    detail::store_be(out.data() + at, static_cast<std::uint32_t>(binary_writer::checked_size(n, what)));
}

}  // namespace

column_writer::column_writer(mutation_batch& batch) : batch_(&batch) {
    binary_writer w(batch.bytes_);
    w.write_field_begin(wire_type::struct_, 1);  // Mutation.column_or_supercolumn
    w.write_field_begin(wire_type::struct_, 1);  // ColumnOrSuperColumn.column
    w.write_field_begin(wire_type::string, 1);   // Column.name
    name_at_ = batch.bytes_.size();
    append_length_placeholder(batch.bytes_);
}

void column_writer::end_name() {
    if (name_done_)
        return;
    patch_length(batch_->bytes_, name_at_, "column name");
    name_done_ = true;
}

std::string_view column_writer::name() {
    end_name();
    return std::string_view(batch_->bytes_).substr(name_at_ + 4);
}

std::string& column_writer::value_bytes() {
    end_name();
    binary_writer w(batch_->bytes_);
    w.write_field_begin(wire_type::string, 2);  // Column.value
    value_at_ = batch_->bytes_.size();
    append_length_placeholder(batch_->bytes_);
    return batch_->bytes_;
}

void column_writer::finish(std::int64_t timestamp, std::optional<std::int32_t> ttl) {
    if (value_at_ == 0)
        value_bytes();  // an empty value is still sent, as a Column with value "" is
    patch_length(batch_->bytes_, value_at_, "column value");
    binary_writer w(batch_->bytes_);
    w.write_field_begin(wire_type::i64, 3);  // Column.timestamp
    w.write_i64(timestamp);
    if (ttl) {
        w.write_field_begin(wire_type::i32, 4);  // Column.ttl
        w.write_i32(*ttl);
    }
    w.write_field_stop();  // Column
    w.write_field_stop();  // ColumnOrSuperColumn
    w.write_field_stop();  // Mutation
    batch_->mutation_written();
}

}  // namespace cppcassa::codec
