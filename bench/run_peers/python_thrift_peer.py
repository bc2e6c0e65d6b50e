#!/usr/bin/python3
"""The `python` peer of `cppcassa-bench run` (README.md beside this file): Debian's python3-thrift,
TBinaryProtocolAccelerated (the C codec, thrift.protocol.fastbinary) over TFramedTransport, one
blocking connection per thread: the engine under pycassa.

    /usr/bin/python3 python_thrift_peer.py --gen DIR PROFILE

DIR is where `thrift --gen py proto/cassandra.thrift` wrote the Cassandra module (the bench build
does it; cppcassa-bench passes it as CPPCASSA_BENCH_PY_GEN).

Connections: `connections` in all, the j-th to hosts[j % len(hosts)] (pycassa's pool spreads the
same way); a host that refuses is skipped for the next one, as pycassa's pool does.
Open loop: a dispatcher thread and `connections` workers, each owning one connection; an operation
starts when due and a worker is free (at most min(connections, max_in_flight) in flight).
Closed loop: `concurrency` threads sharing the `connections` connections as pycassa's pool does
(a thread takes the next line, then waits for a free connection; that wait is in its latency).
"""
import argparse
import collections
import logging
import os
import queue
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_peer_common as common  # noqa: E402
from run_peer_common import GET, INSERT, MULTIGET, PeerError  # noqa: E402


def load_thrift(gen):
    """The generated Cassandra module and python3-thrift, refusing the pure-Python codec (several
    times slower: not the client we mean to measure)."""
    if not os.path.isfile(os.path.join(gen, "cassandra", "Cassandra.py")):
        raise PeerError("no generated Cassandra module in %s (run `thrift --gen py proto/cassandra.thrift`"
                        " into it; the bench build does)" % gen)
    sys.path.insert(0, gen)  # before python3-cassandra's own `cassandra` package, if installed
    # TSocket logs each refused connection; Connection.open reports them once, with the host.
    logging.getLogger("thrift.transport.TSocket").setLevel(logging.CRITICAL)
    try:
        from thrift.protocol import fastbinary  # noqa: F401
    except ImportError as e:
        raise PeerError("thrift.protocol.fastbinary is missing: run with Debian's /usr/bin/python3 "
                        "and python3-thrift (apt-get install python3-thrift)") from e
    import cassandra.Cassandra  # noqa: F401  (the generated one: gen is first on the path)
    import cassandra.ttypes  # noqa: F401
    return cassandra


class Connection:
    """One blocking Thrift connection; after a failure that leaves it out of sync (transport
    error, client timeout) it is closed and reopened before its next operation."""

    def __init__(self, peer, number):
        self.peer = peer
        self.number = number
        self.first_host = number % len(peer.hosts)
        self.client = None
        self.transport = None
        self.host = "-"

    def open(self):
        """Tries every host from this connection's own; PeerError naming each failure if none."""
        p = self.peer
        failures = []
        for k in range(len(p.hosts)):
            host, port = p.hosts[(self.first_host + k) % len(p.hosts)]
            sock = p.TSocket.TSocket(host, port)
            sock.setTimeout(p.profile.timeout_s * 1000)
            transport = p.TTransport.TFramedTransport(sock)
            client = p.Cassandra.Client(p.TBinaryProtocol.TBinaryProtocolAccelerated(transport))
            name = "%s:%d" % (host, port) if ":" not in host else "[%s]:%d" % (host, port)
            try:
                transport.open()
                if p.profile.user is not None:
                    client.login(p.ttypes.AuthenticationRequest(
                        credentials={"username": p.profile.user, "password": p.password}))
                client.set_keyspace(p.profile.keyspace)
            except (p.ttypes.AuthenticationException, p.ttypes.AuthorizationException,
                    p.ttypes.InvalidRequestException) as e:
                transport.close()
                raise PeerError("%s refused the session: %s" % (name, e)) from e
            except Exception as e:  # this host is down or unreachable: the next one
                transport.close()
                failures.append("%s: %s" % (name, message_of(e)))
                continue
            self.client, self.transport, self.host = client, transport, name
            if k:
                print("warning: connection %d went to %s: %s" % (self.number, name, "; ".join(failures)),
                      file=sys.stderr, flush=True)
            return
        raise PeerError("no host accepted a connection: " + "; ".join(failures))

    def close(self):
        if self.transport is not None:
            self.transport.close()
        self.client = self.transport = None


def message_of(e):
    """The text of an exception, with the socket error a Thrift transport error wraps."""
    inner = getattr(e, "inner", None)
    text = str(e) or type(e).__name__
    return "%s (%s)" % (text, inner) if inner is not None else text


class ThriftPeer:
    def __init__(self, profile, gen):
        cassandra = load_thrift(gen)
        from thrift.protocol import TBinaryProtocol
        from thrift.Thrift import TApplicationException
        from thrift.transport import TSocket, TTransport

        self.Cassandra, self.ttypes = cassandra.Cassandra, cassandra.ttypes
        self.TBinaryProtocol, self.TSocket, self.TTransport = TBinaryProtocol, TSocket, TTransport
        self.TApplicationException = TApplicationException
        self.profile = profile
        self.hosts = profile.hosts
        self.password = os.environ.get("CPPCASSA_RUN_PASSWORD", "")
        t = self.ttypes
        names = t.ConsistencyLevel._NAMES_TO_VALUES
        for cl in (profile.read_cl, profile.write_cl):
            if cl not in names:
                raise PeerError("unknown consistency level %r (known: %s)" % (cl, ", ".join(sorted(names))))
        self.read_cl, self.write_cl = names[profile.read_cl], names[profile.write_cl]
        self.parent = t.ColumnParent(column_family=profile.column_family)
        self.predicate = t.SlicePredicate(slice_range=t.SliceRange(
            start=b"", finish=b"", reversed=False, count=profile.columns))
        self.names = profile.column_names()
        self.values = common.Values()
        # Cassandra's own answers: the connection stays in sync and is kept.
        self.server_kinds = ((t.TimedOutException, "timeout"), (t.UnavailableException, "unavailable"))

    def execute(self, client, op):
        t = self.ttypes
        kind = op[0]
        if kind == GET:
            client.get_slice(op[1], self.parent, self.predicate, self.read_cl)
        elif kind == INSERT:
            value = self.values.of(op[1])
            ts = time.time_ns() // 1000
            cf = self.profile.column_family
            mutations = {key: {cf: [t.Mutation(column_or_supercolumn=t.ColumnOrSuperColumn(
                column=t.Column(name=name, value=value, timestamp=ts))) for name in self.names]}
                for key in op[2]}
            client.batch_mutate(mutations, self.write_cl)
        elif kind == MULTIGET:
            client.multiget_slice(op[1], self.parent, self.predicate, self.read_cl)
        else:
            client.get_range_slices(self.parent, self.predicate,
                                    t.KeyRange(start_key=op[1], end_key=b"", count=op[2]), self.read_cl)

    def run_one(self, conn, index, intended, start, results, plan):
        """Executes plan line index % len(plan) on conn and records how it ended."""
        if conn.client is None:
            try:
                conn.open()
            except PeerError as e:
                results.failed(index, intended, start, common.clock(), "no_server_available", "-", e)
                return
        try:
            self.execute(conn.client, plan[index % len(plan)])
        except Exception as e:
            end = common.clock()
            kind, keeps = self.classify(e)
            results.failed(index, intended, start, end, kind, conn.host, message_of(e))
            if not keeps:
                conn.close()
            return
        results.ok(index, intended, start, common.clock())

    def warm_one(self, conns, k, op):
        """Warm-up read k on connection k % len(conns): each connection's server thread warms
        too. Raises what the read raised, after closing a connection left out of sync."""
        conn = conns[k % len(conns)]
        if conn.client is None:
            conn.open()
        try:
            self.execute(conn.client, op)
        except Exception as e:
            if not self.classify(e)[1]:
                conn.close()
            raise

    def classify(self, e):
        """(error kind, whether the connection is still in sync) for an operation's exception."""
        for cls, kind in self.server_kinds:
            if isinstance(e, cls):
                return kind, True
        if isinstance(e, (self.ttypes.InvalidRequestException, self.TApplicationException)):
            return "other", True
        if isinstance(e, self.TTransport.TTransportException):
            timed_out = (e.type == self.TTransport.TTransportException.TIMED_OUT
                         or isinstance(getattr(e, "inner", None), socket.timeout))
            return ("client_timeout" if timed_out else "connection"), False
        if isinstance(e, socket.timeout):
            return "client_timeout", False
        if isinstance(e, OSError):
            return "connection", False
        return "other", False


def run_open(peer, profile, plan, conns, results):
    slots = queue.SimpleQueue()
    for _ in range(min(len(conns), profile.max_in_flight)):
        slots.put(None)
    jobs = queue.SimpleQueue()
    clock = common.clock

    def worker(conn):
        while True:
            job = jobs.get()
            if job is None:
                return
            peer.run_one(conn, job[0], job[1], clock(), results, plan)
            slots.put(None)

    threads = [threading.Thread(target=worker, args=(c,), daemon=True) for c in conns]
    for th in threads:
        th.start()
    t0 = clock()
    common.open_loop(len(plan), profile.rate, t0, t0 + profile.duration_ns + profile.grace_ns, slots,
                     lambda i, intended: jobs.put((i, intended)))
    for _ in threads:
        jobs.put(None)
    for th in threads:
        th.join()
    return t0


class ConnectionPool:
    """pycassa's checkout and return, first come first served: a returned connection goes to the
    thread that waited longest. (With a plain queue the returning thread takes it back at once,
    holding the GIL, and the threads asleep in get() starve.)"""

    def __init__(self, conns):
        self.free = list(conns)
        self.waiters = collections.deque()
        self.lock = threading.Lock()

    def get(self, mailbox):
        """A connection; mailbox is the calling thread's own queue.SimpleQueue."""
        with self.lock:
            if self.free:
                return self.free.pop()
            self.waiters.append(mailbox)
        return mailbox.get()

    def put(self, conn):
        with self.lock:
            if self.waiters:
                self.waiters.popleft().put(conn)
            else:
                self.free.append(conn)


def run_closed(peer, profile, plan, conns, results):
    pool = ConnectionPool(conns)
    clock = common.clock
    t0 = clock()
    feed = common.ClosedLoopFeed(len(plan), profile.plan_cycles, t0 + profile.duration_ns)

    def worker():
        mailbox = queue.SimpleQueue()
        while True:
            i = feed.next()
            if i is None:
                return
            start = clock()
            conn = pool.get(mailbox)
            peer.run_one(conn, i, start, start, results, plan)
            pool.put(conn)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(profile.concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return t0


def main(argv):
    a = argparse.ArgumentParser(description="cppcassa-bench run's python3-thrift peer")
    a.add_argument("--gen", required=True, help="where thrift --gen py wrote the Cassandra module")
    a.add_argument("profile")
    args = a.parse_args(argv)
    profile = common.Profile(args.profile)
    plan = common.read_plan(profile.plan, profile.plan_ops)
    peer = ThriftPeer(profile, args.gen)
    conns = [Connection(peer, j) for j in range(profile.connections)]
    for c in conns:
        c.open()
    common.warm_up(common.warmup_ops(plan, profile.warmup_ops), lambda k, op: peer.warm_one(conns, k, op))
    results = common.Results()
    run = run_open if profile.rate is not None else run_closed
    cpu_at_start = time.process_time()
    t0 = run(peer, profile, plan, conns, results)
    results.write(profile.results, t0, time.process_time() - cpu_at_start)
    for c in conns:
        c.close()


if __name__ == "__main__":
    common.run_main(main)
