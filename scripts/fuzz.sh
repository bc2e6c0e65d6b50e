#!/usr/bin/env bash
# Fuzzes the Thrift decoder with libFuzzer under ASan + UBSan for [seconds] (default 60).
#
# Builds test/fuzz/standalone/ (the codec alone, with clang-14) in build/fuzz, runs `ctest -L fuzz`
# there with its usual output, and prints "fuzz: N executions in S s". A crash, leak, timeout or
# sanitizer report fails the test; its input is saved as build/fuzz/crash-* (or leak-*, timeout-*)
# and can be replayed with: build/fuzz/cppcassa-fuzz-decode <that file>
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
build=${CPPCASSA_FUZZ_BUILD_DIR:-$root/build/fuzz}
cxx=${CXX_FUZZ:-clang++-14}

if ! command -v "$cxx" >/dev/null; then
    echo "fuzz: $cxx not found (apt-get install clang-14 libclang-rt-14-dev)" >&2
    exit 1
fi
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
CXX=$cxx cmake -S "$root/test/fuzz/standalone" -B "$build" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCPPCASSA_WERROR=ON -DCPPCASSA_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$build" --target cppcassa-fuzz-decode -j"$(nproc)"

log="$build/ctest-fuzz.log"
status=0
ctest --test-dir "$build" -L '^fuzz$' --output-on-failure 2>&1 | tee "$log" || status=$?
# libFuzzer's own log is in ctest's LastTest.log (ctest shows it above only on failure).
fuzzer_log="$build/Testing/Temporary/LastTest.log"
runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$fuzzer_log" | tail -n1 || true)
if [[ -n $runs ]]; then
    read -r _ n _ _ s _ <<<"$runs"
else  # stopped early (a crash): the last status line still counts the executions
    n=$(grep -Eo '^#[0-9]+' "$fuzzer_log" | tail -n1 | tr -d '#' || true)
    s=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$fuzzer_log" | grep -Eo '[0-9]+$' | tail -n1 || true)
    [[ -n $s ]] && n=$s
    s="?"
fi
echo "fuzz: ${n:-0} executions in ${s:-0} s"
# Repeat ctest's summary as the last line, for callers that sum it (scripts/test.sh).
grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1 || true
exit "$status"
