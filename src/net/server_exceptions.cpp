#include "net/server_exceptions.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

namespace cppcassa::net {

std::exception_ptr to_error(const thrift::NotFoundException&, const call_context& c) {
    return std::make_exception_ptr(
        not_found(fmt::format("{} on {}: not found (no such row or column)", c.method, c.endpoint)));
}

std::exception_ptr to_error(const thrift::InvalidRequestException& e, const call_context& c) {
    return std::make_exception_ptr(invalid_request(
        fmt::format("{} on {}: invalid request: {}", c.method, c.endpoint, e.why), e.why));
}

std::exception_ptr to_error(const thrift::UnavailableException&, const call_context& c) {
    return std::make_exception_ptr(unavailable(fmt::format(
        "{} on {}: unavailable: too few replicas alive for the consistency level; retry later or "
        "lower the consistency level",
        c.method, c.endpoint)));
}

std::exception_ptr to_error(const thrift::TimedOutException& e, const call_context& c) {
    std::string acknowledged =
        e.acknowledged_by ? fmt::format(" ({} replica(s) acknowledged)", *e.acknowledged_by) : "";
    return std::make_exception_ptr(timed_out(
        fmt::format("{} on {}: replicas did not answer within Cassandra's rpc timeout{}; a write may "
                    "still have been applied",
                    c.method, c.endpoint, acknowledged),
        e.acknowledged_by, e.acknowledged_by_batchlog, e.paxos_in_progress));
}

std::exception_ptr to_error(const thrift::AuthenticationException& e, const call_context& c) {
    return std::make_exception_ptr(authentication_error(
        fmt::format("{} on {}: authentication failed: {}", c.method, c.endpoint, e.why), e.why));
}

std::exception_ptr to_error(const thrift::AuthorizationException& e, const call_context& c) {
    return std::make_exception_ptr(authorization_error(
        fmt::format("{} on {}: not authorized: {}", c.method, c.endpoint, e.why), e.why));
}

std::exception_ptr to_error(const thrift::SchemaDisagreementException&, const call_context& c) {
    return std::make_exception_ptr(schema_disagreement(fmt::format(
        "{} on {}: nodes disagree on the schema version; wait for agreement and retry", c.method,
        c.endpoint)));
}

}  // namespace cppcassa::net
