#!/usr/bin/env bash
# The README's second command: installs what is missing, builds with -Werror under ASan+UBSan,
# starts real Cassandra nodes with scripts/cassandra.sh, runs every test label (the integration
# label once per Cassandra line: integration-3.11, integration-2.0, ...), stops the nodes; and
# tests two other toolchains (scripts/toolchain.sh), built meanwhile on the CPU the servers leave.
# Prints each run's counts and the names of failed tests, then one closing line
# "N passed, N failed" summed over all of them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${CPPCASSA_BUILD_DIR:-$root/build/test}
launcher="$root/scripts/cassandra.sh"

bash scripts/install-deps.sh
mkdir -p "$build"

# The README's compiler table, beyond the main build: Debian 12's clang and Debian 13's GCC 14
# with Boost 1.88 (in a Debian 13 root). They build side by side in the background at the lowest
# priority, so they take only the CPU that the main build and the server-bound suites leave idle
# (the Debian 13 root's first making is mostly downloads, during which clang compiles), and are
# tested at the end, in this order; each build's log and result land in
# build/test/toolchain-<name>.{log,status}.
toolchains=(debian12-clang14 debian13-gcc14-boost1.88)
# The labels each one runs: Debian 13's GCC 14 also against the real 3.11 node (the root shares
# the host's network). Each builds the programs of its labels only.
declare -A toolchain_labels=(
    [debian12-clang14]="unit faults embedded"
    [debian13-gcc14-boost1.88]="unit faults embedded integration"
)
build_toolchain() {  # toolchain
    # shellcheck disable=SC2086 # the labels are words
    if nice -n 19 bash scripts/toolchain.sh --build-only "$1" ${toolchain_labels[$1]} >"$build/toolchain-$1.log" 2>&1; then
        echo built >"$build/toolchain-$1.status"
    else
        echo failed >"$build/toolchain-$1.status"
    fi
}
build_toolchains() {
    local t
    for t in "${toolchains[@]}"; do
        build_toolchain "$t" &
    done
    wait
}
rm -f "$build"/toolchain-*.status
set -m   # its own process group, so that an early exit stops its compilers too
build_toolchains &
toolchain_builds=$!
set +m
# -O0 -g1: line tables still symbolize sanitizer reports, and the template-heavy tests build 8x
# faster than at -O2 -g (236 s -> 28 s for the heaviest file), which keeps CI on 2 cores short.
# CPPCASSA_UNITY_BUILD: everything compiled in batches of files, a third to half the CPU.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
    -DCPPCASSA_WERROR=ON -DCPPCASSA_SANITIZE=ON -DCPPCASSA_UNITY_BUILD=ON >/dev/null
# First the programs of the labels that run before any cluster (CMake's cppcassa-<label>-programs);
# the rest (the cluster, TLS and bench programs, the doc snippets) builds in the background while
# the first suites run, and is waited for before the first cluster starts.
cmake --build "$build" -j"$(nproc)" --target cppcassa-{unit,faults,embedded,integration}-programs
set -m
{ nice -n 10 cmake --build "$build" -j"$(nproc)" >"$build/main-rest.log" 2>&1; } &
rest_build=$!
set +m

# Whatever happens below, no JVM we started outlives this script.
trap 'kill -- -$toolchain_builds -$rest_build 2>/dev/null || true; bash "$launcher" stop >/dev/null 2>&1 || true' EXIT

passed=0
failed=0
summary=()
timings=()
failures=()
# Adds the ctest summary in a log ("X% tests passed, N tests failed out of M") to the totals; a
# log with no summary, or a failed command whose summary shows no failure, counts as one failure.
tally() {  # name, log, exit status
    local name=$1 log=$2 status=$3 line nfail total
    line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1 || true)
    if [[ -z $line ]]; then
        echo "$name ran no test (or did not build)"
        failed=$((failed + 1))
        return
    fi
    nfail=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + total - nfail))
    failed=$((failed + nfail))
    # ctest lists them after "The following tests FAILED:", one "<tab>N - name (reason)" per line.
    while IFS= read -r test; do
        failures+=("$name: $test")
    done < <(sed -n '/^The following tests FAILED:/,/^Errors while running/{s/^[[:space:]]*[0-9]* - //p}' "$log")
    if ((status != 0 && nfail == 0)); then failed=$((failed + 1)); fi
}

run_label() {  # label, then extra ctest arguments
    run_as "$1" "$@"
}

# The tests of `label` reported as `name` (its log: ctest-<name>.log), with its own pass/fail line.
run_as() {  # name, label, then extra ctest arguments
    local name=$1 label=$2
    shift 2
    echo "== ctest -L $label ($name)"
    run_logged "$name" ctest --test-dir "$build" -L "^$label\$" --output-on-failure --timeout 600 "$@"
}

# Runs a command that ends with ctest's summary, logged to ctest-<name>.log and tallied as `name`.
run_logged() {  # name, then the command
    local name=$1 log="$build/ctest-$1.log" status=0
    shift
    "$@" 2>&1 | tee "$log" || status=$?
    tally_as "$name" "$log" "$status"
}

# tally, plus the run's own line in the summary.
tally_as() {  # name, log, exit status
    local before_passed=$passed before_failed=$failed
    tally "$@"
    summary+=("$1: $((passed - before_passed)) passed, $((failed - before_failed)) failed")
}

# The integration suite on one older Cassandra line, started once on its single node (the
# label integration-lone-nodes needs the auth and TLS nodes, which only the 3.11 run starts).
# Reports integration-<line> and how long the start and the suite took.
run_line() {  # line
    local line=$1 began=$SECONDS
    bash "$launcher" start --version "$line"
    local started=$SECONDS
    run_as "integration-$line" integration
    timings+=("integration-$line: start $((started - began)) s, suite $((SECONDS - started)) s")
}

# Decoder fuzzing: clang-14 + libFuzzer under ASan + UBSan, in its own build tree (build/fuzz),
# in the background beside the first server-bound suite (it needs no server); end_fuzz waits for
# it and reports it.
start_fuzz() {
    { nice -n 10 bash scripts/fuzz.sh "${CPPCASSA_FUZZ_SECONDS:-60}" >"$build/ctest-fuzz.log" 2>&1; } &
    fuzz_run=$!
}
end_fuzz() {
    local status=0
    wait "$fuzz_run" || status=$?
    echo "== fuzz"
    cat "$build/ctest-fuzz.log"
    tally_as fuzz "$build/ctest-fuzz.log" "$status"
}

# The rest of the main build (started after the first programs): waited for, and reported when
# it failed.
end_rest_build() {
    local began=$SECONDS status=0
    wait "$rest_build" || status=$?
    timings+=("main build, the rest: waited for $((SECONDS - began)) s")
    if ((status != 0)); then
        tail -n 40 "$build/main-rest.log"
        echo "the rest of the main build failed (build/test/main-rest.log)"
        failed=$((failed + 1))
        summary+=("main build, the rest: failed")
    fi
}

# One label of another toolchain's build, reported as "<toolchain> <label>".
run_toolchain() {  # toolchain, label, ctest's parallel level
    echo "== $1: ctest -L $2"
    CTEST_PARALLEL_LEVEL=$3 run_logged "$1 $2" bash scripts/toolchain.sh --test-only "$1" "$2"
}

run_label unit -j"$(nproc)"
run_label faults
# The data-API integration suite against the embedded cppcassa::testing server (docs/testing.md,
# "The differential suite"): before any Cassandra starts, which also proves it never needs one.
run_label embedded -j"$(nproc)"

# Every older Thrift-era line (docs/server_versions.md); each start stops the line before it.
start_fuzz
for line in 2.0 2.1 2.2 3.0; do
    run_line "$line"
    if [[ $line == 2.0 ]]; then end_fuzz; fi
done
end_rest_build
# The cluster suite on a 2.x ring too (19.39.0's API, the older ring and schema calls).
began=$SECONDS
bash "$launcher" start --nodes 3 --version 2.1
started=$SECONDS
run_as cluster-2.1 cluster
timings+=("cluster-2.1: start $((started - began)) s, suite $((SECONDS - started)) s")
bash "$launcher" stop

bash "$launcher" start --nodes 3
run_as cluster-3.11 cluster
# Last on the cluster: it kills and restarts nodes, which then replay and take hints for a while.
run_label cluster-failover
bash "$launcher" stop

# 3.11, the default line, with the auth and TLS nodes: the whole integration label. Last, so
# that its node also serves the other toolchains' integration label below.
began=$SECONDS
bash "$launcher" start
bash "$launcher" start --auth
bash "$launcher" start --tls
started=$SECONDS
run_as integration-3.11 'integration(-lone-nodes)?'
timings+=("integration-3.11: start $((started - began)) s (with the auth and TLS nodes), suite $((SECONDS - started)) s")
# The bench smoke (bench/smoke.sh): every workload, one short round, against the same node.
run_label bench

# The other toolchains: their builds have had the whole run so far. Each is tested as soon as
# it is built, while the next one's build goes on beside its tests.
for t in "${toolchains[@]}"; do
    began=$SECONDS
    while [[ ! -f $build/toolchain-$t.status ]] && kill -0 "$toolchain_builds" 2>/dev/null; do sleep 2; done
    timings+=("$t: build waited for $((SECONDS - began)) s")
    if [[ $(cat "$build/toolchain-$t.status" 2>/dev/null) != built ]]; then
        tail -n 40 "$build/toolchain-$t.log"
        echo "$t did not build (build/test/toolchain-$t.log)"
        failed=$((failed + 1))
        summary+=("$t: did not build")
        continue
    fi
    grep -m1 "^== $t" "$build/toolchain-$t.log" || true
    began=$SECONDS
    for label in ${toolchain_labels[$t]}; do
        # faults and integration time calls out and share one node: one test at a time.
        case $label in faults | integration) jobs=1 ;; *) jobs=$(nproc) ;; esac
        run_toolchain "$t" "$label" "$jobs"
    done
    timings+=("$t: tests $((SECONDS - began)) s")
done
wait "$toolchain_builds" || true
bash "$launcher" stop

printf '%s\n' "${summary[@]}" "${timings[@]}"
if ((${#failures[@]} > 0)); then
    echo "failed tests:"
    printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
((failed == 0))
