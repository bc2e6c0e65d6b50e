#!/usr/bin/python3
"""The `python-driver` peer of `cppcassa-bench run` (README.md beside this file): the DataStax
Python driver (Debian's python3-cassandra), pycassa's successor, over CQL on the same data.

    /usr/bin/python3 python_driver_peer.py PROFILE

The Thrift column family appears to CQL 3.11 as `key blob, column1 blob, value blob,
PRIMARY KEY (key, column1)) WITH COMPACT STORAGE` (the driver's metadata shows exactly that).

What a user gets by default, made explicit: TokenAwarePolicy(DCAwareRoundRobinPolicy()), the
default RetryPolicy, client-side timestamps (the driver's monotonic microsecond generator stamps
each insert batch when it is sent), the libev event loop, rows as named tuples. The last one
costs: named_tuple_factory builds a namedtuple class for every result, and tuple_factory about
doubles the gets one event-loop thread completes; we keep the default a user has. Requests go
through execute_async with callbacks, so the open loop needs no thread per operation: the main
thread dispatches, the driver's event-loop thread runs the callbacks.

Connections: with protocol v3 and later the driver keeps exactly one connection per host and
Session (it refuses set_core/max_connections_per_host); so `connections` becomes
ceil(connections / hosts) Sessions on one Cluster, used in turn, which gives each host that many
connections (plus the Cluster's one control connection).

Operations: get and range as README.md says; insert is one UNLOGGED BatchStatement of prepared
INSERTs, one per column; multiget is one `WHERE key IN ?` request with LIMIT rows x columns: the
same single request to one coordinator that fans out as Thrift's multiget_slice, so both protocols
do the same server work (issuing one query per key would measure a different operation, and the
key's routing would favour the CQL side). Reads disable paging (fetch_size None) so every
operation is one request and one response, as over Thrift.
"""
import argparse
import os
import queue
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_peer_common as common  # noqa: E402
from run_peer_common import GET, INSERT, MULTIGET, PeerError  # noqa: E402

try:
    import cassandra
    from cassandra import ConsistencyLevel
    from cassandra.auth import PlainTextAuthProvider
    from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile, NoHostAvailable
    from cassandra.connection import ConnectionException
    from cassandra.policies import DCAwareRoundRobinPolicy, TokenAwarePolicy
    from cassandra.query import BatchStatement, BatchType
except ImportError as e:
    print("error: the DataStax Python driver is missing: install Debian's python3-cassandra "
          "(apt-get install python3-cassandra) and run with /usr/bin/python3 (%s)" % e, file=sys.stderr)
    sys.exit(1)


def classify(e):
    """(error kind, host or None) of a failed request, from the driver's exception classes."""
    if isinstance(e, (cassandra.ReadTimeout, cassandra.WriteTimeout)):
        return "timeout", None
    if isinstance(e, cassandra.Unavailable):
        return "unavailable", None
    if isinstance(e, cassandra.OperationTimedOut):
        return "client_timeout", None
    if isinstance(e, NoHostAvailable):
        # Empty: the query plan had no live host. Otherwise each host tried failed: the last
        # failure tells what happened (typically a connection error).
        if not e.errors:
            return "no_server_available", "-"
        host, last = list(e.errors.items())[-1]
        kind = classify(last)[0] if isinstance(last, BaseException) else "other"
        return (kind if kind != "other" else "no_server_available"), str(host)
    if isinstance(e, (ConnectionException, OSError)):
        return "connection", None
    return "other", None


def endpoint_of(host):
    """'address:port' of a driver Host."""
    return str(host.endpoint) if host is not None else "-"


class DriverPeer:
    def __init__(self, profile):
        self.profile = profile
        cls = ConsistencyLevel.name_to_value
        for cl in (profile.read_cl, profile.write_cl):
            if cl not in cls:
                raise PeerError("unknown consistency level %r (known: %s)" % (cl, ", ".join(sorted(cls))))
        self.read_cl, self.write_cl = cls[profile.read_cl], cls[profile.write_cl]
        auth = None
        if profile.user is not None:
            auth = PlainTextAuthProvider(username=profile.user,
                                         password=os.environ.get("CPPCASSA_RUN_PASSWORD", ""))
        default = ExecutionProfile(load_balancing_policy=TokenAwarePolicy(DCAwareRoundRobinPolicy()),
                                   request_timeout=profile.timeout_s, consistency_level=self.read_cl)
        self.cluster = Cluster(contact_points=[h for h, _ in profile.hosts], port=profile.cql_port,
                               auth_provider=auth, execution_profiles={EXEC_PROFILE_DEFAULT: default})
        per_host = -(-profile.connections // len(profile.hosts))
        try:
            # wait_for_all_pools: every connection is open before t0, not only the first host's.
            self.sessions = [self.cluster.connect(profile.keyspace, wait_for_all_pools=True)
                             for _ in range(per_host)]
            self.prepare()
        except Exception as e:
            self.cluster.shutdown()
            raise PeerError("cannot start on %s (keyspace %s): %s" % (
                ", ".join("%s:%d" % (h, profile.cql_port) for h, _ in profile.hosts), profile.keyspace,
                " ".join(str(e).split()))) from e
        self.names = profile.column_names()
        self.values = common.Values()

    def prepare(self):
        p, s = self.profile, self.sessions[0]
        cf, columns = '"%s"' % p.column_family.replace('"', '""'), p.columns
        self.get = s.prepare("SELECT column1, value FROM %s WHERE key = ? LIMIT %d" % (cf, columns))
        self.insert = s.prepare("INSERT INTO %s (key, column1, value) VALUES (?, ?, ?)" % cf)
        self.multiget = s.prepare("SELECT key, column1, value FROM %s WHERE key IN ? LIMIT ?" % cf)
        self.range = s.prepare("SELECT key, column1, value FROM %s WHERE token(key) >= token(?) LIMIT ?" % cf)
        for stmt in (self.get, self.multiget, self.range):
            stmt.consistency_level = self.read_cl
            stmt.fetch_size = None
        self.insert.consistency_level = self.write_cl

    def start(self, index, op):
        """Hands plan operation `op` to the driver; returns its ResponseFuture."""
        session = self.sessions[index % len(self.sessions)]
        kind = op[0]
        if kind == GET:
            return session.execute_async(self.get, (op[1],))
        if kind == INSERT:
            batch = BatchStatement(BatchType.UNLOGGED, consistency_level=self.write_cl)
            value, insert = self.values.of(op[1]), self.insert
            for key in op[2]:
                for name in self.names:
                    batch.add(insert, (key, name, value))
            return session.execute_async(batch)
        columns = self.profile.columns
        if kind == MULTIGET:
            return session.execute_async(self.multiget, (op[1], len(op[1]) * columns))
        return session.execute_async(self.range, (op[1], op[2] * columns))


class Runner:
    """Starts operations and records their ends from the driver's callbacks."""

    def __init__(self, peer, plan, results):
        self.peer, self.plan, self.results = peer, plan, results
        self.clock = common.clock

    def launch(self, index, intended, done):
        """Starts plan line index % len(plan); done() runs once it ended, however it ended.
        intended None: a closed loop's operation, meant to start when it starts."""
        results, clock = self.results, self.clock
        start = clock()
        if intended is None:
            intended = start

        def ok(_rows):
            results.ok(index, intended, start, clock())
            done()

        def failed(e):
            end = clock()
            kind, host = classify(e)
            if host is None:  # the host of the last attempt; the driver keeps it only privately
                host = endpoint_of(getattr(future, "_current_host", None))
            results.failed(index, intended, start, end, kind, host, "%s: %s" % (type(e).__name__, e))
            done()

        try:
            future = self.peer.start(index, self.plan[index % len(self.plan)])
        except Exception as e:  # refused before any request went out (e.g. binding)
            future = None
            failed(e)
            return
        # A future that already failed calls back here, in this thread.
        future.add_callbacks(ok, failed)


def run_open(runner, profile):
    capacity = profile.max_in_flight
    slots = queue.SimpleQueue()
    for _ in range(capacity):
        slots.put(None)
    t0 = runner.clock()
    done = lambda: slots.put(None)  # noqa: E731
    common.open_loop(len(runner.plan), profile.rate, t0, t0 + profile.duration_ns + profile.grace_ns, slots,
                     lambda i, intended: runner.launch(i, intended, done))
    wait_for_tokens(slots, capacity, profile)
    return t0


def run_closed(runner, profile):
    """`concurrency` chains of operations: each one's callback starts the next. A request that
    fails at once calls back inside launch(); the trampoline turns that recursion into a loop."""
    t0 = runner.clock()
    feed = common.ClosedLoopFeed(len(runner.plan), profile.plan_cycles, t0 + profile.duration_ns)
    retired = queue.SimpleQueue()
    local = threading.local()

    def next_op():
        if getattr(local, "active", False):
            local.pending += 1
            return
        local.active, local.pending = True, 1
        try:
            while local.pending:
                local.pending -= 1
                i = feed.next()
                if i is None:
                    retired.put(None)
                else:
                    runner.launch(i, None, next_op)
        finally:
            local.active = False

    for _ in range(profile.concurrency):
        next_op()
    wait_for_tokens(retired, profile.concurrency, profile)
    return t0


def wait_for_tokens(tokens, count, profile):
    """Waits until every operation ended (each hands back a token); the driver's own request
    timeout bounds each, so a long wait means a lost callback, reported rather than hung on."""
    limit = profile.timeout_s * 2 + 10
    for got in range(count):
        try:
            tokens.get(timeout=limit)
        except queue.Empty:
            print("warning: %d operations never called back within %.0f s; their lines are missing"
                  % (count - got, limit), file=sys.stderr, flush=True)
            return


def main(argv):
    a = argparse.ArgumentParser(description="cppcassa-bench run's DataStax Python driver peer")
    a.add_argument("profile")
    profile = common.Profile(a.parse_args(argv).profile)
    plan = common.read_plan(profile.plan, profile.plan_ops)
    peer = DriverPeer(profile)
    try:
        # Prepared statements reach every host at prepare(); the warm-up runs them on each
        # session, which warms Cassandra's CQL path as well as the driver.
        common.warm_up(common.warmup_ops(plan, profile.warmup_ops), lambda k, op: peer.start(k, op).result())
        results = common.Results()
        runner = Runner(peer, plan, results)
        cpu_at_start = time.process_time()
        t0 = (run_open if profile.rate is not None else run_closed)(runner, profile)
        results.write(profile.results, t0, time.process_time() - cpu_at_start)
    finally:
        peer.cluster.shutdown()


if __name__ == "__main__":
    common.run_main(main)
