# Test certificates for the TLS nodes; sourced by scripts/cassandra.sh.
# Expects: $base (the cache folder), $tls_dir (where the certificates live) and $java_home.
#
# $tls_dir holds, made once and shared by every CPPCASSA_NET:
#   ca.pem, ca-key.pem              the test CA (RSA 2048, 10 years) that signed everything below
#   server.pem, server-key.pem      the nodes' certificate: CN "cppcassa test server",
#                                   DNS:localhost and IP 127.0.0.1..127.0.0.20 plus 127.0.X.10
#                                   and 127.0.X.11 for every X in 1..254, so one certificate
#                                   serves the TLS nodes of any net
#   keystore.jks                    server key + certificate for Cassandra (password cassandra)
#   truststore.jks                  ca.pem, which client certificates must chain to (password cassandra)
#   client.pem, client-key.pem      a client certificate (CN "cppcassa test client", clientAuth)
#   other-ca.pem, other-ca-key.pem  a second CA that signed nothing the nodes use ("wrong CA")
# Keys are unencrypted PEM (PKCS#8). A folder without the marker .complete (or missing a file)
# is made again from scratch.

tls_files=(ca.pem ca-key.pem server.pem server-key.pem keystore.jks truststore.jks client.pem
    client-key.pem other-ca.pem other-ca-key.pem)
# Bump when make_tls_certs changes what it makes: folders with an older marker are made again.
tls_stamp=1
tls_days=3650

tls_complete() {
    [[ -f $tls_dir/.complete && $(<"$tls_dir/.complete") == "$tls_stamp" ]] || return 1
    local file
    for file in "${tls_files[@]}"; do [[ -s $tls_dir/$file ]] || return 1; done
}

# Runs a command with its output in $log; on failure shows that output and leaves the
# subshell of ensure_tls_certs (exit, not return: errexit would not hold in every caller).
tls_run() {
    if ! "$@" >>"$log" 2>&1; then
        echo "error: making the test certificates failed at: $*" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
}

# Writes an openssl config with extension section "ext" to $1; the rest of the arguments are
# its lines. Our own config, so openssl.cnf's defaults add no extension we did not ask for.
tls_config() {
    local file=$1
    shift
    printf '%s\n' '[req]' 'distinguished_name = dn' 'prompt = no' '[dn]' '[ext]' "$@" >"$file"
}

tls_key() { tls_run openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }

tls_self_signed_ca() {  # name, CN
    local name=$1 cn=$2
    tls_config "$work/$name.cnf" 'basicConstraints = critical, CA:TRUE' \
        'keyUsage = critical, keyCertSign, cRLSign' 'subjectKeyIdentifier = hash'
    tls_key "$work/$name-key.pem"
    tls_run openssl req -new -x509 -config "$work/$name.cnf" -extensions ext -key "$work/$name-key.pem" \
        -subj "/O=cppcassa/CN=$cn" -days "$tls_days" -sha256 -out "$work/$name.pem"
}

tls_leaf() {  # name, CN, extension lines...: key and certificate signed by ca.pem
    local name=$1 cn=$2
    shift 2
    tls_config "$work/$name.cnf" 'basicConstraints = critical, CA:FALSE' 'subjectKeyIdentifier = hash' \
        'authorityKeyIdentifier = keyid' "$@"
    tls_key "$work/$name-key.pem"
    tls_run openssl req -new -config "$work/$name.cnf" -key "$work/$name-key.pem" \
        -subj "/O=cppcassa/CN=$cn" -out "$work/$name.csr"
    tls_run openssl x509 -req -in "$work/$name.csr" -CA "$work/ca.pem" -CAkey "$work/ca-key.pem" \
        -set_serial "0x$(openssl rand -hex 16)" -days "$tls_days" -sha256 \
        -extfile "$work/$name.cnf" -extensions ext -out "$work/$name.pem"
}

# Runs in the subshell of ensure_tls_certs, which sets $work and $log.
make_tls_certs() {
    local keytool=$java_home/bin/keytool
    if [[ ! -x $keytool ]]; then
        echo "error: $keytool not found; run scripts/install-deps.sh (openjdk-17-jre-headless)" >&2
        exit 1
    fi
    command -v openssl >/dev/null || { echo "error: openssl not found" >&2; exit 1; }
    tls_self_signed_ca ca "cppcassa test CA"
    tls_self_signed_ca other-ca "cppcassa other test CA"
    local alt=('subjectAltName = @alt' '[alt]' 'DNS.1 = localhost') n=0 x
    for x in {1..20}; do alt+=("IP.$((++n)) = 127.0.0.$x"); done
    for x in {1..254}; do alt+=("IP.$((++n)) = 127.0.$x.10" "IP.$((++n)) = 127.0.$x.11"); done
    tls_leaf server "cppcassa test server" 'keyUsage = critical, digitalSignature, keyEncipherment' \
        'extendedKeyUsage = serverAuth' "${alt[@]}"
    tls_leaf client "cppcassa test client" 'keyUsage = critical, digitalSignature' \
        'extendedKeyUsage = clientAuth'
    # keytool cannot read a PEM key: openssl bundles key and certificate into PKCS#12 first.
    # JKS, because 3.11's Thrift server (libthrift 0.9.2) opens its stores as type JKS.
    tls_run openssl pkcs12 -export -in "$work/server.pem" -inkey "$work/server-key.pem" \
        -name cassandra -passout pass:cassandra -out "$work/server.p12"
    tls_run "$keytool" -importkeystore -noprompt -srckeystore "$work/server.p12" -srcstoretype PKCS12 \
        -srcstorepass cassandra -destkeystore "$work/keystore.jks" -deststoretype JKS \
        -deststorepass cassandra -destkeypass cassandra
    tls_run "$keytool" -importcert -noprompt -alias cppcassa-test-ca -file "$work/ca.pem" \
        -keystore "$work/truststore.jks" -storetype JKS -storepass cassandra
    rm -f "$work"/*.csr "$work"/*.cnf "$work/server.p12"
    chmod 600 "$work"/*-key.pem
    echo "$tls_stamp" >"$work/.complete"
}

# Makes the certificates unless a complete set exists. A lock, because nodes on two nets may
# start at once; the set is built beside the folder and moved in whole, so readers never see a
# half-made one.
ensure_tls_certs() {
    tls_complete && return 0
    mkdir -p "$base"
    (
        flock 9
        tls_complete && exit 0
        echo "making test certificates in $tls_dir" >&2
        work=$tls_dir.tmp log=$base/tls.log
        rm -rf "$work" && mkdir -p "$work" && : >"$log"
        make_tls_certs
        rm -rf "$tls_dir"
        mv "$work" "$tls_dir"
    ) 9>"$base/tls.lock" || return 1
    # tls-dir runs this in $(...), without errexit: check the result rather than assume it.
    tls_complete || { echo "error: could not make the test certificates in $tls_dir" >&2; return 1; }
}
