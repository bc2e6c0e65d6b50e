// The rows of a mutation_batch as batch_mutate's map<key, map<column family, list<Mutation>>>
// holds them, and the request written from the batch's encoded bytes.
//
// Rows come out in the order of a std::map of their packed keys, column families likewise, and a
// row's mutations in arrival order across all its runs: the bytes are exactly those of encoding
// the equivalent thrift::batch_mutate_args (unit-tested), so a server sees no difference.
// A subset of the rows (one replica group of a fan-out) is written the same way.
#pragma once

#include "codec/cassandra_methods.hpp"
#include "codec/mutation_batch.hpp"

#include <cppcassa/thrift.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::codec {

class binary_writer;

using mutation_map = decltype(thrift::batch_mutate_args::mutation_map);

class mutation_groups {
public:
    // Groups `batch`'s runs (the batch must not change while this is in use). Reuses its memory.
    void build(const mutation_batch& batch);

    // Distinct row keys, in map order.
    [[nodiscard]] std::size_t rows() const noexcept { return rows_.size(); }
    [[nodiscard]] std::string_view key(std::size_t row) const;

    // batch_mutate_args (or atomic_batch_mutate_args: the same fields) of the given rows, or of
    // every row when `rows` is empty.
    void encode_args(binary_writer& w, std::span<const std::size_t> rows, thrift::ConsistencyLevel level) const;
    // The given rows (every row when empty) decoded back into a map: what a failed flush reports.
    [[nodiscard]] mutation_map decode(std::span<const std::size_t> rows) const;

private:
    struct column_family_entry {
        std::size_t column_family;  // index in the batch's column families
        std::size_t mutations;      // across its runs
        std::size_t first_run;      // in order_
        std::size_t run_count;
    };
    struct row_entry {
        std::size_t first_entry;    // in entries_
        std::size_t entry_count;
    };

    void encode_row(binary_writer& w, const row_entry& row) const;

    const mutation_batch* batch_ = nullptr;
    std::vector<std::size_t> order_;  // run indices by (key, column family, arrival)
    std::vector<column_family_entry> entries_;
    std::vector<row_entry> rows_;
};

// The arguments of batch_mutate or atomic_batch_mutate written from a mutation_batch: a view,
// cheap to copy into the connection's call.
struct encoded_batch_args {
    const mutation_groups* groups = nullptr;
    std::span<const std::size_t> rows;  // empty: every row
    thrift::ConsistencyLevel consistency_level = thrift::ConsistencyLevel::ONE;
};

// What encode_call finds for these arguments (by argument-dependent lookup).
void encode(binary_writer& w, const encoded_batch_args& args);

namespace methods {

// batch_mutate and atomic_batch_mutate with the arguments above; the same calls on the wire.
template <class Method>
struct encoded : Method {
    using args = encoded_batch_args;
};
using batch_mutate_encoded = encoded<batch_mutate>;
using atomic_batch_mutate_encoded = encoded<atomic_batch_mutate>;

}  // namespace methods

}  // namespace cppcassa::codec
