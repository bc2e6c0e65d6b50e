#!/usr/bin/env bash
# Runs real Apache Cassandra nodes with Thrift on loopback, for tests, CI and the quickstart.
#
#   cassandra.sh start [--version V] [--nodes N] [--auth] [--tls]
#                                             N-node cluster on 127.0.0.1..N (default 1); --auth adds
#                                             a PasswordAuthenticator node "auth" on 127.0.0.9; --tls
#                                             adds two one-node clusters serving Thrift over TLS:
#                                             "tls" on 127.0.0.10, and "tls-client-auth" on 127.0.0.11
#                                             that also requires a client certificate signed by ca.pem.
#                                             V is the Cassandra line: 2.0, 2.1, 2.2, 3.0 or 3.11
#                                             (default 3.11); starting another line than the one
#                                             running stops the running one's nodes first
#   cassandra.sh stop                         stops every node, of every line
#   cassandra.sh wipe                         stops every node and deletes every line's node data
#   cassandra.sh status                       the nodes of the line last started, each with the
#                                             release it runs or last ran
#   cassandra.sh pid NODE                     pid of that node, or nothing
#   cassandra.sh kill-node|start-node|stop-node NODE    (NODE: N, auth, tls or tls-client-auth)
#                                             these and pid act on the line last started
#   cassandra.sh tls-dir                      path of the test certificates (made if missing):
#                                             ca.pem, client.pem, client-key.pem, other-ca.pem, ...
#   CPPCASSA_NET=127.0.X cassandra.sh ...     the same on 127.0.X.N (default 127.0.0), apart
#
# All state (jars, Maven repo, data, logs, pid files) lives in ${CPPCASSA_CACHE:-<repo>/.cache}/cassandra.
# A cluster on another CPPCASSA_NET keeps its nodes in nodes-127.0.X there (sharing the jars) and
# its own JMX ports, so it can be killed and restarted beside the default one. Each line has its
# own jars (lib-V) and its own node data (cassandra-V, 3.11's nodes where they always were): an
# older line cannot read a newer one's data files, so switching lines loses no data.
# Only processes recorded in its pid files are ever signalled. Needs no stdin.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/cassandra" && pwd)
root=$(cd "$here/../.." && pwd)
base=${CPPCASSA_CACHE:-$root/.cache}/cassandra
# Debian's JDK 17 on purpose: no Thrift-era line runs on newer Java (a Temurin 25 may be first on
# PATH), and every one runs on 17 with jvm.options and the flags of versions.sh.
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

# shellcheck source=cassandra/versions.sh
source "$here/versions.sh"
# shellcheck source=cassandra/node.sh
source "$here/node.sh"
# shellcheck source=cassandra/tls.sh
source "$here/tls.sh"

# The comment at the top, from line 3 to its first empty line.
usage() {
    sed -n '3,/^#$/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

# The line last started on this net (commands act on its nodes); 3.11 when none was.
current_line() {
    local line
    line=$(cat "$state/cassandra-line" 2>/dev/null || true)
    if is_line "$line"; then echo "$line"; else echo "$default_line"; fi
}

# Makes line $1 the one the node functions act on: its release, jars, node folder and size.
use_line() {
    line=$1
    release=$(line_release "$line")
    lib=$base/lib-$line
    # 3.11's nodes keep the layout they had before the launcher ran other lines.
    if [[ $line == 3.11 ]]; then line_state=$state; else line_state=$state/cassandra-$line; fi
    size=$(current_size)
}

# The size of the line's cluster last started (node numbers refer to it); 1 when none was.
current_size() { cat "$line_state/cluster-size" 2>/dev/null || echo 1; }

cluster_nodes() { seq 1 "$size"; }

# The line's jars are fetched once; the marker holds a hash of the pom and the release, so a
# release bump refetches.
ensure_jars() {
    local stamp
    stamp=$({ cat "$here/pom.xml" && echo "$release"; } | sha256sum | cut -d' ' -f1)
    if [[ -f $lib/.complete && $(<"$lib/.complete") == "$stamp" ]]; then return 0; fi
    if [[ ! -x $java ]]; then
        echo "error: $java not found; run scripts/install-deps.sh (openjdk-17-jre-headless)" >&2
        exit 1
    fi
    echo "fetching Cassandra $release jars with Maven into $lib (first run only)"
    rm -rf "$lib" "$lib.tmp"
    mkdir -p "$base"
    if ! JAVA_HOME=$java_home mvn -B -q -Dstyle.color=never -f "$here/pom.xml" \
        -Dcassandra.version="$release" -Dmaven.repo.local="$base/m2" \
        dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$lib.tmp" >"$base/mvn.log" 2>&1; then
        echo "error: Maven could not fetch the jars; its output ($base/mvn.log):" >&2
        tail -n 30 "$base/mvn.log" >&2
        exit 1
    fi
    echo "$stamp" >"$lib.tmp/.complete"
    mv "$lib.tmp" "$lib"
}

cmd_start() {
    local nodes=1 auth=0 tls=0 wanted=$default_line
    while (($#)); do
        case $1 in
        --version)
            is_line "${2:-}" || { echo "error: --version takes one of ${cassandra_lines[*]}" >&2; exit 2; }
            wanted=$2
            shift 2
            ;;
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
    use_line "$wanted"
    ensure_jars
    if ((tls)); then ensure_tls_certs; fi
    stop_other_lines "$wanted"
    use_line "$wanted"
    if ((size != nodes)) && [[ -n $(any_cluster_pid) ]]; then
        echo "a $size-node cluster is running; stopping it to start $nodes node(s)"
        mapfile -t names < <(cluster_nodes)
        stop_nodes "${names[@]}"
    fi
    size=$nodes
    mkdir -p "$line_state"
    echo "$line" >"$state/cassandra-line"
    echo "$size" >"$line_state/cluster-size"
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

# The running nodes of the line in use, cluster and lone ones.
running_nodes() {
    local name
    for name in $(cluster_nodes) "${lone_nodes[@]}"; do
        if [[ -n $(node_pid "$name") ]]; then echo "$name"; fi
    done
}

# Every line's nodes use the same addresses and ports: the other lines' nodes stop first.
stop_other_lines() {
    local other names
    for other in "${cassandra_lines[@]}"; do
        [[ $other != "$1" ]] || continue
        use_line "$other"
        mapfile -t names < <(running_nodes)
        ((${#names[@]})) || continue
        echo "Cassandra $other nodes are running; stopping them to start $1"
        stop_nodes "${names[@]}"
    done
}

cmd_stop() {
    local each names
    for each in "${cassandra_lines[@]}"; do
        use_line "$each"
        mapfile -t names < <(cluster_nodes)
        stop_nodes "${names[@]}" "${lone_nodes[@]}"
    done
    echo "all nodes stopped"
}

# One line per node: name, address, up (with its pid) or down, and the release it runs or last
# ran (the line's release for a node that never ran).
cmd_status() {
    local name pid names dir ran
    mapfile -t names < <(cluster_nodes)
    # Lone nodes that were ever started on this net.
    for name in "${lone_nodes[@]}"; do
        if [[ -d $(node_dir "$name") ]]; then names+=("$name"); fi
    done
    for name in "${names[@]}"; do
        pid=$(node_pid "$name")
        dir=$(node_dir "$name")
        ran=$(cat "$dir/release" 2>/dev/null || echo "$release")
        if [[ -n $pid ]]; then
            printf '%-15s %-11s up    pid %-8s %s\n' "$name" "$(node_address "$name")" "$pid" "$ran"
        else
            printf '%-15s %-11s down  %-12s %s\n' "$name" "$(node_address "$name")" "" "$ran"
        fi
    done
}

cmd_wipe() {
    local each dir names
    for each in "${cassandra_lines[@]}"; do
        use_line "$each"
        for dir in "$line_state"/cluster[0-9]*; do
            [[ -d $dir ]] || continue
            size=${dir##*/cluster}
            mapfile -t names < <(cluster_nodes)
            stop_nodes "${names[@]}"
        done
        stop_nodes "${lone_nodes[@]}"
        if [[ $line_state == "$state" ]]; then
            rm -rf "$state"/cluster[0-9]* "$state/auth" "$state/tls-nodes" "$state/cluster-size"
        else
            rm -rf "$line_state"
        fi
    done
    rm -f "$state/cassandra-line"
    echo "wiped node data of every line (kept the jars in $base/lib-* and the certificates in $tls_dir)"
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
    use_line "$(current_line)"
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
