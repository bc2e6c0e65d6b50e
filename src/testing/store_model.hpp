// The store's data structures (private to src/testing): what one column family holds.
//
// Deletions are applied when they arrive (shadowed cells are erased) and remembered (row and
// super column deletion times, range tombstones, column tombstones) so that a write older than
// the deletion is dropped later, which is what last-write-wins means in Cassandra.
#pragma once

#include "marshal/compare.hpp"
#include "testing/store.hpp"

#include <cppcassa/types/marshal_type.hpp>

#include <compare>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cppcassa::testing::detail {

inline constexpr std::int64_t never_deleted = std::numeric_limits<std::int64_t>::min();

// Orders column (or super column) names as the column family's comparator does.
struct name_order {
    std::shared_ptr<const marshal_type> type = std::make_shared<const marshal_type>();
    [[nodiscard]] int compare(const std::string& a, const std::string& b) const {
        return compare_names(*type, a, b);
    }
    bool operator()(const std::string& a, const std::string& b) const { return compare(a, b) < 0; }
};

struct cell {
    std::string value;
    std::int64_t timestamp = 0;
    std::int64_t counter = 0;     // counter column families: the running total
    std::int32_t ttl = 0;         // 0: none
    std::int64_t expires_at = 0;  // seconds since the epoch; 0: never
    bool tombstone = false;
};

struct range_tombstone {
    std::string start;  // empty: from the first name
    std::string finish; // empty: to the last name
    std::int64_t timestamp = 0;
};

// The cells of a row (standard) or of one super column.
struct cell_map {
    explicit cell_map(const name_order& order) : cells(order) {}
    std::int64_t deleted_at = never_deleted;
    std::vector<range_tombstone> ranges;
    std::map<std::string, cell, name_order> cells;
};

struct row {
    row(const name_order& names, const name_order& subnames) : columns(names), supers(names), sub_order(subnames) {}
    std::int64_t deleted_at = never_deleted;
    cell_map columns;                                 // standard column families
    std::map<std::string, cell_map, name_order> supers;  // super column families
    name_order sub_order;
};

// Rows sort by Murmur3 token, then by key bytes (two keys may share a token).
struct partition_key {
    std::int64_t token = 0;
    std::string key;
    friend auto operator<=>(const partition_key&, const partition_key&) = default;
};
partition_key position_of(const std::string& key);

struct column_family {
    thrift::CfDef def;
    name_order names;
    name_order subnames;
    bool super = false;
    bool counter = false;
    std::map<partition_key, row> rows;
    // Validators of the columns named in column_metadata (for index expressions).
    std::map<std::string, std::shared_ptr<const marshal_type>> validators;
    std::shared_ptr<const marshal_type> default_validator = std::make_shared<const marshal_type>();
};

struct keyspace {
    thrift::KsDef def;  // cf_defs left empty: rebuilt from `tables` when described
    std::map<std::string, column_family> tables;
};

struct store::impl {
    cluster_options options;
    std::map<std::string, keyspace> keyspaces;
    std::string schema_version;
    std::uint64_t schema_changes = 0;
    std::int32_t next_cf_id = 1000;

    [[nodiscard]] std::int64_t now_seconds() const;
    void new_schema_version();
    void require_login(const session& s) const;
    keyspace& current_keyspace(const session& s);
    column_family& table(const session& s, const std::string& name);
    // UnavailableException when the consistency level needs more replicas than the keyspace's
    // replication factor and the ring's size allow (no node is ever down for the store itself).
    void check_consistency(const session& s, thrift::ConsistencyLevel level, bool write);
    // table(), then check_consistency(): Cassandra reports an unknown table before a level it
    // cannot meet.
    column_family& checked_table(const session& s, const std::string& name, thrift::ConsistencyLevel level,
                                 bool write);
    std::size_t ring_size = 1;
};

}  // namespace cppcassa::testing::detail
