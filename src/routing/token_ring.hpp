// Which servers hold a partition key: the cluster's token ring (from describe_ring) and the
// partitioner's hash of a key (Murmur3Partitioner, RandomPartitioner).
//
// Sans-io: built from the replies of describe_partitioner and describe_ring, no Asio, no socket,
// so the rules are unit-tested with synthetic rings and checked against real Cassandra's tokens.
#pragma once

#include <cppcassa/thrift.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::routing {

class token_ring {
public:
    // `partitioner`: describe_partitioner's reply (a class name such as
    // "org.apache.cassandra.dht.Murmur3Partitioner"); `ranges`: describe_ring's reply;
    // `rpc_port`: the Thrift port the endpoints listen on. Throws usage_error: not_supported for a
    // partitioner it cannot hash (ordered ones), invalid_argument for no range, a range without
    // an endpoint or a malformed token. The pool catches it and routes round-robin.
    static token_ring build(std::string_view partitioner, const std::vector<thrift::TokenRange>& ranges,
                            std::uint16_t rpc_port);

    // The replicas of a partition key, the primary first, as "host:port" (a range's rpc_endpoints
    // when set and not 0.0.0.0, else its endpoints).
    [[nodiscard]] std::vector<std::string> replicas(std::string_view key) const;

    // Every endpoint of the ring as "host:port", sorted, without duplicates.
    [[nodiscard]] std::vector<std::string> endpoints() const;

private:
    struct impl;
    std::shared_ptr<const impl> impl_;
};

}  // namespace cppcassa::routing
