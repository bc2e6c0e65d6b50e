// The sans-io half of cppcassa::batch: mutations queued in arrival order with an estimate of
// their serialized size, taken out as batch_mutate maps bounded by count and bytes.
#pragma once

#include <cppcassa/batch.hpp>
#include <cppcassa/thrift.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace cppcassa::api {

// An upper bound of what one mutation adds to a batch_mutate_args in Thrift's binary protocol,
// counting its row key and column family as if it were alone in its row (grouping shares them,
// so a batch's real size is at most the sum). docs/batch.md has the constants.
std::size_t estimated_bytes(const std::string& key, const std::string& column_family, const thrift::Mutation& m);

// Mutations in a map.
std::size_t mutation_count(const batch_mutation_map& map) noexcept;

class batch_queue {
public:
    void push(std::string key, std::string column_family, thrift::Mutation m);

    // Removes the oldest mutations, at most max_count (0: no limit) and at most max_bytes of
    // estimated size (but always at least one), grouped by key and column family in arrival
    // order. Empty map when the queue is empty.
    batch_mutation_map take(std::size_t max_count, std::size_t max_bytes);

    [[nodiscard]] std::size_t size() const noexcept { return entries_.size() - head_; }
    [[nodiscard]] std::size_t bytes() const noexcept { return bytes_; }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }

private:
    struct entry {
        std::string key;
        std::string column_family;
        thrift::Mutation mutation;
        std::size_t bytes;
    };
    // A vector read from head_ rather than a deque: an entry is about 500 bytes, so libstdc++'s
    // deque would allocate a 512-byte block per mutation, while the vector's storage (up to
    // 4096 entries) is reused from one batch to the next.
    std::vector<entry> entries_;
    std::size_t head_ = 0;
    std::size_t bytes_ = 0;
};

}  // namespace cppcassa::api
