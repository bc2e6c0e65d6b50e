// A keyspace of the integration tests, made on first use on the real node: SimpleStrategy, all
// its column families in one system_add_keyspace (so a concurrent test process sees all or
// nothing), then schema agreement awaited. A keyspace left by an earlier run is reused as it is:
// bump the suffix of its name when its definitions change.
#pragma once

#include "api/schema_definitions.hpp"
#include "support/test_server.hpp"

#include <cppcassa/column_family_arguments.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/system_manager.hpp>
#include <cppcassa/thrift.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>
#include <fmt/format.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cppcassa::test {

// "host:port" of the launcher's node.
inline std::string test_server_endpoint() {
    const auto server = real_server();
    return fmt::format("{}:{}", server.host, server.port);
}

// The definition system_manager::create_column_family would send for `options` (ensure_keyspace
// sets its keyspace).
inline thrift::CfDef column_family_definition(const std::string& name, const column_family_options& options) {
    return api::make_column_family_definition("", name, options);
}

// Creates keyspace `name` with `column_families` (their keyspace set to `name`) unless it exists,
// and waits for schema agreement after creating it.
inline boost::asio::awaitable<void> ensure_keyspace(std::string name, std::string replication_factor,
                                                    std::vector<thrift::CfDef> column_families) {
    const auto executor = co_await boost::asio::this_coro::executor;
    system_manager_config config;
    config.pool.servers = {test_server_endpoint()};
    system_manager sys(executor, config);
    bool exists = true;
    try {
        co_await sys.describe_keyspace(name);
    } catch (const not_found&) {
        exists = false;
    }
    if (!exists) {
        thrift::KsDef ks;
        ks.name = name;
        ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
        ks.strategy_options = std::map<std::string, std::string>{{"replication_factor", replication_factor}};
        for (auto& cf : column_families)
            cf.keyspace = name;
        ks.cf_defs = std::move(column_families);
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

}  // namespace cppcassa::test
