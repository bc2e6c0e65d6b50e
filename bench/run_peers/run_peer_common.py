"""What the Python peers of `cppcassa-bench run` share (README.md beside this file is the contract):
reading the profile and the plan, the open- and closed-loop schedules, and the results file.

Nothing here imports a Cassandra client, so both peers (and the unit tests) use it alike; each
peer supplies how an operation is executed and how its exceptions map to the six error kinds.
"""
import itertools
import json
import os
import queue
import sys
import time

# The plan's operations, as the first field of each parsed tuple:
#   (GET, key) (INSERT, size, [keys]) (MULTIGET, [keys]) (RANGE, key, rows)
GET, INSERT, MULTIGET, RANGE = range(4)

ERROR_KINDS = ("timeout", "unavailable", "client_timeout", "connection", "no_server_available", "other")

# Both peers read time from here; time.monotonic_ns is CLOCK_MONOTONIC, like cppcassa-bench's.
clock = time.monotonic_ns


class PeerError(Exception):
    """The peer cannot run (bad profile, no server, login refused): stderr and a non-zero exit."""


def split_host(text):
    """'host:port' or '[v6 address]:port' -> (host, port)."""
    if text.startswith("["):
        host, sep, port = text[1:].partition("]:")
    else:
        host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise PeerError("profile: host %r is not host:port (IPv6 as [address]:port)" % text)
    return host, int(port)


class Profile:
    """The profile file's fields, checked once so that a bad one fails before any connection."""

    REQUIRED = ("hosts", "keyspace", "column_family", "read_cl", "write_cl", "columns", "connections",
                "duration_ms", "grace_ms", "timeout_ms", "plan", "plan_ops", "results")

    def __init__(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                p = json.load(f)
        except (OSError, ValueError) as e:
            raise PeerError("cannot read the profile %s: %s" % (path, e)) from e
        missing = [k for k in self.REQUIRED if k not in p]
        if missing:
            raise PeerError("profile %s lacks %s" % (path, ", ".join(missing)))
        if not p["hosts"]:
            raise PeerError("profile %s names no hosts" % path)
        self.hosts = [split_host(h) for h in p["hosts"]]
        self.cql_port = int(p.get("cql_port") or 9042)
        self.keyspace = p["keyspace"]
        self.column_family = p["column_family"]
        self.user = p.get("user")
        self.read_cl = p["read_cl"]
        self.write_cl = p["write_cl"]
        self.columns = int(p["columns"])
        self.connections = max(1, int(p["connections"]))
        self.rate = None if p.get("rate") is None else float(p["rate"])
        if self.rate is not None and self.rate <= 0:
            raise PeerError("profile %s: rate must be positive (null for a closed loop)" % path)
        self.concurrency = max(1, int(p.get("concurrency") or 1))
        self.max_in_flight = max(1, int(p.get("max_in_flight") or 1))
        self.duration_ns = int(p["duration_ms"]) * 1_000_000
        self.grace_ns = int(p["grace_ms"]) * 1_000_000
        self.timeout_s = int(p["timeout_ms"]) / 1000.0
        # A profile from before warmup_ops existed warms up with the default.
        warmup = p.get("warmup_ops")
        self.warmup_ops = WARMUP_OPS_DEFAULT if warmup is None else int(warmup)
        if self.warmup_ops < 0:
            raise PeerError("profile %s: warmup_ops must not be negative" % path)
        self.plan = p["plan"]
        self.plan_ops = int(p["plan_ops"])
        self.plan_cycles = bool(p.get("plan_cycles"))
        self.results = p["results"]

    def column_names(self):
        """The names every insert writes: column0000, column0001, ..."""
        return [b"column%04d" % c for c in range(self.columns)]


class Values:
    """The value an insert of `size` bytes writes: one per size, made once (the plan says any
    bytes), so that no operation pays for random bytes."""

    def __init__(self):
        self._by_size = {}

    def of(self, size):
        v = self._by_size.get(size)
        if v is None:
            v = self._by_size.setdefault(size, os.urandom(size))
        return v


def parse_plan_line(line, number):
    """One plan line (bytes, no newline) -> the operation tuple; keys stay bytes."""
    f = line.split(b" ")
    try:
        if f[0] == b"get" and len(f) == 2:
            return (GET, f[1])
        if f[0] == b"insert" and len(f) == 3:
            return (INSERT, int(f[1]), f[2].split(b","))
        if f[0] == b"multiget" and len(f) == 2:
            return (MULTIGET, f[1].split(b","))
        if f[0] == b"range" and len(f) == 3:
            return (RANGE, f[1], int(f[2]))
    except ValueError:
        pass
    raise PeerError("plan line %d is not an operation: %r" % (number + 1, line[:80]))


def read_plan(path, expected):
    """The whole plan in memory before t0, so that reading it is never measured."""
    try:
        with open(path, "rb") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise PeerError("cannot read the plan %s: %s" % (path, e)) from e
    if len(lines) != expected:
        raise PeerError("the plan %s has %d operations, the profile says plan_ops %d" % (path, len(lines), expected))
    if not lines:
        raise PeerError("the plan %s is empty" % path)
    return [parse_plan_line(line, n) for n, line in enumerate(lines)]


WARMUP_OPS_DEFAULT = 300
# Failed warm-up reads in a row that end the warm-up: a server failing that many is not warming up.
WARMUP_FAILURES_IN_ROW = 5


def warmup_ops(plan, count):
    """The reads the warm-up runs (README.md, "Running the plan"): the plan's reads in its order,
    again from the start when it holds fewer than count; in a plan of inserts only, a get of each
    insert's first key, since an insert would write now what the run writes later."""
    if count <= 0:
        return []
    reads = []
    for op in plan:
        if op[0] != INSERT:
            reads.append(op)
            if len(reads) == count:
                break
    if not reads:
        reads = [(GET, op[2][0]) for op in plan[:count]]
    if not reads:
        return []
    return [reads[i % len(reads)] for i in range(count)]


def warn(text):
    """A line on stderr, at once."""
    print(text, file=sys.stderr, flush=True)


def warm_up(ops, run, warn=warn):
    """Runs each of ops with run(k, op) one after the other, before t0 and unmeasured; run raises
    on failure. warn(text) is told how many failed. A warm-up that ended without a single success
    raises PeerError: the plan cannot run here (a wrong column family, a server refusing reads)."""
    failed = in_row = 0
    last = None
    for k, op in enumerate(ops):
        try:
            run(k, op)
        except Exception as e:  # any failure: counted, never recorded
            failed, in_row, last = failed + 1, in_row + 1, e
            if in_row < WARMUP_FAILURES_IN_ROW:
                continue
            if failed == k + 1:
                raise PeerError("the warm-up's first %d reads failed, the last with %s" % (failed, describe(last))) from e
            break
        else:
            in_row = 0
    if failed:
        warn("warning: %d warm-up reads failed, the last with %s" % (failed, describe(last)))


def describe(e):
    """An exception's class and text on one line."""
    return " ".join(("%s: %s" % (type(e).__name__, e)).split())


class Results:
    """Every finished operation, kept in memory (list.append is atomic under the GIL, so any
    thread records) and written once after the last one ended. Times are clock() nanoseconds."""

    def __init__(self):
        self.rows = []
        self.record = self.rows.append

    def ok(self, index, intended, start, end):
        self.record((index, intended, start, end))

    def failed(self, index, intended, start, end, kind, host, message):
        self.record((index, intended, start, end, kind, host, message))

    def write(self, path, t0, run_cpu_s=None):
        """run_cpu_s: the process's CPU seconds from t0 to the last operation's end, written as
        the '# run_cpu_s' note cppcassa-bench compares (time.process_time counts every thread)."""
        def us(ns):
            return (ns - t0) // 1000

        out = [] if run_cpu_s is None else ["# run_cpu_s %.6f\n" % run_cpu_s]
        for r in self.rows:
            head = "%d %d %d %d " % (r[0], us(r[1]), us(r[2]), us(r[3]))
            if len(r) == 4:
                out.append(head + "ok\n")
            else:
                message = " ".join(str(r[6]).split()) or "-"
                out.append("%s%s %s %s\n" % (head, r[4], r[5] or "-", message))
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(out)
        except OSError as e:
            raise PeerError("cannot write the results %s: %s" % (path, e)) from e


def open_loop(plan_len, rate, t0, stop_at, slots, launch, now=clock, sleep=time.sleep):
    """Starts operation i at t0 + i/rate, or as soon as `slots` (a queue.SimpleQueue-like object
    holding one token per operation allowed in flight) yields a token; starts none at or after
    stop_at. launch(i, intended_ns) must hand the token back (slots.put) when the operation ends.
    Returns how many operations were launched."""
    period = 1e9 / rate
    for i in range(plan_len):
        intended = t0 + int(i * period)
        if intended >= stop_at:
            return i
        t = now()
        if intended > t:
            sleep((intended - t) / 1e9)
            t = now()
        if t >= stop_at:
            return i
        try:
            token = slots.get(timeout=(stop_at - t) / 1e9)
        except queue.Empty:
            return i
        if now() >= stop_at:  # the wait for a token may end just past the limit
            slots.put(token)
            return i
        launch(i, intended)
    return plan_len


class ClosedLoopFeed:
    """Hands out operation indices to a closed loop's workers until end_at; with cycles the
    plan starts again at line 0 (the index still counts up: line = index % plan_len)."""

    def __init__(self, plan_len, cycles, end_at, now=clock):
        self._counter = itertools.count()
        self._plan_len = plan_len
        self._cycles = cycles
        self._end_at = end_at
        self._now = now

    def next(self):
        """The next index, or None when the worker should stop (time is up or the plan ended)."""
        if self._now() >= self._end_at:
            return None
        i = next(self._counter)  # one C call: atomic under the GIL, so workers share it
        if i >= self._plan_len and not self._cycles:
            return None
        return i


def run_main(main):
    """Runs a peer's main(argv) -> results written; a PeerError (or an unexpected failure before
    the results) is one line on stderr and exit status 1."""
    try:
        main(sys.argv[1:])
    except PeerError as e:
        print("error: %s" % e, file=sys.stderr, flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(0)
