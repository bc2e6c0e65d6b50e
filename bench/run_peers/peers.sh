#!/usr/bin/env bash
# The peers of `cppcassa-bench run --peers` that run in a process of their own (README.md here):
#   bash bench/run_peers/peers.sh prepare NAME   build or resolve NAME (idempotent, may use the network)
#   bash bench/run_peers/peers.sh command NAME   print the command that runs NAME, one word per line;
#                                                cppcassa-bench appends the profile's path and execs it
#   bash bench/run_peers/peers.sh list           the names
# Each peer is described by NAME.sh beside this script, which defines peer_prepare and
# peer_command. Build products go to ${CPPCASSA_CACHE:-<repo>/.cache}/bench-peers/NAME.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
peer_cache_root=${CPPCASSA_CACHE:-$root/.cache}/bench-peers

usage() {
    sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

action=${1:-}
case $action in
list)
    for f in "$here"/*.sh; do
        name=$(basename "$f" .sh)
        [[ $name == peers ]] || echo "$name"
    done
    exit 0
    ;;
prepare | command) ;;
*) usage ;;
esac
name=${2:-}
[[ -n $name ]] || usage
if [[ ! -f $here/$name.sh ]]; then
    echo "error: no peer named '$name' (known: $(bash "${BASH_SOURCE[0]}" list | tr '\n' ' '))" >&2
    exit 2
fi
# Where NAME keeps what it builds.
peer_cache=$peer_cache_root/$name
# shellcheck source=/dev/null
source "$here/$name.sh"
case $action in
prepare)
    mkdir -p "$peer_cache"
    peer_prepare
    ;;
command) peer_command ;;
esac
