// Every service method of proto/cassandra.thrift, described for the codec (see descriptors.hpp).
//
// Split in two files by purpose (data calls, metadata/schema/CQL calls); this header gathers them
// and lists them all in IDL order.
#pragma once

#include "codec/cassandra_data_methods.hpp"
#include "codec/cassandra_meta_methods.hpp"

#include <tuple>

namespace cppcassa::codec {

using all_methods = std::tuple<
    methods::login,
    methods::set_keyspace,
    methods::get,
    methods::get_slice,
    methods::get_count,
    methods::multiget_slice,
    methods::multiget_count,
    methods::get_range_slices,
    methods::get_paged_slice,
    methods::get_indexed_slices,
    methods::insert,
    methods::add,
    methods::cas,
    methods::remove,
    methods::remove_counter,
    methods::batch_mutate,
    methods::atomic_batch_mutate,
    methods::truncate,
    methods::get_multi_slice,
    methods::describe_schema_versions,
    methods::describe_keyspaces,
    methods::describe_cluster_name,
    methods::describe_version,
    methods::describe_ring,
    methods::describe_local_ring,
    methods::describe_token_map,
    methods::describe_partitioner,
    methods::describe_snitch,
    methods::describe_keyspace,
    methods::describe_splits,
    methods::trace_next_query,
    methods::describe_splits_ex,
    methods::system_add_column_family,
    methods::system_drop_column_family,
    methods::system_add_keyspace,
    methods::system_drop_keyspace,
    methods::system_update_keyspace,
    methods::system_update_column_family,
    methods::execute_cql_query,
    methods::execute_cql3_query,
    methods::prepare_cql_query,
    methods::prepare_cql3_query,
    methods::execute_prepared_cql_query,
    methods::execute_prepared_cql3_query,
    methods::set_cql_version>;

}  // namespace cppcassa::codec
