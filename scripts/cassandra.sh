#!/usr/bin/env bash
# Runs real Apache Cassandra 3.11 nodes with Thrift on loopback, for tests, CI and the quickstart.
#
#   cassandra.sh start [--nodes N] [--auth] [--tls]
#                                             N-node cluster on 127.0.0.1..N (default 1); --auth adds
#                                             a PasswordAuthenticator node "auth" on 127.0.0.9; --tls
#                                             adds two one-node clusters serving Thrift over TLS:
#                                             "tls" on 127.0.0.10, and "tls-client-auth" on 127.0.0.11
#                                             that also requires a client certificate signed by ca.pem
#   cassandra.sh stop | status | wipe
#   cassandra.sh pid NODE                     pid of that node, or nothing
#   cassandra.sh kill-node|start-node|stop-node NODE    (NODE: N, auth, tls or tls-client-auth)
#   cassandra.sh tls-dir                      path of the test certificates (made if missing):
#                                             ca.pem, client.pem, client-key.pem, other-ca.pem, ...
#   CPPCASSA_NET=127.0.X cassandra.sh ...     the same on 127.0.X.N (default 127.0.0), apart
#
# All state (jars, Maven repo, data, logs, pid files) lives in ${CPPCASSA_CACHE:-<repo>/.cache}/cassandra.
# A cluster on another CPPCASSA_NET keeps its nodes in nodes-127.0.X there (sharing the jars) and
# its own JMX ports, so it can be killed and restarted beside the default one.
# Only processes recorded in its pid files are ever signalled. Needs no stdin.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/cassandra" && pwd)
root=$(cd "$here/../.." && pwd)
base=${CPPCASSA_CACHE:-$root/.cache}/cassandra
lib=$base/lib
# Debian's JDK 17 on purpose: 3.11 cannot run on newer Java (a Temurin 25 may be first on PATH).
java_home=/usr/lib/jvm/java-17-openjdk-amd64
java=$java_home/bin/java
max_nodes=8  # $net.9 belongs to the auth node, $net.10 and .11 to the TLS nodes

# The loopback /24 the nodes live on (node N on $net.N); only 127.0.X, so X alone keys the JMX
# ports, and X without leading zeros, so one net has one spelling (one state folder).
net=${CPPCASSA_NET:-127.0.0}
if [[ ! $net =~ ^127\.0\.(0|[1-9][0-9]{0,2})$ ]] || ((BASH_REMATCH[1] > 254)); then
    echo "error: CPPCASSA_NET must be 127.0.X with X in 0..254 (no leading zero), got '$net'" >&2
    exit 2
fi
net_octet=${BASH_REMATCH[1]}
# Node data, logs and pid files; the default net keeps the layout it always had.
if [[ $net == 127.0.0 ]]; then state=$base; else state=$base/nodes-$net; fi
# The test CA and certificates, one set for every net (see tls.sh).
tls_dir=$base/tls
lone_nodes=(auth tls tls-client-auth)

# shellcheck source=cassandra/node.sh
source "$here/node.sh"
# shellcheck source=cassandra/tls.sh
source "$here/tls.sh"

# The comment at the top, from line 3 to its first empty line.
usage() {
    sed -n '3,/^#$/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

# The size of the cluster last started (node numbers refer to it); 1 when none was.
current_size() { cat "$state/cluster-size" 2>/dev/null || echo 1; }

cluster_nodes() { seq 1 "$size"; }

# The jars are fetched once; the marker holds a hash of the pom, so a version bump refetches.
ensure_jars() {
    local stamp
    stamp=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
    if [[ -f $lib/.complete && $(<"$lib/.complete") == "$stamp" ]]; then return 0; fi
    if [[ ! -x $java ]]; then
        echo "error: $java not found; run scripts/install-deps.sh (openjdk-17-jre-headless)" >&2
        exit 1
    fi
    echo "fetching Cassandra jars with Maven into $lib (first run only)"
    rm -rf "$lib" "$lib.tmp"
    mkdir -p "$base"
    if ! JAVA_HOME=$java_home mvn -B -q -Dstyle.color=never -f "$here/pom.xml" \
        -Dmaven.repo.local="$base/m2" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$lib.tmp" >"$base/mvn.log" 2>&1; then
        echo "error: Maven could not fetch the jars; its output ($base/mvn.log):" >&2
        tail -n 30 "$base/mvn.log" >&2
        exit 1
    fi
    echo "$stamp" >"$lib.tmp/.complete"
    mv "$lib.tmp" "$lib"
}

cmd_start() {
    local nodes=1 auth=0 tls=0
    while (($#)); do
        case $1 in
        --nodes)
            [[ ${2:-} =~ ^[1-9]$ ]] && (($2 <= max_nodes)) || { echo "error: --nodes takes 1..$max_nodes" >&2; exit 2; }
            nodes=$2
            shift 2
            ;;
        --auth) auth=1 && shift ;;
        --tls) tls=1 && shift ;;
        *) usage ;;
        esac
    done
    ensure_jars
    if ((tls)); then ensure_tls_certs; fi
    size=$(current_size)
    if ((size != nodes)) && [[ -n $(any_cluster_pid) ]]; then
        echo "a $size-node cluster is running; stopping it to start $nodes node(s)"
        mapfile -t names < <(cluster_nodes)
        stop_nodes "${names[@]}"
    fi
    size=$nodes
    mkdir -p "$state"
    echo "$size" >"$state/cluster-size"
    local name
    for name in $(cluster_nodes); do start_node "$name"; done
    if ((size > 1)); then wait_for_ring; fi
    if ((auth)); then start_node auth; fi
    if ((tls)); then
        start_node tls
        start_node tls-client-auth
    fi
}

any_cluster_pid() {
    local name
    for name in $(cluster_nodes); do node_pid "$name"; done
}

cmd_stop() {
    size=$(current_size)
    mapfile -t names < <(cluster_nodes)
    stop_nodes "${names[@]}" "${lone_nodes[@]}"
    echo "all nodes stopped"
}

cmd_status() {
    size=$(current_size)
    local name pid names
    mapfile -t names < <(cluster_nodes)
    # Lone nodes that were ever started on this net.
    for name in "${lone_nodes[@]}"; do
        if [[ -d $(node_dir "$name") ]]; then names+=("$name"); fi
    done
    for name in "${names[@]}"; do
        pid=$(node_pid "$name")
        if [[ -n $pid ]]; then
            printf '%-15s %-11s up    pid %s\n' "$name" "$(node_address "$name")" "$pid"
        else
            printf '%-15s %-11s down\n' "$name" "$(node_address "$name")"
        fi
    done
}

cmd_wipe() {
    local dir
    for dir in "$state"/cluster[0-9]*; do
        [[ -d $dir ]] || continue
        size=${dir##*/cluster}
        mapfile -t names < <(cluster_nodes)
        stop_nodes "${names[@]}"
    done
    stop_nodes "${lone_nodes[@]}"
    rm -rf "$state"/cluster[0-9]* "$state/auth" "$state/tls-nodes" "$state/cluster-size"
    echo "wiped node data (kept the jars in $lib and the certificates in $tls_dir)"
}

# A single node of the current cluster, or a lone node (auth, tls, tls-client-auth).
node_arg() {
    if is_lone "${1:-}" || { [[ ${1:-} =~ ^[1-9]$ ]] && (($1 <= size)); }; then
        echo "$1"
    else
        echo "error: expected a node number 1..$size (the current cluster), auth, tls or tls-client-auth, got '${1:-}'" >&2
        exit 2
    fi
}

main() {
    local command=${1:-} name
    size=$(current_size)
    (($#)) && shift
    case $command in
    start) cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    wipe) cmd_wipe ;;
    tls-dir)
        # Tests read stdout and stderr as the path: the note that the certificates are being
        # made shows only when making them fails.
        local notes
        if ! notes=$(ensure_tls_certs 2>&1); then
            echo "$notes" >&2
            exit 1
        fi
        echo "$tls_dir"
        ;;
    pid | kill-node | start-node | stop-node)
        name=$(node_arg "${1:-}")
        case $command in
        pid) node_pid "$name" ;;
        kill-node) kill_node "$name" ;;
        start-node)
            ensure_jars
            if is_tls "$name"; then ensure_tls_certs; fi
            start_node "$name"
            if ! is_lone "$name" && ((size > 1)); then wait_for_ring; fi
            ;;
        stop-node) stop_nodes "$name" ;;
        esac
        ;;
    *) usage ;;
    esac
}

main "$@"
