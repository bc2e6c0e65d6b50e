// Wire descriptions of Cassandra's session and data methods: login through get_multi_slice
// (see descriptors.hpp). Each method's "<method>_args" struct is described beside it.
//
// Fields are listed in ascending id order, not declaration order: Apache Thrift's C++ writes them
// that way (see KeyRange::write and CfDef::write in the generated reference), and the two orders
// differ for KeyRange (count, id 5, is declared after row_filter, id 6) and CfDef (retired ids
// are declared last).
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
struct struct_info<thrift::login_args> {
    static constexpr std::string_view name = "login_args";
    using fields = std::tuple<field<1, &thrift::login_args::auth_request, presence::required>>;
};

template <>
struct struct_info<thrift::set_keyspace_args> {
    static constexpr std::string_view name = "set_keyspace_args";
    using fields = std::tuple<field<1, &thrift::set_keyspace_args::keyspace, presence::required>>;
};

template <>
struct struct_info<thrift::get_args> {
    static constexpr std::string_view name = "get_args";
    using fields = std::tuple<
        field<1, &thrift::get_args::key, presence::required>,
        field<2, &thrift::get_args::column_path, presence::required>,
        field<3, &thrift::get_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::get_slice_args> {
    static constexpr std::string_view name = "get_slice_args";
    using fields = std::tuple<
        field<1, &thrift::get_slice_args::key, presence::required>,
        field<2, &thrift::get_slice_args::column_parent, presence::required>,
        field<3, &thrift::get_slice_args::predicate, presence::required>,
        field<4, &thrift::get_slice_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::get_count_args> {
    static constexpr std::string_view name = "get_count_args";
    using fields = std::tuple<
        field<1, &thrift::get_count_args::key, presence::required>,
        field<2, &thrift::get_count_args::column_parent, presence::required>,
        field<3, &thrift::get_count_args::predicate, presence::required>,
        field<4, &thrift::get_count_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::multiget_slice_args> {
    static constexpr std::string_view name = "multiget_slice_args";
    using fields = std::tuple<
        field<1, &thrift::multiget_slice_args::keys, presence::required>,
        field<2, &thrift::multiget_slice_args::column_parent, presence::required>,
        field<3, &thrift::multiget_slice_args::predicate, presence::required>,
        field<4, &thrift::multiget_slice_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::multiget_count_args> {
    static constexpr std::string_view name = "multiget_count_args";
    using fields = std::tuple<
        field<1, &thrift::multiget_count_args::keys, presence::required>,
        field<2, &thrift::multiget_count_args::column_parent, presence::required>,
        field<3, &thrift::multiget_count_args::predicate, presence::required>,
        field<4, &thrift::multiget_count_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::get_range_slices_args> {
    static constexpr std::string_view name = "get_range_slices_args";
    using fields = std::tuple<
        field<1, &thrift::get_range_slices_args::column_parent, presence::required>,
        field<2, &thrift::get_range_slices_args::predicate, presence::required>,
        field<3, &thrift::get_range_slices_args::range, presence::required>,
        field<4, &thrift::get_range_slices_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::get_paged_slice_args> {
    static constexpr std::string_view name = "get_paged_slice_args";
    using fields = std::tuple<
        field<1, &thrift::get_paged_slice_args::column_family, presence::required>,
        field<2, &thrift::get_paged_slice_args::range, presence::required>,
        field<3, &thrift::get_paged_slice_args::start_column, presence::required>,
        field<4, &thrift::get_paged_slice_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::get_indexed_slices_args> {
    static constexpr std::string_view name = "get_indexed_slices_args";
    using fields = std::tuple<
        field<1, &thrift::get_indexed_slices_args::column_parent, presence::required>,
        field<2, &thrift::get_indexed_slices_args::index_clause, presence::required>,
        field<3, &thrift::get_indexed_slices_args::column_predicate, presence::required>,
        field<4, &thrift::get_indexed_slices_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::insert_args> {
    static constexpr std::string_view name = "insert_args";
    using fields = std::tuple<
        field<1, &thrift::insert_args::key, presence::required>,
        field<2, &thrift::insert_args::column_parent, presence::required>,
        field<3, &thrift::insert_args::column, presence::required>,
        field<4, &thrift::insert_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::add_args> {
    static constexpr std::string_view name = "add_args";
    using fields = std::tuple<
        field<1, &thrift::add_args::key, presence::required>,
        field<2, &thrift::add_args::column_parent, presence::required>,
        field<3, &thrift::add_args::column, presence::required>,
        field<4, &thrift::add_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::cas_args> {
    static constexpr std::string_view name = "cas_args";
    using fields = std::tuple<
        field<1, &thrift::cas_args::key, presence::required>,
        field<2, &thrift::cas_args::column_family, presence::required>,
        field<3, &thrift::cas_args::expected, presence::standard>,
        field<4, &thrift::cas_args::updates, presence::standard>,
        field<5, &thrift::cas_args::serial_consistency_level, presence::required>,
        field<6, &thrift::cas_args::commit_consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::remove_args> {
    static constexpr std::string_view name = "remove_args";
    using fields = std::tuple<
        field<1, &thrift::remove_args::key, presence::required>,
        field<2, &thrift::remove_args::column_path, presence::required>,
        field<3, &thrift::remove_args::timestamp, presence::required>,
        field<4, &thrift::remove_args::consistency_level, presence::standard>>;
};

template <>
struct struct_info<thrift::remove_counter_args> {
    static constexpr std::string_view name = "remove_counter_args";
    using fields = std::tuple<
        field<1, &thrift::remove_counter_args::key, presence::required>,
        field<2, &thrift::remove_counter_args::path, presence::required>,
        field<3, &thrift::remove_counter_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::batch_mutate_args> {
    static constexpr std::string_view name = "batch_mutate_args";
    using fields = std::tuple<
        field<1, &thrift::batch_mutate_args::mutation_map, presence::required>,
        field<2, &thrift::batch_mutate_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::atomic_batch_mutate_args> {
    static constexpr std::string_view name = "atomic_batch_mutate_args";
    using fields = std::tuple<
        field<1, &thrift::atomic_batch_mutate_args::mutation_map, presence::required>,
        field<2, &thrift::atomic_batch_mutate_args::consistency_level, presence::required>>;
};

template <>
struct struct_info<thrift::truncate_args> {
    static constexpr std::string_view name = "truncate_args";
    using fields = std::tuple<field<1, &thrift::truncate_args::cfname, presence::required>>;
};

template <>
struct struct_info<thrift::get_multi_slice_args> {
    static constexpr std::string_view name = "get_multi_slice_args";
    using fields = std::tuple<field<1, &thrift::get_multi_slice_args::request, presence::required>>;
};

namespace methods {

struct login {
    static constexpr std::string_view name = "login";
    using args = thrift::login_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::AuthenticationException>,
        throws<2, thrift::AuthorizationException>>;
};

struct set_keyspace {
    static constexpr std::string_view name = "set_keyspace";
    using args = thrift::set_keyspace_args;
    using result = void_result;
    using exceptions = std::tuple<throws<1, thrift::InvalidRequestException>>;
};

struct get {
    static constexpr std::string_view name = "get";
    using args = thrift::get_args;
    using result = thrift::ColumnOrSuperColumn;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::NotFoundException>,
        throws<3, thrift::UnavailableException>,
        throws<4, thrift::TimedOutException>>;
};

struct get_slice {
    static constexpr std::string_view name = "get_slice";
    using args = thrift::get_slice_args;
    using result = std::vector<thrift::ColumnOrSuperColumn>;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct get_count {
    static constexpr std::string_view name = "get_count";
    using args = thrift::get_count_args;
    using result = std::int32_t;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct multiget_slice {
    static constexpr std::string_view name = "multiget_slice";
    using args = thrift::multiget_slice_args;
    using result = std::map<std::string, std::vector<thrift::ColumnOrSuperColumn>>;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct multiget_count {
    static constexpr std::string_view name = "multiget_count";
    using args = thrift::multiget_count_args;
    using result = std::map<std::string, std::int32_t>;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct get_range_slices {
    static constexpr std::string_view name = "get_range_slices";
    using args = thrift::get_range_slices_args;
    using result = std::vector<thrift::KeySlice>;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct get_paged_slice {
    static constexpr std::string_view name = "get_paged_slice";
    using args = thrift::get_paged_slice_args;
    using result = std::vector<thrift::KeySlice>;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct get_indexed_slices {
    static constexpr std::string_view name = "get_indexed_slices";
    using args = thrift::get_indexed_slices_args;
    using result = std::vector<thrift::KeySlice>;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct insert {
    static constexpr std::string_view name = "insert";
    using args = thrift::insert_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct add {
    static constexpr std::string_view name = "add";
    using args = thrift::add_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct cas {
    static constexpr std::string_view name = "cas";
    using args = thrift::cas_args;
    using result = thrift::CASResult;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct remove {
    static constexpr std::string_view name = "remove";
    using args = thrift::remove_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct remove_counter {
    static constexpr std::string_view name = "remove_counter";
    using args = thrift::remove_counter_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct batch_mutate {
    static constexpr std::string_view name = "batch_mutate";
    using args = thrift::batch_mutate_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct atomic_batch_mutate {
    static constexpr std::string_view name = "atomic_batch_mutate";
    using args = thrift::atomic_batch_mutate_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct truncate {
    static constexpr std::string_view name = "truncate";
    using args = thrift::truncate_args;
    using result = void_result;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

struct get_multi_slice {
    static constexpr std::string_view name = "get_multi_slice";
    using args = thrift::get_multi_slice_args;
    using result = std::vector<thrift::ColumnOrSuperColumn>;
    using exceptions = std::tuple<
        throws<1, thrift::InvalidRequestException>,
        throws<2, thrift::UnavailableException>,
        throws<3, thrift::TimedOutException>>;
};

}  // namespace methods

}  // namespace cppcassa::codec
