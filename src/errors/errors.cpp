#include <cppcassa/errors.hpp>

#include "errors/exception_message.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace cppcassa {

frame_too_large::frame_too_large(std::uint64_t announced_bytes, std::uint64_t limit_bytes)
    : protocol_error(fmt::format(
          "frame of {} bytes exceeds the frame limit of {} bytes; raise the limit on both client and "
          "server (Cassandra: thrift_framed_transport_size_in_mb) or request less per call",
          announced_bytes, limit_bytes)),
      announced(announced_bytes),
      limit(limit_bytes) {}

tls_error::tls_error(std::string what, std::string reason_)
    : connect_error(std::move(what)), reason(std::move(reason_)) {}

request_too_large::request_too_large(std::string what, std::string method_, std::uint64_t size_,
                                     std::uint64_t limit_)
    : error(std::move(what)), method(std::move(method_)), size(size_), limit(limit_) {}

application_error::application_error(std::string message, std::int32_t type_code)
    : error(std::move(message)), type(type_code) {}

invalid_request::invalid_request(std::string what, std::string why_text)
    : server_error(std::move(what)), why(std::move(why_text)) {}

timed_out::timed_out(std::string what, std::optional<std::int32_t> acknowledged,
                     std::optional<bool> batchlog, std::optional<bool> paxos)
    : server_error(std::move(what)),
      acknowledged_by(acknowledged),
      acknowledged_by_batchlog(batchlog),
      paxos_in_progress(paxos) {}

authentication_error::authentication_error(std::string what, std::string why_text)
    : server_error(std::move(what)), why(std::move(why_text)) {}

authorization_error::authorization_error(std::string what, std::string why_text)
    : server_error(std::move(what)), why(std::move(why_text)) {}

usage_error::usage_error(client_errc code_, std::string what) : error(std::move(what)), code(code_) {}

not_supported_by_server_error::not_supported_by_server_error(std::string what, std::string feature_,
                                                             std::string endpoint_, server_version server_,
                                                             version_number since_)
    : usage_error(client_errc::not_supported_by_server, std::move(what)),
      feature(std::move(feature_)),
      endpoint(std::move(endpoint_)),
      server(std::move(server_)),
      since(since_) {}

namespace {

std::string describe(const std::vector<server_failure>& servers) {
    std::string text = "no server available: every server is marked down";
    for (const auto& s : servers)
        text += fmt::format("; {}: {}", s.endpoint, s.reason);
    return text + " (each is tried again when its backoff expires; check the servers or the pool's server list)";
}

}  // namespace

no_server_available::no_server_available(std::vector<server_failure> failed)
    : error(describe(failed)), servers(std::move(failed)) {}

maximum_retry::maximum_retry(std::exception_ptr cause, std::size_t attempt_count)
    : error(fmt::format("operation failed after {} attempts (max_retries exhausted); last error: {}",
                        attempt_count, detail::exception_message(cause))),
      last_cause(std::move(cause)),
      attempts(attempt_count) {}

}  // namespace cppcassa
