# The astyanax peer: Netflix Astyanax 3.10.2 (astyanax-thrift), the JVM's Thrift client with a
# pool and failover, running the plan from the Java sources in astyanax/. Sourced by peers.sh,
# which sets $here, $root and $peer_cache.
#
# prepare: Maven resolves the jars of astyanax/pom.xml into $peer_cache/lib, javac compiles the
# sources into $peer_cache/classes; each step is redone only when its inputs change (a hash of
# them is kept with the result), so a second prepare runs neither and needs no network.
# The Maven repository is the Cassandra launcher's (scripts/cassandra.sh), so a machine
# resolves the plugins both use once.

# Debian's JDK 17, as for the Cassandra nodes: another Java may be first on PATH.
astyanax_jdk=/usr/lib/jvm/java-17-openjdk-amd64
astyanax_main=io.github.cppcassa.bench.astyanax.Main

# The hash of the files named (paths relative to astyanax/), in a stable order.
astyanax_hash() {
    (cd "$here/astyanax" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

# Makes $peer_cache/$1 by running the command after $3 (which writes into $peer_cache/$1.tmp),
# unless it was made from the same inputs (their hash, $2); on failure says $3 and shows the
# command's output.
astyanax_make() {
    local dir=$peer_cache/$1 stamp=$2 failure=$3
    shift 3
    if [[ -f $dir/.complete && $(<"$dir/.complete") == "$stamp" ]]; then return 0; fi
    rm -rf "$dir" "$dir.tmp"
    if ! "$@" >"$dir.log" 2>&1; then
        echo "error: $failure; its output ($dir.log):" >&2
        tail -n 30 "$dir.log" >&2
        return 1
    fi
    echo "$stamp" >"$dir.tmp/.complete"
    mv "$dir.tmp" "$dir"
}

astyanax_resolve() {
    if ! command -v mvn >/dev/null; then
        echo "error: mvn not found; run scripts/install-deps.sh (maven)" >&2
        return 1
    fi
    JAVA_HOME=$astyanax_jdk astyanax_make lib "$(astyanax_hash pom.xml)" "Maven could not resolve Astyanax's jars" \
        mvn -B -q -Dstyle.color=never -f "$here/astyanax/pom.xml" \
        -Dmaven.repo.local="${CPPCASSA_CACHE:-$root/.cache}/cassandra/m2" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$peer_cache/lib.tmp"
}

astyanax_compile() {
    local sources
    if [[ ! -x $astyanax_jdk/bin/javac ]]; then
        echo "error: $astyanax_jdk/bin/javac not found; run scripts/install-deps.sh (openjdk-17-jdk-headless)" >&2
        return 1
    fi
    mapfile -t sources < <(find "$here/astyanax/src/main/java" -name '*.java' | sort)
    astyanax_make classes "$(astyanax_hash pom.xml src)" "javac could not compile the astyanax peer" \
        "$astyanax_jdk/bin/javac" --release 17 -encoding UTF-8 -d "$peer_cache/classes.tmp" \
        -cp "$(astyanax_classpath lib)" "${sources[@]}"
}

# The jars of $peer_cache/lib joined with ':', after $peer_cache/$1 when $1 is not lib. Spelled
# out rather than as lib/* so that the command's words hold no pattern a shell would expand.
astyanax_classpath() {
    local jars=("$peer_cache"/lib/*.jar) cp=""
    if [[ $1 != lib ]]; then cp=$peer_cache/$1; fi
    local jar
    for jar in "${jars[@]}"; do cp+=${cp:+:}$jar; done
    echo "$cp"
}

peer_prepare() {
    astyanax_resolve && astyanax_compile
}

# Heap fixed at 512 MiB (-Xms = -Xmx, so it neither grows nor is resized during the run); the
# default collector (G1); Astyanax's log at warn level on stderr.
peer_command() {
    if [[ ! -f $peer_cache/classes/.complete || ! -f $peer_cache/lib/.complete ]]; then
        echo "error: the astyanax peer is not built; run: bash bench/run_peers/peers.sh prepare astyanax" >&2
        return 1
    fi
    printf '%s\n' "$astyanax_jdk/bin/java" -Xms512m -Xmx512m \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$(astyanax_classpath classes)" "$astyanax_main"
}
