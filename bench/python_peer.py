#!/usr/bin/python3
"""The Python peer of cppcassa-bench: Debian's python3-thrift with its C-accelerated binary
protocol (thrift.protocol.fastbinary, through TBinaryProtocolAccelerated) over TFramedTransport,
the engine under pycassa. cppcassa-bench spawns it once per round and folds its one JSON line
into the same table:

    {"ops": N, "seconds": S, "cpu_s": C, "p50_ns": .., "p99_ns": .., "p999_ns": .., "max_ns": ..,
     "max_rss_kb": K, "accelerated": true}

--workload batch is the batch workload's peer: one thread ingesting --ops columns the way
pycassa's Mutator does (ingest() below); "ops" then counts columns and "sends" batch_mutate calls.

Run with Debian's /usr/bin/python3 (the one python3-thrift is installed for); --gen is the
directory `thrift --gen py` wrote the Cassandra module into (the build does that).
"""
import argparse
import json
import random
import resource
import sys
import threading
import time

SUB_BITS = 7
SUB_COUNT = 1 << SUB_BITS


class Histogram:
    """bench/histogram.hpp's log-linear layout: exact below 128, then 128 buckets per power of two."""

    def __init__(self):
        self.counts = {}
        self.total = 0
        self.max = 0

    def record(self, v):
        if v < SUB_COUNT:
            i = v
        else:
            shift = v.bit_length() - 1 - SUB_BITS
            i = (shift + 1) * SUB_COUNT + ((v >> shift) - SUB_COUNT)
        self.counts[i] = self.counts.get(i, 0) + 1
        self.total += 1
        if v > self.max:
            self.max = v

    def merge(self, o):
        for i, c in o.counts.items():
            self.counts[i] = self.counts.get(i, 0) + c
        self.total += o.total
        self.max = max(self.max, o.max)

    def quantile(self, q):
        if self.total == 0:
            return 0
        rank = max(1, -(-int(q * self.total * 1000000) // 1000000))
        seen = 0
        for i in sorted(self.counts):
            seen += self.counts[i]
            if seen >= rank:
                if i < SUB_COUNT:
                    return i
                shift = i // SUB_COUNT - 1
                lo = (SUB_COUNT + i % SUB_COUNT) << shift
                return min(lo + ((1 << shift) - 1) // 2, self.max)
        return self.max


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--gen", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--servers", type=int, default=1,
                   help="connections spread over --host and the next addresses (127.0.0.1, .2, ...)")
    p.add_argument("--port", type=int, default=9160)
    p.add_argument("--keyspace", required=True)
    p.add_argument("--workload", required=True,
                   choices=["insert", "get", "multiget", "mixed", "range", "null", "batch"])
    p.add_argument("--read-cf")
    p.add_argument("--write-cf", required=True)
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--duration", type=float, default=3.0)
    p.add_argument("--ops", type=int, default=0)
    p.add_argument("--warmup", type=float, default=0.0)
    p.add_argument("--rows", type=int)
    p.add_argument("--insert-keys", type=int)
    p.add_argument("--keys", type=int, default=100)
    p.add_argument("--page", type=int, default=100)
    p.add_argument("--columns", type=int, default=10)
    p.add_argument("--value-size", type=int, default=100)
    p.add_argument("--consistency", type=int, default=1)
    p.add_argument("--seed", type=int, default=42)
    # batch: --ops columns per round (rows of --width), --duration caps it, one thread.
    p.add_argument("--queue-size", type=int, default=100)
    p.add_argument("--width", type=int, default=10)
    p.add_argument("--key-prefix", default="p")
    a = p.parse_args()
    if a.workload != "batch" and (a.read_cf is None or a.rows is None or a.insert_keys is None):
        p.error("--read-cf, --rows and --insert-keys are required for " + a.workload)
    return a


def ingest(client, a, cf, value, columns, seconds, prefix, hist):
    """pycassa's Mutator with one producer: rows of --width columns queued in a mutation map, one
    Mutation per column; each time --queue-size are queued they go as one batch_mutate, and the
    producer waits for it. Stops after `columns` columns or `seconds`, then sends the rest.
    Returns (columns, batch_mutate calls); `hist` gets the time each row took."""
    from cassandra.ttypes import Column, ColumnOrSuperColumn, Mutation

    names = [b"c%d" % c for c in range(a.width)]
    perf = time.perf_counter_ns
    deadline = perf() + int(seconds * 1e9)
    mutations = {}
    queued = done = sends = n = 0
    while done < columns:
        t0 = perf()
        key = b"%s_%d" % (prefix, n)
        n += 1
        ts = time.time_ns() // 1000
        for name in names:
            column = Column(name=name, value=value, timestamp=ts)
            mutations.setdefault(key, {}).setdefault(cf, []).append(
                Mutation(column_or_supercolumn=ColumnOrSuperColumn(column=column)))
            queued += 1
            if queued == a.queue_size:
                client.batch_mutate(mutations, a.consistency)
                mutations = {}
                queued = 0
                sends += 1
        done += a.width
        t1 = perf()
        if hist is not None:
            hist.record(t1 - t0)
        if t1 >= deadline:
            break
    if queued:
        client.batch_mutate(mutations, a.consistency)
        sends += 1
    return done, sends


def main_batch(a, transport, client):
    """One producer thread; the JSON line of the other workloads, "ops" counting columns."""
    value = b"v" * a.value_size
    prefix = a.key_prefix.encode()
    if a.warmup > 0:
        ingest(client, a, a.write_cf, value, min(a.ops, 20000), a.warmup, prefix + b"w", None)
    hist = Histogram()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    columns, sends = ingest(client, a, a.write_cf, value, a.ops, a.duration, prefix, hist)
    seconds = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    transport.close()
    return columns, seconds, cpu0, cpu1, hist, {"sends": sends}


def main():
    a = parse_args()
    sys.path.insert(0, a.gen)
    from cassandra import Cassandra
    from cassandra.ttypes import Column, ColumnParent, KeyRange, SlicePredicate, SliceRange
    from thrift.protocol import TBinaryProtocol
    from thrift.transport import TSocket, TTransport

    try:
        from thrift.protocol import fastbinary  # noqa: F401
        accelerated = True
    except ImportError:
        accelerated = False
    if not accelerated:
        # Pure-Python TBinaryProtocol is several times slower: not the peer we mean to measure.
        print(json.dumps({"error": "thrift.protocol.fastbinary is missing (use Debian's /usr/bin/python3 "
                                   "with python3-thrift)"}), flush=True)
        return 1

    read_parent = ColumnParent(column_family=a.read_cf)
    write_parent = ColumnParent(column_family=a.write_cf)
    predicate = SlicePredicate(slice_range=SliceRange(start=b"", finish=b"", reversed=False, count=a.columns))
    value = random.Random(a.seed).randbytes(a.value_size)
    cl = a.consistency

    def row_key(i):
        return b"row-%06d" % i

    def insert_key(i):
        return b"ins-%07d" % i

    prefix, first = a.host.rsplit(".", 1)
    hosts = ["%s.%d" % (prefix, int(first) + k) for k in range(max(1, a.servers))]
    opened = [0]

    def connect():
        # Round-robin over the servers, as the C++ clients spread their connections.
        host = hosts[opened[0] % len(hosts)]
        opened[0] += 1
        sock = TSocket.TSocket(host, a.port)
        transport = TTransport.TFramedTransport(sock)
        protocol = TBinaryProtocol.TBinaryProtocolAccelerated(transport)
        client = Cassandra.Client(protocol)
        transport.open()
        if a.workload != "null":
            client.set_keyspace(a.keyspace)
        return transport, client

    if a.workload == "batch":
        try:
            if not a.ops:
                raise ValueError("batch needs --ops (columns per round)")
            return emit(*main_batch(a, *connect()), None)
        except Exception as e:  # reported in the JSON line; the harness fails the round
            return emit(0, 0.0, None, None, Histogram(), {}, repr(e))

    stop = threading.Event()
    measuring = threading.Event()
    lock = threading.Lock()
    state = {"ops": 0, "claimed": 0}
    results = []
    errors = []

    def worker(n, transport, client):
        rng = random.Random(a.seed * 7919 + n)
        hist = Histogram()
        cursor = row_key(rng.randrange(a.rows))
        done = 0
        perf = time.perf_counter_ns
        try:
            while not stop.is_set():
                if a.ops and measuring.is_set():
                    with lock:
                        if state["claimed"] >= a.ops:
                            break
                        state["claimed"] += 1
                w = a.workload
                if w == "mixed":
                    w = "insert" if rng.random() < 0.1 else "get"
                t0 = perf()
                if w == "insert":
                    ts = time.time_ns() // 1000
                    client.insert(insert_key(rng.randrange(a.insert_keys)), write_parent,
                                  Column(name=b"c", value=value, timestamp=ts), cl)
                elif w in ("get", "null"):
                    client.get_slice(row_key(rng.randrange(a.rows)), read_parent, predicate, cl)
                elif w == "multiget":
                    keys = [row_key(rng.randrange(a.rows)) for _ in range(a.keys)]
                    client.multiget_slice(keys, read_parent, predicate, cl)
                else:  # range: one page, continuing from the last key (inclusive, so one row repeats)
                    page = client.get_range_slices(read_parent, predicate,
                                                   KeyRange(start_key=cursor, end_key=b"", count=a.page), cl)
                    cursor = page[-1].key if len(page) == a.page else b""
                t1 = perf()
                if measuring.is_set():
                    hist.record(t1 - t0)
                    done += 1
        except Exception as e:  # reported in the JSON line; the harness fails the round
            errors.append(repr(e))
        finally:
            with lock:
                results.append((done, hist))
            transport.close()

    clients = [connect() for _ in range(a.threads)]
    threads = [threading.Thread(target=worker, args=(i, t, c), daemon=True) for i, (t, c) in enumerate(clients)]
    for t in threads:
        t.start()
    if a.warmup > 0:
        time.sleep(a.warmup)
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    measuring.set()
    if a.ops:
        while any(t.is_alive() for t in threads) and state["claimed"] < a.ops:
            time.sleep(0.01)
        stop.set()
    else:
        time.sleep(a.duration)
        stop.set()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    hist = Histogram()
    ops = 0
    for done, h in results:
        ops += done
        hist.merge(h)
    return emit(ops, seconds, cpu0, cpu1, hist, {"threads": a.threads}, errors[0] if errors else None)


def emit(ops, seconds, cpu0, cpu1, hist, extra, error):
    """Prints the one JSON line the harness reads; returns the exit status."""
    cpu1 = cpu1 or resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = cpu0 or cpu1
    out = {
        "ops": ops,
        "seconds": seconds,
        "cpu_s": (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime),
        "p50_ns": hist.quantile(0.5),
        "p99_ns": hist.quantile(0.99),
        "p999_ns": hist.quantile(0.999),
        "max_ns": hist.max,
        "max_rss_kb": cpu1.ru_maxrss,
        "hist": [x for i in sorted(hist.counts) for x in (i, hist.counts[i])],
        "accelerated": True,  # main() refuses to run without fastbinary
    }
    out.update(extra)
    if error:
        out["error"] = error
    print(json.dumps(out), flush=True)
    return 1 if error else 0


if __name__ == "__main__":
    sys.exit(main())
