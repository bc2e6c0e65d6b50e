// A 128-bit UUID as Cassandra stores it (UUIDType, TimeUUIDType, LexicalUUIDType): 16 bytes,
// most significant first. Version 1 (time-based) UUIDs carry a 60-bit count of 100 ns intervals
// since 1582-10-15, which time() extracts and time_based()/time_bound() build.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <iosfwd>
#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa {

// Which end of a time's UUIDs time_bound() gives: the lowest or highest UUID Cassandra's
// TimeUUIDType can order at that time (pycassa's convert_time_to_uuid lowest_val).
enum class time_uuid_bound { lowest, highest };

class uuid {
public:
    using bytes_type = std::array<std::uint8_t, 16>;
    using clock = std::chrono::system_clock;

    // The nil UUID, all zero.
    constexpr uuid() = default;
    constexpr explicit uuid(const bytes_type& bytes) : bytes_(bytes) {}

    // From exactly 16 raw bytes; marshal_error otherwise.
    static uuid from_bytes(std::string_view raw);
    // From "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits in either case); marshal_error otherwise.
    static uuid parse(std::string_view text);

    // A version 1 UUID for `t` (100 ns precision; earlier instants before 1582-10-15 are refused)
    // with the given 14-bit clock sequence and 48-bit node.
    static uuid time_based(clock::time_point t, std::uint16_t clock_seq, std::uint64_t node);
    // A version 1 UUID for `t` with a random clock sequence and node (multicast bit set, as
    // RFC 4122 asks of a node that is not a MAC address): what pycassa made of a time given for
    // a TimeUUIDType name or value.
    static uuid time_based(clock::time_point t);
    // A version 1 UUID for now, random clock sequence and node.
    static uuid generate_time_based();
    // A version 4 (random) UUID.
    static uuid generate_random();
    // The lowest or highest version 1 UUID at `t` in TimeUUIDType's order, for slicing a time
    // range: every UUID generated at `t` sorts between the two. Same bytes as CQL's
    // minTimeuuid()/maxTimeuuid() (clock sequence and node bytes 0x80... and 0x7f..., because
    // Cassandra compares those bytes as signed; pycassa's 0x00.../0xff... missed that).
    static uuid time_bound(clock::time_point t, time_uuid_bound which);

    [[nodiscard]] const bytes_type& bytes() const noexcept { return bytes_; }
    // The 16 bytes as a string, what pack() writes.
    [[nodiscard]] std::string to_bytes() const;
    // Canonical lower-case form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
    [[nodiscard]] std::string to_string() const;

    // The version nibble: 1 time-based, 4 random, ...
    [[nodiscard]] int version() const noexcept { return bytes_[6] >> 4; }
    // The 60-bit timestamp of a version 1 UUID: 100 ns intervals since 1582-10-15 00:00 UTC.
    // marshal_error for another version.
    [[nodiscard]] std::uint64_t timestamp() const;
    // The instant of a version 1 UUID (pycassa's convert_uuid_to_time). marshal_error otherwise.
    [[nodiscard]] clock::time_point time() const;
    [[nodiscard]] std::uint16_t clock_seq() const noexcept;
    [[nodiscard]] std::uint64_t node() const noexcept;

    // Byte order (LexicalUUIDType's order; TimeUUIDType orders by time first, see compare_time).
    friend constexpr auto operator<=>(const uuid&, const uuid&) = default;

private:
    bytes_type bytes_{};
};

// Cassandra's TimeUUIDType order for two version 1 UUIDs: by timestamp, then by the clock
// sequence and node bytes compared as signed bytes. Negative, zero or positive like <=>.
int compare_time_uuids(const uuid& a, const uuid& b);

// Writes to_string() (test frameworks and logs print values through it).
std::ostream& operator<<(std::ostream& out, const uuid& u);

}  // namespace cppcassa
