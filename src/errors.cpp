#include <cppcassa/errors.hpp>

#include <fmt/format.h>

#include <utility>

namespace cppcassa {

frame_too_large::frame_too_large(std::uint64_t announced_bytes, std::uint64_t limit_bytes)
    : protocol_error(fmt::format(
          "frame of {} bytes exceeds the frame limit of {} bytes; raise the limit on both client and "
          "server (Cassandra: thrift_framed_transport_size_in_mb) or request less per call",
          announced_bytes, limit_bytes)),
      announced(announced_bytes),
      limit(limit_bytes) {}

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

}  // namespace cppcassa
