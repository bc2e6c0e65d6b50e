// The keyspace the column_family integration tests use, created once (all its column families
// in one system_add_keyspace, so a concurrent test process sees all or nothing), and a pool on it.
#pragma once

#include "support/ensure_keyspace.hpp"
#include "support/test_keyspace.hpp"
#include "support/test_server.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>
#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

namespace cppcassa::test {

// Bump the suffix when the definitions below change: a keyspace left by an older run is reused.
inline constexpr const char* cf_keyspace = "cppcassa_cf_v3";

inline thrift::CfDef cf_definition(std::string name, std::string comparator, std::string values) {
    thrift::CfDef cf;
    cf.keyspace = cf_keyspace;
    cf.name = std::move(name);
    cf.comparator_type = std::move(comparator);
    cf.key_validation_class = "UTF8Type";
    cf.default_validation_class = std::move(values);
    return cf;
}

// Standard1: UTF8Type names and values, "age" a LongType column (pycassa's Test ColumnFamily).
// Numbers: LongType names and values. Super1: UTF8Type super columns, sub-columns and values.
// Counter1 / SuperCounter1: counters with UTF8Type names. Truncated, Ranged, RangedSuper: each
// for the one test that truncates it. Indexed: KEYS indexes on "state" (UTF8Type) and
// "birth_date" (LongType).
inline boost::asio::awaitable<void> ensure_cf_keyspace() {
    auto standard = cf_definition("Standard1", "UTF8Type", "UTF8Type");
    thrift::ColumnDef age;
    age.name = "age";
    age.validation_class = "LongType";
    standard.column_metadata = std::vector<thrift::ColumnDef>{age};
    auto super = cf_definition("Super1", "UTF8Type", "UTF8Type");
    super.column_type = "Super";
    super.subcomparator_type = "UTF8Type";
    auto super_counter = cf_definition("SuperCounter1", "UTF8Type", "CounterColumnType");
    super_counter.column_type = "Super";
    super_counter.subcomparator_type = "UTF8Type";
    auto ranged_super = cf_definition("RangedSuper", "UTF8Type", "UTF8Type");
    ranged_super.column_type = "Super";
    ranged_super.subcomparator_type = "UTF8Type";
    auto indexed = cf_definition("Indexed", "UTF8Type", "UTF8Type");
    thrift::ColumnDef state;
    state.name = "state";
    state.validation_class = "UTF8Type";
    state.index_type = thrift::IndexType::KEYS;
    thrift::ColumnDef birth;
    birth.name = "birth_date";
    birth.validation_class = "LongType";
    birth.index_type = thrift::IndexType::KEYS;
    indexed.column_metadata = std::vector<thrift::ColumnDef>{state, birth};
    std::vector<thrift::CfDef> column_families{standard,
                                               cf_definition("Numbers", "LongType", "LongType"),
                                               super,
                                               cf_definition("Counter1", "UTF8Type", "CounterColumnType"),
                                               super_counter,
                                               cf_definition("Truncated", "UTF8Type", "UTF8Type"),
                                               cf_definition("Ranged", "UTF8Type", "UTF8Type"),
                                               ranged_super,
                                               indexed};
    const std::string name = cf_keyspace;
    const std::string replication = "1";
    co_await ensure_keyspace(name, replication, std::move(column_families));
}

inline pool_config cf_pool_config() {
    pool_config config;
    config.servers = {test_server_endpoint()};
    config.keyspace = cf_keyspace;
    config.pool_size = 2;
    config.prefill = false;
    return config;
}

// A key no other test or earlier run wrote.
inline std::string fresh_key(const char* what) { return fmt::format("{}_{}", what, now_micros()); }

}  // namespace cppcassa::test
