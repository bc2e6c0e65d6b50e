// The knobs every workload understands, plus the workload's own flags.
//
// A knob left unset takes the workload's default: a codec round lasts a fraction of a second,
// a round against a server lasts seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace cppcassa::bench {

struct options {
    // Cassandra's address and Thrift port, for workloads that need a server.
    std::string host = "127.0.0.1";
    std::uint16_t port = 9160;
    // Length of each measured round; unset: the workload's default.
    std::optional<std::chrono::milliseconds> duration;
    // Operations per round instead of a duration, when set (reproducible op counts).
    std::optional<std::uint64_t> ops;
    // Time each client runs unmeasured before its first round; unset: the workload's default.
    std::optional<std::chrono::milliseconds> warmup;
    // Rounds per client; peers alternate round by round (A/B/A/B), the median is reported.
    int rounds = 5;
    // Seeds the generated data and the key choice, so runs compare.
    std::uint64_t seed = 42;
    // Where the JSON result goes; unset: bench/results/<workload>-<timestamp>.json.
    std::optional<std::string> json_path;
    bool write_json = true;
    // Flags only this workload knows ("--depth 64" is {"depth", "64"}).
    std::map<std::string, std::string> extra;

    std::chrono::milliseconds duration_or(std::chrono::milliseconds d) const { return duration.value_or(d); }
    std::chrono::milliseconds warmup_or(std::chrono::milliseconds d) const { return warmup.value_or(d); }
    // A workload flag as an integer, or `fallback` when absent; throws on a malformed value.
    std::int64_t extra_int(const std::string& name, std::int64_t fallback) const;
};

}  // namespace cppcassa::bench
