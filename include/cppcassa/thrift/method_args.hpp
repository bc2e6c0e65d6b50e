// The parameters of every Cassandra service method, one aggregate per method.
//
// On the wire a call's parameters travel as a struct named "<method>_args" whose fields are the
// parameters, in id order. Apache Thrift's C++ client writes every parameter, whatever its
// requiredness, so none of these members is optional: defaults are the IDL's (ConsistencyLevel::ONE
// for most calls), and a parameter without one is value-initialised. For the enums the IDL gives
// no default (`compression`, and `consistency` of the CQL3 calls) that value is 0, which names no
// enumerator: set them.
#pragma once

#include "cppcassa/thrift/auth.hpp"
#include "cppcassa/thrift/columns.hpp"
#include "cppcassa/thrift/enums.hpp"
#include "cppcassa/thrift/predicates.hpp"
#include "cppcassa/thrift/schema.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cppcassa::thrift {

// ---- session --------------------------------------------------------------------------------

struct login_args {
    AuthenticationRequest auth_request{};

    friend bool operator==(const login_args&, const login_args&) = default;
};

struct set_keyspace_args {
    std::string keyspace{};

    friend bool operator==(const set_keyspace_args&, const set_keyspace_args&) = default;
};

// ---- reads ----------------------------------------------------------------------------------

struct get_args {
    std::string key{};
    ColumnPath column_path{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const get_args&, const get_args&) = default;
};

struct get_slice_args {
    std::string key{};
    ColumnParent column_parent{};
    SlicePredicate predicate{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const get_slice_args&, const get_slice_args&) = default;
};

struct get_count_args {
    std::string key{};
    ColumnParent column_parent{};
    SlicePredicate predicate{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const get_count_args&, const get_count_args&) = default;
};

struct multiget_slice_args {
    std::vector<std::string> keys{};
    ColumnParent column_parent{};
    SlicePredicate predicate{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const multiget_slice_args&, const multiget_slice_args&) = default;
};

struct multiget_count_args {
    std::vector<std::string> keys{};
    ColumnParent column_parent{};
    SlicePredicate predicate{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const multiget_count_args&, const multiget_count_args&) = default;
};

struct get_range_slices_args {
    ColumnParent column_parent{};
    SlicePredicate predicate{};
    KeyRange range{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const get_range_slices_args&, const get_range_slices_args&) = default;
};

struct get_paged_slice_args {
    std::string column_family{};
    KeyRange range{};
    std::string start_column{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const get_paged_slice_args&, const get_paged_slice_args&) = default;
};

struct get_indexed_slices_args {
    ColumnParent column_parent{};
    IndexClause index_clause{};
    SlicePredicate column_predicate{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const get_indexed_slices_args&,
                           const get_indexed_slices_args&) = default;
};

// ---- writes ---------------------------------------------------------------------------------

struct insert_args {
    std::string key{};
    ColumnParent column_parent{};
    Column column{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const insert_args&, const insert_args&) = default;
};

struct add_args {
    std::string key{};
    ColumnParent column_parent{};
    CounterColumn column{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const add_args&, const add_args&) = default;
};

// expected and updates have default requiredness in the IDL; both are always sent, maybe empty.
struct cas_args {
    std::string key{};
    std::string column_family{};
    std::vector<Column> expected{};
    std::vector<Column> updates{};
    ConsistencyLevel serial_consistency_level = ConsistencyLevel::SERIAL;
    ConsistencyLevel commit_consistency_level = ConsistencyLevel::QUORUM;

    friend bool operator==(const cas_args&, const cas_args&) = default;
};

// consistency_level has default requiredness here, unlike every sibling; it is still sent.
struct remove_args {
    std::string key{};
    ColumnPath column_path{};
    std::int64_t timestamp{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const remove_args&, const remove_args&) = default;
};

struct remove_counter_args {
    std::string key{};
    ColumnPath path{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const remove_counter_args&, const remove_counter_args&) = default;
};

struct batch_mutate_args {
    std::map<std::string, std::map<std::string, std::vector<Mutation>>> mutation_map{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const batch_mutate_args&, const batch_mutate_args&) = default;
};

struct atomic_batch_mutate_args {
    std::map<std::string, std::map<std::string, std::vector<Mutation>>> mutation_map{};
    ConsistencyLevel consistency_level = ConsistencyLevel::ONE;

    friend bool operator==(const atomic_batch_mutate_args&,
                           const atomic_batch_mutate_args&) = default;
};

struct truncate_args {
    std::string cfname{};

    friend bool operator==(const truncate_args&, const truncate_args&) = default;
};

struct get_multi_slice_args {
    MultiSliceRequest request{};

    friend bool operator==(const get_multi_slice_args&, const get_multi_slice_args&) = default;
};

// ---- cluster and node metadata --------------------------------------------------------------

struct describe_schema_versions_args {
    friend bool operator==(const describe_schema_versions_args&,
                           const describe_schema_versions_args&) = default;
};

struct describe_keyspaces_args {
    friend bool operator==(const describe_keyspaces_args&,
                           const describe_keyspaces_args&) = default;
};

struct describe_cluster_name_args {
    friend bool operator==(const describe_cluster_name_args&,
                           const describe_cluster_name_args&) = default;
};

struct describe_version_args {
    friend bool operator==(const describe_version_args&, const describe_version_args&) = default;
};

struct describe_ring_args {
    std::string keyspace{};

    friend bool operator==(const describe_ring_args&, const describe_ring_args&) = default;
};

struct describe_local_ring_args {
    std::string keyspace{};

    friend bool operator==(const describe_local_ring_args&,
                           const describe_local_ring_args&) = default;
};

struct describe_token_map_args {
    friend bool operator==(const describe_token_map_args&,
                           const describe_token_map_args&) = default;
};

struct describe_partitioner_args {
    friend bool operator==(const describe_partitioner_args&,
                           const describe_partitioner_args&) = default;
};

struct describe_snitch_args {
    friend bool operator==(const describe_snitch_args&, const describe_snitch_args&) = default;
};

struct describe_keyspace_args {
    std::string keyspace{};

    friend bool operator==(const describe_keyspace_args&, const describe_keyspace_args&) = default;
};

struct describe_splits_args {
    std::string cfName;
    std::string start_token{};
    std::string end_token{};
    std::int32_t keys_per_split{};

    friend bool operator==(const describe_splits_args&, const describe_splits_args&) = default;
};

struct trace_next_query_args {
    friend bool operator==(const trace_next_query_args&, const trace_next_query_args&) = default;
};

struct describe_splits_ex_args {
    std::string cfName;
    std::string start_token{};
    std::string end_token{};
    std::int32_t keys_per_split{};

    friend bool operator==(const describe_splits_ex_args&,
                           const describe_splits_ex_args&) = default;
};

// ---- schema changes -------------------------------------------------------------------------

struct system_add_column_family_args {
    CfDef cf_def{};

    friend bool operator==(const system_add_column_family_args&,
                           const system_add_column_family_args&) = default;
};

struct system_drop_column_family_args {
    std::string column_family{};

    friend bool operator==(const system_drop_column_family_args&,
                           const system_drop_column_family_args&) = default;
};

struct system_add_keyspace_args {
    KsDef ks_def{};

    friend bool operator==(const system_add_keyspace_args&,
                           const system_add_keyspace_args&) = default;
};

struct system_drop_keyspace_args {
    std::string keyspace{};

    friend bool operator==(const system_drop_keyspace_args&,
                           const system_drop_keyspace_args&) = default;
};

struct system_update_keyspace_args {
    KsDef ks_def{};

    friend bool operator==(const system_update_keyspace_args&,
                           const system_update_keyspace_args&) = default;
};

struct system_update_column_family_args {
    CfDef cf_def{};

    friend bool operator==(const system_update_column_family_args&,
                           const system_update_column_family_args&) = default;
};

// ---- CQL ------------------------------------------------------------------------------------

struct execute_cql_query_args {
    std::string query{};
    Compression compression{};

    friend bool operator==(const execute_cql_query_args&, const execute_cql_query_args&) = default;
};

struct execute_cql3_query_args {
    std::string query{};
    Compression compression{};
    ConsistencyLevel consistency{};

    friend bool operator==(const execute_cql3_query_args&,
                           const execute_cql3_query_args&) = default;
};

struct prepare_cql_query_args {
    std::string query{};
    Compression compression{};

    friend bool operator==(const prepare_cql_query_args&, const prepare_cql_query_args&) = default;
};

struct prepare_cql3_query_args {
    std::string query{};
    Compression compression{};

    friend bool operator==(const prepare_cql3_query_args&,
                           const prepare_cql3_query_args&) = default;
};

struct execute_prepared_cql_query_args {
    std::int32_t itemId{};
    std::vector<std::string> values{};

    friend bool operator==(const execute_prepared_cql_query_args&,
                           const execute_prepared_cql_query_args&) = default;
};

struct execute_prepared_cql3_query_args {
    std::int32_t itemId{};
    std::vector<std::string> values{};
    ConsistencyLevel consistency{};

    friend bool operator==(const execute_prepared_cql3_query_args&,
                           const execute_prepared_cql3_query_args&) = default;
};

struct set_cql_version_args {
    std::string version{};

    friend bool operator==(const set_cql_version_args&, const set_cql_version_args&) = default;
};

}  // namespace cppcassa::thrift
