// The rules of flush_if_full() and send() over the queue, the flushes in flight and the failures
// (docs/batch.md): fill hands out full batches while a slot is free; drain hands out everything,
// stops starting flushes once one failed, and reports only when nothing is in flight, so one
// batch_error carries every failure of the send.
#include "api/batch_flow.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace cppcassa::api {

std::size_t mutation_count(const batch_mutation_map& map) noexcept {
    std::size_t n = 0;
    for (const auto& [key, by_cf] : map)
        for (const auto& [cf, mutations] : by_cf)
            n += mutations.size();
    return n;
}

void merge_mutations(batch_mutation_map& into, batch_mutation_map from) {
    for (auto& [key, by_cf] : from) {
        auto& into_row = into[key];
        for (auto& [cf, mutations] : by_cf) {
            auto& into_list = into_row[cf];
            into_list.insert(into_list.end(), std::make_move_iterator(mutations.begin()),
                             std::make_move_iterator(mutations.end()));
        }
    }
}

batch_flow::batch_flow(std::size_t queue_size, std::size_t max_batch_bytes, std::size_t max_in_flight)
    : queue_size_(queue_size),
      max_batch_bytes_(max_batch_bytes),
      max_in_flight_(std::max<std::size_t>(1, max_in_flight)) {}

bool batch_flow::full() const noexcept {
    if (queue_.empty())
        return false;
    return (queue_size_ != 0 && queue_.size() >= queue_size_) || queue_.bytes() >= max_batch_bytes_;
}

batch_flow::step batch_flow::start() {
    step s;
    s.what = action::start;
    s.batch = queue_.take(queue_size_, max_batch_bytes_);
    s.mutations = s.batch.mutations.size();
    ++in_flight_;
    ++flushes_;
    in_flight_mutations_ += s.mutations;
    peak_in_flight_ = std::max(peak_in_flight_, in_flight_);
    return s;
}

batch_flow::step batch_flow::next(mode m) {
    step s;
    if (m == mode::fill) {
        if (!failure_.empty()) {
            s.what = action::report;
            s.failure = take_failure();
        } else if (full()) {
            if (in_flight_ < max_in_flight_)
                return start();
            s.what = action::wait;
        }
        return s;
    }
    if (m == mode::settle) {
        if (in_flight_ > 0) {
            s.what = action::wait;
        } else if (!failure_.empty()) {
            s.what = action::report;
            s.failure = take_failure();
        }
        return s;
    }
    if (!failure_.empty()) {
        // Collect the failures of every flush still running, then report them together.
        if (in_flight_ > 0) {
            s.what = action::wait;
        } else {
            s.what = action::report;
            s.failure = take_failure();
        }
        return s;
    }
    if (!queue_.empty() && in_flight_ < max_in_flight_)
        return start();
    if (!queue_.empty() || in_flight_ > 0)
        s.what = action::wait;
    return s;
}

void batch_flow::finished(taken_batch batch, std::size_t mutations, batch_failure failure) {
    queue_.recycle(std::move(batch));
    --in_flight_;
    in_flight_mutations_ -= mutations;
    if (failure.empty())
        return;
    if (!failure_.cause)
        failure_.cause = failure.cause;
    failure_.flushes += failure.flushes;
    merge_mutations(failure_.unapplied, std::move(failure.unapplied));
}

batch_failure batch_flow::take_failure() {
    batch_failure out = std::move(failure_);
    failure_ = batch_failure{};
    return out;
}

}  // namespace cppcassa::api
