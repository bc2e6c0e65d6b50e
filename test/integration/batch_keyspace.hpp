// The keyspace of the batch tests (batch_mutator_test.cpp, batch_faults_test.cpp): Standard1 and
// Super1 with UTF8Type keys, names and values, created through system_manager on the real node.
#pragma once

#include "integration/column_family_keyspace.hpp"

#include <cppcassa/column_family_arguments.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>
#include <utility>
#include <vector>

namespace cppcassa::test {

// Bump when the definitions change: a keyspace left by an older run is reused.
inline constexpr const char* batch_keyspace = "cppcassa_batch_h1";

inline boost::asio::awaitable<void> ensure_batch_keyspace() {
    column_family_options standard;
    standard.comparator_type = "UTF8Type";
    standard.key_validation_class = "UTF8Type";
    standard.default_validation_class = "UTF8Type";
    column_family_options super = standard;
    super.kind = column_family_kind::super;
    super.subcomparator_type = "UTF8Type";
    std::vector<thrift::CfDef> column_families{column_family_definition("Standard1", standard),
                                               column_family_definition("Super1", super)};
    const std::string name = batch_keyspace;
    const std::string replication = "1";
    co_await ensure_keyspace(name, replication, std::move(column_families));
}

inline pool_config batch_pool_config() {
    auto config = cf_pool_config();
    config.keyspace = batch_keyspace;
    return config;
}

}  // namespace cppcassa::test
