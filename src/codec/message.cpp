#include "codec/message.hpp"

#include <fmt/format.h>

#include <limits>

namespace cppcassa::codec {
namespace detail {

void end_message(std::string& out, std::size_t start, bool framed) {
    if (!framed)
        return;
    const std::size_t body = out.size() - start - 4;
    if (body > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) [[unlikely]]
        throw frame_too_large(body, std::numeric_limits<std::int32_t>::max());
    store_be(out.data() + start, static_cast<std::uint32_t>(body));
}

void check_reply_header(const message_header& h, std::string_view name, std::int32_t expected_seqid) {
    // Replies come back in request order on a Thrift connection; a different name or seqid means
    // the stream is out of sync with our queue of calls, and nothing after it can be trusted.
    if (h.name != name) [[unlikely]]
        throw protocol_error(fmt::format("Thrift reply out of sync: expected a reply to '{}' (seqid {}), got '{}' (seqid {})",
                                         name, expected_seqid, h.name, h.seqid));
    if (h.seqid != expected_seqid) [[unlikely]]
        throw protocol_error(fmt::format("Thrift reply out of sync: expected seqid {} for '{}', got seqid {}",
                                         expected_seqid, name, h.seqid));
    if (h.type != message_type::reply && h.type != message_type::exception) [[unlikely]]
        throw protocol_error(fmt::format("Thrift reply to '{}' has message type {}, expected a reply or exception",
                                         name, static_cast<int>(h.type)));
}

void throw_application_exception(binary_reader& r, std::string_view method) {
    std::string message;
    std::int32_t type = 0;  // UNKNOWN, when the field is absent
    {
        auto depth = r.nest();
        for (auto f = r.read_field_begin(); f.type != wire_type::stop; f = r.read_field_begin()) {
            if (f.id == 1 && f.type == wire_type::string)
                r.read_string(message);
            else if (f.id == 2 && f.type == wire_type::i32)
                type = r.read_i32();
            else
                skip(r, f.type);
        }
    }
    if (message.empty())
        message = fmt::format("{} failed: TApplicationException of type {}", method, type);
    throw application_error(std::move(message), type);
}

void throw_missing_result(std::string_view method) {
    // Apache's generated client raises exactly this (MISSING_RESULT) for an empty result struct.
    throw application_error(fmt::format("{} failed: unknown result", method), app_missing_result);
}

}  // namespace detail

message_header read_call_header(binary_reader& r) {
    const message_header h = r.read_message_begin();
    if (h.type != message_type::call && h.type != message_type::oneway) [[unlikely]]
        throw protocol_error(fmt::format("expected a Thrift call, got message type {} for '{}'",
                                         static_cast<int>(h.type), h.name));
    return h;
}

void encode_application_exception(std::string& out, std::string_view name, std::int32_t seqid,
                                  std::int32_t type, std::string_view message, bool framed) {
    const std::size_t start = detail::begin_message(out, framed);
    binary_writer w(out);
    w.write_message_begin(name, message_type::exception, seqid);
    w.write_field_begin(wire_type::string, 1);
    w.write_string(message);
    w.write_field_begin(wire_type::i32, 2);
    w.write_i32(type);
    w.write_field_stop();
    detail::end_message(out, start, framed);
}

}  // namespace cppcassa::codec
