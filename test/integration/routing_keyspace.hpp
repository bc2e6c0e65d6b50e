// The keyspace the routing tests write to: cppcassa_routing, SimpleStrategy with replication
// factor 2 (on the 3-node cluster each key lives on 2 of 3 nodes, so where a request goes
// matters), with Standard1 (BytesType names), which CQL sees as a table with a `key` blob column.
#pragma once

#include "support/ensure_keyspace.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cppcassa::test {

inline constexpr const char* routing_keyspace = "cppcassa_routing";

// Waits (up to ~30 s) until every reachable node reports the same schema version, so a keyspace
// created through one node is usable through the others. A replica that gets a write for a table
// it does not know yet drops the write and its connection from the coordinator, and the
// coordinator's writes at ALL time out. Each check may take Cassandra's whole rpc timeout (10 s)
// when a node does not answer it; the call's own timeout is longer.
inline boost::asio::awaitable<void> wait_for_schema_agreement(cppcassa::connection& conn) {
    const auto executor = co_await boost::asio::this_coro::executor;
    const cppcassa::call_options patient{.timeout = std::chrono::milliseconds(25000)};
    for (int i = 0; i < 300; ++i) {
        const auto versions = co_await conn.describe_schema_versions(patient);
        std::size_t live = 0;
        for (const auto& [version, hosts] : versions)
            live += version != "UNREACHABLE" ? 1 : 0;
        if (live <= 1)
            co_return;
        boost::asio::steady_timer pause(executor, std::chrono::milliseconds(100));
        co_await pause.async_wait(boost::asio::use_awaitable);
    }
}

inline boost::asio::awaitable<void> ensure_routing_keyspace(cppcassa::connection& conn) {
    thrift::CfDef standard;
    standard.name = "Standard1";
    standard.comparator_type = "BytesType";
    std::vector<thrift::CfDef> column_families{standard};
    const std::string name = routing_keyspace;
    const std::string replication = "2";
    co_await ensure_keyspace(name, replication, std::move(column_families));
    // Also when it existed: `conn` may be on a node that has not seen it yet.
    co_await wait_for_schema_agreement(conn);
}

// The three nodes of scripts/cassandra.sh --nodes 3.
inline std::vector<std::string> cluster_servers() {
    const auto port = real_server().port;
    return {"127.0.0.1:" + std::to_string(port), "127.0.0.2:" + std::to_string(port),
            "127.0.0.3:" + std::to_string(port)};
}

// A keyspace every Thrift-era line has (2.0 to 3.11) and replicates with SimpleStrategy, so each
// node of a ring owns ranges in it; describe_ring refuses LocalStrategy ones such as `system`.
inline constexpr const char* ring_keyspace = "system_traces";

// Nodes in the ring (describe_ring of ring_keyspace).
// The replica tests need the 3-node cluster; against a single node they say so and stop.
inline boost::asio::awaitable<std::size_t> ring_size(cppcassa::connection& conn) {
    const thrift::describe_ring_args which{.keyspace = ring_keyspace};
    const auto ranges = co_await conn.describe_ring(which);
    std::set<std::string> nodes;
    for (const auto& r : ranges)
        nodes.insert(r.endpoints.begin(), r.endpoints.end());
    co_return nodes.size();
}

// "0x" and the key's bytes in hex: a blob literal for CQL.
inline std::string blob_literal(const std::string& bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out = "0x";
    for (const unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

}  // namespace cppcassa::test
