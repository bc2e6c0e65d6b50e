// The keyspace of the column_family tests beyond pycassa (cas, get_multi_slice, tracing, CQL3
// over Thrift), created once with all its column families, and a pool on it.
#pragma once

#include "integration/column_family_keyspace.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>

#include <map>
#include <string>
#include <vector>

namespace cppcassa::test {

// Bump the suffix when the definitions below change.
inline constexpr const char* extra_keyspace = "cppcassa_cf_extra_v2";

// Cas1: UTF8Type keys, names and values. Wide: LongType names and values. Paged: UTF8Type keys,
// LongType names and values, truncated by the get_paged_slice test.
inline boost::asio::awaitable<void> ensure_extra_keyspace() {
    const auto executor = co_await boost::asio::this_coro::executor;
    system_manager_config config;
    config.pool.servers = {test_server_endpoint()};
    system_manager sys(executor, config);
    bool exists = true;
    try {
        const std::string name = extra_keyspace;
        co_await sys.describe_keyspace(name);
    } catch (const not_found&) {
        exists = false;
    }
    if (!exists) {
        thrift::KsDef ks;
        ks.name = extra_keyspace;
        ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
        ks.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
        auto cas1 = cf_definition("Cas1", "UTF8Type", "UTF8Type");
        cas1.keyspace = extra_keyspace;
        auto wide = cf_definition("Wide", "LongType", "LongType");
        wide.keyspace = extra_keyspace;
        auto paged = cf_definition("Paged", "LongType", "LongType");
        paged.keyspace = extra_keyspace;
        ks.cf_defs = {cas1, wide, paged};
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

inline pool_config extra_pool_config() {
    auto config = cf_pool_config();
    config.keyspace = extra_keyspace;
    return config;
}

}  // namespace cppcassa::test
