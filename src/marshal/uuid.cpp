#include <cppcassa/errors.hpp>
#include <cppcassa/types/uuid.hpp>

#include <fmt/format.h>

#include <ostream>
#include <random>

namespace cppcassa {

namespace {

// 100 ns intervals between the UUID epoch (1582-10-15) and the Unix epoch (RFC 4122).
constexpr std::int64_t uuid_epoch_offset = 0x01b21dd213814000;
constexpr std::uint64_t max_timestamp = (std::uint64_t{1} << 60) - 1;
using ticks = std::chrono::duration<std::int64_t, std::ratio<1, 10'000'000>>;

std::uint64_t timestamp_of(uuid::clock::time_point t) {
    const std::int64_t since_unix = std::chrono::floor<ticks>(t.time_since_epoch()).count();
    if (since_unix < -uuid_epoch_offset || since_unix > static_cast<std::int64_t>(max_timestamp) - uuid_epoch_offset)
        throw marshal_error(fmt::format(
            "time {} ns from the Unix epoch is outside what a version 1 UUID can hold (1582-10-15 to 5236)",
            std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count()));
    return static_cast<std::uint64_t>(since_unix + uuid_epoch_offset);
}

// The first 8 bytes of a version 1 UUID: time_low, time_mid, version and time_hi.
void write_time(uuid::bytes_type& b, std::uint64_t ts) {
    const auto time_low = static_cast<std::uint32_t>(ts);
    const auto time_mid = static_cast<std::uint16_t>(ts >> 32);
    const auto time_hi = static_cast<std::uint16_t>(((ts >> 48) & 0x0fff) | 0x1000);
    for (int i = 0; i < 4; ++i)
        b[i] = static_cast<std::uint8_t>(time_low >> (24 - 8 * i));
    b[4] = static_cast<std::uint8_t>(time_mid >> 8);
    b[5] = static_cast<std::uint8_t>(time_mid);
    b[6] = static_cast<std::uint8_t>(time_hi >> 8);
    b[7] = static_cast<std::uint8_t>(time_hi);
}

std::mt19937_64& random_engine() {
    thread_local std::mt19937_64 engine{[] {
        std::random_device device;
        return (std::uint64_t{device()} << 32) ^ device();
    }()};
    return engine;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}  // namespace

uuid uuid::from_bytes(std::string_view raw) {
    if (raw.size() != 16)
        throw marshal_error(fmt::format("a UUID is 16 bytes, got {}", raw.size()));
    bytes_type b;
    for (std::size_t i = 0; i < 16; ++i)
        b[i] = static_cast<std::uint8_t>(raw[i]);
    return uuid(b);
}

uuid uuid::parse(std::string_view text) {
    const auto fail = [&] {
        return marshal_error(fmt::format(
            "'{}' is not a UUID: expected the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hex digits)", text));
    };
    if (text.size() != 36)
        throw fail();
    bytes_type b;
    std::size_t pos = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        if (pos == 8 || pos == 13 || pos == 18 || pos == 23) {
            if (text[pos] != '-')
                throw fail();
            ++pos;
        }
        const int hi = hex_value(text[pos]);
        const int lo = hex_value(text[pos + 1]);
        if (hi < 0 || lo < 0)
            throw fail();
        b[i] = static_cast<std::uint8_t>(hi * 16 + lo);
        pos += 2;
    }
    return uuid(b);
}

uuid uuid::time_based(clock::time_point t, std::uint16_t clock_seq, std::uint64_t node) {
    bytes_type b{};
    write_time(b, timestamp_of(t));
    b[8] = static_cast<std::uint8_t>(((clock_seq >> 8) & 0x3f) | 0x80);  // RFC 4122 variant 10
    b[9] = static_cast<std::uint8_t>(clock_seq);
    for (int i = 0; i < 6; ++i)
        b[10 + i] = static_cast<std::uint8_t>(node >> (40 - 8 * i));
    return uuid(b);
}

uuid uuid::time_based(clock::time_point t) {
    const std::uint64_t r = random_engine()();
    // A random node has its multicast bit set so it can never equal a network card's address.
    const std::uint64_t node = (r & 0xffff'ffff'ffff) | 0x0100'0000'0000;
    return time_based(t, static_cast<std::uint16_t>(r >> 48), node);
}

uuid uuid::generate_time_based() { return time_based(clock::now()); }

uuid uuid::generate_random() {
    bytes_type b;
    const std::uint64_t hi = random_engine()();
    const std::uint64_t lo = random_engine()();
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<std::uint8_t>(hi >> (56 - 8 * i));
        b[8 + i] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
    }
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
    return uuid(b);
}

uuid uuid::time_bound(clock::time_point t, time_uuid_bound which) {
    bytes_type b{};
    write_time(b, timestamp_of(t));
    // TimeUUIDType compares these bytes as signed: 0x80 is the least, 0x7f the greatest.
    const std::uint8_t fill = which == time_uuid_bound::lowest ? 0x80 : 0x7f;
    for (int i = 8; i < 16; ++i)
        b[i] = fill;
    return uuid(b);
}

std::string uuid::to_bytes() const { return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()}; }

std::string uuid::to_string() const {
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += fmt::format("{:02x}", bytes_[i]);
    }
    return out;
}

std::uint64_t uuid::timestamp() const {
    if (version() != 1)
        throw marshal_error(fmt::format("UUID {} is version {}, not a time-based (version 1) UUID", to_string(), version()));
    std::uint64_t time_low = 0;
    for (int i = 0; i < 4; ++i)
        time_low = (time_low << 8) | bytes_[i];
    const std::uint64_t time_mid = (std::uint64_t{bytes_[4]} << 8) | bytes_[5];
    const std::uint64_t time_hi = ((std::uint64_t{bytes_[6]} & 0x0f) << 8) | bytes_[7];
    return (time_hi << 48) | (time_mid << 32) | time_low;
}

uuid::clock::time_point uuid::time() const {
    const ticks since_unix{static_cast<std::int64_t>(timestamp()) - uuid_epoch_offset};
    // system_clock counts nanoseconds in 64 bits: about 1678 to 2262.
    constexpr auto limit = std::chrono::duration_cast<ticks>(clock::duration::max());
    if (since_unix > limit || since_unix < -limit)
        throw marshal_error(fmt::format("the time of UUID {} is outside what std::chrono::system_clock holds",
                                        to_string()));
    return clock::time_point(std::chrono::duration_cast<clock::duration>(since_unix));
}

std::uint16_t uuid::clock_seq() const noexcept {
    return static_cast<std::uint16_t>(((bytes_[8] & 0x3f) << 8) | bytes_[9]);
}

std::uint64_t uuid::node() const noexcept {
    std::uint64_t n = 0;
    for (int i = 10; i < 16; ++i)
        n = (n << 8) | bytes_[i];
    return n;
}

std::ostream& operator<<(std::ostream& out, const uuid& u) { return out << u.to_string(); }

int compare_time_uuids(const uuid& a, const uuid& b) {
    const std::uint64_t ta = a.timestamp();
    const std::uint64_t tb = b.timestamp();
    if (ta != tb)
        return ta < tb ? -1 : 1;
    for (int i = 8; i < 16; ++i) {
        const auto sa = static_cast<std::int8_t>(a.bytes()[i]);
        const auto sb = static_cast<std::int8_t>(b.bytes()[i]);
        if (sa != sb)
            return sa < sb ? -1 : 1;
    }
    return 0;
}

}  // namespace cppcassa
