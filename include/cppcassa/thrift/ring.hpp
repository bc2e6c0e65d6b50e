// The token ring as describe_ring and describe_splits_ex report it.
//
// Members are declared in ascending field-id order, the order Apache Thrift's C++ writes them,
// so designated initializers follow the wire. `optional` IDL fields are std::optional and are sent
// only when engaged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::thrift {

// Where one replica lives. host and datacenter have default requiredness: always sent.
struct EndpointDetails {
    std::string host{};
    std::string datacenter{};
    std::optional<std::string> rack{};

    friend bool operator==(const EndpointDetails&, const EndpointDetails&) = default;
};

// One range of the ring and its replicas: `endpoints` by listen address, `rpc_endpoints` by the
// address clients should connect to.
struct TokenRange {
    std::string start_token{};
    std::string end_token{};
    std::vector<std::string> endpoints{};
    std::optional<std::vector<std::string>> rpc_endpoints{};
    std::optional<std::vector<EndpointDetails>> endpoint_details{};

    friend bool operator==(const TokenRange&, const TokenRange&) = default;
};

// One input split of describe_splits_ex, with its estimated row count.
struct CfSplit {
    std::string start_token{};
    std::string end_token{};
    std::int64_t row_count{};

    friend bool operator==(const CfSplit&, const CfSplit&) = default;
};

}  // namespace cppcassa::thrift
