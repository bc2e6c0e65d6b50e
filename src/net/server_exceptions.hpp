// Turns an exception Cassandra declared in a reply into the cppcassa error a user catches,
// with the host and the call in its message.
#pragma once

#include <cppcassa/thrift/exceptions.hpp>

#include <exception>
#include <string_view>

namespace cppcassa::net {

// Which server and which call an error belongs to, for messages a user can act on.
struct call_context {
    std::string_view endpoint;  // "host:port"
    std::string_view method;
};

std::exception_ptr to_error(const thrift::NotFoundException&, const call_context&);
std::exception_ptr to_error(const thrift::InvalidRequestException&, const call_context&);
std::exception_ptr to_error(const thrift::UnavailableException&, const call_context&);
std::exception_ptr to_error(const thrift::TimedOutException&, const call_context&);
std::exception_ptr to_error(const thrift::AuthenticationException&, const call_context&);
std::exception_ptr to_error(const thrift::AuthorizationException&, const call_context&);
std::exception_ptr to_error(const thrift::SchemaDisagreementException&, const call_context&);

}  // namespace cppcassa::net
