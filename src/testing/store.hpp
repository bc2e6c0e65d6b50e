// The embedded server's data: keyspaces, column families, rows and cells with Cassandra's
// semantics (comparator order, Murmur3 row order, last write wins, tombstones, TTL).
//
// Sans-io: one `serve` overload per Thrift method taking the method's args struct and returning
// its result, failing with `thrift_failure`. dispatch.cpp decodes calls into these and encodes
// what comes back, server_node.cpp carries the bytes; the unit tests call them directly.
#pragma once

#include <cppcassa/testing/options.hpp>
#include <cppcassa/thrift.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cppcassa::testing::detail {

// A declared Thrift exception raised by a call: the dispatcher sends it as the method's reply.
struct thrift_failure {
    std::variant<thrift::InvalidRequestException, thrift::NotFoundException, thrift::UnavailableException,
                 thrift::TimedOutException, thrift::AuthenticationException, thrift::AuthorizationException,
                 thrift::SchemaDisagreementException>
        error;
};

[[noreturn]] void invalid(std::string why);

// Per-connection state, as Cassandra keeps it per Thrift client.
struct session {
    std::string keyspace;
    std::optional<std::string> user;
};

// One node as describe_ring lists it.
struct ring_member {
    std::string host;
    std::uint16_t port = 0;
    std::int64_t token = 0;
};

class store {
public:
    explicit store(cluster_options options);
    ~store();
    store(const store&) = delete;
    store& operator=(const store&) = delete;

    // The nodes describe_ring and describe_token_map report (set by the cluster once bound).
    void set_ring(std::vector<ring_member> members);
    [[nodiscard]] const std::vector<ring_member>& ring() const noexcept { return ring_; }
    void set_clock(clock_function clock);

    // ---- session ----
    void serve(session& s, const thrift::login_args& a);
    void serve(session& s, const thrift::set_keyspace_args& a);
    // ---- reads ----
    thrift::ColumnOrSuperColumn serve(session& s, const thrift::get_args& a);
    std::vector<thrift::ColumnOrSuperColumn> serve(session& s, const thrift::get_slice_args& a);
    std::int32_t serve(session& s, const thrift::get_count_args& a);
    std::map<std::string, std::vector<thrift::ColumnOrSuperColumn>> serve(session& s,
                                                                        const thrift::multiget_slice_args& a);
    std::map<std::string, std::int32_t> serve(session& s, const thrift::multiget_count_args& a);
    std::vector<thrift::KeySlice> serve(session& s, const thrift::get_range_slices_args& a);
    std::vector<thrift::KeySlice> serve(session& s, const thrift::get_paged_slice_args& a);
    std::vector<thrift::KeySlice> serve(session& s, const thrift::get_indexed_slices_args& a);
    // ---- writes ----
    void serve(session& s, const thrift::insert_args& a);
    void serve(session& s, const thrift::add_args& a);
    void serve(session& s, const thrift::remove_args& a);
    void serve(session& s, const thrift::remove_counter_args& a);
    void serve(session& s, const thrift::batch_mutate_args& a);
    void serve(session& s, const thrift::atomic_batch_mutate_args& a);
    void serve(session& s, const thrift::truncate_args& a);
    thrift::CASResult serve(session& s, const thrift::cas_args& a);
    std::vector<thrift::ColumnOrSuperColumn> serve(session& s, const thrift::get_multi_slice_args& a);
    std::string serve(session& s, const thrift::trace_next_query_args& a);
    // ---- metadata ----
    std::map<std::string, std::vector<std::string>> serve(session& s, const thrift::describe_schema_versions_args& a);
    std::vector<thrift::KsDef> serve(session& s, const thrift::describe_keyspaces_args& a);
    std::string serve(session& s, const thrift::describe_cluster_name_args& a);
    std::string serve(session& s, const thrift::describe_version_args& a);
    std::vector<thrift::TokenRange> serve(session& s, const thrift::describe_ring_args& a);
    std::vector<thrift::TokenRange> serve(session& s, const thrift::describe_local_ring_args& a);
    std::map<std::string, std::string> serve(session& s, const thrift::describe_token_map_args& a);
    std::string serve(session& s, const thrift::describe_partitioner_args& a);
    std::string serve(session& s, const thrift::describe_snitch_args& a);
    thrift::KsDef serve(session& s, const thrift::describe_keyspace_args& a);
    // ---- schema ----
    std::string serve(session& s, const thrift::system_add_keyspace_args& a);
    std::string serve(session& s, const thrift::system_drop_keyspace_args& a);
    std::string serve(session& s, const thrift::system_update_keyspace_args& a);
    std::string serve(session& s, const thrift::system_add_column_family_args& a);
    std::string serve(session& s, const thrift::system_drop_column_family_args& a);
    std::string serve(session& s, const thrift::system_update_column_family_args& a);

    struct impl;

private:
    std::unique_ptr<impl> impl_;
    std::vector<ring_member> ring_;
    std::uint64_t trace_sessions_ = 0;
};

// A node's token when `count` nodes split the Murmur3 ring evenly.
std::int64_t even_token(std::size_t index, std::size_t count);

}  // namespace cppcassa::testing::detail
