// Drives `cppcassa-bench run`'s measured phase: asks the schedule (rate_schedule.hpp) when each
// operation starts, starts it as a coroutine of its own, reports its reply (or error) to the
// schedule and the recorder, and closes an interval every --interval. Nothing here decides: the
// schedule decides when, the mix what, the recorder what it means.
#pragma once

#include "run_ops.hpp"
#include "run_recorder.hpp"
#include "run_settings.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace cppcassa::bench {

struct run_outcome {
    std::vector<interval_row> intervals;
    double seconds = 0;  // from the first start to the last reply
    bool open_loop = false;
    std::uint64_t started = 0;
    // Open loop: operations intended before the end that never started (the client was too far
    // behind when the run ended).
    std::uint64_t never_started = 0;
    // Open loop, over the run: the latest start after its intended time, starts later than
    // late_after_ms after it, and every start.
    std::uint64_t max_behind_ns = 0;
    std::uint64_t late_starts = 0;
    std::uint64_t starts = 0;
    // How long the client's thread waited for a CPU over the run (0 where Linux does not say).
    std::uint64_t cpu_wait_ns = 0;
};

// An operation started more than this after its intended start counts as late.
inline constexpr double late_after_ms = 1.0;

// Sends the first s.warmup_ops reads (get, multiget, range) of the run's sequence one after
// another, unmeasured; a failed one is skipped. The peers of --peers do the same before their clock starts.
boost::asio::awaitable<void> warm_up(run_ops& ops, const run_settings& s);

// Runs the schedule over `ops`; `on_interval` sees each interval as it closes. Setting `stop`
// (Ctrl-C) and calling the `interrupt` it is handed ends the run early: nothing more starts,
// what is in flight completes.
boost::asio::awaitable<run_outcome> drive_run(run_ops& ops, const run_settings& s, run_recorder& recorder,
                                              std::function<void(const interval_row&)> on_interval,
                                              std::function<void(std::function<void()>)> set_interrupt);

}  // namespace cppcassa::bench
