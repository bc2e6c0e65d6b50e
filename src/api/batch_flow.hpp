// The sans-io heart of cppcassa::batch with concurrent flushes: the queue, the flushes in
// flight and the failures not yet reported, and what a flush_if_full() or send() must do next.
// No lock and no I/O here: batch.cpp holds a mutex around it, runs the flushes it hands out and
// tells it how they ended.
#pragma once

#include "api/batch_queue.hpp"

#include <cppcassa/batch.hpp>

#include <cstddef>
#include <exception>

namespace cppcassa::api {

// Unapplied mutations of failed flushes, merged.
struct batch_failure {
    std::exception_ptr cause;  // the first failed flush's
    batch_mutation_map unapplied;
    std::size_t flushes = 0;   // failed flushes merged here
    [[nodiscard]] bool empty() const noexcept { return flushes == 0; }
};

// Mutations in a map.
std::size_t mutation_count(const batch_mutation_map& map) noexcept;

// Appends `from`'s mutations to `into` (per key and column family, after what is there).
void merge_mutations(batch_mutation_map& into, batch_mutation_map from);

class batch_flow {
public:
    // fill: flush_if_full() (flush only full batches); drain: send() (flush everything, then wait
    // for every flush in flight); settle: wait_for_flushes() (start nothing, wait for every flush
    // in flight, then report what failed).
    enum class mode { fill, drain, settle };
    enum class action {
        done,    // nothing (more) to do
        report,  // throw `failure` (taken out of the flow)
        start,   // run `batch` as a flush (already counted in flight); then call finished()
        wait,    // wait until finished() is called, then ask again
    };
    struct step {
        action what = action::done;
        taken_batch batch{};
        std::size_t mutations = 0;  // in `batch`
        batch_failure failure{};
    };

    batch_flow(std::size_t queue_size, std::size_t max_batch_bytes, std::size_t max_in_flight);

    batch_queue& queue() noexcept { return queue_; }
    [[nodiscard]] const batch_queue& queue() const noexcept { return queue_; }

    step next(mode m);
    // A flush handed out by next() ended; `failure` (empty on success) holds what it did not
    // apply. Its batch's memory goes back to the queue.
    void finished(taken_batch batch, std::size_t mutations, batch_failure failure);

    // Failed mutations not reported yet, and takes them (the batch's destructor warns with them).
    [[nodiscard]] std::size_t unreported() const noexcept { return mutation_count(failure_.unapplied); }
    batch_failure take_failure();

    [[nodiscard]] bool full() const noexcept;
    [[nodiscard]] std::size_t in_flight() const noexcept { return in_flight_; }
    [[nodiscard]] std::size_t in_flight_mutations() const noexcept { return in_flight_mutations_; }
    [[nodiscard]] std::size_t peak_in_flight() const noexcept { return peak_in_flight_; }
    [[nodiscard]] std::size_t flushes() const noexcept { return flushes_; }

private:
    step start();

    batch_queue queue_;
    std::size_t queue_size_;
    std::size_t max_batch_bytes_;
    std::size_t max_in_flight_;
    std::size_t in_flight_ = 0;
    std::size_t in_flight_mutations_ = 0;
    std::size_t peak_in_flight_ = 0;
    std::size_t flushes_ = 0;
    batch_failure failure_;
};

}  // namespace cppcassa::api
