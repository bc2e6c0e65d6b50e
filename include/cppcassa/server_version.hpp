// What a Cassandra server speaks: its Thrift API version and, when known, its release.
//
// A connection learns it once, when it connects (connection::server_version()); a pool keeps
// the last one learnt per server (pool_stats::hosts). The API version alone does not tell every
// release apart: Cassandra 2.0.17 and 2.1.x both answer describe_version with "19.39.0", so on a
// 19.x API the connection also reads system.local's release_version. On 20.x (Cassandra 2.2,
// 3.0, 3.11, which share API 20.1.0) the release is left unknown: nothing cppcassa does differs
// between them. docs/server_versions.md says what each line has and lacks.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace cppcassa {

// A dotted version "major.minor.patch"; missing parts are 0 ("2.1" is 2.1.0).
struct version_number {
    int major = 0;
    int minor = 0;
    int patch = 0;

    // The leading numbers of `text` ("19.39.0", "2.1.22", "3.11.19-SNAPSHOT"); nullopt when it
    // does not start with a number.
    static std::optional<version_number> parse(std::string_view text);
    // "major.minor.patch".
    [[nodiscard]] std::string to_string() const;

    friend auto operator<=>(const version_number&, const version_number&) = default;
};

struct server_version {
    version_number api;                      // describe_version: 19.39.0, 20.1.0, ...
    std::optional<version_number> release{};  // system.local's release_version, when read

    // "Cassandra 2.0.17 (Thrift API 19.39.0)", or "Thrift API 20.1.0" without a release.
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const server_version&, const server_version&) = default;
};

}  // namespace cppcassa
