// The keyspace the column_family integration tests use, created once (all its column families
// in one system_add_keyspace, so a concurrent test process sees all or nothing), and a pool on it.
#pragma once

#include "support/test_keyspace.hpp"
#include "support/test_server.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>
#include <fmt/format.h>

#include <string>

namespace cppcassa::test {

// Bump the suffix when the definitions below change: a keyspace left by an older run is reused.
inline constexpr const char* cf_keyspace = "cppcassa_cf_v3";

inline std::string test_server_endpoint() {
    const auto server = real_server();
    return fmt::format("{}:{}", server.host, server.port);
}

inline thrift::CfDef cf_definition(std::string name, std::string comparator, std::string values) {
    thrift::CfDef cf;
    cf.keyspace = cf_keyspace;
    cf.name = std::move(name);
    cf.comparator_type = std::move(comparator);
    cf.key_validation_class = "UTF8Type";
    cf.default_validation_class = std::move(values);
    return cf;
}

// Standard1: UTF8Type names and values, "age" a LongType column (the seed's Test ColumnFamily).
// Numbers: LongType names and values. Super1: UTF8Type super columns, sub-columns and values.
// Counter1 / SuperCounter1: counters with UTF8Type names. Truncated, Ranged, RangedSuper: each
// for the one test that truncates it. Indexed: KEYS indexes on "state" (UTF8Type) and
// "birth_date" (LongType).
inline boost::asio::awaitable<void> ensure_cf_keyspace() {
    const auto executor = co_await boost::asio::this_coro::executor;
    system_manager_config config;
    config.pool.servers = {test_server_endpoint()};
    system_manager sys(executor, config);
    bool exists = true;
    try {
        const std::string name = cf_keyspace;
        co_await sys.describe_keyspace(name);
    } catch (const not_found&) {
        exists = false;
    }
    if (!exists) {
        thrift::KsDef ks;
        ks.name = cf_keyspace;
        ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
        ks.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
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
        ks.cf_defs = {standard,
                      cf_definition("Numbers", "LongType", "LongType"),
                      super,
                      cf_definition("Counter1", "UTF8Type", "CounterColumnType"),
                      super_counter,
                      cf_definition("Truncated", "UTF8Type", "UTF8Type"),
                      cf_definition("Ranged", "UTF8Type", "UTF8Type"),
                      ranged_super,
                      indexed};
        try {
            const thrift::system_add_keyspace_args add{.ks_def = ks};
            auto call = [&add](connection& c) { return c.system_add_keyspace(add); };
            const operation_options op;
            co_await sys.connection_pool().execute(call, op);
        } catch (const invalid_request&) {
            // Another test process created it meanwhile: agreement below covers it.
        }
        co_await sys.wait_for_schema_agreement();
    }
    sys.close();
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
