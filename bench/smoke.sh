#!/usr/bin/env bash
# CI smoke of cppcassa-bench (ctest label `bench`): every workload runs one short round against
# the real node at 127.0.0.1:9160 and must leave a JSON result in which every client of every
# case did some operations. It asserts that the harness works end to end, never how fast. The tls
# workload runs too when the launcher's TLS node (127.0.0.10) is up, and is skipped, saying so, when not.
# Then `run`, the mode users aim at their own cluster: a short populate, a few seconds at a fixed
# rate with a mix of every operation, its interval CSV read back, its JSON, HdrHistogram file
# and chart checked; then the same operations with every peer of --peers (bench/run_peers/), each
# peer's results, intervals and files checked against the plan.
#   bash bench/smoke.sh <cppcassa-bench> [out-dir] [one run, e.g. "get --rows 1000 --servers 3", or "run"]
set -euo pipefail
bench=$1
out=${2:-$(mktemp -d)}
mkdir -p "$out"
# The launcher's first node (CPPCASSA_NET moves the cluster to 127.0.X).
short=(--duration 1 --rounds 1 --warmup 0 --host "${CPPCASSA_NET:-127.0.0}.1")

# workload, then its own flags: small enough for an ASan build, large enough to do real work.
runs=(
    "codec --duration 0.2"
    "pipeline --rows 20"
    "insert"
    "get --rows 1000"
    "get --rows 1000 --other-backend $bench"
    "multiget --rows 1000 --keys 20"
    "mixed --rows 1000"
    "range --rows 1000 --page 50"
    "null"
    "scaling --rows 1000 --sizes 1,2"
)
# The batch workload, when this build has it.
help=$("$bench" --help)  # captured, not piped into grep -q (SIGPIPE under pipefail)
if grep -qE '^  batch ' <<<"$help"; then
    runs+=("batch --columns 5000")
fi
# The tls workload, only when the launcher's TLS node (bash scripts/cassandra.sh start --tls)
# answers: its address follows CPPCASSA_NET like the first node's.
if [[ -z ${3:-} ]] && grep -qE '^  tls ' <<<"$help"; then
    launcher=${CPPCASSA_LAUNCHER:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/cassandra.sh}
    tls_host="${CPPCASSA_NET:-127.0.0}.10"
    if [[ -z $(bash "$launcher" pid tls 2>/dev/null || true) ]]; then
        echo "== skipping the tls run: the launcher's TLS node is not running (start it with: bash scripts/cassandra.sh start --tls)"
    elif ! timeout 5 bash -c "exec 3<>/dev/tcp/$tls_host/9160" 2>/dev/null; then
        echo "== skipping the tls run: the TLS node runs but $tls_host:9160 does not accept connections (still starting?)"
    elif ! tls_dir=$(bash "$launcher" tls-dir 2>/dev/null); then
        echo "== skipping the tls run: 'bash $launcher tls-dir' failed (no test CA)"
    else
        runs+=("tls --tls-host $tls_host --ca-file $tls_dir/ca.pem --rows 1000")
    fi
fi
# A run given on the command line replaces the list (the cluster label's --servers run); "run"
# alone is the run mode's smoke alone.
run_mode=1
if [[ ${3:-} == run ]]; then
    runs=()
elif [[ -n ${3:-} ]]; then
    runs=("$3")
    run_mode=0
fi

failed=0

# `cppcassa-bench run`: every file it promises, the CSV parsed row by row.
run_mode_smoke() {
    local dir="$out/run"
    rm -rf "$dir"
    local args=(run --hosts "${CPPCASSA_NET:-127.0.0}.1:9160" --keyspace cppcassa_bench_run --replication 1
        --populate 2000 --columns 4 --value-size 20..200 --rate 200 --duration 3 --interval 1
        --mix get=5,insert=2,multiget=1,range=1 --keys zipf:1.1 --batch 2 --multiget-keys 5 --page 20
        --warmup-ops 50 --peers all --peer-connections 4 --out "$dir")
    echo "== cppcassa-bench ${args[*]}"
    if ! "$bench" "${args[@]}"; then
        echo "FAIL: run exited with an error"
        return 1
    fi
    local chart_expected=1
    command -v gnuplot >/dev/null || { chart_expected=0; echo "== no gnuplot: run.png is not checked"; }
    /usr/bin/python3 - "$dir" "$chart_expected" <<'PY'
import csv, json, os, sys
d, chart = sys.argv[1], sys.argv[2] == "1"
rows = list(csv.DictReader(open(os.path.join(d, "intervals.csv"))))
kinds = ["timeout", "unavailable", "client_timeout", "connection", "no_server_available", "other"]
want = ["time_s", "interval_s", "ops", "ops_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms", "errors", *kinds,
        "behind_ms", "late_starts", "in_flight", "cpu_wait_ms"]
assert rows and list(rows[0].keys()) == want, f"intervals.csv columns: {list(rows[0].keys()) if rows else 'no row'}"
assert len(rows) >= 3, f"{len(rows)} intervals for a 3 s run at 1 s"
for r in rows:
    for k in want:
        float(r[k])  # every cell a number
    assert int(r["errors"]) == sum(int(r[k]) for k in kinds), r
    if int(r["ops"]):
        assert 0 < float(r["p50_ms"]) <= float(r["p99_ms"]) <= float(r["p999_ms"]) <= float(r["max_ms"]), r
assert sum(int(r["ops"]) for r in rows) > 0, "no operation succeeded"
times = [float(r["time_s"]) for r in rows]
assert times == sorted(times), times
j = json.load(open(os.path.join(d, "run.json")))
assert j["settings"]["mix"] == "get=5,insert=2,multiget=1,range=1", j["settings"]
assert j["populate"]["rows"] == 2000 and j["populate"]["failed_rows"] == 0, j["populate"]
assert len(j["intervals"]) == len(rows), "run.json and intervals.csv disagree"
s = j["summary"]
assert s["ops"] == sum(int(r["ops"]) for r in rows), (s["ops"], "vs the CSV")
assert set(s["per_op"]) == {"get", "insert", "multiget", "range"}, s["per_op"]
assert s["schedule"]["open_loop"], s["schedule"]
hgrm = open(os.path.join(d, "latency.hgrm")).read().splitlines()
assert hgrm[0].split() == ["Value", "Percentile", "TotalCount", "1/(1-Percentile)"], hgrm[0]
assert hgrm[-3].startswith("#[Mean") and hgrm[-1].startswith("#[Buckets"), hgrm[-3:]
last = hgrm[-4].split()
assert float(last[1]) == 1.0 and int(last[2]) == s["ops"], last
for op in ("get", "insert", "multiget", "range"):
    assert os.path.getsize(os.path.join(d, f"latency-{op}.hgrm")) > 0, op
if chart:
    assert os.path.getsize(os.path.join(d, "run.png")) > 1000, "run.png missing or empty"
print(f"ok: run: {len(rows)} intervals, {s['ops']} operations, {sum(int(r['errors']) for r in rows)} errors")

# --peers all: every peer ran the very same plan, and its figures came out like cppcassa's.
plan = open(os.path.join(d, "peers", "plan.txt")).read().splitlines()
assert len(plan) == 600, f"{len(plan)} operations in the plan of a 3 s run at 200 ops/s"
c = json.load(open(os.path.join(d, "comparison.json")))
names = [x["client"] for x in c["clients"]]
assert names == ["cppcassa", "apache-sync", "python", "astyanax", "python-driver", "gocql"], names
for x in c["clients"]:
    assert "failure" not in x, f"{x['client']} did not run: {x.get('failure')}"
    assert x["ops"] > 0 and x["cpu_us_per_op"] > 0, x
    if x["client"] == "cppcassa":
        continue
    pd = os.path.join(d, "peers", x["client"])
    lines = open(os.path.join(pd, "results.txt")).read().splitlines()
    assert any(l.startswith("# run_cpu_s ") for l in lines), f"{x['client']}: no # run_cpu_s note"
    assert not x["cpu_of_whole_process"], f"{x['client']}: its run's CPU was not measured"
    results = [l for l in lines if l and not l.startswith("#")]
    indexes = sorted(int(line.split()[0]) for line in results)
    assert len(set(indexes)) == len(indexes) and indexes[-1] < len(plan), f"{x['client']}: indexes off the plan"
    assert x["ops"] + x["errors"] == len(results), (x, len(results))
    peer_rows = list(csv.DictReader(open(os.path.join(pd, "intervals.csv"))))
    assert sum(int(r["ops"]) for r in peer_rows) == x["ops"], f"{x['client']}: intervals.csv and comparison.json disagree"
    assert json.load(open(os.path.join(pd, "run.json")))["summary"]["ops"] == x["ops"], x["client"]
    assert os.path.getsize(os.path.join(pd, "latency.hgrm")) > 0, x["client"]
print("ok: run --peers: " + ", ".join(f"{x['client']} {x['ops']}" for x in c["clients"]))
PY
}

for run in "${runs[@]}"; do
    read -r -a args <<<"$run"
    name=${args[0]}
    json="$out/$name.json"
    rm -f "$json"
    echo "== cppcassa-bench ${args[*]} ${short[*]}"
    if ! "$bench" "${args[@]}" "${short[@]}" --json "$json"; then
        echo "FAIL: $name exited with an error"
        failed=1
        continue
    fi
    # Every case has rows, every row ran operations; the client workloads have all three peers.
    if ! /usr/bin/python3 - "$json" "$name" "${args[@]}" <<'PY'
import json, sys
path, name, flags = sys.argv[1], sys.argv[2], sys.argv[4:]
r = json.load(open(path))
assert r["workload"] == name, f"workload {r['workload']!r} in {path}"
assert r["cases"], "no case"
expected = {
    "insert": {"cppcassa", "apache-sync", "python"},
    "get": {"cppcassa", "apache-sync", "python"},
    "multiget": {"cppcassa", "apache-sync", "python"},
    "mixed": {"cppcassa", "apache-sync", "python"},
    "range": {"cppcassa", "apache-sync", "python"},
    "null": {"cppcassa", "cppcassa-depth1", "apache-sync", "python", "syscall-floor"},
    "batch": {"cppcassa", "apache-sync", "python"},
    "scaling": {"cppcassa", "apache-sync", "python"},
    "tls": {"cppcassa", "cppcassa-tls"},
}.get(name, set())
for c in r["cases"]:
    clients = {x["client"] for x in c["rows"]}
    missing = expected - clients
    assert not missing, f"{c['name']}: no row for {sorted(missing)}"
    for x in c["rows"]:
        assert x["ops_per_s"] > 0, f"{c['name']} / {x['client']}: no operations"
        if name in expected and name != "codec":
            assert x.get("total_ops", 0) > 0, f"{c['name']} / {x['client']}: total_ops missing"
            assert "cpu_s_per_mop" in x and "latency_ns" in x, f"{c['name']} / {x['client']}: metrics missing"
if name == "batch":
    # One case per queue_size (1, 10, 100, 1000), compared with cppcassa.
    assert len(r["cases"]) == 4, f"{len(r['cases'])} batch cases, expected 4"
    assert all(c["baseline"] == "cppcassa" for c in r["cases"]), "batch baseline is not cppcassa"
if name == "scaling":
    # One case per size, then the peaks and the best-vs-best ratios drawn from them.
    assert len(r["cases"]) == 2, f"{len(r['cases'])} cases for --sizes 1,2"
    s = r.get("summary", {})
    for group in ("cppcassa", "apache-sync", "python", "best_vs_best"):
        assert group in s, f"summary has no {group!r}: {sorted(s)}"
    assert s["cppcassa"].get("connections_to_90pct_peak") in (1, 2), s["cppcassa"]
    assert s["apache-sync"].get("threads_to_90pct_peak") in (1, 2), s["apache-sync"]
    assert s["best_vs_best"].get("cppcassa_over_apache-sync_ops", 0) > 0, s["best_vs_best"]
if name == "tls":
    # One case per --op (get and insert by default), the plaintext pool as baseline.
    want = 1 if "--op" in flags else 2
    assert len(r["cases"]) == want, f"{len(r['cases'])} tls cases, expected {want}"
    assert all(c["baseline"] == "cppcassa" for c in r["cases"]), "tls baseline is not cppcassa"
    assert r["params"].get("tls_server"), r["params"]
if "--other-backend" in flags:
    # The other build's rounds ran in processes of their own, beside this one's.
    peers = {x["client"] for c in r["cases"] for x in c["rows"]} & {"cppcassa-epoll", "cppcassa-io_uring"}
    assert len(peers) == 1, f"no cppcassa-<backend> row: {peers}"
    assert r["params"]["io_backend"] in ("epoll", "io_uring"), r["params"]
if "--servers" in flags:
    # cppcassa's pool sent operations to every server it was given.
    n = int(flags[flags.index("--servers") + 1])
    assert r["params"]["servers"] == str(n), r["params"]
    spread = r["params"]["cppcassa_operations_per_server"].split(",")
    assert len(spread) == n and all(int(x.split("=")[1]) > 0 for x in spread), spread
print(f"ok: {name}: {sum(len(c['rows']) for c in r['cases'])} rows, all with operations")
PY
    then
        echo "FAIL: $name's result ($json) is incomplete"
        failed=1
    fi
done
if ((run_mode)) && ! run_mode_smoke; then
    echo "FAIL: run's output ($out/run) is incomplete"
    failed=1
fi
exit $failed
