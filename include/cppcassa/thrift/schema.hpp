// Keyspace and column family definitions, as describe_keyspace returns them and system_* take them.
//
// Members are declared in ascending field-id order, the order Apache Thrift's C++ writes them,
// so designated initializers follow the wire. `optional` IDL fields are std::optional and are sent
// only when engaged.
// An "IDL default" note gives the value the server assumes when that optional field is absent.
#pragma once

#include "cppcassa/thrift/enums.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::thrift {

// A column with a declared validator, possibly indexed.
struct ColumnDef {
    std::string name{};
    std::string validation_class{};
    std::optional<IndexType> index_type{};
    std::optional<std::string> index_name{};
    std::optional<std::map<std::string, std::string>> index_options{};

    friend bool operator==(const ColumnDef&, const ColumnDef&) = default;
};

// A trigger; `options` must carry at least "class".
struct TriggerDef {
    std::string name{};
    std::map<std::string, std::string> options{};

    friend bool operator==(const TriggerDef&, const TriggerDef&) = default;
};

// A column family. Only keyspace and name are required. The members Cassandra 3.11 ignores keep
// their ids on the wire (retired ids are never reused), so they stay here and round-trip.
struct CfDef {
    std::string keyspace{};
    std::string name{};
    std::optional<std::string> column_type{};  // IDL default: "Standard"
    std::optional<std::string> comparator_type{};  // IDL default: "BytesType"
    std::optional<std::string> subcomparator_type{};
    std::optional<std::string> comment{};
    std::optional<double> row_cache_size{};  // ignored by Cassandra 3.11
    std::optional<double> key_cache_size{};  // ignored by Cassandra 3.11
    std::optional<double> read_repair_chance{};
    std::optional<std::vector<ColumnDef>> column_metadata{};
    std::optional<std::int32_t> gc_grace_seconds{};
    std::optional<std::string> default_validation_class{};
    std::optional<std::int32_t> id{};
    std::optional<std::int32_t> min_compaction_threshold{};
    std::optional<std::int32_t> max_compaction_threshold{};
    std::optional<std::int32_t> row_cache_save_period_in_seconds{};  // ignored by Cassandra 3.11
    std::optional<std::int32_t> key_cache_save_period_in_seconds{};  // ignored by Cassandra 3.11
    std::optional<std::int32_t> memtable_flush_after_mins{};  // ignored by Cassandra 3.11
    std::optional<std::int32_t> memtable_throughput_in_mb{};  // ignored by Cassandra 3.11
    std::optional<double> memtable_operations_in_millions{};  // ignored by Cassandra 3.11
    std::optional<bool> replicate_on_write{};  // ignored by Cassandra 3.11
    std::optional<double> merge_shards_chance{};  // ignored by Cassandra 3.11
    std::optional<std::string> key_validation_class{};
    std::optional<std::string> row_cache_provider{};  // ignored by Cassandra 3.11
    std::optional<std::string> key_alias{};
    std::optional<std::string> compaction_strategy{};
    std::optional<std::map<std::string, std::string>> compaction_strategy_options{};
    std::optional<std::int32_t> row_cache_keys_to_save{};  // ignored by Cassandra 3.11
    std::optional<std::map<std::string, std::string>> compression_options{};
    std::optional<double> bloom_filter_fp_chance{};
    std::optional<std::string> caching{};  // IDL default: "keys_only"
    std::optional<double> dclocal_read_repair_chance{};  // IDL default: 0.0
    std::optional<bool> populate_io_cache_on_flush{};  // ignored by Cassandra 3.11
    std::optional<std::int32_t> memtable_flush_period_in_ms{};
    std::optional<std::int32_t> default_time_to_live{};
    std::optional<std::int32_t> index_interval{};  // ignored by Cassandra 3.11
    std::optional<std::string> speculative_retry{};  // IDL default: "NONE"
    std::optional<std::vector<TriggerDef>> triggers{};
    std::optional<std::string> cells_per_row_to_cache{};  // IDL default: "100"
    std::optional<std::int32_t> min_index_interval{};
    std::optional<std::int32_t> max_index_interval{};

    friend bool operator==(const CfDef&, const CfDef&) = default;
};

// A keyspace. Replication goes in strategy_options; replication_factor is ignored by the server.
struct KsDef {
    std::string name{};
    std::string strategy_class{};
    std::optional<std::map<std::string, std::string>> strategy_options{};
    std::optional<std::int32_t> replication_factor{};  // ignored by Cassandra 3.11
    std::vector<CfDef> cf_defs{};
    std::optional<bool> durable_writes{};  // IDL default: true

    friend bool operator==(const KsDef&, const KsDef&) = default;
};

}  // namespace cppcassa::thrift
