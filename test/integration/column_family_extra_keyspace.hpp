// The keyspace of the column_family tests beyond pycassa (cas, get_multi_slice, tracing, CQL3
// over Thrift), created once with all its column families, and a pool on it.
#pragma once

#include "integration/column_family_keyspace.hpp"

#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>
#include <utility>
#include <vector>

namespace cppcassa::test {

// Bump the suffix when the definitions below change.
inline constexpr const char* extra_keyspace = "cppcassa_cf_extra_v2";

// Cas1: UTF8Type keys, names and values. Wide: LongType names and values. Paged: UTF8Type keys,
// LongType names and values, truncated by the get_paged_slice test.
inline boost::asio::awaitable<void> ensure_extra_keyspace() {
    std::vector<thrift::CfDef> column_families{cf_definition("Cas1", "UTF8Type", "UTF8Type"),
                                               cf_definition("Wide", "LongType", "LongType"),
                                               cf_definition("Paged", "LongType", "LongType")};
    const std::string name = extra_keyspace;
    const std::string replication = "1";
    co_await ensure_keyspace(name, replication, std::move(column_families));
}

inline pool_config extra_pool_config() {
    auto config = cf_pool_config();
    config.keyspace = extra_keyspace;
    return config;
}

}  // namespace cppcassa::test
