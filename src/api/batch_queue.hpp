// The sans-io queue of cppcassa::batch: mutations encoded as they are queued (codec::mutation_batch),
// taken out from the front as batch_mutate requests bounded by count and bytes.
#pragma once

#include "codec/mutation_batch.hpp"
#include "codec/mutation_groups.hpp"

#include <cstddef>
#include <vector>

namespace cppcassa::api {

// What one flush owns: the mutations it took and, built when it sends, their grouping. Recycled
// whole, so a steady ingest allocates neither for its bytes nor for its bookkeeping.
struct taken_batch {
    codec::mutation_batch mutations;
    codec::mutation_groups groups;
};

class batch_queue {
public:
    // Where new mutations are written (begin_row, column_writer, add), in arrival order.
    codec::mutation_batch& back() noexcept { return queued_; }

    // Takes the oldest mutations, at most max_count (0: no limit) and at most max_bytes of
    // encoded bound (but always at least one), in arrival order. What is taken is not copied: the
    // queue's bytes become the flush's, and only mutations left behind move to new storage.
    // Empty when the queue is.
    taken_batch take(std::size_t max_count, std::size_t max_bytes);
    // A flush is done with `b`: its memory serves a later batch.
    void recycle(taken_batch&& b);

    [[nodiscard]] std::size_t size() const noexcept { return queued_.size(); }
    [[nodiscard]] std::size_t bytes() const noexcept { return queued_.empty() ? 0 : queued_.encoded_bound(); }
    [[nodiscard]] bool empty() const noexcept { return queued_.empty(); }

private:
    codec::mutation_batch queued_;
    std::vector<taken_batch> spares_;
};

}  // namespace cppcassa::api
