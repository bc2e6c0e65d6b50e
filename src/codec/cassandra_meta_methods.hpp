// Wire descriptions of Cassandra's metadata, schema and CQL methods: describe_schema_versions
// through set_cql_version (see descriptors.hpp). Each method's "<method>_args" struct is described
// beside it.
#pragma once

#include "codec/cassandra_structs.hpp"
#include "codec/descriptors.hpp"
#include "cppcassa/thrift/method_args.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace cppcassa::codec {

template <>
struct struct_info<thrift::describe_schema_versions_args> {
    static constexpr std::string_view name = "describe_schema_versions_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_keyspaces_args> {
    static constexpr std::string_view name = "describe_keyspaces_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_cluster_name_args> {
    static constexpr std::string_view name = "describe_cluster_name_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_version_args> {
    static constexpr std::string_view name = "describe_version_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_ring_args> {
    static constexpr std::string_view name = "describe_ring_args";
    using fields = std::tuple<field<1, &thrift::describe_ring_args::keyspace, presence::required>>;
};

template <>
struct struct_info<thrift::describe_local_ring_args> {
    static constexpr std::string_view name = "describe_local_ring_args";
    using fields = std::tuple<
        field<1, &thrift::describe_local_ring_args::keyspace, presence::required>>;
};

template <>
struct struct_info<thrift::describe_token_map_args> {
    static constexpr std::string_view name = "describe_token_map_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_partitioner_args> {
    static constexpr std::string_view name = "describe_partitioner_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_snitch_args> {
    static constexpr std::string_view name = "describe_snitch_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_keyspace_args> {
    static constexpr std::string_view name = "describe_keyspace_args";
    using fields = std::tuple<
        field<1, &thrift::describe_keyspace_args::keyspace, presence::required>>;
};

template <>
struct struct_info<thrift::describe_splits_args> {
    static constexpr std::string_view name = "describe_splits_args";
    using fields = std::tuple<
        field<1, &thrift::describe_splits_args::cfName, presence::required>,
        field<2, &thrift::describe_splits_args::start_token, presence::required>,
        field<3, &thrift::describe_splits_args::end_token, presence::required>,
        field<4, &thrift::describe_splits_args::keys_per_split, presence::required>>;
};

template <>
struct struct_info<thrift::trace_next_query_args> {
    static constexpr std::string_view name = "trace_next_query_args";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::describe_splits_ex_args> {
    static constexpr std::string_view name = "describe_splits_ex_args";
    using fields = std::tuple<
        field<1, &thrift::describe_splits_ex_args::cfName, presence::required>,
        field<2, &thrift::describe_splits_ex_args::start_token, presence::required>,
        field<3, &thrift::describe_splits_ex_args::end_token, presence::required>,
        field<4, &thrift::describe_splits_ex_args::keys_per_split, presence::required>>;
};

template <>
struct struct_info<thrift::system_add_column_family_args> {
    static constexpr std::string_view name = "system_add_column_family_args";
    using fields = std::tuple<
        field<1, &thrift::system_add_column_family_args::cf_def, presence::required>>;
};

template <>
struct struct_info<thrift::system_drop_column_family_args> {
    static constexpr std::string_view name = "system_drop_column_family_args";
    using fields = std::tuple<
        field<1, &thrift::system_drop_column_family_args::column_family, presence::required>>;
};

template <>
struct struct_info<thrift::system_add_keyspace_args> {
    static constexpr std::string_view name = "system_add_keyspace_args";
    using fields = std::tuple<
        field<1, &thrift::system_add_keyspace_args::ks_def, presence::required>>;
};

template <>
struct struct_info<thrift::system_drop_keyspace_args> {
    static constexpr std::string_view name = "system_drop_keyspace_args";
    using fields = std::tuple<
        field<1, &thrift::system_drop_keyspace_args::keyspace, presence::required>>;
};

template <>
struct struct_info<thrift::system_update_keyspace_args> {
    static constexpr std::string_view name = "system_update_keyspace_args";
    using fields = std::tuple<
        field<1, &thrift::system_update_keyspace_args::ks_def, presence::required>>;
};

template <>
struct struct_info<thrift::system_update_column_family_args> {
    static constexpr std::string_view name = "system_update_column_family_args";
    using fields = std::tuple<
        field<1, &thrift::system_update_column_family_args::cf_def, presence::required>>;
};

template <>
struct struct_info<thrift::execute_cql_query_args> {
    static constexpr std::string_view name = "execute_cql_query_args";
    using fields = std::tuple<
        field<1, &thrift::execute_cql_query_args::query, presence::required>,
        field<2, &thrift::execute_cql_query_args::compression, presence::required>>;
};

template <>
struct struct_info<thrift::execute_cql3_query_args> {
    static constexpr std::string_view name = "execute_cql3_query_args";
    using fields = std::tuple<
        field<1, &thrift::execute_cql3_query_args::query, presence::required>,
        field<2, &thrift::execute_cql3_query_args::compression, presence::required>,
        field<3, &thrift::execute_cql3_query_args::consistency, presence::required>>;
};

template <>
struct struct_info<thrift::prepare_cql_query_args> {
    static constexpr std::string_view name = "prepare_cql_query_args";
    using fields = std::tuple<
        field<1, &thrift::prepare_cql_query_args::query, presence::required>,
        field<2, &thrift::prepare_cql_query_args::compression, presence::required>>;
};

template <>
struct struct_info<thrift::prepare_cql3_query_args> {
    static constexpr std::string_view name = "prepare_cql3_query_args";
    using fields = std::tuple<
        field<1, &thrift::prepare_cql3_query_args::query, presence::required>,
        field<2, &thrift::prepare_cql3_query_args::compression, presence::required>>;
};

template <>
struct struct_info<thrift::execute_prepared_cql_query_args> {
    static constexpr std::string_view name = "execute_prepared_cql_query_args";
    using fields = std::tuple<
        field<1, &thrift::execute_prepared_cql_query_args::itemId, presence::required>,
        field<2, &thrift::execute_prepared_cql_query_args::values, presence::required>>;
};

template <>
struct struct_info<thrift::execute_prepared_cql3_query_args> {
    static constexpr std::string_view name = "execute_prepared_cql3_query_args";
    using fields = std::tuple<
        field<1, &thrift::execute_prepared_cql3_query_args::itemId, presence::required>,
        field<2, &thrift::execute_prepared_cql3_query_args::values, presence::required>,
        field<3, &thrift::execute_prepared_cql3_query_args::consistency, presence::required>>;
};

template <>
struct struct_info<thrift::set_cql_version_args> {
    static constexpr std::string_view name = "set_cql_version_args";
    using fields = std::tuple<field<1, &thrift::set_cql_version_args::version, presence::required>>;
};

namespace methods {

struct describe_schema_versions {
    static constexpr std::string_view name = "describe_schema_versions";
    using args = thrift::describe_schema_versions_args;
    using result = std::map<std::string, std::vector<std::string>>;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct describe_keyspaces {
    static constexpr std::string_view name = "describe_keyspaces";
    using args = thrift::describe_keyspaces_args;
    using result = std::vector<thrift::KsDef>;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct describe_cluster_name {
    static constexpr std::string_view name = "describe_cluster_name";
    using args = thrift::describe_cluster_name_args;
    using result = std::string;
    using exceptions = std::tuple<>;
};

struct describe_version {
    static constexpr std::string_view name = "describe_version";
    using args = thrift::describe_version_args;
    using result = std::string;
    using exceptions = std::tuple<>;
};

struct describe_ring {
    static constexpr std::string_view name = "describe_ring";
    using args = thrift::describe_ring_args;
    using result = std::vector<thrift::TokenRange>;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct describe_local_ring {
    static constexpr std::string_view name = "describe_local_ring";
    using args = thrift::describe_local_ring_args;
    using result = std::vector<thrift::TokenRange>;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct describe_token_map {
    static constexpr std::string_view name = "describe_token_map";
    using args = thrift::describe_token_map_args;
    using result = std::map<std::string, std::string>;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct describe_partitioner {
    static constexpr std::string_view name = "describe_partitioner";
    using args = thrift::describe_partitioner_args;
    using result = std::string;
    using exceptions = std::tuple<>;
};

struct describe_snitch {
    static constexpr std::string_view name = "describe_snitch";
    using args = thrift::describe_snitch_args;
    using result = std::string;
    using exceptions = std::tuple<>;
};

struct describe_keyspace {
    static constexpr std::string_view name = "describe_keyspace";
    using args = thrift::describe_keyspace_args;
    using result = thrift::KsDef;
    using exceptions = std::tuple<
        throws<1, thrift::NotFoundException>,
        throws<2, thrift::InvalidRequestException>>;
};

struct describe_splits {
    static constexpr std::string_view name = "describe_splits";
    using args = thrift::describe_splits_args;
    using result = std::vector<std::string>;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct trace_next_query {
    static constexpr std::string_view name = "trace_next_query";
    using args = thrift::trace_next_query_args;
    using result = std::string;
    using exceptions = std::tuple<>;
};

struct describe_splits_ex {
    static constexpr std::string_view name = "describe_splits_ex";
    using args = thrift::describe_splits_ex_args;
    using result = std::vector<thrift::CfSplit>;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct system_add_column_family {
    static constexpr std::string_view name = "system_add_column_family";
    using args = thrift::system_add_column_family_args;
    using result = std::string;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::SchemaDisagreementException>>;
};

struct system_drop_column_family {
    static constexpr std::string_view name = "system_drop_column_family";
    using args = thrift::system_drop_column_family_args;
    using result = std::string;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::SchemaDisagreementException>>;
};

struct system_add_keyspace {
    static constexpr std::string_view name = "system_add_keyspace";
    using args = thrift::system_add_keyspace_args;
    using result = std::string;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::SchemaDisagreementException>>;
};

struct system_drop_keyspace {
    static constexpr std::string_view name = "system_drop_keyspace";
    using args = thrift::system_drop_keyspace_args;
    using result = std::string;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::SchemaDisagreementException>>;
};

struct system_update_keyspace {
    static constexpr std::string_view name = "system_update_keyspace";
    using args = thrift::system_update_keyspace_args;
    using result = std::string;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::SchemaDisagreementException>>;
};

struct system_update_column_family {
    static constexpr std::string_view name = "system_update_column_family";
    using args = thrift::system_update_column_family_args;
    using result = std::string;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::SchemaDisagreementException>>;
};

struct execute_cql_query {
    static constexpr std::string_view name = "execute_cql_query";
    using args = thrift::execute_cql_query_args;
    using result = thrift::CqlResult;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>,
        throws<4, thrift::SchemaDisagreementException>>;
};

struct execute_cql3_query {
    static constexpr std::string_view name = "execute_cql3_query";
    using args = thrift::execute_cql3_query_args;
    using result = thrift::CqlResult;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>,
        throws<4, thrift::SchemaDisagreementException>>;
};

struct prepare_cql_query {
    static constexpr std::string_view name = "prepare_cql_query";
    using args = thrift::prepare_cql_query_args;
    using result = thrift::CqlPreparedResult;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct prepare_cql3_query {
    static constexpr std::string_view name = "prepare_cql3_query";
    using args = thrift::prepare_cql3_query_args;
    using result = thrift::CqlPreparedResult;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct execute_prepared_cql_query {
    static constexpr std::string_view name = "execute_prepared_cql_query";
    using args = thrift::execute_prepared_cql_query_args;
    using result = thrift::CqlResult;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>,
        throws<4, thrift::SchemaDisagreementException>>;
};

struct execute_prepared_cql3_query {
    static constexpr std::string_view name = "execute_prepared_cql3_query";
    using args = thrift::execute_prepared_cql3_query_args;
    using result = thrift::CqlResult;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>,
        throws<4, thrift::SchemaDisagreementException>>;
};

struct set_cql_version {
    static constexpr std::string_view name = "set_cql_version";
    using args = thrift::set_cql_version_args;
    using result = void_result;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

}  // namespace methods

}  // namespace cppcassa::codec
