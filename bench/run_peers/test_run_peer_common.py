"""Unit tests of what the Python peers share: the schedules on an injected clock, the plan, the
profile and the results file. No server, no client library:

    /usr/bin/python3 -m unittest discover -s bench/run_peers -p 'test_*.py'
"""
import json
import os
import queue
import tempfile
import unittest

import run_peer_common as common

MS = 1_000_000


class FakeClock:
    """now() and sleep() on a virtual clock in nanoseconds; sleeping only moves time."""

    def __init__(self, t=0):
        self.t = t

    def now(self):
        return self.t

    def sleep(self, seconds):
        self.t += int(round(seconds * 1e9))


class Slots:
    """A SimpleQueue of tokens whose get(timeout) on an empty queue lets `free_at` (the end of
    operations in flight) hand tokens back on the fake clock, as the clients' callbacks would."""

    def __init__(self, clock, count):
        self.clock = clock
        self.tokens = count
        self.free_at = []  # times at which a busy slot comes back

    def get(self, timeout):
        if self.tokens:
            self.tokens -= 1
            return None
        limit = self.clock.t + int(timeout * 1e9)
        if not self.free_at or min(self.free_at) > limit:
            self.clock.t = limit
            raise queue.Empty
        t = min(self.free_at)
        self.free_at.remove(t)
        self.clock.t = max(self.clock.t, t)
        return None

    def put(self, token):
        self.tokens += 1


def run_open(rate, plan_len, stop_ms, slots_count, busy_ms):
    """Launch times of an open loop whose every operation holds its slot for busy_ms."""
    clock = FakeClock(1000 * MS)
    slots = Slots(clock, slots_count)
    launched = []

    def launch(i, intended):
        launched.append((i, intended - 1000 * MS, clock.t - 1000 * MS))
        slots.free_at.append(clock.t + busy_ms * MS)

    n = common.open_loop(plan_len, rate, 1000 * MS, 1000 * MS + stop_ms * MS, slots, launch,
                         now=clock.now, sleep=clock.sleep)
    return n, launched


class OpenLoopTest(unittest.TestCase):
    def test_each_operation_starts_at_its_intended_time_when_a_slot_is_free(self):
        n, launched = run_open(rate=100, plan_len=5, stop_ms=1000, slots_count=4, busy_ms=1)
        self.assertEqual(n, 5)
        self.assertEqual(launched, [(i, i * 10 * MS, i * 10 * MS) for i in range(5)])

    def test_an_operation_waits_for_a_free_slot_and_keeps_its_intended_time(self):
        # One slot, each operation 25 ms, one meant every 10 ms: each starts as the last ends.
        n, launched = run_open(rate=100, plan_len=3, stop_ms=1000, slots_count=1, busy_ms=25)
        self.assertEqual(n, 3)
        self.assertEqual(launched, [(0, 0, 0), (1, 10 * MS, 25 * MS), (2, 20 * MS, 50 * MS)])

    def test_no_operation_starts_at_or_after_the_stop_time(self):
        # Slots free at 0, 500, 1000 ms: the third would start exactly at the limit.
        n, launched = run_open(rate=1000, plan_len=100, stop_ms=1000, slots_count=1, busy_ms=500)
        self.assertEqual(n, 2)
        self.assertEqual([s for _, _, s in launched], [0, 500 * MS])

    def test_operations_meant_after_the_stop_time_are_not_started(self):
        n, launched = run_open(rate=10, plan_len=50, stop_ms=250, slots_count=8, busy_ms=1)
        self.assertEqual(n, 3)  # meant at 0, 100, 200 ms
        self.assertEqual(len(launched), 3)

    def test_a_token_taken_past_the_stop_time_is_handed_back(self):
        clock = FakeClock(0)

        class LateSlots:
            """Grants its token, but only after the clock passed the stop time."""
            tokens = 1

            def get(self, timeout):
                clock.t = 200 * MS
                self.tokens -= 1

            def put(self, token):
                self.tokens += 1

        slots = LateSlots()
        n = common.open_loop(10, 100, 0, 150 * MS, slots, lambda i, t: self.fail("launched"),
                             now=clock.now, sleep=clock.sleep)
        self.assertEqual((n, slots.tokens), (0, 1))


class ClosedLoopFeedTest(unittest.TestCase):
    def test_without_cycles_the_feed_ends_with_the_plan(self):
        feed = common.ClosedLoopFeed(3, False, 10, now=lambda: 0)
        self.assertEqual([feed.next() for _ in range(5)], [0, 1, 2, None, None])

    def test_with_cycles_the_index_keeps_counting_past_the_plan(self):
        feed = common.ClosedLoopFeed(2, True, 10, now=lambda: 0)
        self.assertEqual([feed.next() for _ in range(5)], [0, 1, 2, 3, 4])

    def test_the_feed_ends_at_the_end_time(self):
        clock = FakeClock(0)
        feed = common.ClosedLoopFeed(100, True, 30, now=clock.now)
        got = []
        while (i := feed.next()) is not None:
            got.append(i)
            clock.t += 10
        self.assertEqual(got, [0, 1, 2])


class PlanTest(unittest.TestCase):
    def write(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".plan", delete=False)
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_every_operation_parses_with_its_keys_as_bytes(self):
        path = self.write("get k1\ninsert 100 k2,k3\nmultiget k4,k5,k6\nrange k7 100\n")
        self.assertEqual(common.read_plan(path, 4), [
            (common.GET, b"k1"), (common.INSERT, 100, [b"k2", b"k3"]),
            (common.MULTIGET, [b"k4", b"k5", b"k6"]), (common.RANGE, b"k7", 100)])

    def test_a_plan_whose_length_is_not_plan_ops_is_refused(self):
        with self.assertRaisesRegex(common.PeerError, "has 1 operations, the profile says plan_ops 2"):
            common.read_plan(self.write("get k1\n"), 2)

    def test_a_malformed_line_is_refused_with_its_number(self):
        with self.assertRaisesRegex(common.PeerError, "plan line 2"):
            common.read_plan(self.write("get k1\nrange k2 many\n"), 2)


class WarmupTest(unittest.TestCase):
    PLAN = [(common.INSERT, 100, [b"k1"]), (common.GET, b"k2"), (common.RANGE, b"k3", 10),
            (common.INSERT, 100, [b"k4"]), (common.MULTIGET, [b"k5", b"k6"])]

    def test_the_warm_up_takes_the_plans_reads_in_order_and_starts_over_when_short(self):
        get, rng, multiget = self.PLAN[1], self.PLAN[2], self.PLAN[4]
        self.assertEqual(common.warmup_ops(self.PLAN, 2), [get, rng])
        self.assertEqual(common.warmup_ops(self.PLAN, 7), [get, rng, multiget, get, rng, multiget, get])
        self.assertEqual(common.warmup_ops(self.PLAN, 0), [])

    def test_an_insert_only_plan_warms_up_with_a_get_of_each_inserts_first_key(self):
        plan = [(common.INSERT, 100, [b"k1", b"k2"]), (common.INSERT, 10, [b"k3"])]
        self.assertEqual(common.warmup_ops(plan, 3), [(common.GET, b"k1"), (common.GET, b"k3"), (common.GET, b"k1")])

    def run_warm_up(self, fails):
        """warm_up over 300 reads where fails(call number) says which fail; (calls, warnings)."""
        calls, warnings = [], []

        def run(k, op):
            calls.append(k)
            if fails(len(calls)):
                raise OSError("unconfigured table")

        common.warm_up([(common.GET, b"k")] * 300, run, warnings.append)
        return len(calls), warnings

    def test_a_warm_up_without_a_single_success_stops_the_peer_with_the_last_failure(self):
        with self.assertRaisesRegex(common.PeerError, "first 5 reads failed, the last with OSError: unconfigured table"):
            self.run_warm_up(lambda call: True)

    def test_failures_in_a_row_end_the_warm_up_after_a_success_and_are_only_reported(self):
        calls, warnings = self.run_warm_up(lambda call: call > 1)
        self.assertEqual(calls, 1 + common.WARMUP_FAILURES_IN_ROW)
        self.assertEqual(warnings, ["warning: 5 warm-up reads failed, the last with OSError: unconfigured table"])

    def test_scattered_failures_let_the_warm_up_run_to_its_end(self):
        calls, warnings = self.run_warm_up(lambda call: call % 2 == 0)
        self.assertEqual((calls, len(warnings)), (300, 1))

    def test_a_profile_without_warmup_ops_warms_up_with_300(self):
        fields = {"hosts": ["h:1"], "keyspace": "k", "column_family": "c", "read_cl": "ONE", "write_cl": "ONE",
                  "columns": 1, "connections": 1, "duration_ms": 1, "grace_ms": 0, "timeout_ms": 1,
                  "plan": "p", "plan_ops": 1, "results": "r"}
        for extra, expected in (({}, 300), ({"warmup_ops": 0}, 0), ({"warmup_ops": 42}, 42)):
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(dict(fields, **extra), f)
            self.addCleanup(os.unlink, f.name)
            self.assertEqual(common.Profile(f.name).warmup_ops, expected)


class ProfileAndResultsTest(unittest.TestCase):
    def test_hosts_parse_with_ipv6_in_brackets(self):
        self.assertEqual(common.split_host("127.0.0.1:9160"), ("127.0.0.1", 9160))
        self.assertEqual(common.split_host("[::1]:9160"), ("::1", 9160))
        with self.assertRaises(common.PeerError):
            common.split_host("127.0.0.1")

    def test_a_profile_missing_fields_names_them(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"hosts": ["h:1"]}, f)
        self.addCleanup(os.unlink, f.name)
        with self.assertRaisesRegex(common.PeerError, "lacks keyspace"):
            common.Profile(f.name)

    def test_results_are_microseconds_since_t0_and_errors_fit_on_one_line(self):
        r = common.Results()
        t0 = 5_000_000_000
        r.ok(0, t0, t0 + 1000, t0 + 250_000)
        r.failed(1, t0 + 2000, t0 + 3000, t0 + 9000, "timeout", "127.0.0.1:9160", "timed\nout  waiting")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "results.txt")
            r.write(path, t0)
            with open(path) as f:
                self.assertEqual(f.read(), "0 0 1 250 ok\n1 2 3 9 timeout 127.0.0.1:9160 timed out waiting\n")


if __name__ == "__main__":
    unittest.main()
