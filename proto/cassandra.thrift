# cppcassa's copy of the wire contract: Apache Cassandra 3.11's Thrift API, version 20.1.0.
#
# Licensed under the Apache License, Version 2.0, like the Cassandra interface it describes.
#
# Everything a peer can observe -- names, field ids, types, requiredness, defaults, exception ids
# -- is fixed by the running server and must stay exactly as Cassandra 3.11 declares it. The
# comments are ours and say what a client author needs to know, not the server's history.
#
# Thrift ids never move: fields that Cassandra stopped reading keep their ids (see CfDef and
# KsDef), and ids that were retired stay unused. Declaration order is not id order in a few
# places (KeyRange, CfDef); Apache Thrift's C++ writes fields in ascending id order regardless.

namespace cpp org.apache.cassandra
namespace py cassandra

# The Thrift API version (not the Cassandra release): major.minor.patch, where a major bump breaks
# old clients. describe_version() returns it, so a client can check it is talking to 20.x.
const string VERSION = "20.1.0"


# ---------------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------------

# One cell. `value` and `timestamp` may be missing only where the server does not need them
# (e.g. the `expected` list of cas); `ttl` is in seconds.
struct Column {
    1: required binary name,
    2: optional binary value,
    3: optional i64 timestamp,
    4: optional i32 ttl,
}

# A named group of columns inside a super column family.
struct SuperColumn {
    1: required binary name,
    2: required list<Column> columns,
}

# A counter cell: its value is the current total, never a delta (deltas go through add()).
struct CounterColumn {
    1: required binary name,
    2: required i64 value,
}

struct CounterSuperColumn {
    1: required binary name,
    2: required list<CounterColumn> columns,
}

# What reads return: exactly one member is set, chosen by the column family's kind
# (standard or super, plain or counter).
struct ColumnOrSuperColumn {
    1: optional Column column,
    2: optional SuperColumn super_column,
    3: optional CounterColumn counter_column,
    4: optional CounterSuperColumn counter_super_column,
}


# ---------------------------------------------------------------------------------------------
# Exceptions (server-side crashes arrive as TApplicationException instead)
# ---------------------------------------------------------------------------------------------

# get() found nothing at the path; describe_keyspace() does not know the keyspace.
exception NotFoundException {
}

# The request is wrong: unknown keyspace or column family, a bad value, a missing parameter.
# Retrying it unchanged cannot help.
exception InvalidRequestException {
    1: required string why,
}

# Too few live replicas to reach the requested consistency level; nothing was attempted.
exception UnavailableException {
}

# Replicas did not answer in time. The write may still have been applied in part:
# acknowledged_by counts the replicas that did answer (for atomic_batch_mutate: -1 when the
# batch reached the batchlog, 0 when it did not); acknowledged_by_batchlog says the same for
# batches; paxos_in_progress is set by cas() when the timeout hit during the Paxos round.
exception TimedOutException {
    1: optional i32 acknowledged_by,
    2: optional bool acknowledged_by_batchlog,
    3: optional bool paxos_in_progress,
}

# login() rejected the credentials.
exception AuthenticationException {
    1: required string why,
}

# The logged-in user may not do this.
exception AuthorizationException {
    1: required string why,
}

# Kept only because schema methods still declare it; Cassandra has not raised it since 1.2.
exception SchemaDisagreementException {
}


# ---------------------------------------------------------------------------------------------
# Addressing and predicates
# ---------------------------------------------------------------------------------------------

# How many replicas must answer. W + R > RF gives read-your-writes. The LOCAL_* and EACH_*
# levels need NetworkTopologyStrategy; SERIAL and LOCAL_SERIAL are only for cas() (and
# serial reads); ANY is for writes only and accepts a hint as success.
enum ConsistencyLevel {
    ONE = 1,
    QUORUM = 2,
    LOCAL_QUORUM = 3,
    EACH_QUORUM = 4,
    ALL = 5,
    ANY = 6,
    TWO = 7,
    THREE = 8,
    SERIAL = 9,
    LOCAL_SERIAL = 10,
    LOCAL_ONE = 11,
}

# A column family, or one super column inside it: where a slice is taken from.
# Ids 1 and 2 are retired and must not be reused.
struct ColumnParent {
    3: required string column_family,
    4: optional binary super_column,
}

# One column (or one super column, or a whole row when only column_family is set).
struct ColumnPath {
    3: required string column_family,
    4: optional binary super_column,
    5: optional binary column,
}

# A contiguous run of columns. Empty start/finish mean "from the first" / "to the last";
# count bounds the number returned, and the whole answer is held in memory on both sides,
# so page with start rather than raising count.
struct SliceRange {
    1: required binary start,
    2: required binary finish,
    3: required bool reversed = 0,
    4: required i32 count = 100,
}

# Which columns to read: either an explicit list of names (which wins if both are set) or a range.
struct SlicePredicate {
    1: optional list<binary> column_names,
    2: optional SliceRange slice_range,
}

# Implicit values: EQ = 0, GTE = 1, GT = 2, LTE = 3, LT = 4.
enum IndexOperator {
    EQ,
    GTE,
    GT,
    LTE,
    LT,
}

# One condition on a secondary-indexed column.
struct IndexExpression {
    1: required binary column_name,
    2: required IndexOperator op,
    3: required binary value,
}

# Old form of an index query (get_indexed_slices); KeyRange.row_filter replaces it.
struct IndexClause {
    1: required list<IndexExpression> expressions,
    2: required binary start_key,
    3: required i32 count = 100,
}

# A range of rows, by key or by token (not both). Keys are start-inclusive; tokens are
# start-exclusive and may wrap, so token T to T is the whole ring. row_filter (id 6) was added
# after count (id 5) and is declared before it.
struct KeyRange {
    1: optional binary start_key,
    2: optional binary end_key,
    3: optional string start_token,
    4: optional string end_token,
    6: optional list<IndexExpression> row_filter,
    5: required i32 count = 100,
}

# One row of a range read: its key and the columns the predicate selected.
struct KeySlice {
    1: required binary key,
    2: required list<ColumnOrSuperColumn> columns,
}

struct KeyCount {
    1: required binary key,
    2: required i32 count,
}

# A deletion inside batch_mutate. timestamp may be left out only for counter columns.
struct Deletion {
    1: optional i64 timestamp,
    2: optional binary super_column,
    3: optional SlicePredicate predicate,
}

# One entry of a batch: set exactly one of the two.
struct Mutation {
    1: optional ColumnOrSuperColumn column_or_supercolumn,
    2: optional Deletion deletion,
}


# ---------------------------------------------------------------------------------------------
# Ring
# ---------------------------------------------------------------------------------------------

# host and datacenter have default requiredness: always written, but a reader must not insist.
struct EndpointDetails {
    1: string host,
    2: string datacenter,
    3: optional string rack,
}

# Result of cas(): on failure, current_values holds what the server found instead.
struct CASResult {
    1: required bool success,
    2: optional list<Column> current_values,
}

# One range of the ring and its replicas: endpoints by listen address, rpc_endpoints by the
# address clients should connect to.
struct TokenRange {
    1: required string start_token,
    2: required string end_token,
    3: required list<string> endpoints,
    4: optional list<string> rpc_endpoints,
    5: optional list<EndpointDetails> endpoint_details,
}

# Free-form credentials; PasswordAuthenticator reads "username" and "password".
struct AuthenticationRequest {
    1: required map<string, string> credentials,
}


# ---------------------------------------------------------------------------------------------
# Schema
# ---------------------------------------------------------------------------------------------

# Implicit values: KEYS = 0, CUSTOM = 1, COMPOSITES = 2.
enum IndexType {
    KEYS,
    CUSTOM,
    COMPOSITES,
}

# A column with a declared validator, possibly indexed.
struct ColumnDef {
    1: required binary name,
    2: required string validation_class,
    3: optional IndexType index_type,
    4: optional string index_name,
    5: optional map<string, string> index_options,
}

# A trigger; options must carry at least "class".
struct TriggerDef {
    1: required string name,
    2: required map<string, string> options,
}

# A column family. Only keyspace and name are required; the defaults below are what the
# server assumes when a field is absent. The fields after max_index_interval are no longer
# read by Cassandra but keep their ids so that old peers still parse.
struct CfDef {
    1: required string keyspace,
    2: required string name,
    3: optional string column_type = "Standard",
    5: optional string comparator_type = "BytesType",
    6: optional string subcomparator_type,
    8: optional string comment,
    12: optional double read_repair_chance,
    13: optional list<ColumnDef> column_metadata,
    14: optional i32 gc_grace_seconds,
    15: optional string default_validation_class,
    16: optional i32 id,
    17: optional i32 min_compaction_threshold,
    18: optional i32 max_compaction_threshold,
    26: optional string key_validation_class,
    28: optional binary key_alias,
    29: optional string compaction_strategy,
    30: optional map<string, string> compaction_strategy_options,
    32: optional map<string, string> compression_options,
    33: optional double bloom_filter_fp_chance,
    34: optional string caching = "keys_only",
    37: optional double dclocal_read_repair_chance = 0.0,
    39: optional i32 memtable_flush_period_in_ms,
    40: optional i32 default_time_to_live,
    42: optional string speculative_retry = "NONE",
    43: optional list<TriggerDef> triggers,
    44: optional string cells_per_row_to_cache = "100",
    45: optional i32 min_index_interval,
    46: optional i32 max_index_interval,

    # Ignored by the server; never sent by it.
    9: optional double row_cache_size,
    11: optional double key_cache_size,
    19: optional i32 row_cache_save_period_in_seconds,
    20: optional i32 key_cache_save_period_in_seconds,
    21: optional i32 memtable_flush_after_mins,
    22: optional i32 memtable_throughput_in_mb,
    23: optional double memtable_operations_in_millions,
    24: optional bool replicate_on_write,
    25: optional double merge_shards_chance,
    27: optional string row_cache_provider,
    31: optional i32 row_cache_keys_to_save,
    38: optional bool populate_io_cache_on_flush,
    41: optional i32 index_interval,
}

# A keyspace. Replication is set through strategy_options; replication_factor is ignored.
struct KsDef {
    1: required string name,
    2: required string strategy_class,
    3: optional map<string, string> strategy_options,
    4: optional i32 replication_factor,
    5: required list<CfDef> cf_defs,
    6: optional bool durable_writes = 1,
}


# ---------------------------------------------------------------------------------------------
# CQL over Thrift
# ---------------------------------------------------------------------------------------------

# How a CQL query string is compressed; NONE is the usual choice.
enum Compression {
    GZIP = 1,
    NONE = 2,
}

enum CqlResultType {
    ROWS = 1,
    VOID = 2,
    INT = 3,
}

# For CQL3 the key is always empty; partition key columns appear among `columns` if selected.
struct CqlRow {
    1: required binary key,
    2: required list<Column> columns,
}

# Marshal type names for the returned column names and values.
struct CqlMetadata {
    1: required map<binary, string> name_types,
    2: required map<binary, string> value_types,
    3: required string default_name_type,
    4: required string default_value_type,
}

# rows and schema come with ROWS, num with INT, nothing with VOID.
struct CqlResult {
    1: required CqlResultType type,
    2: optional list<CqlRow> rows,
    3: optional i32 num,
    4: optional CqlMetadata schema,
}

# itemId names the prepared statement on this server; count is the number of bind markers.
struct CqlPreparedResult {
    1: required i32 itemId,
    2: required i32 count,
    3: optional list<string> variable_types,
    4: optional list<string> variable_names,
}

# One input split of describe_splits_ex, with its estimated row count.
struct CfSplit {
    1: required string start_token,
    2: required string end_token,
    3: required i64 row_count,
}

# An inclusive column range; a missing bound means the start or end of the row.
struct ColumnSlice {
    1: optional binary start,
    2: optional binary finish,
}

# Several slices of one row in one call (get_multi_slice). Super columns are not supported.
struct MultiSliceRequest {
    1: optional binary key,
    2: optional ColumnParent column_parent,
    3: optional list<ColumnSlice> column_slices,
    4: optional bool reversed = false,
    5: optional i32 count = 1000,
    6: optional ConsistencyLevel consistency_level = ConsistencyLevel.ONE,
}


# ---------------------------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------------------------

service Cassandra {

    # -- session ------------------------------------------------------------------------------

    void login(1: required AuthenticationRequest auth_request)
        throws (1: AuthenticationException authnx, 2: AuthorizationException authzx),

    void set_keyspace(1: required string keyspace)
        throws (1: InvalidRequestException ire),

    # -- reads --------------------------------------------------------------------------------

    # The one call that fails under normal conditions: NotFoundException when nothing is there.
    ColumnOrSuperColumn get(1: required binary key,
                            2: required ColumnPath column_path,
                            3: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: NotFoundException nfe,
                3: UnavailableException ue, 4: TimedOutException te),

    # An empty list, not an exception, when nothing matches.
    list<ColumnOrSuperColumn> get_slice(1: required binary key,
                                        2: required ColumnParent column_parent,
                                        3: required SlicePredicate predicate,
                                        4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    i32 get_count(1: required binary key,
                  2: required ColumnParent column_parent,
                  3: required SlicePredicate predicate,
                  4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # The map is keyed by row key; its order is the server's, not the caller's.
    map<binary, list<ColumnOrSuperColumn>> multiget_slice(1: required list<binary> keys,
                                                          2: required ColumnParent column_parent,
                                                          3: required SlicePredicate predicate,
                                                          4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    map<binary, i32> multiget_count(1: required list<binary> keys,
                                    2: required ColumnParent column_parent,
                                    3: required SlicePredicate predicate,
                                    4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    list<KeySlice> get_range_slices(1: required ColumnParent column_parent,
                                    2: required SlicePredicate predicate,
                                    3: required KeyRange range,
                                    4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # Like get_range_slices, but continues into the next rows until range.count columns are read.
    list<KeySlice> get_paged_slice(1: required string column_family,
                                   2: required KeyRange range,
                                   3: required binary start_column,
                                   4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # Superseded by get_range_slices with KeyRange.row_filter.
    list<KeySlice> get_indexed_slices(1: required ColumnParent column_parent,
                                      2: required IndexClause index_clause,
                                      3: required SlicePredicate column_predicate,
                                      4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # -- writes -------------------------------------------------------------------------------

    void insert(1: required binary key,
                2: required ColumnParent column_parent,
                3: required Column column,
                4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # column.value is the delta to add (negative to decrement).
    void add(1: required binary key,
             2: required ColumnParent column_parent,
             3: required CounterColumn column,
             4: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # Compare-and-set through Paxos. serial_consistency_level (SERIAL or LOCAL_SERIAL) governs the
    # Paxos round, commit_consistency_level the write that follows. expected and updates have
    # default requiredness: a client always sends them, possibly empty.
    CASResult cas(1: required binary key,
                  2: required string column_family,
                  3: list<Column> expected,
                  4: list<Column> updates,
                  5: required ConsistencyLevel serial_consistency_level = ConsistencyLevel.SERIAL,
                  6: required ConsistencyLevel commit_consistency_level = ConsistencyLevel.QUORUM)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # Deletes what column_path names (a column, a super column or the whole row) as of timestamp.
    # consistency_level has default requiredness here, unlike its siblings.
    void remove(1: required binary key,
                2: required ColumnPath column_path,
                3: required i64 timestamp,
                4: ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # Counter deletes are final: increments sent before the delete is fully compacted everywhere
    # may be lost.
    void remove_counter(1: required binary key,
                        2: required ColumnPath path,
                        3: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # row key -> column family -> mutations.
    void batch_mutate(1: required map<binary, map<string, list<Mutation>>> mutation_map,
                      2: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # batch_mutate through the batchlog: all of it is applied eventually, or none.
    void atomic_batch_mutate(1: required map<binary, map<string, list<Mutation>>> mutation_map,
                             2: required ConsistencyLevel consistency_level = ConsistencyLevel.ONE)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # Marks every row of the column family deleted; needs every node up (else UnavailableException).
    void truncate(1: required string cfname)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    list<ColumnOrSuperColumn> get_multi_slice(1: required MultiSliceRequest request)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue, 3: TimedOutException te),

    # -- cluster and node metadata ------------------------------------------------------------

    # schema version -> hosts at it; one entry means the cluster agrees. Unreachable hosts are
    # listed under "UNREACHABLE".
    map<string, list<string>> describe_schema_versions()
        throws (1: InvalidRequestException ire),

    list<KsDef> describe_keyspaces()
        throws (1: InvalidRequestException ire),

    string describe_cluster_name(),

    # The Thrift API version, i.e. VERSION above.
    string describe_version(),

    # A list rather than a map because Thrift structs cannot be map keys; order is meaningless.
    list<TokenRange> describe_ring(1: required string keyspace)
        throws (1: InvalidRequestException ire),

    # describe_ring restricted to the coordinator's datacenter.
    list<TokenRange> describe_local_ring(1: required string keyspace)
        throws (1: InvalidRequestException ire),

    # token -> node address, replication ignored.
    map<string, string> describe_token_map()
        throws (1: InvalidRequestException ire),

    string describe_partitioner(),

    string describe_snitch(),

    KsDef describe_keyspace(1: required string keyspace)
        throws (1: NotFoundException nfe, 2: InvalidRequestException ire),

    # Tokens t0, t1, ... splitting the range into (t0, t1], (t1, t2], ...; meant for Hadoop.
    list<string> describe_splits(1: required string cfName,
                                 2: required string start_token,
                                 3: required string end_token,
                                 4: required i32 keys_per_split)
        throws (1: InvalidRequestException ire),

    # Traces the next request on this connection; returns the 16-byte trace session UUID.
    binary trace_next_query(),

    list<CfSplit> describe_splits_ex(1: required string cfName,
                                     2: required string start_token,
                                     3: required string end_token,
                                     4: required i32 keys_per_split)
        throws (1: InvalidRequestException ire),

    # -- schema changes: each returns the new schema version id -------------------------------

    string system_add_column_family(1: required CfDef cf_def)
        throws (1: InvalidRequestException ire, 2: SchemaDisagreementException sde),

    string system_drop_column_family(1: required string column_family)
        throws (1: InvalidRequestException ire, 2: SchemaDisagreementException sde),

    string system_add_keyspace(1: required KsDef ks_def)
        throws (1: InvalidRequestException ire, 2: SchemaDisagreementException sde),

    string system_drop_keyspace(1: required string keyspace)
        throws (1: InvalidRequestException ire, 2: SchemaDisagreementException sde),

    string system_update_keyspace(1: required KsDef ks_def)
        throws (1: InvalidRequestException ire, 2: SchemaDisagreementException sde),

    string system_update_column_family(1: required CfDef cf_def)
        throws (1: InvalidRequestException ire, 2: SchemaDisagreementException sde),

    # -- CQL ----------------------------------------------------------------------------------

    # CQL2: Cassandra 3.x always answers InvalidRequestException; use execute_cql3_query.
    CqlResult execute_cql_query(1: required binary query, 2: required Compression compression)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue,
                3: TimedOutException te, 4: SchemaDisagreementException sde),

    CqlResult execute_cql3_query(1: required binary query,
                                 2: required Compression compression,
                                 3: required ConsistencyLevel consistency)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue,
                3: TimedOutException te, 4: SchemaDisagreementException sde),

    # CQL2: always InvalidRequestException on 3.x.
    CqlPreparedResult prepare_cql_query(1: required binary query, 2: required Compression compression)
        throws (1: InvalidRequestException ire),

    # The returned itemId is valid on this server only.
    CqlPreparedResult prepare_cql3_query(1: required binary query, 2: required Compression compression)
        throws (1: InvalidRequestException ire),

    # CQL2: always InvalidRequestException on 3.x.
    CqlResult execute_prepared_cql_query(1: required i32 itemId, 2: required list<binary> values)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue,
                3: TimedOutException te, 4: SchemaDisagreementException sde),

    CqlResult execute_prepared_cql3_query(1: required i32 itemId,
                                          2: required list<binary> values,
                                          3: required ConsistencyLevel consistency)
        throws (1: InvalidRequestException ire, 2: UnavailableException ue,
                3: TimedOutException te, 4: SchemaDisagreementException sde),

    # A no-op kept for old clients; the CQL version is chosen by which method is called.
    void set_cql_version(1: required string version)
        throws (1: InvalidRequestException ire),
}
