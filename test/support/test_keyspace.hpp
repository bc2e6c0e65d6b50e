// The keyspace the integration tests write to, created on first use on the real server.
// (Arguments are named variables, never braced temporaries inside co_await: GCC 12 destroys those
// twice; see docs/architecture.md.)
#pragma once

#include "support/test_server.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>

namespace cppcassa::test {

inline constexpr const char* test_keyspace = "cppcassa_it";

inline std::int64_t now_micros() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// Standard1 (BytesType names) and Super1 (super, BytesType names and sub-names).
inline boost::asio::awaitable<void> ensure_test_keyspace(cppcassa::connection& conn) {
    bool exists = true;
    try {
        const thrift::describe_keyspace_args which{.keyspace = test_keyspace};
        co_await conn.describe_keyspace(which);
    } catch (const cppcassa::not_found&) {
        exists = false;
    }
    if (exists)
        co_return;
    thrift::KsDef ks;
    ks.name = test_keyspace;
    ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
    ks.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
    thrift::CfDef standard;
    standard.keyspace = test_keyspace;
    standard.name = "Standard1";
    standard.comparator_type = "BytesType";
    thrift::CfDef super = standard;
    super.name = "Super1";
    super.column_type = "Super";
    super.subcomparator_type = "BytesType";
    ks.cf_defs = {standard, super};
    const thrift::system_add_keyspace_args add{.ks_def = ks};
    co_await conn.system_add_keyspace(add);
}

// A connection to the launcher's node with the test keyspace selected.
inline boost::asio::awaitable<void> connect_to_test_keyspace(cppcassa::connection& conn) {
    co_await conn.connect();
    co_await ensure_test_keyspace(conn);
    const thrift::set_keyspace_args use{.keyspace = test_keyspace};
    co_await conn.set_keyspace(use);
}

inline connection_config real_server_config() {
    const auto server = real_server();
    return {.host = server.host, .port = server.port};
}

}  // namespace cppcassa::test
