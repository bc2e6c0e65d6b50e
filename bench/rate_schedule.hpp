// When each operation of `cppcassa-bench run` starts, decided over an injected clock (anything
// with `time_point now() const`): sans-io, so a test drives it with a clock it moves by hand.
// The driver (run_driver.cpp) asks next() what to do, does it (start an operation, wait until a
// time, wait for a reply), and reports each reply with complete().
//
// Open loop (a rate): operation i is intended to start at start + i / rate, whatever became of
// the operations before it, and its latency is measured from that intended start. When replies
// stall and every slot (max_in_flight) is taken, the operations due meanwhile start late and
// their latencies include the wait: a slow reply shows in every operation it held up, as a
// user calling at that rate would see it, instead of being left out of the figures (what Gil
// Tene calls coordinated omission). How far behind the schedule the client fell is reported.
//
// Closed loop (no rate): max_in_flight operations at once, each starting as one ends; latency
// from its actual start. It measures throughput at a fixed concurrency, not latency at a load.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace cppcassa::bench {

template <class Clock>
class rate_schedule {
public:
    using time_point = typename Clock::time_point;
    using duration = typename Clock::duration;

    // One operation: its number and when it was meant to start.
    struct ticket {
        std::uint64_t index = 0;
        time_point intended{};
    };

    enum class action {
        start,                // start `op` now
        wait_until,           // nothing is due before `until`
        wait_for_completion,  // every slot is taken (or the run is over): wait for a reply
        done,                 // the run is over and every operation has completed
    };
    struct step {
        action what = action::done;
        ticket op{};
        time_point until{};
    };

    // How punctual the starts were since the last take_lateness().
    struct lateness {
        duration max_behind{};        // the latest start, after its intended time
        std::uint64_t late_starts = 0;  // starts more than `late_after` after their intended time
        std::uint64_t starts = 0;
    };

    // Starts the schedule at clock.now() for `run_for`; `ops_per_s` unset: closed loop. Open
    // loop, operations intended before the end still start after it (when a reply frees a slot)
    // for up to `overrun`; the rest never start (never_started()).
    rate_schedule(const Clock& clock, std::optional<double> ops_per_s, std::size_t max_in_flight, duration run_for,
                  duration late_after = std::chrono::milliseconds(1),
                  duration overrun = std::chrono::seconds(1))
        : clock_(clock),
          rate_(ops_per_s),
          max_in_flight_(std::max<std::size_t>(max_in_flight, 1)),
          start_(clock.now()),
          end_(start_ + run_for),
          late_after_(late_after),
          overrun_(overrun),
          total_(count_scheduled()) {}

    // What to do now. A `start` counts the operation as in flight until complete().
    step next() {
        const time_point now = clock_.now();
        if (!rate_) {
            if (now >= end_)
                return drain();
            if (in_flight_ >= max_in_flight_)
                return {.what = action::wait_for_completion};
            return release(now, now);
        }
        if (next_index_ >= scheduled_total() || now >= end_ + overrun_)
            return drain();
        const time_point intended = intended_start(next_index_);
        if (intended > now)
            return {.what = action::wait_until, .until = intended};
        if (in_flight_ >= max_in_flight_)
            return {.what = action::wait_for_completion};
        return release(intended, now);
    }

    // A reply arrived (or the operation failed): its latency, from its intended start.
    duration complete(const ticket& t) {
        --in_flight_;
        return clock_.now() - t.intended;
    }

    // Operations whose intended start has passed and that have not started.
    [[nodiscard]] std::uint64_t due() const {
        const std::uint64_t by_now = scheduled_by(clock_.now());
        return by_now > next_index_ ? by_now - next_index_ : 0;
    }

    // How far behind the schedule the client is now: since the intended start of the oldest
    // operation due and not started; zero when none is.
    [[nodiscard]] duration behind() const {
        if (due() == 0)
            return duration::zero();
        return clock_.now() - intended_start(next_index_);
    }

    // Open loop, once the run is over: operations intended before the end that never started
    // because the client was too far behind. They are in no latency figure.
    [[nodiscard]] std::uint64_t never_started() const {
        const std::uint64_t total = scheduled_total();
        return total > next_index_ ? total - next_index_ : 0;
    }

    // Ends the run now (the user interrupted it): nothing more starts, not even operations that
    // were due; what is in flight completes.
    void stop() {
        end_ = std::min(end_, clock_.now());
        overrun_ = duration::zero();
        total_ = count_scheduled();
    }

    lateness take_lateness() {
        const lateness l = lateness_;
        lateness_ = {};
        return l;
    }

    [[nodiscard]] std::size_t in_flight() const { return in_flight_; }
    [[nodiscard]] std::uint64_t started() const { return next_index_; }
    [[nodiscard]] time_point start_time() const { return start_; }
    [[nodiscard]] time_point end_time() const { return end_; }
    [[nodiscard]] bool open_loop() const { return rate_.has_value(); }

    // When operation i is meant to start (open loop).
    [[nodiscard]] time_point intended_start(std::uint64_t i) const {
        const std::chrono::duration<double> offset(static_cast<double>(i) / *rate_);
        return start_ + std::chrono::duration_cast<duration>(offset);
    }

    // Open loop: operations intended before the end (0 .. n-1); closed loop: 0.
    [[nodiscard]] std::uint64_t scheduled_total() const { return total_; }

private:
    // Open loop: operations intended to start at or before `t` (and before the end).
    [[nodiscard]] std::uint64_t scheduled_by(time_point t) const {
        if (!rate_ || t < start_)
            return 0;
        const double elapsed_s = std::chrono::duration<double>(t - start_).count();
        return std::min(scheduled_total(), static_cast<std::uint64_t>(std::floor(elapsed_s * *rate_)) + 1);
    }

    std::uint64_t count_scheduled() const {
        if (!rate_)
            return 0;
        auto n = static_cast<std::uint64_t>(std::ceil(std::chrono::duration<double>(end_ - start_).count() * *rate_));
        // 60 s x 5000/s computes as 300000.00000000006: the last one would start at the end itself.
        while (n > 0 && intended_start(n - 1) >= end_)
            --n;
        return n;
    }

    step drain() const {
        return {.what = in_flight_ ? action::wait_for_completion : action::done};
    }

    step release(time_point intended, time_point now) {
        const duration late = now - intended;
        lateness_.max_behind = std::max(lateness_.max_behind, late);
        lateness_.late_starts += late > late_after_;
        ++lateness_.starts;
        ++in_flight_;
        return {.what = action::start, .op = {.index = next_index_++, .intended = intended}};
    }

    const Clock& clock_;
    std::optional<double> rate_;
    std::size_t max_in_flight_;
    time_point start_;
    time_point end_;
    duration late_after_;
    duration overrun_;
    std::uint64_t total_;
    std::uint64_t next_index_ = 0;
    std::size_t in_flight_ = 0;
    lateness lateness_{};
};

}  // namespace cppcassa::bench
