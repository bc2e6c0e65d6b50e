#include "run_driver.hpp"

#include "cpu_wait.hpp"
#include "rate_schedule.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>

namespace cppcassa::bench {

namespace asio = boost::asio;

namespace {

using steady = std::chrono::steady_clock;

struct steady_source {
    using time_point = steady::time_point;
    using duration = steady::duration;
    [[nodiscard]] time_point now() const { return steady::now(); }
};

using schedule = rate_schedule<steady_source>;

std::uint64_t to_ns(steady::duration d) {
    return static_cast<std::uint64_t>(std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(d).count()));
}

double to_s(steady::duration d) { return std::chrono::duration<double>(d).count(); }

// What the driver shares with its operations. It lives in the driver's frame, which outlives
// them: the driver returns only once the schedule says nothing is in flight.
struct run_state {
    run_ops& ops;
    run_recorder& recorder;
    schedule& sched;
    asio::steady_timer& wake;
    bool waiting_for_reply = false;
};

asio::awaitable<void> one_operation(run_state& st, planned_op op, schedule::ticket t) {
    const op_kind kind = op.kind;
    std::string host;
    std::exception_ptr failure;
    try {
        co_await st.ops.run(op, host);
    } catch (...) {
        failure = std::current_exception();
    }
    const std::uint64_t latency_ns = to_ns(st.sched.complete(t));
    if (failure)
        st.recorder.failure(kind, classify(failure), host);
    else
        st.recorder.success(kind, latency_ns);
    if (st.waiting_for_reply)
        st.wake.cancel();
}

}  // namespace

asio::awaitable<void> warm_up(run_ops& ops, const run_settings& s) {
    op_planner planner(s);
    planned_op op;
    std::string host;
    // Bounded by the sequence too: a mix of inserts only has nothing to warm up with.
    const std::uint64_t look_at = s.warmup_ops * 100;
    std::uint64_t done = 0;
    for (std::uint64_t i = 0; i < look_at && done < s.warmup_ops; ++i) {
        planner.next(op);
        if (op.kind == op_kind::insert)
            continue;
        ++done;
        try {
            co_await ops.run(op, host);
        } catch (const std::exception&) {
            // Unmeasured: the run proper counts errors.
        }
    }
}

asio::awaitable<run_outcome> drive_run(run_ops& ops, const run_settings& s, run_recorder& recorder,
                                       std::function<void(const interval_row&)> on_interval,
                                       std::function<void(std::function<void()>)> set_interrupt) {
    const auto executor = co_await asio::this_coro::executor;
    const steady_source clock{};
    const auto late_after = std::chrono::duration_cast<steady::duration>(std::chrono::duration<double, std::milli>(late_after_ms));
    schedule sched(clock, s.rate, s.rate ? s.max_in_flight : s.concurrency, s.duration, late_after);
    asio::steady_timer wake(executor);
    run_state st{.ops = ops, .recorder = recorder, .sched = sched, .wake = wake};
    op_planner planner(s);
    set_interrupt([&sched, &wake] {
        sched.stop();
        wake.cancel();
    });

    run_outcome out;
    out.open_loop = sched.open_loop();
    const auto start = sched.start_time();
    auto interval_start = start;
    auto next_tick = start + s.interval;
    std::uint64_t cpu_wait = thread_cpu_wait_ns().value_or(0);
    auto close_interval = [&](steady::time_point at) {
        const auto l = sched.take_lateness();
        const std::uint64_t cpu_wait_now = thread_cpu_wait_ns().value_or(cpu_wait);
        const interval_timing timing{.behind_ns = to_ns(l.max_behind),
                                     .late_starts = l.late_starts,
                                     .starts = l.starts,
                                     .in_flight = sched.in_flight(),
                                     .cpu_wait_ns = cpu_wait_now - cpu_wait};
        cpu_wait = cpu_wait_now;
        out.cpu_wait_ns += timing.cpu_wait_ns;
        out.max_behind_ns = std::max(out.max_behind_ns, timing.behind_ns);
        out.late_starts += timing.late_starts;
        out.starts += timing.starts;
        out.intervals.push_back(recorder.close_interval(to_s(at - start), to_s(at - interval_start), timing));
        interval_start = at;
        on_interval(out.intervals.back());
    };

    // The first tick at or after the end is skipped: the interval reaching the end then closes
    // with the last replies (usually a few ms after it) rather than leaving a sliver of an
    // interval. A drain that lasts longer (replies stalled past the end) goes on being shown
    // interval by interval.
    const auto tick_due = [&](steady::time_point tick) {
        return tick < sched.end_time() || tick >= sched.end_time() + s.interval;
    };
    for (;;) {
        if (steady::now() >= next_tick) {
            if (tick_due(next_tick))
                close_interval(next_tick);
            next_tick += s.interval;
            continue;
        }
        const auto step = sched.next();
        if (step.what == schedule::action::start) {
            planned_op op;
            planner.next(op);
            asio::co_spawn(executor, one_operation(st, std::move(op), step.op), asio::detached);
            continue;
        }
        if (step.what == schedule::action::done)
            break;
        auto deadline = next_tick;
        if (step.what == schedule::action::wait_until)
            deadline = std::min(deadline, step.until);
        st.waiting_for_reply = step.what == schedule::action::wait_for_completion;
        wake.expires_at(deadline);
        boost::system::error_code ec;
        co_await wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        st.waiting_for_reply = false;
    }
    const auto end = steady::now();
    close_interval(end);
    set_interrupt({});
    out.seconds = to_s(end - start);
    out.started = sched.started();
    out.never_started = sched.never_started();
    co_return out;
}

}  // namespace cppcassa::bench
