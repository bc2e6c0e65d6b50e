// The schedule of `cppcassa-bench run` (bench/rate_schedule.hpp), driven by a clock the test
// moves by hand: when operations start, and that each latency counts from the intended start.
#include "rate_schedule.hpp"

#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct manual_clock {
    using time_point = std::chrono::steady_clock::time_point;
    using duration = std::chrono::steady_clock::duration;
    time_point t{std::chrono::seconds(1000)};
    [[nodiscard]] time_point now() const { return t; }
    void advance(duration d) { t += d; }
};

using schedule = cppcassa::bench::rate_schedule<manual_clock>;
using action = schedule::action;

// Starts every operation due now; returns their tickets.
std::vector<schedule::ticket> start_due(schedule& s) {
    std::vector<schedule::ticket> started;
    for (auto step = s.next(); step.what == action::start; step = s.next())
        started.push_back(step.op);
    return started;
}

void complete_all(schedule& s, const std::vector<schedule::ticket>& tickets) {
    for (const auto& t : tickets)
        s.complete(t);
}

}  // namespace

TEST_CASE("open loop: a stalled reply is counted from its intended start, and so is every operation it held up") {
    manual_clock clock;
    const auto t0 = clock.now();
    // 1000 ops/s, one slot: while the first reply stalls, nothing else can start.
    schedule s(clock, 1000.0, 1, 1s);

    const auto first = s.next();
    REQUIRE(first.what == action::start);
    CHECK(first.op.intended == t0);
    const auto wait = s.next();
    CHECK(wait.what == action::wait_until);
    CHECK(wait.until == t0 + 1ms);
    clock.advance(1ms);
    CHECK(s.next().what == action::wait_for_completion);  // operation 1 is due, the slot is taken

    clock.advance(99ms);  // the reply stalls for 100 ms
    CHECK(s.due() == 100);  // operations 1 .. 100 were due meanwhile
    CHECK(s.behind() == 99ms);  // since operation 1's intended start, at 1 ms
    CHECK(s.complete(first.op) == 100ms);

    // The next operation starts now, 99 ms late; its latency counts from its intended start at
    // 1 ms, not from when the client got round to sending it.
    const auto second = s.next();
    REQUIRE(second.what == action::start);
    CHECK(second.op.index == 1);
    CHECK(second.op.intended == t0 + 1ms);
    clock.advance(500us);  // a quick reply...
    CHECK(s.complete(second.op) == 99500us);  // ...still 99.5 ms after it was meant to start

    const auto late = s.take_lateness();
    CHECK(late.max_behind == 99ms);
    CHECK(late.late_starts == 1);  // the first started on time
    CHECK(late.starts == 2);
}

TEST_CASE("open loop: operations keep starting on schedule while an earlier reply stalls") {
    manual_clock clock;
    const auto t0 = clock.now();
    schedule s(clock, 1000.0, 64, 1s);

    const auto stalled = start_due(s);
    REQUIRE(stalled.size() == 1);
    std::vector<schedule::ticket> others;
    for (int ms = 1; ms <= 50; ++ms) {
        const auto wait = s.next();
        REQUIRE(wait.what == action::wait_until);
        CHECK(wait.until == t0 + std::chrono::milliseconds(ms));
        clock.t = wait.until;
        for (const auto& t : start_due(s)) {
            CHECK(s.complete(t) == 0ms);  // each answered at once, on time
            others.push_back(t);
        }
    }
    CHECK(others.size() == 50);
    CHECK(s.complete(stalled.front()) == 50ms);
    CHECK(s.take_lateness().max_behind == 0ms);
}

TEST_CASE("open loop: the client that falls behind starts every due operation at once when a slot frees") {
    manual_clock clock;
    schedule s(clock, 1000.0, 2, 1s);
    const auto a = start_due(s);  // operation 0 at 0 ms
    REQUIRE(a.size() == 1);
    clock.advance(1ms);
    const auto b = start_due(s);  // operation 1 at 1 ms; both slots taken
    REQUIRE(b.size() == 1);
    clock.advance(9ms);
    CHECK(s.next().what == action::wait_for_completion);
    CHECK(s.due() == 9);  // operations 2 .. 10
    s.complete(a.front());
    s.complete(b.front());
    const auto c = start_due(s);  // two slots: operations 2 and 3, 8 and 7 ms late
    REQUIRE(c.size() == 2);
    CHECK(c[0].index == 2);
    CHECK(c[1].index == 3);
    CHECK(s.due() == 7);
    CHECK(s.behind() == 6ms);  // operation 4 was due at 4 ms
}

TEST_CASE("closed loop: each operation starts as one ends and is timed from its actual start") {
    manual_clock clock;
    schedule s(clock, std::nullopt, 3, 1s);
    const auto first = start_due(s);
    CHECK(first.size() == 3);
    CHECK(s.next().what == action::wait_for_completion);
    clock.advance(20ms);
    CHECK(s.complete(first[0]) == 20ms);
    const auto next = start_due(s);
    REQUIRE(next.size() == 1);
    CHECK(next[0].intended == clock.now());
    clock.advance(5ms);
    CHECK(s.complete(next[0]) == 5ms);
    CHECK(s.due() == 0);
    CHECK(s.take_lateness().max_behind == 0ms);
}

TEST_CASE("open loop: due operations still start after the end for the overrun, the rest never start") {
    manual_clock clock;
    schedule s(clock, 1000.0, 1, 10ms);  // operations 0 .. 9
    CHECK(s.scheduled_total() == 10);
    const auto first = start_due(s);
    REQUIRE(first.size() == 1);
    clock.advance(500ms);  // past the end, within the 1 s overrun
    s.complete(first.front());
    const auto second = start_due(s);
    REQUIRE(second.size() == 1);
    CHECK(second.front().index == 1);
    clock.advance(2s);  // past the overrun
    s.complete(second.front());
    CHECK(s.next().what == action::done);
    CHECK(s.never_started() == 8);
}

TEST_CASE("the run ends when its last operation completes, not before") {
    manual_clock clock;
    schedule s(clock, 100.0, 8, 50ms);  // operations at 0, 10, 20, 30 and 40 ms
    std::vector<schedule::ticket> all;
    for (auto step = s.next(); step.what != action::wait_for_completion; step = s.next()) {
        if (step.what == action::start)
            all.push_back(step.op);
        else
            clock.t = step.until;
    }
    CHECK(all.size() == 5);
    CHECK(s.in_flight() == 5);
    complete_all(s, all);
    CHECK(s.next().what == action::done);
    CHECK(s.never_started() == 0);
}

TEST_CASE("stop ends the run at once: nothing more starts, what is in flight completes") {
    manual_clock clock;
    schedule s(clock, 1000.0, 4, 10s);
    const auto first = start_due(s);
    clock.advance(3ms);
    const auto more = start_due(s);
    CHECK(more.size() == 3);
    s.stop();
    CHECK(s.next().what == action::wait_for_completion);
    complete_all(s, first);
    complete_all(s, more);
    CHECK(s.next().what == action::done);
    CHECK(s.never_started() == 0);
}

TEST_CASE("a schedule of 60 s at 5000 ops/s holds exactly 300000 operations, none at the end itself") {
    manual_clock clock;
    schedule s(clock, 5000.0, 1, 60s);
    CHECK(s.scheduled_total() == 300000);
    CHECK(s.intended_start(299999) < s.end_time());
    schedule odd(clock, 3.0, 1, 1s);  // at 0, 1/3 and 2/3 s
    CHECK(odd.scheduled_total() == 3);
}
