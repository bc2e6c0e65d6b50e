#!/usr/bin/env bash
# The README's second command: installs what is missing, builds with -Werror under ASan+UBSan,
# starts real Cassandra nodes with scripts/cassandra.sh, runs every test label, stops the nodes.
# Prints one closing line "N passed, N failed" summed over all labels.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${CPPCASSA_BUILD_DIR:-$root/build/test}
launcher="$root/scripts/cassandra.sh"

bash scripts/install-deps.sh
# -O0 -g1: line tables still symbolize sanitizer reports, and the template-heavy tests build 8x
# faster than at -O2 -g (236 s -> 28 s for the heaviest file), which keeps CI on 2 cores short.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
    -DCPPCASSA_WERROR=ON -DCPPCASSA_SANITIZE=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

# Whatever happens below, no JVM we started outlives this script.
trap 'bash "$launcher" stop >/dev/null 2>&1 || true' EXIT

passed=0
failed=0
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
    if ((status != 0 && nfail == 0)); then failed=$((failed + 1)); fi
}

run_label() {  # label, then extra ctest arguments
    local label=$1 log="$build/ctest-$1.log" status=0
    shift
    echo "== ctest -L $label"
    ctest --test-dir "$build" -L "^$label\$" --output-on-failure --timeout 600 "$@" 2>&1 | tee "$log" || status=$?
    tally "ctest -L $label" "$log" "$status"
}

# Decoder fuzzing: clang-14 + libFuzzer under ASan + UBSan, in its own build tree (build/fuzz).
run_fuzz() {
    local log="$build/fuzz.log" status=0
    echo "== fuzz"
    bash scripts/fuzz.sh "${CPPCASSA_FUZZ_SECONDS:-60}" 2>&1 | tee "$log" || status=$?
    tally fuzz "$log" "$status"
}

run_label unit -j"$(nproc)"
run_label faults
# The data-API integration suite against the embedded cppcassa::testing server (docs/testing.md,
# "The differential suite"): before any Cassandra starts, which also proves it never needs one.
run_label embedded -j"$(nproc)"
run_fuzz

bash "$launcher" start
bash "$launcher" start --auth
bash "$launcher" start --tls
run_label integration
# The bench smoke (bench/smoke.sh): every workload, one short round, against the same node.
run_label bench
bash "$launcher" stop

bash "$launcher" start --nodes 3
run_label cluster
# Last on the cluster: it kills and restarts nodes, which then replay and take hints for a while.
run_label cluster-failover
bash "$launcher" stop

echo "$passed passed, $failed failed"
((failed == 0))
