# shellcheck shell=bash
# The gocql peer (gocql/*.go): a Go program built against Debian's gocql sources
# (golang-github-gocql-gocql-dev, under /usr/share/gocode) in GOPATH mode, so no module download.
# Sourced by peers.sh, which sets $here, $root and $peer_cache.

gocql_sources=/usr/share/gocode/src/github.com/gocql/gocql

# Debian's Go, the toolchain its gocql package is built and tested with; any other `go` on PATH
# builds the same sources too.
gocql_go() {
    if [[ -x /usr/lib/go/bin/go ]]; then
        echo /usr/lib/go/bin/go
    elif command -v go >/dev/null; then
        command -v go
    else
        echo "error: gocql peer: no Go toolchain; install golang-go (bash scripts/install-deps.sh)" >&2
        return 1
    fi
}

# What the binary is built from: its sources, the gocql package and the toolchain.
gocql_build_stamp() {
    local go=$1
    {
        (cd "$here/gocql" && for f in *.go; do [[ $f == *_test.go ]] || sha256sum "$f"; done)
        dpkg-query -W -f='${Package} ${Version}\n' golang-github-gocql-gocql-dev 2>/dev/null || echo "gocql unpackaged"
        "$go" version
    } | sha256sum | cut -d' ' -f1
}

peer_prepare() {
    if [[ ! -d $gocql_sources ]]; then
        echo "error: gocql peer: $gocql_sources is missing; install golang-github-gocql-gocql-dev (bash scripts/install-deps.sh)" >&2
        return 1
    fi
    local go stamp
    go=$(gocql_go) || return 1
    stamp=$(gocql_build_stamp "$go")
    if [[ -x $peer_cache/gocql-peer && $(cat "$peer_cache/gocql-peer.stamp" 2>/dev/null) == "$stamp" ]]; then
        return 0
    fi
    local log=$peer_cache/build.log
    if ! (cd "$here/gocql" &&
        GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local \
            GOPATH="$peer_cache/gopath:/usr/share/gocode" GOCACHE="$peer_cache/go-build" \
            "$go" build -o "$peer_cache/gocql-peer.new" .) >"$log" 2>&1; then
        echo "error: gocql peer: go build failed ($go, log $log):" >&2
        cat "$log" >&2
        return 1
    fi
    mv "$peer_cache/gocql-peer.new" "$peer_cache/gocql-peer"
    echo "$stamp" >"$peer_cache/gocql-peer.stamp"
}

peer_command() {
    echo "$peer_cache/gocql-peer"
}
