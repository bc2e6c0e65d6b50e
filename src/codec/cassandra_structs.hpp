// Wire descriptions of every struct and exception in proto/cassandra.thrift (see descriptors.hpp).
//
// Kept in the IDL's declaration order so a reviewer can read the two side by side.
// Fields are listed in ascending id order, not declaration order: Apache Thrift's C++ writes them
// that way (see KeyRange::write and CfDef::write in the generated reference), and the two orders
// differ for KeyRange (count, id 5, is declared after row_filter, id 6) and CfDef (retired ids
// are declared last).
#pragma once

#include "codec/descriptors.hpp"
#include "cppcassa/thrift/auth.hpp"
#include "cppcassa/thrift/columns.hpp"
#include "cppcassa/thrift/cql.hpp"
#include "cppcassa/thrift/exceptions.hpp"
#include "cppcassa/thrift/predicates.hpp"
#include "cppcassa/thrift/ring.hpp"
#include "cppcassa/thrift/schema.hpp"

#include <string_view>
#include <tuple>

namespace cppcassa::codec {

template <>
struct struct_info<thrift::Column> {
    static constexpr std::string_view name = "Column";
    using fields = std::tuple<
        field<1, &thrift::Column::name, presence::required>,
        field<2, &thrift::Column::value, presence::optional>,
        field<3, &thrift::Column::timestamp, presence::optional>,
        field<4, &thrift::Column::ttl, presence::optional>>;
};

template <>
struct struct_info<thrift::SuperColumn> {
    static constexpr std::string_view name = "SuperColumn";
    using fields = std::tuple<
        field<1, &thrift::SuperColumn::name, presence::required>,
        field<2, &thrift::SuperColumn::columns, presence::required>>;
};

template <>
struct struct_info<thrift::CounterColumn> {
    static constexpr std::string_view name = "CounterColumn";
    using fields = std::tuple<
        field<1, &thrift::CounterColumn::name, presence::required>,
        field<2, &thrift::CounterColumn::value, presence::required>>;
};

template <>
struct struct_info<thrift::CounterSuperColumn> {
    static constexpr std::string_view name = "CounterSuperColumn";
    using fields = std::tuple<
        field<1, &thrift::CounterSuperColumn::name, presence::required>,
        field<2, &thrift::CounterSuperColumn::columns, presence::required>>;
};

template <>
struct struct_info<thrift::ColumnOrSuperColumn> {
    static constexpr std::string_view name = "ColumnOrSuperColumn";
    using fields = std::tuple<
        field<1, &thrift::ColumnOrSuperColumn::column, presence::optional>,
        field<2, &thrift::ColumnOrSuperColumn::super_column, presence::optional>,
        field<3, &thrift::ColumnOrSuperColumn::counter_column, presence::optional>,
        field<4, &thrift::ColumnOrSuperColumn::counter_super_column, presence::optional>>;
};

template <>
struct struct_info<thrift::NotFoundException> {
    static constexpr std::string_view name = "NotFoundException";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::InvalidRequestException> {
    static constexpr std::string_view name = "InvalidRequestException";
    using fields = std::tuple<field<1, &thrift::InvalidRequestException::why, presence::required>>;
};

template <>
struct struct_info<thrift::UnavailableException> {
    static constexpr std::string_view name = "UnavailableException";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::TimedOutException> {
    static constexpr std::string_view name = "TimedOutException";
    using fields = std::tuple<
        field<1, &thrift::TimedOutException::acknowledged_by, presence::optional>,
        field<2, &thrift::TimedOutException::acknowledged_by_batchlog, presence::optional>,
        field<3, &thrift::TimedOutException::paxos_in_progress, presence::optional>>;
};

template <>
struct struct_info<thrift::AuthenticationException> {
    static constexpr std::string_view name = "AuthenticationException";
    using fields = std::tuple<field<1, &thrift::AuthenticationException::why, presence::required>>;
};

template <>
struct struct_info<thrift::AuthorizationException> {
    static constexpr std::string_view name = "AuthorizationException";
    using fields = std::tuple<field<1, &thrift::AuthorizationException::why, presence::required>>;
};

template <>
struct struct_info<thrift::SchemaDisagreementException> {
    static constexpr std::string_view name = "SchemaDisagreementException";
    using fields = std::tuple<>;
};

template <>
struct struct_info<thrift::ColumnParent> {
    static constexpr std::string_view name = "ColumnParent";
    using fields = std::tuple<
        field<3, &thrift::ColumnParent::column_family, presence::required>,
        field<4, &thrift::ColumnParent::super_column, presence::optional>>;
};

template <>
struct struct_info<thrift::ColumnPath> {
    static constexpr std::string_view name = "ColumnPath";
    using fields = std::tuple<
        field<3, &thrift::ColumnPath::column_family, presence::required>,
        field<4, &thrift::ColumnPath::super_column, presence::optional>,
        field<5, &thrift::ColumnPath::column, presence::optional>>;
};

template <>
struct struct_info<thrift::SliceRange> {
    static constexpr std::string_view name = "SliceRange";
    using fields = std::tuple<
        field<1, &thrift::SliceRange::start, presence::required>,
        field<2, &thrift::SliceRange::finish, presence::required>,
        field<3, &thrift::SliceRange::reversed, presence::required>,
        field<4, &thrift::SliceRange::count, presence::required>>;
};

template <>
struct struct_info<thrift::SlicePredicate> {
    static constexpr std::string_view name = "SlicePredicate";
    using fields = std::tuple<
        field<1, &thrift::SlicePredicate::column_names, presence::optional>,
        field<2, &thrift::SlicePredicate::slice_range, presence::optional>>;
};

template <>
struct struct_info<thrift::IndexExpression> {
    static constexpr std::string_view name = "IndexExpression";
    using fields = std::tuple<
        field<1, &thrift::IndexExpression::column_name, presence::required>,
        field<2, &thrift::IndexExpression::op, presence::required>,
        field<3, &thrift::IndexExpression::value, presence::required>>;
};

template <>
struct struct_info<thrift::IndexClause> {
    static constexpr std::string_view name = "IndexClause";
    using fields = std::tuple<
        field<1, &thrift::IndexClause::expressions, presence::required>,
        field<2, &thrift::IndexClause::start_key, presence::required>,
        field<3, &thrift::IndexClause::count, presence::required>>;
};

template <>
struct struct_info<thrift::KeyRange> {
    static constexpr std::string_view name = "KeyRange";
    using fields = std::tuple<
        field<1, &thrift::KeyRange::start_key, presence::optional>,
        field<2, &thrift::KeyRange::end_key, presence::optional>,
        field<3, &thrift::KeyRange::start_token, presence::optional>,
        field<4, &thrift::KeyRange::end_token, presence::optional>,
        field<5, &thrift::KeyRange::count, presence::required>,
        field<6, &thrift::KeyRange::row_filter, presence::optional>>;
};

template <>
struct struct_info<thrift::KeySlice> {
    static constexpr std::string_view name = "KeySlice";
    using fields = std::tuple<
        field<1, &thrift::KeySlice::key, presence::required>,
        field<2, &thrift::KeySlice::columns, presence::required>>;
};

template <>
struct struct_info<thrift::KeyCount> {
    static constexpr std::string_view name = "KeyCount";
    using fields = std::tuple<
        field<1, &thrift::KeyCount::key, presence::required>,
        field<2, &thrift::KeyCount::count, presence::required>>;
};

template <>
struct struct_info<thrift::Deletion> {
    static constexpr std::string_view name = "Deletion";
    using fields = std::tuple<
        field<1, &thrift::Deletion::timestamp, presence::optional>,
        field<2, &thrift::Deletion::super_column, presence::optional>,
        field<3, &thrift::Deletion::predicate, presence::optional>>;
};

template <>
struct struct_info<thrift::Mutation> {
    static constexpr std::string_view name = "Mutation";
    using fields = std::tuple<
        field<1, &thrift::Mutation::column_or_supercolumn, presence::optional>,
        field<2, &thrift::Mutation::deletion, presence::optional>>;
};

template <>
struct struct_info<thrift::EndpointDetails> {
    static constexpr std::string_view name = "EndpointDetails";
    using fields = std::tuple<
        field<1, &thrift::EndpointDetails::host, presence::standard>,
        field<2, &thrift::EndpointDetails::datacenter, presence::standard>,
        field<3, &thrift::EndpointDetails::rack, presence::optional>>;
};

template <>
struct struct_info<thrift::CASResult> {
    static constexpr std::string_view name = "CASResult";
    using fields = std::tuple<
        field<1, &thrift::CASResult::success, presence::required>,
        field<2, &thrift::CASResult::current_values, presence::optional>>;
};

template <>
struct struct_info<thrift::TokenRange> {
    static constexpr std::string_view name = "TokenRange";
    using fields = std::tuple<
        field<1, &thrift::TokenRange::start_token, presence::required>,
        field<2, &thrift::TokenRange::end_token, presence::required>,
        field<3, &thrift::TokenRange::endpoints, presence::required>,
        field<4, &thrift::TokenRange::rpc_endpoints, presence::optional>,
        field<5, &thrift::TokenRange::endpoint_details, presence::optional>>;
};

template <>
struct struct_info<thrift::AuthenticationRequest> {
    static constexpr std::string_view name = "AuthenticationRequest";
    using fields = std::tuple<
        field<1, &thrift::AuthenticationRequest::credentials, presence::required>>;
};

template <>
struct struct_info<thrift::ColumnDef> {
    static constexpr std::string_view name = "ColumnDef";
    using fields = std::tuple<
        field<1, &thrift::ColumnDef::name, presence::required>,
        field<2, &thrift::ColumnDef::validation_class, presence::required>,
        field<3, &thrift::ColumnDef::index_type, presence::optional>,
        field<4, &thrift::ColumnDef::index_name, presence::optional>,
        field<5, &thrift::ColumnDef::index_options, presence::optional>>;
};

template <>
struct struct_info<thrift::TriggerDef> {
    static constexpr std::string_view name = "TriggerDef";
    using fields = std::tuple<
        field<1, &thrift::TriggerDef::name, presence::required>,
        field<2, &thrift::TriggerDef::options, presence::required>>;
};

template <>
struct struct_info<thrift::CfDef> {
    static constexpr std::string_view name = "CfDef";
    using fields = std::tuple<
        field<1, &thrift::CfDef::keyspace, presence::required>,
        field<2, &thrift::CfDef::name, presence::required>,
        field<3, &thrift::CfDef::column_type, presence::optional>,
        field<5, &thrift::CfDef::comparator_type, presence::optional>,
        field<6, &thrift::CfDef::subcomparator_type, presence::optional>,
        field<8, &thrift::CfDef::comment, presence::optional>,
        field<9, &thrift::CfDef::row_cache_size, presence::optional>,
        field<11, &thrift::CfDef::key_cache_size, presence::optional>,
        field<12, &thrift::CfDef::read_repair_chance, presence::optional>,
        field<13, &thrift::CfDef::column_metadata, presence::optional>,
        field<14, &thrift::CfDef::gc_grace_seconds, presence::optional>,
        field<15, &thrift::CfDef::default_validation_class, presence::optional>,
        field<16, &thrift::CfDef::id, presence::optional>,
        field<17, &thrift::CfDef::min_compaction_threshold, presence::optional>,
        field<18, &thrift::CfDef::max_compaction_threshold, presence::optional>,
        field<19, &thrift::CfDef::row_cache_save_period_in_seconds, presence::optional>,
        field<20, &thrift::CfDef::key_cache_save_period_in_seconds, presence::optional>,
        field<21, &thrift::CfDef::memtable_flush_after_mins, presence::optional>,
        field<22, &thrift::CfDef::memtable_throughput_in_mb, presence::optional>,
        field<23, &thrift::CfDef::memtable_operations_in_millions, presence::optional>,
        field<24, &thrift::CfDef::replicate_on_write, presence::optional>,
        field<25, &thrift::CfDef::merge_shards_chance, presence::optional>,
        field<26, &thrift::CfDef::key_validation_class, presence::optional>,
        field<27, &thrift::CfDef::row_cache_provider, presence::optional>,
        field<28, &thrift::CfDef::key_alias, presence::optional>,
        field<29, &thrift::CfDef::compaction_strategy, presence::optional>,
        field<30, &thrift::CfDef::compaction_strategy_options, presence::optional>,
        field<31, &thrift::CfDef::row_cache_keys_to_save, presence::optional>,
        field<32, &thrift::CfDef::compression_options, presence::optional>,
        field<33, &thrift::CfDef::bloom_filter_fp_chance, presence::optional>,
        field<34, &thrift::CfDef::caching, presence::optional>,
        field<37, &thrift::CfDef::dclocal_read_repair_chance, presence::optional>,
        field<38, &thrift::CfDef::populate_io_cache_on_flush, presence::optional>,
        field<39, &thrift::CfDef::memtable_flush_period_in_ms, presence::optional>,
        field<40, &thrift::CfDef::default_time_to_live, presence::optional>,
        field<41, &thrift::CfDef::index_interval, presence::optional>,
        field<42, &thrift::CfDef::speculative_retry, presence::optional>,
        field<43, &thrift::CfDef::triggers, presence::optional>,
        field<44, &thrift::CfDef::cells_per_row_to_cache, presence::optional>,
        field<45, &thrift::CfDef::min_index_interval, presence::optional>,
        field<46, &thrift::CfDef::max_index_interval, presence::optional>>;
};

template <>
struct struct_info<thrift::KsDef> {
    static constexpr std::string_view name = "KsDef";
    using fields = std::tuple<
        field<1, &thrift::KsDef::name, presence::required>,
        field<2, &thrift::KsDef::strategy_class, presence::required>,
        field<3, &thrift::KsDef::strategy_options, presence::optional>,
        field<4, &thrift::KsDef::replication_factor, presence::optional>,
        field<5, &thrift::KsDef::cf_defs, presence::required>,
        field<6, &thrift::KsDef::durable_writes, presence::optional>>;
};

template <>
struct struct_info<thrift::CqlRow> {
    static constexpr std::string_view name = "CqlRow";
    using fields = std::tuple<
        field<1, &thrift::CqlRow::key, presence::required>,
        field<2, &thrift::CqlRow::columns, presence::required>>;
};

template <>
struct struct_info<thrift::CqlMetadata> {
    static constexpr std::string_view name = "CqlMetadata";
    using fields = std::tuple<
        field<1, &thrift::CqlMetadata::name_types, presence::required>,
        field<2, &thrift::CqlMetadata::value_types, presence::required>,
        field<3, &thrift::CqlMetadata::default_name_type, presence::required>,
        field<4, &thrift::CqlMetadata::default_value_type, presence::required>>;
};

template <>
struct struct_info<thrift::CqlResult> {
    static constexpr std::string_view name = "CqlResult";
    using fields = std::tuple<
        field<1, &thrift::CqlResult::type, presence::required>,
        field<2, &thrift::CqlResult::rows, presence::optional>,
        field<3, &thrift::CqlResult::num, presence::optional>,
        field<4, &thrift::CqlResult::schema, presence::optional>>;
};

template <>
struct struct_info<thrift::CqlPreparedResult> {
    static constexpr std::string_view name = "CqlPreparedResult";
    using fields = std::tuple<
        field<1, &thrift::CqlPreparedResult::itemId, presence::required>,
        field<2, &thrift::CqlPreparedResult::count, presence::required>,
        field<3, &thrift::CqlPreparedResult::variable_types, presence::optional>,
        field<4, &thrift::CqlPreparedResult::variable_names, presence::optional>>;
};

template <>
struct struct_info<thrift::CfSplit> {
    static constexpr std::string_view name = "CfSplit";
    using fields = std::tuple<
        field<1, &thrift::CfSplit::start_token, presence::required>,
        field<2, &thrift::CfSplit::end_token, presence::required>,
        field<3, &thrift::CfSplit::row_count, presence::required>>;
};

template <>
struct struct_info<thrift::ColumnSlice> {
    static constexpr std::string_view name = "ColumnSlice";
    using fields = std::tuple<
        field<1, &thrift::ColumnSlice::start, presence::optional>,
        field<2, &thrift::ColumnSlice::finish, presence::optional>>;
};

template <>
struct struct_info<thrift::MultiSliceRequest> {
    static constexpr std::string_view name = "MultiSliceRequest";
    using fields = std::tuple<
        field<1, &thrift::MultiSliceRequest::key, presence::optional>,
        field<2, &thrift::MultiSliceRequest::column_parent, presence::optional>,
        field<3, &thrift::MultiSliceRequest::column_slices, presence::optional>,
        field<4, &thrift::MultiSliceRequest::reversed, presence::optional>,
        field<5, &thrift::MultiSliceRequest::count, presence::optional>,
        field<6, &thrift::MultiSliceRequest::consistency_level, presence::optional>>;
};

// Every struct and exception of the IDL (method args structs excluded), for tests that must
// cover them all.
using all_structs = std::tuple<
    thrift::Column,
    thrift::SuperColumn,
    thrift::CounterColumn,
    thrift::CounterSuperColumn,
    thrift::ColumnOrSuperColumn,
    thrift::NotFoundException,
    thrift::InvalidRequestException,
    thrift::UnavailableException,
    thrift::TimedOutException,
    thrift::AuthenticationException,
    thrift::AuthorizationException,
    thrift::SchemaDisagreementException,
    thrift::ColumnParent,
    thrift::ColumnPath,
    thrift::SliceRange,
    thrift::SlicePredicate,
    thrift::IndexExpression,
    thrift::IndexClause,
    thrift::KeyRange,
    thrift::KeySlice,
    thrift::KeyCount,
    thrift::Deletion,
    thrift::Mutation,
    thrift::EndpointDetails,
    thrift::CASResult,
    thrift::TokenRange,
    thrift::AuthenticationRequest,
    thrift::ColumnDef,
    thrift::TriggerDef,
    thrift::CfDef,
    thrift::KsDef,
    thrift::CqlRow,
    thrift::CqlMetadata,
    thrift::CqlResult,
    thrift::CqlPreparedResult,
    thrift::CfSplit,
    thrift::ColumnSlice,
    thrift::MultiSliceRequest>;

}  // namespace cppcassa::codec
