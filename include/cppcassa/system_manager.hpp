// Schema and cluster description: pycassa's SystemManager, as awaitables.
//
//   cppcassa::system_manager sys(executor);                 // localhost:9160
//   cppcassa::keyspace_options replicated;
//   replicated.strategy_options = {{"replication_factor", "3"}};
//   co_await sys.create_keyspace("app", replicated);
//   cppcassa::column_family_options users;
//   users.comparator_type = "UTF8Type";
//   co_await sys.create_column_family("app", "users", users);
//
// Options are named variables, never braced temporaries inside the co_await: GCC 12 destroys
// those twice (docs/tutorial.md).
//
// Every schema change returns only once the cluster agrees on the new schema: it polls
// describe_schema_versions until every reachable node reports one version. Since Cassandra 1.2
// the server no longer answers a change with SchemaDisagreement, so a client that only waits for
// that exception (pycassa does) returns while other nodes still lack the keyspace it just made.
//
// The manager owns a small pool of its own (the servers of `config`, keyspace ignored): some
// Thrift schema calls act on the connection's current keyspace, so it selects one per call on
// connections no ColumnFamily shares.
//
// Errors: the pool's (pool.hpp), Cassandra's (invalid_request with its `why`: a keyspace that
// exists already, a bad type name, ...; not_found for a keyspace that does not exist), and
// schema_disagreement. Cancellation: call_cancelled. A schema change is a pool operation (its
// request may have been applied when cancelled during it) followed by the wait for agreement;
// cancelled during that wait, the change was applied and the cluster may not agree yet.
#pragma once

#include <cppcassa/pool.hpp>
#include <cppcassa/pool_config.hpp>
#include <cppcassa/thrift.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa {

// Replication of a keyspace. Strategy names may be short ("SimpleStrategy") or full class names.
struct keyspace_options {
    std::string strategy_class = "SimpleStrategy";
    // SimpleStrategy: {"replication_factor", "N"}; NetworkTopologyStrategy: {"dc1", "N"}, ...
    std::map<std::string, std::string> strategy_options{{"replication_factor", "1"}};
    bool durable_writes = true;
};

// What alter_keyspace changes; unset members keep their current value.
struct keyspace_changes {
    std::optional<std::string> strategy_class{};
    std::optional<std::map<std::string, std::string>> strategy_options{};
    std::optional<bool> durable_writes{};
};

enum class column_family_kind { standard, super };

// A column family's definition. Types are Cassandra marshal class names, short ("UTF8Type",
// "CompositeType(UTF8Type,LongType)") or full; unset members take the server's defaults
// (BytesType everywhere). A counter column family is one whose default_validation_class is
// "CounterColumnType". Column names in column_validation_classes are the packed bytes of the name
// (the name itself for UTF8Type, AsciiType and BytesType comparators).
struct column_family_options {
    column_family_kind kind = column_family_kind::standard;
    std::optional<std::string> comparator_type{};
    std::optional<std::string> subcomparator_type{};  // super column families only
    std::optional<std::string> key_validation_class{};
    std::optional<std::string> default_validation_class{};
    std::map<std::string, std::string> column_validation_classes{};
    std::optional<std::string> comment{};
    std::optional<std::int32_t> gc_grace_seconds{};
    std::optional<std::int32_t> default_time_to_live{};  // seconds; 0: none
    std::optional<double> read_repair_chance{};
    std::optional<double> dclocal_read_repair_chance{};
    std::optional<double> bloom_filter_fp_chance{};
    std::optional<std::string> caching{};
    std::optional<std::string> compaction_strategy{};
    std::optional<std::map<std::string, std::string>> compaction_strategy_options{};
    std::optional<std::map<std::string, std::string>> compression_options{};
    std::optional<std::int32_t> min_compaction_threshold{};
    std::optional<std::int32_t> max_compaction_threshold{};
};

// What alter_column_family changes; unset members keep their current value. Comparators and the
// column family's kind cannot change (Cassandra refuses), so they are not here.
struct column_family_changes {
    std::optional<std::string> key_validation_class{};
    std::optional<std::string> default_validation_class{};
    std::map<std::string, std::string> column_validation_classes{};  // added or replaced
    std::optional<std::string> comment{};
    std::optional<std::int32_t> gc_grace_seconds{};
    std::optional<std::int32_t> default_time_to_live{};
    std::optional<double> read_repair_chance{};
    std::optional<double> dclocal_read_repair_chance{};
    std::optional<double> bloom_filter_fp_chance{};
    std::optional<std::string> caching{};
    std::optional<std::string> compaction_strategy{};
    std::optional<std::map<std::string, std::string>> compaction_strategy_options{};
    std::optional<std::map<std::string, std::string>> compression_options{};
    std::optional<std::int32_t> min_compaction_threshold{};
    std::optional<std::int32_t> max_compaction_threshold{};
};

struct system_manager_config {
    // Where schema calls go (keyspace is ignored); default localhost:9160, one connection.
    pool_config pool{.pool_size = 1, .max_overflow = 1, .prefill = false};
    // How long a schema change waits for every reachable node to agree; schema_disagreement after.
    std::chrono::milliseconds schema_agreement_timeout{60000};
    // Delay between two describe_schema_versions polls.
    std::chrono::milliseconds schema_poll_interval{100};
};

class system_manager {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    system_manager(boost::asio::any_io_executor executor, system_manager_config config = {});

    // ---- keyspaces ----
    // (Overloads instead of default arguments: GCC 12 destroys a defaulted braced argument twice
    // inside co_await.) SimpleStrategy, replication factor 1.
    awaitable<void> create_keyspace(std::string name);
    awaitable<void> create_keyspace(std::string name, keyspace_options options);
    awaitable<void> alter_keyspace(std::string name, keyspace_changes changes);
    awaitable<void> drop_keyspace(std::string name);
    // Names of every keyspace, system ones included.
    awaitable<std::vector<std::string>> list_keyspaces();
    // The keyspace's definition with its column families; not_found when it does not exist.
    awaitable<thrift::KsDef> describe_keyspace(std::string name);
    // Its column families by name.
    awaitable<std::map<std::string, thrift::CfDef>> get_keyspace_column_families(std::string keyspace);

    // ---- column families ----
    // A standard column family with the server's defaults (BytesType everywhere).
    awaitable<void> create_column_family(std::string keyspace, std::string name);
    awaitable<void> create_column_family(std::string keyspace, std::string name, column_family_options options);
    // alter_column_family, alter_column, create_index and drop_index read the column family's
    // definition first: not_found when the keyspace or the column family does not exist.
    awaitable<void> alter_column_family(std::string keyspace, std::string name, column_family_changes changes);
    awaitable<void> drop_column_family(std::string keyspace, std::string name);
    // Sets the validator of one column (`column`: the packed name).
    awaitable<void> alter_column(std::string keyspace, std::string column_family, std::string column,
                                 std::string validation_class);
    // A KEYS secondary index on `column`, which gets `validation_class`. `index_name` defaults to
    // Cassandra's "<column_family>_<column>_idx".
    awaitable<void> create_index(std::string keyspace, std::string column_family, std::string column,
                                 std::string validation_class);
    awaitable<void> create_index(std::string keyspace, std::string column_family, std::string column,
                                 std::string validation_class, std::optional<std::string> index_name);
    // Drops the index on `column`; its validator stays. usage_error (no_such_element) when the
    // column has no index, before anything is changed.
    awaitable<void> drop_index(std::string keyspace, std::string column_family, std::string column);

    // ---- the cluster ----
    awaitable<std::string> describe_version();
    awaitable<std::string> describe_cluster_name();
    awaitable<std::string> describe_partitioner();
    awaitable<std::string> describe_snitch();
    awaitable<std::vector<thrift::TokenRange>> describe_ring(std::string keyspace);
    awaitable<std::map<std::string, std::string>> describe_token_map();
    // Schema version -> hosts reporting it ("UNREACHABLE" lists nodes that did not answer).
    awaitable<std::map<std::string, std::vector<std::string>>> describe_schema_versions();

    // Returns once every reachable node reports the same schema version; schema_disagreement
    // (naming each version and its hosts) after schema_agreement_timeout; call_cancelled when
    // cancelled (nothing to undo: it only reads).
    awaitable<void> wait_for_schema_agreement();

    void close() { pool_.close(); }
    [[nodiscard]] pool& connection_pool() { return pool_; }

private:
    awaitable<thrift::CfDef> column_family_definition(const std::string& keyspace, const std::string& name);
    awaitable<void> update_column_family(thrift::CfDef definition);

    system_manager_config config_;
    pool pool_;
};

}  // namespace cppcassa
