#include "codec/mutation_groups.hpp"

#include "codec/binary_writer.hpp"

#include <algorithm>
#include <numeric>

namespace cppcassa::codec {

void mutation_groups::build(const mutation_batch& batch) {
    batch_ = &batch;
    const auto& runs = batch.runs();
    order_.resize(runs.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    // A std::map's order of keys, then of column families; arrival order within both.
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        const auto ka = batch.key_of(runs[a]);
        const auto kb = batch.key_of(runs[b]);
        if (const int c = ka.compare(kb); c != 0)
            return c < 0;
        return batch.column_family_of(runs[a]) < batch.column_family_of(runs[b]);
    });
    entries_.clear();
    rows_.clear();
    for (std::size_t i = 0; i < order_.size(); ++i) {
        const auto& r = runs[order_[i]];
        if (r.first == r.last)
            continue;  // a row begun and given nothing sends nothing
        const bool same_row = !rows_.empty() && batch.key_of(runs[order_[entries_.back().first_run]]) == batch.key_of(r);
        if (!same_row)
            rows_.push_back(row_entry{entries_.size(), 0});
        const bool same_cf = same_row && batch.column_family_of(runs[order_[entries_.back().first_run]]) ==
                                             batch.column_family_of(r);
        if (same_cf) {
            auto& e = entries_.back();
            e.mutations += r.last - r.first;
            // Runs of one (key, column family) are adjacent in order_, but an empty run between
            // them is skipped: count what lies between as part of this entry, empty runs send nothing.
            e.run_count = i - e.first_run + 1;
        } else {
            entries_.push_back(column_family_entry{r.column_family, r.last - r.first, i, 1});
            ++rows_.back().entry_count;
        }
    }
}

std::string_view mutation_groups::key(std::size_t row) const {
    const auto& e = entries_[rows_[row].first_entry];
    return batch_->key_of(batch_->runs()[order_[e.first_run]]);
}

void mutation_groups::encode_row(binary_writer& w, const row_entry& row) const {
    const auto& runs = batch_->runs();
    const auto& first = entries_[row.first_entry];
    w.write_string(batch_->key_of(runs[order_[first.first_run]]));
    w.write_map_begin(wire_type::string, wire_type::list, binary_writer::checked_size(row.entry_count, "map"));
    for (std::size_t e = row.first_entry; e < row.first_entry + row.entry_count; ++e) {
        const auto& entry = entries_[e];
        w.write_string(batch_->column_family_of(runs[order_[entry.first_run]]));
        w.write_list_begin(wire_type::struct_, binary_writer::checked_size(entry.mutations, "list"));
        for (std::size_t k = entry.first_run; k < entry.first_run + entry.run_count; ++k) {
            const auto& r = runs[order_[k]];
            w.buffer().append(batch_->mutation_bytes(r.first, r.last));
        }
    }
}

void mutation_groups::encode_args(binary_writer& w, std::span<const std::size_t> rows,
                                  thrift::ConsistencyLevel level) const {
    const std::size_t count = rows.empty() ? rows_.size() : rows.size();
    w.write_field_begin(wire_type::map, 1);  // mutation_map
    w.write_map_begin(wire_type::string, wire_type::map, binary_writer::checked_size(count, "map"));
    if (rows.empty()) {
        for (const auto& row : rows_)
            encode_row(w, row);
    } else {
        for (const std::size_t row : rows)
            encode_row(w, rows_[row]);
    }
    w.write_field_begin(wire_type::i32, 2);  // consistency_level
    w.write_i32(static_cast<std::int32_t>(level));
    w.write_field_stop();
}

mutation_map mutation_groups::decode(std::span<const std::size_t> rows) const {
    mutation_map map;
    const auto& runs = batch_->runs();
    auto add_row = [&](const row_entry& row) {
        auto& by_cf = map[std::string(key(static_cast<std::size_t>(&row - rows_.data())))];
        for (std::size_t e = row.first_entry; e < row.first_entry + row.entry_count; ++e) {
            const auto& entry = entries_[e];
            auto& list = by_cf[batch_->column_family_of(runs[order_[entry.first_run]])];
            list.reserve(list.size() + entry.mutations);
            for (std::size_t k = entry.first_run; k < entry.first_run + entry.run_count; ++k) {
                const auto& r = runs[order_[k]];
                for (std::size_t i = r.first; i < r.last; ++i)
                    list.push_back(batch_->decode_mutation(i));
            }
        }
    };
    if (rows.empty()) {
        for (const auto& row : rows_)
            add_row(row);
    } else {
        for (const std::size_t row : rows)
            add_row(rows_[row]);
    }
    return map;
}

void encode(binary_writer& w, const encoded_batch_args& args) {
    args.groups->encode_args(w, args.rows, args.consistency_level);
}

}  // namespace cppcassa::codec
