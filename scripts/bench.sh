#!/usr/bin/env bash
# The README's bench command: builds cppcassa-bench in Release, makes sure a Cassandra node is
# up at 127.0.0.1:9160 (starting one with scripts/cassandra.sh when none is, and stopping it at
# the end only then), runs every workload against every peer, and leaves in bench/results/ one
# JSON per workload, latest.txt (all the tables) and latest.png (the chart).
#
#   bash scripts/bench.sh [--quick] [--other-backend] [options for every workload, e.g. --rounds 3]
#   --quick          2-second rounds, 3 rounds, 1 s warm-up (a first look; the default is 5 x 5 s)
#   --other-backend  also build for the other Asio backend and measure it beside this build
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${CPPCASSA_BUILD_DIR:-$root/build/bench}
launcher="$root/scripts/cassandra.sh"
results="$root/bench/results"

extra=()
with_other=0
while [[ ${1:-} == --quick || ${1:-} == --other-backend ]]; do
    if [[ $1 == --quick ]]; then extra+=(--duration 2 --rounds 3 --warmup 1); else with_other=1; fi
    shift
done
extra+=("$@")

bash scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCPPCASSA_BUILD_TESTS=OFF -DCPPCASSA_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --target cppcassa-bench -j"$(nproc)"
bench="$build/bench/cppcassa-bench"

# --other-backend: the same bench built for the other Asio backend (epoll or io_uring) is
# measured beside this one in the client workloads (the backend is a compile-time choice, one per
# process; docs/architecture.md, "I/O backends").
other_bench=""
if ((with_other)); then
    backend=$("$bench" --io-backend)
    other=epoll
    if [[ $backend == epoll ]]; then other=io_uring; fi
    other_build="$build-$other"
    cmake -S . -B "$other_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCPPCASSA_IO_BACKEND="$other" \
        -DCPPCASSA_BUILD_TESTS=OFF -DCPPCASSA_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build "$other_build" --target cppcassa-bench -j"$(nproc)"
    other_bench="$other_build/bench/cppcassa-bench"
fi

# Captured first, then matched: `status | grep -q` under pipefail fails with SIGPIPE when grep
# stops reading early, which would look like "not running" and restart a running cluster.
status=$(bash "$launcher" status || true)
if grep -qE '^1 +127\.0\.0\.1 +up' <<<"$status"; then
    echo "bench: using the Cassandra already running at 127.0.0.1"
elif grep -qE ' up ' <<<"$status"; then
    # Starting would stop that cluster (the launcher restarts a cluster of another size).
    echo "bench: a Cassandra cluster is running but 127.0.0.1 is not up; not touching it:" >&2
    echo "$status" >&2
    exit 1
else
    trap 'bash "$launcher" stop' EXIT
    bash "$launcher" start
fi

# Every workload with the peers it has: codec in memory; the client workloads with
# apache-sync and python; null against the in-process null server; scaling: each client's
# best configuration over connection/thread counts; batch when built in.
workloads=(codec insert get multiget mixed range null scaling)
help=$("$bench" --help)  # captured, not piped into grep -q (SIGPIPE under pipefail)
if grep -qE '^  batch ' <<<"$help"; then workloads+=(batch); fi

mkdir -p "$results"
tables="$results/latest.txt"
: >"$tables"
jsons=()
for w in "${workloads[@]}"; do
    args=("${extra[@]}")
    case $w in
    insert | get | multiget | mixed | range)
        if [[ -n $other_bench ]]; then args+=(--other-backend "$other_bench"); fi
        ;;
    esac
    echo "== cppcassa-bench $w ${args[*]}"
    log=$(mktemp)
    "$bench" "$w" "${args[@]}" | tee "$log"
    cat "$log" >>"$tables"
    json=$(sed -n 's/^json: //p' "$log" | tail -n1)
    rm -f "$log"
    [[ -n $json ]] && jsons+=("$json")
done

bash bench/chart.sh -o "$results/latest.png" "${jsons[@]}"
echo
echo "bench: tables in $tables, chart in $results/latest.png, JSON: ${jsons[*]}"
