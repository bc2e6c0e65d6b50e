// The keyspace of the batch tests (batch_mutator_test.cpp, batch_faults_test.cpp): Standard1 and
// Super1 with UTF8Type keys, names and values, created through system_manager on the real node.
#pragma once

#include "integration/column_family_keyspace.hpp"

#include <cppcassa/column_family_options.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <string>

namespace cppcassa::test {

// Bump when the definitions change: a keyspace left by an older run is reused.
inline constexpr const char* batch_keyspace = "cppcassa_batch_h1";

inline boost::asio::awaitable<void> ensure_batch_keyspace() {
    const auto executor = co_await boost::asio::this_coro::executor;
    system_manager_config config;
    config.pool.servers = {test_server_endpoint()};
    system_manager sys(executor, config);
    const auto keyspaces = co_await sys.list_keyspaces();
    if (std::find(keyspaces.begin(), keyspaces.end(), batch_keyspace) == keyspaces.end()) {
        bool raced = false;
        try {
            const std::string name = batch_keyspace;
            co_await sys.create_keyspace(name);
        } catch (const invalid_request&) {
            raced = true;  // another test process created it meanwhile
        }
        if (!raced) {
            column_family_options standard;
            standard.comparator_type = "UTF8Type";
            standard.key_validation_class = "UTF8Type";
            standard.default_validation_class = "UTF8Type";
            const std::string ks = batch_keyspace;
            co_await sys.create_column_family(ks, "Standard1", standard);
            column_family_options super = standard;
            super.kind = column_family_kind::super;
            super.subcomparator_type = "UTF8Type";
            co_await sys.create_column_family(ks, "Super1", super);
        }
        co_await sys.wait_for_schema_agreement();
    }
    sys.close();
}

inline pool_config batch_pool_config() {
    auto config = cf_pool_config();
    config.keyspace = batch_keyspace;
    return config;
}

}  // namespace cppcassa::test
