// Our partitioner tokens and token ring against the real 3-node cluster's own answers: the token
// CQL's token() gives each key, describe_token_map's owner of each token, describe_ring's ranges.
#include "integration/routing_keyspace.hpp"
#include "support/run_coroutine.hpp"

#include "routing/murmur3.hpp"
#include "routing/token.hpp"
#include "routing/token_ring.hpp"

#include <cppcassa/connection.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
namespace routing = cppcassa::routing;
using cppcassa::test::run_coroutine;

// ~200 keys covering every tail length (1..17 bytes, then longer), bytes >= 0x80 in every
// position (Cassandra sign-extends tail bytes), and a few printable ones.
std::vector<std::string> sample_keys() {
    std::mt19937_64 gen(20261127);
    std::vector<std::string> keys = {"a", "key1", "hello world", std::string("\x80", 1), std::string("\xff", 1),
                                     std::string(16, '\xff'), std::string(17, '\x80'),
                                     "0123456789abcdef", "0123456789abcdefX",
                                     std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x89", 9),
                                     "The quick brown fox jumps over the lazy dog"};
    std::string run;  // 0x80..0x8e: a high byte in every tail position
    for (int b = 0x80; b < 0x8f; ++b)
        run.push_back(static_cast<char>(b));
    keys.push_back(run);
    for (std::size_t length = 1; length <= 40; ++length)
        for (int variant = 0; variant < 5; ++variant) {
            std::string key(length, '\0');
            for (auto& c : key) {
                // variant 0: high bytes only; 1: low bytes only; else any byte.
                const auto b = static_cast<unsigned>(gen() & 0xff);
                c = static_cast<char>(variant == 0 ? (b | 0x80) : variant == 1 ? (b & 0x7f) : b);
            }
            keys.push_back(std::move(key));
        }
    return keys;
}

// Inserts each key into <keyspace>.Standard1 (the connection's keyspace), then asks CQL for token(key), one query
// per key, all pipelined on one connection. Returns the tokens in the order of `keys`.
asio::awaitable<std::vector<std::int64_t>> server_tokens(cppcassa::connection& conn, std::string keyspace,
                                                         const std::vector<std::string>& keys) {
    const auto now = cppcassa::test::now_micros();
    for (const auto& key : keys) {
        thrift::insert_args write;
        write.key = key;
        write.column_parent.column_family = "Standard1";
        write.column.name = "c";
        write.column.value = "v";
        write.column.timestamp = now;
        write.consistency_level = thrift::ConsistencyLevel::ALL;
        co_await conn.insert(write);
    }
    std::vector<std::int64_t> tokens;
    for (const auto& key : keys) {
        thrift::execute_cql3_query_args query;
        query.query = fmt::format("SELECT token(key) FROM {}.\"Standard1\" WHERE key = {} LIMIT 1", keyspace,
                                  cppcassa::test::blob_literal(key));
        query.compression = thrift::Compression::NONE;
        query.consistency = thrift::ConsistencyLevel::ONE;
        const auto result = co_await conn.execute_cql3_query(query);
        if (!result.rows || result.rows->size() != 1 || result.rows->front().columns.size() != 1 ||
            !result.rows->front().columns.front().value ||
            result.rows->front().columns.front().value->size() != 8)
            throw std::runtime_error("unexpected token() reply for key " + cppcassa::test::blob_literal(key));
        // Murmur3Partitioner's token type is LongType: 8 bytes, big-endian.
        std::uint64_t v = 0;
        for (const unsigned char c : *result.rows->front().columns.front().value)
            v = (v << 8) | c;
        tokens.push_back(static_cast<std::int64_t>(v));
    }
    co_return tokens;
}

// Throws when the server is not the 3-node cluster these tests need.
asio::awaitable<void> connect_routing(cppcassa::connection& conn) {
    co_await conn.connect();
    if (const auto nodes = co_await cppcassa::test::ring_size(conn); nodes < 3) {
        throw std::runtime_error(fmt::format(
            "needs the 3-node cluster (scripts/cassandra.sh start --nodes 3), found {} node(s)", nodes));
    }
    co_await cppcassa::test::ensure_routing_keyspace(conn);
    const thrift::set_keyspace_args use{.keyspace = cppcassa::test::routing_keyspace};
    co_await conn.set_keyspace(use);
}

TEST_CASE("our Murmur3 tokens equal the tokens real Cassandra gives 200 keys of every tail length", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        // cppcassa_it (RF 1): runs on a single node as well as on the cluster. Created through
        // this node if missing: every node must know it before the writes at ALL below.
        co_await cppcassa::test::connect_to_test_keyspace(conn);
        co_await cppcassa::test::wait_for_schema_agreement(conn);
        const auto partitioner = co_await conn.describe_partitioner();
        REQUIRE(routing::parse_partitioner(partitioner) == routing::partitioner_kind::murmur3);

        const auto keys = sample_keys();
        const std::string keyspace = cppcassa::test::test_keyspace;
        const auto tokens = co_await server_tokens(conn, keyspace, keys);
        REQUIRE(tokens.size() == keys.size());
        std::size_t mismatches = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const auto ours = routing::murmur3_token(keys[i]);
            if (ours != tokens[i]) {
                ++mismatches;
                UNSCOPED_INFO(fmt::format("key {} (length {}): ours {}, Cassandra {}",
                                          cppcassa::test::blob_literal(keys[i]), keys[i].size(), ours, tokens[i]));
            }
        }
        CHECK(mismatches == 0);
        CHECK(keys.size() >= 200);
    });
}

TEST_CASE("describe_ring lists the node owning a range's end token first, as the primary replica") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_routing(conn);
        const thrift::describe_ring_args which{.keyspace = cppcassa::test::routing_keyspace};
        const auto ranges = co_await conn.describe_ring(which);
        // token -> listen address of the node owning it (every vnode token of every node)
        const auto owners = co_await conn.describe_token_map();
        REQUIRE_FALSE(ranges.empty());
        std::size_t wrong = 0;
        for (const auto& r : ranges) {
            REQUIRE(r.endpoints.size() == 2);
            const auto owner = owners.find(r.end_token);
            REQUIRE(owner != owners.end());
            if (owner->second != r.endpoints[0]) {
                ++wrong;
                UNSCOPED_INFO(fmt::format("({}, {}]: owner {}, endpoints[0] {}", r.start_token, r.end_token,
                                          owner->second, r.endpoints[0]));
            }
            CHECK(r.endpoints[0] != r.endpoints[1]);
        }
        CHECK(wrong == 0);
    });
}

TEST_CASE("the replicas the ring picks for a key are those of the range holding Cassandra's token for it", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, cppcassa::test::real_server_config());
        co_await connect_routing(conn);
        const auto partitioner = co_await conn.describe_partitioner();
        const thrift::describe_ring_args which{.keyspace = cppcassa::test::routing_keyspace};
        const auto ranges = co_await conn.describe_ring(which);
        const auto ring = routing::token_ring::build(partitioner, ranges, 9160);

        const auto keys = sample_keys();
        const std::string keyspace = cppcassa::test::routing_keyspace;
        const auto tokens = co_await server_tokens(conn, keyspace, keys);
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            // Independently of the ring: scan describe_ring for the range (start, end] holding the
            // server's token, the wrapping range (start >= end) holding everything past start or
            // up to end.
            const std::vector<std::string>* expected = nullptr;
            for (const auto& r : ranges) {
                const auto start = std::stoll(r.start_token), end = std::stoll(r.end_token);
                const bool inside = start < end ? (tokens[i] > start && tokens[i] <= end)
                                                : (tokens[i] > start || tokens[i] <= end);
                if (inside)
                    expected = r.rpc_endpoints ? &*r.rpc_endpoints : &r.endpoints;
            }
            REQUIRE(expected != nullptr);
            std::vector<std::string> want;
            for (const auto& host : *expected)
                want.push_back(host + ":9160");
            if (ring.replicas(keys[i]) != want) {
                ++wrong;
                UNSCOPED_INFO(fmt::format("key {}: ring {}, describe_ring {}", cppcassa::test::blob_literal(keys[i]),
                                          fmt::join(ring.replicas(keys[i]), ","), fmt::join(want, ",")));
            }
        }
        CHECK(wrong == 0);
        CHECK(ring.endpoints() == cppcassa::test::cluster_servers());
    });
}

}  // namespace
