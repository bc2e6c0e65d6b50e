// Which class of Apache Thrift's generated C++ (cppcassa_thrift_reference) mirrors each of ours.
//
// One line per struct and per method; a struct or method missing here fails to compile in the
// tests that walk all_structs and all_methods, so nothing can be left out silently.
#pragma once

#include "codec/cassandra_methods.hpp"
#include "codec/cassandra_structs.hpp"

#include <Cassandra.h>
#include <cassandra_types.h>

namespace cppcassa::reference {

namespace ac = ::org::apache::cassandra;

// apache_of<thrift::Column>::type is ac::Column; for a method's args struct, Cassandra_<m>_args.
template <class T>
struct apache_of;
template <class T>
using apache_t = typename apache_of<T>::type;

// A method's Apache classes: `args` (read and written by Apache's server side), `result` (written
// by its server: `success` plus one member per exception, each with an __isset flag), and the
// generated client's `send` (writes the call from the parameters) and `recv` (reads the reply).
template <class M>
struct apache_method;

#define CPPCASSA_APACHE_STRUCT(name) \
    template <> \
    struct apache_of<thrift::name> { \
        using type = ac::name; \
    };

CPPCASSA_APACHE_STRUCT(Column)
CPPCASSA_APACHE_STRUCT(SuperColumn)
CPPCASSA_APACHE_STRUCT(CounterColumn)
CPPCASSA_APACHE_STRUCT(CounterSuperColumn)
CPPCASSA_APACHE_STRUCT(ColumnOrSuperColumn)
CPPCASSA_APACHE_STRUCT(NotFoundException)
CPPCASSA_APACHE_STRUCT(InvalidRequestException)
CPPCASSA_APACHE_STRUCT(UnavailableException)
CPPCASSA_APACHE_STRUCT(TimedOutException)
CPPCASSA_APACHE_STRUCT(AuthenticationException)
CPPCASSA_APACHE_STRUCT(AuthorizationException)
CPPCASSA_APACHE_STRUCT(SchemaDisagreementException)
CPPCASSA_APACHE_STRUCT(ColumnParent)
CPPCASSA_APACHE_STRUCT(ColumnPath)
CPPCASSA_APACHE_STRUCT(SliceRange)
CPPCASSA_APACHE_STRUCT(SlicePredicate)
CPPCASSA_APACHE_STRUCT(IndexExpression)
CPPCASSA_APACHE_STRUCT(IndexClause)
CPPCASSA_APACHE_STRUCT(KeyRange)
CPPCASSA_APACHE_STRUCT(KeySlice)
CPPCASSA_APACHE_STRUCT(KeyCount)
CPPCASSA_APACHE_STRUCT(Deletion)
CPPCASSA_APACHE_STRUCT(Mutation)
CPPCASSA_APACHE_STRUCT(EndpointDetails)
CPPCASSA_APACHE_STRUCT(CASResult)
CPPCASSA_APACHE_STRUCT(TokenRange)
CPPCASSA_APACHE_STRUCT(AuthenticationRequest)
CPPCASSA_APACHE_STRUCT(ColumnDef)
CPPCASSA_APACHE_STRUCT(TriggerDef)
CPPCASSA_APACHE_STRUCT(CfDef)
CPPCASSA_APACHE_STRUCT(KsDef)
CPPCASSA_APACHE_STRUCT(CqlRow)
CPPCASSA_APACHE_STRUCT(CqlMetadata)
CPPCASSA_APACHE_STRUCT(CqlResult)
CPPCASSA_APACHE_STRUCT(CqlPreparedResult)
CPPCASSA_APACHE_STRUCT(CfSplit)
CPPCASSA_APACHE_STRUCT(ColumnSlice)
CPPCASSA_APACHE_STRUCT(MultiSliceRequest)

#undef CPPCASSA_APACHE_STRUCT

#define CPPCASSA_APACHE_METHOD(m) \
    template <> \
    struct apache_of<thrift::m##_args> { \
        using type = ac::Cassandra_##m##_args; \
    }; \
    template <> \
    struct apache_method<codec::methods::m> { \
        using args = ac::Cassandra_##m##_args; \
        using result = ac::Cassandra_##m##_result; \
        static constexpr auto send = &ac::CassandraClient::send_##m; \
        static constexpr auto recv = &ac::CassandraClient::recv_##m; \
    };

CPPCASSA_APACHE_METHOD(login)
CPPCASSA_APACHE_METHOD(set_keyspace)
CPPCASSA_APACHE_METHOD(get)
CPPCASSA_APACHE_METHOD(get_slice)
CPPCASSA_APACHE_METHOD(get_count)
CPPCASSA_APACHE_METHOD(multiget_slice)
CPPCASSA_APACHE_METHOD(multiget_count)
CPPCASSA_APACHE_METHOD(get_range_slices)
CPPCASSA_APACHE_METHOD(get_paged_slice)
CPPCASSA_APACHE_METHOD(get_indexed_slices)
CPPCASSA_APACHE_METHOD(insert)
CPPCASSA_APACHE_METHOD(add)
CPPCASSA_APACHE_METHOD(cas)
CPPCASSA_APACHE_METHOD(remove)
CPPCASSA_APACHE_METHOD(remove_counter)
CPPCASSA_APACHE_METHOD(batch_mutate)
CPPCASSA_APACHE_METHOD(atomic_batch_mutate)
CPPCASSA_APACHE_METHOD(truncate)
CPPCASSA_APACHE_METHOD(get_multi_slice)
CPPCASSA_APACHE_METHOD(describe_schema_versions)
CPPCASSA_APACHE_METHOD(describe_keyspaces)
CPPCASSA_APACHE_METHOD(describe_cluster_name)
CPPCASSA_APACHE_METHOD(describe_version)
CPPCASSA_APACHE_METHOD(describe_ring)
CPPCASSA_APACHE_METHOD(describe_local_ring)
CPPCASSA_APACHE_METHOD(describe_token_map)
CPPCASSA_APACHE_METHOD(describe_partitioner)
CPPCASSA_APACHE_METHOD(describe_snitch)
CPPCASSA_APACHE_METHOD(describe_keyspace)
CPPCASSA_APACHE_METHOD(describe_splits)
CPPCASSA_APACHE_METHOD(trace_next_query)
CPPCASSA_APACHE_METHOD(describe_splits_ex)
CPPCASSA_APACHE_METHOD(system_add_column_family)
CPPCASSA_APACHE_METHOD(system_drop_column_family)
CPPCASSA_APACHE_METHOD(system_add_keyspace)
CPPCASSA_APACHE_METHOD(system_drop_keyspace)
CPPCASSA_APACHE_METHOD(system_update_keyspace)
CPPCASSA_APACHE_METHOD(system_update_column_family)
CPPCASSA_APACHE_METHOD(execute_cql_query)
CPPCASSA_APACHE_METHOD(execute_cql3_query)
CPPCASSA_APACHE_METHOD(prepare_cql_query)
CPPCASSA_APACHE_METHOD(prepare_cql3_query)
CPPCASSA_APACHE_METHOD(execute_prepared_cql_query)
CPPCASSA_APACHE_METHOD(execute_prepared_cql3_query)
CPPCASSA_APACHE_METHOD(set_cql_version)

#undef CPPCASSA_APACHE_METHOD

}  // namespace cppcassa::reference
