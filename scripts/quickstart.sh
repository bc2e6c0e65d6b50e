#!/usr/bin/env bash
# The README's first command: installs what is missing, builds cppcassa, starts a local
# Cassandra with scripts/cassandra.sh, runs examples/quickstart against it, and stops Cassandra
# again (unless it was already running before, in which case it is left as it was).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${CPPCASSA_BUILD_DIR:-$root/build/release}
launcher="$root/scripts/cassandra.sh"

bash scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCPPCASSA_BUILD_TESTS=OFF -DCPPCASSA_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target quickstart -j"$(nproc)"

# Captured, then matched: `status | grep -q` under pipefail fails with SIGPIPE when grep stops
# reading early, which would take a running node for a stopped one.
status=$(bash "$launcher" status)
if grep -qE '^1 +127\.0\.0\.1 +up' <<<"$status"; then
    echo "quickstart: using the Cassandra already running"
else
    trap 'bash "$launcher" stop' EXIT
    bash "$launcher" start
fi
"$build/examples/quickstart" 127.0.0.1 9160
