#include "routing/token_ring.hpp"

#include "routing/token.hpp"

#include <cppcassa/errors.hpp>

#include <algorithm>
#include <string>

namespace cppcassa::routing {
namespace {

// describe_ring reports 0.0.0.0 as a node's rpc_address when it listens on every interface:
// not an address a client can use, so the range's listen address stands in for it.
bool usable_rpc_address(const std::string& host) { return !host.empty() && host != "0.0.0.0" && host != "::"; }

std::string endpoint(const std::string& host, std::uint16_t port) {
    // IPv6 literals are bracketed, as pool_config::servers spells them.
    if (host.find(':') != std::string::npos)
        return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

}  // namespace

struct token_ring::impl {
    partitioner_kind kind{};
    // One entry per range, sorted by its end token: a key belongs to the first range whose end
    // is >= its token, or, past the last end, to the range that wraps around (the first).
    struct range {
        token end;
        std::vector<std::string> replicas;  // "host:port", primary first
    };
    std::vector<range> ranges;
    std::vector<std::string> all_endpoints;
};

token_ring token_ring::build(std::string_view partitioner, const std::vector<thrift::TokenRange>& ranges,
                             std::uint16_t rpc_port) {
    const auto kind = parse_partitioner(partitioner);
    if (!kind)
        throw usage_error(client_errc::not_supported,
                          "token-aware routing supports Murmur3Partitioner and RandomPartitioner, not '" +
                              std::string(partitioner) + "'");
    if (ranges.empty())
        throw usage_error(client_errc::invalid_argument, "describe_ring returned no token range");

    auto state = std::make_shared<impl>();
    state->kind = *kind;
    state->ranges.reserve(ranges.size());
    for (const auto& r : ranges) {
        impl::range out{.end = parse_token(*kind, r.end_token), .replicas = {}};
        parse_token(*kind, r.start_token);  // validated, not needed: the previous range's end
        // Cassandra lists a range's natural endpoints in the order its replication strategy walks
        // the ring from the range's end token, so the first is the node owning end_token: the
        // primary replica (docs/routing.md). rpc_endpoints is parallel to endpoints.
        for (std::size_t i = 0; i < r.endpoints.size(); ++i) {
            const std::string* host = &r.endpoints[i];
            if (r.rpc_endpoints && i < r.rpc_endpoints->size() && usable_rpc_address((*r.rpc_endpoints)[i]))
                host = &(*r.rpc_endpoints)[i];
            out.replicas.push_back(endpoint(*host, rpc_port));
            state->all_endpoints.push_back(out.replicas.back());
        }
        if (out.replicas.empty())
            throw usage_error(client_errc::invalid_argument,
                              "describe_ring: range (" + r.start_token + ", " + r.end_token + "] has no endpoint");
        state->ranges.push_back(std::move(out));
    }
    std::sort(state->ranges.begin(), state->ranges.end(),
              [](const impl::range& a, const impl::range& b) { return a.end < b.end; });
    std::sort(state->all_endpoints.begin(), state->all_endpoints.end());
    state->all_endpoints.erase(std::unique(state->all_endpoints.begin(), state->all_endpoints.end()),
                               state->all_endpoints.end());

    token_ring ring;
    ring.impl_ = std::move(state);
    return ring;
}

std::vector<std::string> token_ring::replicas(std::string_view key) const {
    if (!impl_)
        return {};
    const token t = token_of(impl_->kind, key);
    const auto& ranges = impl_->ranges;
    auto it = std::lower_bound(ranges.begin(), ranges.end(), t,
                               [](const impl::range& r, const token& v) { return r.end < v; });
    if (it == ranges.end())
        it = ranges.begin();
    return it->replicas;
}

std::vector<std::string> token_ring::endpoints() const { return impl_ ? impl_->all_endpoints : std::vector<std::string>{}; }

}  // namespace cppcassa::routing
