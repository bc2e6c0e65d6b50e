# The `python-driver` peer (sourced by peers.sh): the DataStax Python driver over CQL
# (python_driver_peer.py), from Debian's python3-cassandra, under Debian's /usr/bin/python3 (the
# interpreter that package is installed for, whatever python3 comes first on PATH). Nothing is
# built here.

peer_prepare() {
    if [[ ! -x /usr/bin/python3 ]]; then
        echo "error: the python-driver peer runs under Debian's /usr/bin/python3, which is missing (apt-get install python3 python3-cassandra)" >&2
        return 1
    fi
    if ! /usr/bin/python3 -c 'import cassandra.cluster, cassandra.policies' 2>/dev/null; then
        echo "error: /usr/bin/python3 cannot import the DataStax driver (cassandra.cluster): install Debian's python3-cassandra (apt-get install python3-cassandra)" >&2
        return 1
    fi
}

peer_command() {
    printf '%s\n' /usr/bin/python3 "$here/python_driver_peer.py"
}
