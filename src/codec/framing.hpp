// Where one message ends in a stream of bytes, so the connection knows when it may decode.
//
// Framed transport (Cassandra's default) announces each message's length in a 4-byte prefix.
// Unframed transport does not: the only way to find the end is to walk the message's structure,
// which message_scanner does without allocating and without recursion, resuming where it stopped
// when more bytes arrive (so a large reply arriving in many reads is walked once, not once per read).
#pragma once

#include "codec/wire_type.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cppcassa::codec {

// Cassandra's thrift_framed_transport_size_in_mb default (15 MiB).
inline constexpr std::size_t default_frame_limit = 15u * 1024u * 1024u;

// Finds the end of the first message of a byte stream, resuming across calls.
//
// Feed it the buffered bytes from the start of the message each time more arrive (the buffer may
// move; only offsets are kept). Create a new scanner, or reset() this one, for the next message.
class message_scanner {
public:
    message_scanner(bool framed, std::size_t frame_limit) noexcept : framed_(framed), limit_(frame_limit) {}

    // The whole message's size in bytes (with the 4-byte prefix when framed), or nullopt when more
    // bytes are needed. Throws frame_too_large as soon as the message is known to exceed the limit
    // (framed: when the prefix arrives) and protocol_error on bytes that cannot be Thrift.
    std::optional<std::size_t> scan(std::string_view buffered);

    void reset() noexcept { *this = message_scanner(framed_, limit_); }

private:
    // One open struct or container of the message being walked.
    struct level {
        wire_type kind;          // struct_, list (lists and sets), or map
        wire_type elem;          // list element type, or map key type
        wire_type value;         // map value type
        std::int64_t remaining;  // elements left; for a map, keys and values counted separately
    };

    std::optional<std::size_t> scan_unframed(std::string_view buffered);
    bool begin_value(std::string_view b, std::size_t at, wire_type t);
    void check_limit(std::uint64_t bytes_needed) const;

    bool framed_;
    std::size_t limit_;
    bool header_done_ = false;
    std::size_t pos_ = 0;  // every byte before this is walked and valid
    int depth_ = 0;
    std::array<level, 64> stack_{};
};

// The size of the first complete message at the start of `buffered`, or nullopt if more bytes are
// needed. The one-shot form of message_scanner (for unframed streams it re-walks from the start).
std::optional<std::size_t> complete_message_size(std::string_view buffered, bool framed, std::size_t frame_limit);

// The message without its frame prefix (`whole` as complete_message_size measured it).
inline std::string_view message_body(std::string_view whole, bool framed) noexcept {
    if (framed)
        whole.remove_prefix(whole.size() < 4 ? whole.size() : 4);
    return whole;
}

}  // namespace cppcassa::codec
