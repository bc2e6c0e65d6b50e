// The token ring without a server: synthetic describe_ring replies, keys whose tokens are known.
#include "routing/murmur3.hpp"
#include "routing/token_ring.hpp"
#include "support/usage_errors.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace routing = cppcassa::routing;
namespace thrift = cppcassa::thrift;
using routing::token_ring;

constexpr const char* murmur3 = "org.apache.cassandra.dht.Murmur3Partitioner";

thrift::TokenRange range(std::string start, std::string end, std::vector<std::string> endpoints) {
    thrift::TokenRange r;
    r.start_token = std::move(start);
    r.end_token = std::move(end);
    r.endpoints = std::move(endpoints);
    return r;
}

// Three nodes, RF 2, ranges given out of order as describe_ring may: node i owns (t(i-1), t(i)],
// and its successor holds the second copy.
std::vector<thrift::TokenRange> three_nodes() {
    return {
        range("0", "3000000000000000000", {"10.0.0.2", "10.0.0.3"}),
        range("-3000000000000000000", "0", {"10.0.0.1", "10.0.0.2"}),
        range("3000000000000000000", "-3000000000000000000", {"10.0.0.3", "10.0.0.1"}),  // wraps
    };
}

// Keys with known Murmur3 tokens (routing_token_test.cpp).
const std::string key_a = "a";          // -8839064797231613815
const std::string key_key1 = "key1";    //  1573573083296714675
const std::string key_hello = "hello world";  // 5998619086395760910

TEST_CASE("a key goes to the range holding its token, start exclusive and end inclusive, primary first") {
    const auto ring = token_ring::build(murmur3, three_nodes(), 9160);
    CHECK(ring.replicas(key_key1) == std::vector<std::string>{"10.0.0.2:9160", "10.0.0.3:9160"});
}

TEST_CASE("a token past the last range end wraps around to the first range") {
    const auto ring = token_ring::build(murmur3, three_nodes(), 9160);
    // 5998619086395760910 > 3000000000000000000: the wrapping range (3e18, -3e18].
    CHECK(ring.replicas(key_hello) == std::vector<std::string>{"10.0.0.3:9160", "10.0.0.1:9160"});
    // -8839064797231613815 <= -3e18: the same wrapping range, from below.
    CHECK(ring.replicas(key_a) == std::vector<std::string>{"10.0.0.3:9160", "10.0.0.1:9160"});
}

TEST_CASE("a token equal to a range's end belongs to that range, not the next") {
    const auto t = std::to_string(routing::murmur3_token(key_key1));
    const std::vector<thrift::TokenRange> ranges = {
        range("-5", t, {"10.0.0.1"}),
        range(t, "-5", {"10.0.0.2"}),
    };
    const auto ring = token_ring::build(murmur3, ranges, 9160);
    CHECK(ring.replicas(key_key1) == std::vector<std::string>{"10.0.0.1:9160"});
    // One above the end: the next range.
    const std::vector<thrift::TokenRange> shifted = {
        range("-5", std::to_string(routing::murmur3_token(key_key1) - 1), {"10.0.0.1"}),
        range(std::to_string(routing::murmur3_token(key_key1) - 1), "-5", {"10.0.0.2"}),
    };
    CHECK(token_ring::build(murmur3, shifted, 9160).replicas(key_key1) == std::vector<std::string>{"10.0.0.2:9160"});
}

TEST_CASE("a single node's ring sends every key to it") {
    const std::vector<thrift::TokenRange> one = {range("42", "42", {"127.0.0.1"})};
    const auto ring = token_ring::build(murmur3, one, 9160);
    for (const auto& key : {key_a, key_key1, key_hello, std::string("")})
        CHECK(ring.replicas(key) == std::vector<std::string>{"127.0.0.1:9160"});
    CHECK(ring.endpoints() == std::vector<std::string>{"127.0.0.1:9160"});
}

TEST_CASE("rpc_endpoints are preferred, and 0.0.0.0 falls back to the listen address") {
    auto ranges = three_nodes();
    ranges[0].rpc_endpoints = std::vector<std::string>{"192.168.1.2", "0.0.0.0"};
    const auto ring = token_ring::build(murmur3, ranges, 9170);
    CHECK(ring.replicas(key_key1) == std::vector<std::string>{"192.168.1.2:9170", "10.0.0.3:9170"});
}

TEST_CASE("endpoints lists every node once, sorted") {
    const auto ring = token_ring::build(murmur3, three_nodes(), 9160);
    CHECK(ring.endpoints() == std::vector<std::string>{"10.0.0.1:9160", "10.0.0.2:9160", "10.0.0.3:9160"});
}

TEST_CASE("IPv6 endpoints are bracketed like pool_config::servers") {
    const std::vector<thrift::TokenRange> one = {range("0", "0", {"::1"})};
    CHECK(token_ring::build(murmur3, one, 9160).endpoints() == std::vector<std::string>{"[::1]:9160"});
}

TEST_CASE("a RandomPartitioner ring routes by MD5 tokens") {
    // token("a") = 16955237001963240173058271559858726497, token("key1") = 8150951616...
    const std::vector<thrift::TokenRange> ranges = {
        range("0", "50000000000000000000000000000000000000", {"10.0.0.1"}),
        range("50000000000000000000000000000000000000", "0", {"10.0.0.2"}),
    };
    const auto ring = token_ring::build("org.apache.cassandra.dht.RandomPartitioner", ranges, 9160);
    CHECK(ring.replicas("a") == std::vector<std::string>{"10.0.0.1:9160"});
    CHECK(ring.replicas("key1") == std::vector<std::string>{"10.0.0.2:9160"});
}

TEST_CASE("an ordered partitioner, an empty ring, a range without endpoint or a malformed token cannot build a ring") {
    using cppcassa::client_errc;
    using cppcassa::test::usage_code;
    const auto ranges = three_nodes();
    const auto ordered = [&] {
        (void)token_ring::build("org.apache.cassandra.dht.ByteOrderedPartitioner", ranges, 9160);
    };
    CHECK(usage_code(ordered) == client_errc::not_supported);
    CHECK(usage_code([] { (void)token_ring::build(murmur3, {}, 9160); }) == client_errc::invalid_argument);
    const std::vector<thrift::TokenRange> bad = {range("0", "twelve", {"10.0.0.1"})};
    CHECK(usage_code([&] { (void)token_ring::build(murmur3, bad, 9160); }) == client_errc::invalid_argument);
    const std::vector<thrift::TokenRange> nobody = {range("0", "12", {})};
    CHECK(usage_code([&] { (void)token_ring::build(murmur3, nobody, 9160); }) == client_errc::invalid_argument);
}

TEST_CASE("a default token_ring knows no replica") {
    const token_ring ring;
    CHECK(ring.replicas("a").empty());
    CHECK(ring.endpoints().empty());
}

}  // namespace
