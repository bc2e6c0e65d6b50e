# Lifecycle of one Cassandra test node; sourced by scripts/cassandra.sh after versions.sh.
# Expects: $here (this folder), $line and $release (the Cassandra line in use and its release),
# $line_state (that line's node folder on this net), $lib (its jars), $java, $net and
# $net_octet (the loopback /24, 127.0.X, and its X), $size (how many nodes the line's current
# cluster has) and $tls_dir (the test certificates, see tls.sh). A node is named 1..8
# (cluster) or is one of the lone nodes, each a one-node cluster of its own: "auth"
# (PasswordAuthenticator), "tls" (Thrift over TLS) and "tls-client-auth" (TLS that also
# requires a client certificate).

is_lone() { [[ $1 == auth || $1 == tls || $1 == tls-client-auth ]]; }
is_tls() { [[ $1 == tls || $1 == tls-client-auth ]]; }

node_address() {
    case $1 in
    auth) echo "$net.9" ;;
    tls) echo "$net.10" ;;
    tls-client-auth) echo "$net.11" ;;
    *) echo "$net.$1" ;;
    esac
}

# 1-node and 3-node clusters keep separate data: a lone node that remembers two peers
# would see most of its token ranges as unavailable. The TLS nodes live in tls-nodes, as "tls"
# would be the certificate folder on the default net.
node_dir() {
    case $1 in
    auth) echo "$line_state/auth" ;;
    tls | tls-client-auth) echo "$line_state/tls-nodes/$1" ;;
    *) echo "$line_state/cluster$size/node$1" ;;
    esac
}

node_label() {
    if is_lone "$1"; then echo "$1 node ($(node_address "$1"))"; else echo "node $1 ($(node_address "$1"))"; fi
}

# True while $1 is the JVM of the node in directory $2: a pid file can outlive its process, and
# the pid can be reused by anything. Zombies have an empty cmdline, so they count as gone.
is_node_jvm() {
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *CassandraDaemon* && $cmdline == *"$2/cassandra.yaml"* ]]
}

# Prints the node's pid, or nothing (and drops a stale pid file).
node_pid() {
    local dir pid
    dir=$(node_dir "$1")
    [[ -f $dir/pid ]] || return 0
    pid=$(<"$dir/pid")
    if [[ $pid =~ ^[0-9]+$ ]] && is_node_jvm "$pid" "$dir"; then
        echo "$pid"
    else
        rm -f "$dir/pid"
    fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# $1 as the replacement of a sed s|...|...| command.
sed_escape() {
    local text=${1//\\/\\\\}
    text=${text//&/\\&}
    echo "${text//|/\\|}"
}

write_node_yaml() {
    local name=$1 dir=$2 cluster=cppcassa seed=$net.1 auth=AllowAllAuthenticator
    # A lone node is a cluster of its own (gossip keeps it out of the ring), its own seed.
    if is_lone "$name"; then cluster=cppcassa-$name seed=$(node_address "$name"); fi
    if [[ $name == auth ]]; then auth=PasswordAuthenticator; fi
    # Gossip refuses peers of another cluster name: two nets can never merge into one ring.
    [[ $net == 127.0.0 ]] || cluster=$cluster-$net
    local filter
    filter=$(yaml_filter "$line")
    sed -e "s|@CLUSTER_NAME@|$cluster|" -e "s|@SEED@|$seed|" -e "s|@AUTHENTICATOR@|$auth|" \
        -e "s|@ADDRESS@|$(node_address "$name")|g" -e "s|@NODE_DIR@|$(sed_escape "$dir")|g" \
        -e "$filter" "$here/cassandra.yaml.in" >"$dir/cassandra.yaml"
    if is_tls "$name"; then
        local client_auth=false
        if [[ $name == tls-client-auth ]]; then client_auth=true; fi
        sed -e "s|@TLS_DIR@|$(sed_escape "$tls_dir")|g" -e "s|@REQUIRE_CLIENT_AUTH@|$client_auth|" \
            -e "$filter" "$here/client-encryption.yaml.in" >>"$dir/cassandra.yaml"
    fi
}

launch_node() {
    local name=$1 dir jmx_port flags=()
    dir=$(node_dir "$name")
    mkdir -p "$dir/logs" "$dir/triggers"
    write_node_yaml "$name" "$dir"
    # Where this run starts in its own log and in its peers' logs, so that waits never match
    # lines written before this launch.
    log_size "$name" >"$dir/log-offset"
    if ! is_lone "$name"; then
        local peer
        for peer in $(seq 1 "$size"); do
            ((peer != name)) && log_size "$peer" >"$dir/peer-offset.$peer"
        done
    fi
    # Each node needs its own JMX port: every line binds local JMX to 127.0.0.1 whatever the
    # node's address. 7199 + the last octet of its address: 7200..7210 on the default net (7208 auth,
    # 7209 tls, 7210 tls-client-auth); 20 ports further per X of 127.0.X.
    local address
    address=$(node_address "$name")
    jmx_port=$((7199 + ${address##*.} + 20 * net_octet))
    mapfile -t flags < <(grep -Ev '^[[:space:]]*(#|$)' "$here/jvm.options"; line_jvm_flags "$line" "$lib")
    echo "$release" >"$dir/release"
    # setsid: the JVM leaves our process group, so a Ctrl-C in a later shell job never reaches it.
    (
        cd "$dir"
        exec setsid "$java" "${flags[@]}" \
            -Dcassandra.config="file://$dir/cassandra.yaml" -Dcassandra.storagedir="$dir" \
            -Dcassandra.logdir="$dir/logs" \
            -Dcassandra.triggers_dir="$dir/triggers" -Dcassandra.jmx.local.port="$jmx_port" \
            -XX:ErrorFile="$dir/logs/hs_err_%p.log" -cp "$lib/*" \
            org.apache.cassandra.service.CassandraDaemon
    ) >"$dir/logs/stdout.log" 2>&1 </dev/null &
    local pid=$! tries=0
    echo "$pid" >"$dir/pid"
    # $! is the subshell until it execs the JVM; node_pid would take it for a stale pid.
    until is_node_jvm "$pid" "$dir"; do
        [[ -d /proc/$pid ]] && ((tries++ < 100)) || fail_node "$name" "did not start a JVM"
        sleep 0.05
    done
}

fail_node() {  # name, reason: shows the node's last log lines, stops it, exits
    local dir
    dir=$(node_dir "$1")
    echo "error: $(node_label "$1") $2; last lines of $dir/logs/system.log:" >&2
    tail -n 25 "$dir/logs/system.log" >&2 2>/dev/null || true
    echo "last lines of $dir/logs/stdout.log:" >&2
    tail -n 10 "$dir/logs/stdout.log" >&2 2>/dev/null || true
    stop_nodes "$1" >/dev/null
    exit 1
}

wait_for_thrift() {
    local name=$1 address deadline=$((SECONDS + 120))
    address=$(node_address "$name")
    until port_open "$address" 9160; do
        [[ -n $(node_pid "$name") ]] || fail_node "$name" "exited during startup"
        ((SECONDS < deadline)) || fail_node "$name" "did not open Thrift on $address:9160 within 120 s"
        sleep 0.5
    done
}

# The default superuser appears only after the port opens; logins fail until then. The log
# line is written once per data directory, so a marker file remembers it for restarts. 2.2 and
# later create a "superuser role", 2.0 and 2.1 a "superuser".
wait_for_superuser() {
    local dir deadline=$((SECONDS + 60))
    dir=$(node_dir auth)
    [[ -f $dir/superuser-ready ]] && return 0
    until grep -qsE "Created default superuser (role )?'cassandra'" "$dir"/logs/system.log*; do
        ((SECONDS < deadline)) || fail_node auth "did not create the default superuser within 60 s"
        sleep 0.5
    done
    touch "$dir/superuser-ready"
}

start_node() {
    local name=$1 address started=$SECONDS
    address=$(node_address "$name")
    if [[ -n $(node_pid "$name") ]]; then
        echo "$(node_label "$name") already up"
        return 0
    fi
    # A JVM we just killed can hold its sockets a moment after its main thread is a zombie.
    local deadline=$((SECONDS + 15))
    while port_open "$address" 9160; do
        if ((SECONDS >= deadline)); then
            echo "error: $address:9160 is taken by a process this script did not start" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "starting $(node_label "$name"), Cassandra $release"
    launch_node "$name"
    wait_for_thrift "$name"
    if [[ $name == auth ]]; then wait_for_superuser; fi
    echo "$(node_label "$name") up: Thrift on $address:9160 after $((SECONDS - started)) s"
}

# A dying JVM loses its cmdline before the kernel closes its sockets, so it counts as gone only
# once it is a zombie or has vanished; a reused pid (another command line) is gone too.
is_dying_or_ours() {
    local state
    state=$(sed -E 's/.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ $state != Z ]] && { is_node_jvm "$1" "$2" || [[ ! -s /proc/$1/cmdline ]]; }
}

wait_gone() {  # pid, dir, seconds
    local deadline=$((SECONDS + $3))
    while is_dying_or_ours "$1" "$2"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# SIGTERM lets Cassandra drain its memtables; all nodes stop in parallel, SIGKILL after 30 s.
stop_nodes() {
    local name pid dir names=() pids=()
    for name in "$@"; do
        pid=$(node_pid "$name")
        [[ -n $pid ]] || continue
        echo "stopping $(node_label "$name"), pid $pid"
        kill -TERM "$pid" 2>/dev/null || true
        names+=("$name") pids+=("$pid")
    done
    local i
    for i in "${!names[@]}"; do
        dir=$(node_dir "${names[$i]}")
        if ! wait_gone "${pids[$i]}" "$dir" 30; then
            echo "$(node_label "${names[$i]}") ignored SIGTERM for 30 s, sending SIGKILL"
            kill -KILL "${pids[$i]}" 2>/dev/null || true
            wait_gone "${pids[$i]}" "$dir" 30 || echo "warning: pid ${pids[$i]} still alive" >&2
        fi
        rm -f "$dir/pid"
    done
}

kill_node() {
    local pid dir
    pid=$(node_pid "$1")
    dir=$(node_dir "$1")
    if [[ -z $pid ]]; then
        echo "$(node_label "$1") is not running"
        return 0
    fi
    echo "killing $(node_label "$1"), pid $pid (SIGKILL)"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" "$dir" 30 || echo "warning: pid $pid still alive" >&2
    rm -f "$dir/pid"
}

log_size() { stat -c %s "$(node_dir "$1")/logs/system.log" 2>/dev/null || echo 0; }

# True when node $1's gossip last saw node $2 come UP (not DOWN) since both were launched.
sees_up() {
    local log offset=0 other=0 last
    log=$(node_dir "$1")/logs/system.log
    [[ -f $(node_dir "$1")/log-offset ]] && offset=$(<"$(node_dir "$1")/log-offset")
    [[ -f $(node_dir "$2")/peer-offset.$1 ]] && other=$(<"$(node_dir "$2")/peer-offset.$1")
    ((other > offset)) && offset=$other
    (($(log_size "$1") >= offset)) || offset=0  # the log rotated: read it whole
    last=$(tail -c +"$((offset + 1))" "$log" 2>/dev/null \
        | grep -E "InetAddress /$(node_address "$2") is now (UP|DOWN)" | tail -n1 || true)
    [[ $last == *"is now UP" ]]
}

# Thrift answers before gossip has spread: until every node sees every other one UP, requests
# may be routed as if a replica were down.
wait_for_ring() {
    local a b deadline=$((SECONDS + 60))
    for a in $(seq 1 "$size"); do
        [[ -n $(node_pid "$a") ]] || continue
        for b in $(seq 1 "$size"); do
            ((a != b)) && [[ -n $(node_pid "$b") ]] || continue
            until sees_up "$a" "$b"; do
                ((SECONDS < deadline)) || fail_node "$b" "was not seen UP by node $a within 60 s"
                sleep 0.5
            done
        done
    done
    echo "ring: all running nodes of the $size-node cluster see each other UP"
}
