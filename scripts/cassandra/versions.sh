# What differs between the Cassandra lines the launcher runs; sourced by scripts/cassandra.sh.
# Every line that serves Thrift runs from the same files (pom.xml, cassandra.yaml.in,
# jvm.options) on the same Java 17. The files are written for 3.11, which runs them as they are;
# what older lines need instead is kept here. Expects: $here (this folder).

# Oldest first: line_at_least compares positions in this list. 4.0 removed Thrift.
cassandra_lines=(2.0 2.1 2.2 3.0 3.11)
default_line=3.11

is_line() {
    local known
    for known in "${cassandra_lines[@]}"; do [[ $1 == "$known" ]] && return 0; done
    return 1
}

line_index() {
    local i
    for i in "${!cassandra_lines[@]}"; do [[ ${cassandra_lines[$i]} == "$1" ]] && echo "$i"; done
}

line_at_least() { (($(line_index "$1") >= $(line_index "$2"))); }

# The release of each line that Maven Central serves together with a cassandra-thrift jar of
# the same version (cassandra-all's pom does not bring the Thrift service classes).
line_release() {
    case $1 in
    2.0) echo 2.0.17 ;;
    2.1) echo 2.1.22 ;;
    2.2) echo 2.2.19 ;;
    3.0) echo 3.0.29 ;;  # 3.0.31 is newer, but has no cassandra-thrift 3.0.31
    3.11) echo 3.11.19 ;;
    esac
}

# Keys of cassandra.yaml.in and client-encryption.yaml.in by the first line that knows them:
# a line refuses to start on a key it does not know ("Invalid yaml. Please remove properties"),
# so an older line's yaml leaves these keys out.
declare -A yaml_key_since=(
    [concurrent_counter_writes]=2.1
    [counter_cache_size_in_mb]=2.1
    [memtable_heap_space_in_mb]=2.1
    [memtable_offheap_space_in_mb]=2.1
    [optional]=2.1  # client_encryption_options
    [role_manager]=2.2
    [hints_directory]=3.0
    [concurrent_materialized_view_writes]=3.0
    [cdc_raw_directory]=3.11
)

# A sed script deleting the yaml keys line $1 does not know (empty for 3.11).
yaml_filter() {
    local key
    for key in "${!yaml_key_since[@]}"; do
        line_at_least "$1" "${yaml_key_since[$key]}" || echo "/^[[:space:]]*$key:/d"
    done
}

# The line's own JVM flags, after jvm.options; $1 is the line, $2 its jar folder.
line_jvm_flags() {
    local jamm
    # jamm measures objects for memtable accounting (0.2.5 for 2.0, 0.3.0 later, as each
    # line's pom pulls in). Without the agent, 3.0 drops the connection on prepare_cql3_query.
    jamm=$(compgen -G "$2/jamm-*.jar" | head -n1)
    echo "-javaagent:$jamm"
    if [[ $1 == 2.0 ]]; then
        # 2.0 logs through log4j 1.2 and reads its configuration only when told to.
        echo "-Dlog4j.defaultInitOverride=true"
        echo "-Dlog4j.configuration=file://$here/log4j.properties"
        # 2.0 sizes its memtables with jamm's measureDeep, which walks into Charset's private
        # fields (InaccessibleObjectException in the MemoryMeter thread without this).
        echo "--add-opens=java.base/java.nio.charset=ALL-UNNAMED"
    else
        echo "-Dlogback.configurationFile=$here/logback.xml"
    fi
}
