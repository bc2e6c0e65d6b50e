// Partitioner tokens without a server: Murmur3Partitioner's and RandomPartitioner's hash of a key,
// and the decimal tokens describe_ring reports.
//
// Murmur3 vectors: computed by an independent Python transcription of Cassandra's MurmurHash
// (sign-extended tail bytes) and confirmed against the 3-node cluster's `SELECT token(key)`
// (test/integration/routing_ring_test.cpp checks ~220 keys that way on every run).
// Random vectors: Python's abs(int.from_bytes(hashlib.md5(key).digest(), 'big', signed=True)).
#include "routing/md5_token.hpp"
#include "routing/murmur3.hpp"
#include "routing/token.hpp"
#include "support/usage_errors.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace {

namespace routing = cppcassa::routing;
using routing::partitioner_kind;

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int v : values)
        out.push_back(static_cast<char>(v));
    return out;
}

TEST_CASE("Murmur3 tokens match Cassandra's for keys of every tail length") {
    CHECK(routing::murmur3_token("a") == -8839064797231613815);
    CHECK(routing::murmur3_token("key1") == 1573573083296714675);
    CHECK(routing::murmur3_token("hello world") == 5998619086395760910);
    CHECK(routing::murmur3_token("0123456789abcdef") == 5467490433528156583);     // one block, no tail
    CHECK(routing::murmur3_token("0123456789abcdefX") == -3608559037187041545);   // a block and 1 byte
    CHECK(routing::murmur3_token("The quick brown fox jumps over the lazy dog") == -2068352364225029268);
}

TEST_CASE("Murmur3 tail bytes at or above 0x80 are sign-extended as Cassandra does") {
    CHECK(routing::murmur3_token(bytes({0x80})) == -5284281814142962636);
    CHECK(routing::murmur3_token(bytes({0xff})) == -4442228696663692417);
    CHECK(routing::murmur3_token(bytes({1, 2, 3, 4, 5, 6, 7, 8, 0x89})) == -8919987124124477083);
    CHECK(routing::murmur3_token(bytes({0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b,
                                        0x8c, 0x8d, 0x8e})) == 63099782945186636);
    CHECK(routing::murmur3_token(std::string(16, '\xff')) == -2824192546314762522);  // in a block: not extended
    CHECK(routing::murmur3_token(std::string(17, '\x80')) == -7492040465024918340);
}

TEST_CASE("the empty key has the minimum token under both partitioners") {
    CHECK(routing::murmur3_token("") == std::numeric_limits<std::int64_t>::min());
    CHECK(routing::token_of(partitioner_kind::murmur3, "") == routing::from_murmur3(std::numeric_limits<std::int64_t>::min()));
    CHECK(routing::token_of(partitioner_kind::random, "") == routing::random_minimum());
    CHECK(routing::to_string(partitioner_kind::random, routing::token_of(partitioner_kind::random, "")) == "-1");
}

TEST_CASE("RandomPartitioner tokens are the absolute value of the signed MD5 digest") {
    const auto token = [](std::string_view key) {
        return routing::to_string(partitioner_kind::random, routing::token_of(partitioner_kind::random, key));
    };
    CHECK(token("a") == "16955237001963240173058271559858726497");
    CHECK(token("key1") == "81509516161424251288255223397843705139");
    CHECK(token(bytes({0x80, 0xff})) == "39688131490835633820166050726381110476");
    CHECK(token("hello world") == "125893641179230474042701625388361764291");
    CHECK(token("0123456789abcdefX") == "35918599058480728293056146015135939893");
}

TEST_CASE("a negative MD5 digest is negated, a positive one kept") {
    // md5("a") = 0cc175b9... (positive), md5("hello world") = 5eb63bbb... (positive),
    // md5("key1") = c2add694... (negative): 2^128 - digest.
    const auto [hi, lo] = routing::md5_token("key1");
    CHECK(hi == ~0xc2add694bf942dc7ULL);
    CHECK(lo == ~0x7b376592d9c862cdULL + 1);
    const auto [hi_a, lo_a] = routing::md5_token("a");
    CHECK(hi_a == 0x0cc175b9c0f1b6a8ULL);
    CHECK(lo_a == 0x31c399e269772661ULL);
}

TEST_CASE("describe_ring's decimal tokens parse and print back unchanged") {
    for (const char* text : {"-9223372036854775808", "-1", "0", "42", "9223372036854775807"})
        CHECK(routing::to_string(partitioner_kind::murmur3, routing::parse_token(partitioner_kind::murmur3, text)) ==
              text);
    for (const char* text : {"-1", "0", "1", "18446744073709551615", "18446744073709551616",
                             "85070591730234615865843651857942052864", "170141183460469231731687303715884105728"})
        CHECK(routing::to_string(partitioner_kind::random, routing::parse_token(partitioner_kind::random, text)) ==
              text);
}

TEST_CASE("tokens order as the partitioner's numbers do") {
    using routing::parse_token;
    CHECK(parse_token(partitioner_kind::murmur3, "-9223372036854775808") < parse_token(partitioner_kind::murmur3, "-1"));
    CHECK(parse_token(partitioner_kind::murmur3, "-1") < parse_token(partitioner_kind::murmur3, "0"));
    CHECK(parse_token(partitioner_kind::murmur3, "0") < parse_token(partitioner_kind::murmur3, "9223372036854775807"));
    CHECK(parse_token(partitioner_kind::random, "-1") < parse_token(partitioner_kind::random, "0"));
    CHECK(parse_token(partitioner_kind::random, "18446744073709551615") <
          parse_token(partitioner_kind::random, "18446744073709551616"));
    CHECK(parse_token(partitioner_kind::random, "85070591730234615865843651857942052864") <
          parse_token(partitioner_kind::random, "170141183460469231731687303715884105728"));
}

TEST_CASE("malformed or out-of-range tokens are rejected") {
    using routing::parse_token;
    const auto refused = [](partitioner_kind kind, const char* text) {
        return cppcassa::test::usage_code([&] { (void)parse_token(kind, text); }) ==
               cppcassa::client_errc::invalid_argument;
    };
    CHECK(refused(partitioner_kind::murmur3, ""));
    CHECK(refused(partitioner_kind::murmur3, "12x"));
    CHECK(refused(partitioner_kind::murmur3, "9223372036854775808"));
    CHECK(refused(partitioner_kind::random, "-2"));
    CHECK(refused(partitioner_kind::random, "170141183460469231731687303715884105729"));
    CHECK(refused(partitioner_kind::random, "340282366920938463463374607431768211456"));
}

TEST_CASE("the partitioner is recognised by its class name, ordered ones are not routable") {
    CHECK(routing::parse_partitioner("org.apache.cassandra.dht.Murmur3Partitioner") == partitioner_kind::murmur3);
    CHECK(routing::parse_partitioner("org.apache.cassandra.dht.RandomPartitioner") == partitioner_kind::random);
    CHECK(routing::parse_partitioner("Murmur3Partitioner") == partitioner_kind::murmur3);
    CHECK_FALSE(routing::parse_partitioner("org.apache.cassandra.dht.ByteOrderedPartitioner"));
    CHECK_FALSE(routing::parse_partitioner("org.apache.cassandra.dht.OrderPreservingPartitioner"));
}

}  // namespace
