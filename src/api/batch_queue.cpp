#include "api/batch_queue.hpp"

#include <utility>

namespace cppcassa::api {

namespace {

// Enough for the flushes in flight plus the one being filled; more would only hold memory.
constexpr std::size_t max_spares = 4;
// A batch grown past this by one huge mutation gives its memory back rather than keep it.
constexpr std::size_t max_spare_bytes = std::size_t{16} * 1024 * 1024;

}  // namespace

taken_batch batch_queue::take(std::size_t max_count, std::size_t max_bytes) {
    taken_batch out;
    if (!spares_.empty()) {
        out = std::move(spares_.back());
        spares_.pop_back();
    }
    if (queued_.empty())
        return out;
    const std::size_t n = queued_.prefix_within(max_count, max_bytes);
    if (n < queued_.size())
        queued_.split_off(n, out.mutations);  // `out` holds the rest for now
    out.mutations.swap(queued_);              // `out` the first n, the queue the rest (or an empty spare)
    return out;
}

void batch_queue::recycle(taken_batch&& b) {
    if (spares_.size() >= max_spares || b.mutations.reserved_bytes() > max_spare_bytes)
        return;
    b.mutations.clear();
    spares_.push_back(std::move(b));
}

}  // namespace cppcassa::api
