// One pipelined connection to one Cassandra server, speaking its Thrift API.
//
//   cppcassa::connection conn(executor, {.host = "127.0.0.1", .keyspace = "Keyspace1"});
//   co_await conn.connect();
//   std::string version = co_await conn.describe_version();
//
// Any number of coroutines may call at once: requests are written back to back and replies are
// matched in order. Each Thrift method of Cassandra 3.11 (API 20.1.0) is a member taking the
// method's arguments as one struct; each returns the method's result or throws a cppcassa::error
// (errors.hpp). Arguments are taken by value: the call's coroutine owns them, so a temporary
// argument stays valid however late the returned awaitable runs (co_spawn starts it later). When a call times out or is cancelled, the reply stream is out of sync, so the
// connection closes and every other waiting call fails with connection_closed (retryable). A
// cancelled call throws call_cancelled (errors.hpp says what it leaves behind).
//
// Not thread-safe: use a connection from one executor (a strand on a multi-threaded io_context).
#pragma once

#include <cppcassa/call_options.hpp>
#include <cppcassa/connection_config.hpp>
#include <cppcassa/detail/asio_recycling_cache.hpp>
#include <cppcassa/detail/io_backend.hpp>
#include <cppcassa/server_version.hpp>
#include <cppcassa/thrift.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa {

namespace net {
class connection_impl;
struct connection_access;
}

class connection {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    connection(boost::asio::any_io_executor executor, connection_config config);
    // Closes the connection; calls still waiting fail with connection_closed.
    ~connection();
    connection(connection&&) noexcept;
    connection& operator=(connection&&) noexcept;

    // Resolves, connects, then logs in, sets the keyspace when the config asks and learns the
    // server's version (server_version()), all within config.connect_timeout. Throws connect_error (tls_error), authentication_error,
    // invalid_request, call_cancelled (the connection is then closed), and usage_error
    // (already_connected) when called a second time or after close().
    awaitable<void> connect();
    // Fails waiting calls with connection_closed and closes the socket. Idempotent.
    void close();

    [[nodiscard]] bool is_open() const;
    [[nodiscard]] const connection_config& config() const;
    // "host:port", as it appears in error messages.
    [[nodiscard]] const std::string& endpoint() const;
    // Calls written and not yet answered.
    [[nodiscard]] std::size_t in_flight() const;
    // What the server speaks, learnt by connect() (connection_config::learn_server_version):
    // describe_version, and on a 19.x API the release from system.local. Unset before connect(),
    // when learning is off, or when the server would not say. While it is set, a call the
    // server's release lacks, or one setting a field it does not know, throws
    // not_supported_by_server_error (a usage_error) before anything is sent; while unset, every
    // call is sent and the server's answer stands.
    [[nodiscard]] const std::optional<cppcassa::server_version>& server_version() const;
    [[nodiscard]] boost::asio::any_io_executor get_executor() const;

    // ---- session ----
    awaitable<void> login(thrift::login_args, call_options = {});
    awaitable<void> set_keyspace(thrift::set_keyspace_args, call_options = {});

    // ---- reads ----
    awaitable<thrift::ColumnOrSuperColumn> get(thrift::get_args, call_options = {});
    awaitable<std::vector<thrift::ColumnOrSuperColumn>> get_slice(thrift::get_slice_args, call_options = {});
    awaitable<std::int32_t> get_count(thrift::get_count_args, call_options = {});
    awaitable<std::map<std::string, std::vector<thrift::ColumnOrSuperColumn>>> multiget_slice(
        thrift::multiget_slice_args, call_options = {});
    awaitable<std::map<std::string, std::int32_t>> multiget_count(thrift::multiget_count_args,
                                                                  call_options = {});
    awaitable<std::vector<thrift::KeySlice>> get_range_slices(thrift::get_range_slices_args,
                                                              call_options = {});
    awaitable<std::vector<thrift::KeySlice>> get_paged_slice(thrift::get_paged_slice_args,
                                                             call_options = {});
    awaitable<std::vector<thrift::KeySlice>> get_indexed_slices(thrift::get_indexed_slices_args,
                                                                call_options = {});
    // Cassandra 2.1 and later (not_supported_by_server_error on 2.0). A request without a key,
    // column_parent or column_slices is refused (usage_error, invalid_argument): Cassandra
    // closes the connection on one.
    awaitable<std::vector<thrift::ColumnOrSuperColumn>> get_multi_slice(thrift::get_multi_slice_args,
                                                                        call_options = {});

    // The reuse form of the list reads: the result is written over `out`, reusing the memory its
    // elements hold from earlier calls, so a steady stream of reads of one shape allocates nothing
    // for results. `args` is read where it is, not copied: keep it alive until the call completes
    // (awaiting the call does). After a failure `out` holds unspecified elements.
    awaitable<void> get_slice(const thrift::get_slice_args& args, std::vector<thrift::ColumnOrSuperColumn>& out,
                              call_options = {});
    awaitable<void> get_range_slices(const thrift::get_range_slices_args& args, std::vector<thrift::KeySlice>& out,
                                     call_options = {});
    awaitable<void> get_multi_slice(const thrift::get_multi_slice_args& args,
                                    std::vector<thrift::ColumnOrSuperColumn>& out, call_options = {});

    // ---- writes ----
    awaitable<void> insert(thrift::insert_args, call_options = {});
    awaitable<void> add(thrift::add_args, call_options = {});
    awaitable<thrift::CASResult> cas(thrift::cas_args, call_options = {});
    awaitable<void> remove(thrift::remove_args, call_options = {});
    awaitable<void> remove_counter(thrift::remove_counter_args, call_options = {});
    awaitable<void> batch_mutate(thrift::batch_mutate_args, call_options = {});
    awaitable<void> atomic_batch_mutate(thrift::atomic_batch_mutate_args, call_options = {});
    awaitable<void> truncate(thrift::truncate_args, call_options = {});

    // ---- cluster and schema description ----
    awaitable<std::map<std::string, std::vector<std::string>>> describe_schema_versions(call_options = {});
    awaitable<std::vector<thrift::KsDef>> describe_keyspaces(call_options = {});
    awaitable<std::string> describe_cluster_name(call_options = {});
    awaitable<std::string> describe_version(call_options = {});
    awaitable<std::vector<thrift::TokenRange>> describe_ring(thrift::describe_ring_args, call_options = {});
    awaitable<std::vector<thrift::TokenRange>> describe_local_ring(thrift::describe_local_ring_args,
                                                                   call_options = {});
    awaitable<std::map<std::string, std::string>> describe_token_map(call_options = {});
    awaitable<std::string> describe_partitioner(call_options = {});
    awaitable<std::string> describe_snitch(call_options = {});
    awaitable<thrift::KsDef> describe_keyspace(thrift::describe_keyspace_args, call_options = {});
    awaitable<std::vector<std::string>> describe_splits(thrift::describe_splits_args, call_options = {});
    awaitable<std::vector<thrift::CfSplit>> describe_splits_ex(thrift::describe_splits_ex_args,
                                                               call_options = {});
    awaitable<std::string> trace_next_query(call_options = {});

    // ---- schema changes (each returns the new schema version) ----
    awaitable<std::string> system_add_column_family(thrift::system_add_column_family_args,
                                                    call_options = {});
    awaitable<std::string> system_drop_column_family(thrift::system_drop_column_family_args,
                                                     call_options = {});
    awaitable<std::string> system_add_keyspace(thrift::system_add_keyspace_args, call_options = {});
    awaitable<std::string> system_drop_keyspace(thrift::system_drop_keyspace_args, call_options = {});
    awaitable<std::string> system_update_keyspace(thrift::system_update_keyspace_args,
                                                  call_options = {});
    awaitable<std::string> system_update_column_family(thrift::system_update_column_family_args,
                                                       call_options = {});

    // ---- CQL over Thrift ----
    awaitable<thrift::CqlResult> execute_cql_query(thrift::execute_cql_query_args, call_options = {});
    awaitable<thrift::CqlResult> execute_cql3_query(thrift::execute_cql3_query_args, call_options = {});
    awaitable<thrift::CqlPreparedResult> prepare_cql_query(thrift::prepare_cql_query_args,
                                                           call_options = {});
    awaitable<thrift::CqlPreparedResult> prepare_cql3_query(thrift::prepare_cql3_query_args,
                                                            call_options = {});
    awaitable<thrift::CqlResult> execute_prepared_cql_query(thrift::execute_prepared_cql_query_args,
                                                            call_options = {});
    awaitable<thrift::CqlResult> execute_prepared_cql3_query(thrift::execute_prepared_cql3_query_args,
                                                             call_options = {});
    awaitable<void> set_cql_version(thrift::set_cql_version_args, call_options = {});

private:
    friend struct net::connection_access;  // the library's calls whose arguments come pre-encoded

    std::shared_ptr<net::connection_impl> impl_;
};

}  // namespace cppcassa
