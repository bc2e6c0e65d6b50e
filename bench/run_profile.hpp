// The profile cppcassa-bench hands a peer of `run --peers` (bench/run_peers/README.md, "The
// profile"): the run's settings as a peer needs them, written as JSON for any language to read,
// and read back by the peers built into cppcassa-bench (apache-sync).
#pragma once

#include "run_settings.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::bench {

struct run_profile {
    std::string peer;
    std::vector<std::string> hosts;  // Thrift "host:port"
    int cql_port = 9042;
    std::string keyspace;
    std::string column_family;
    std::optional<std::string> user;  // the password is in CPPCASSA_RUN_PASSWORD
    std::string read_cl = "ONE";
    std::string write_cl = "ONE";
    int columns = 10;
    std::size_t connections = 1;
    std::optional<double> rate;
    std::size_t concurrency = 32;
    std::size_t max_in_flight = 4096;
    std::chrono::milliseconds duration{60'000};
    std::chrono::milliseconds grace{1'000};
    std::chrono::milliseconds timeout{5'000};
    // Reads of the plan run one after another before the clock starts, unmeasured: the client's
    // code and the server's path for its protocol warmed up (absent from a profile: 300).
    std::uint64_t warmup_ops = 300;
    std::string plan;
    std::uint64_t plan_ops = 0;
    bool plan_cycles = false;
    std::string results;

    friend bool operator==(const run_profile&, const run_profile&) = default;
};

// The environment variable that carries the password to a peer.
inline constexpr const char* run_password_variable = "CPPCASSA_RUN_PASSWORD";

// The profile of `peer` for the run `s`, whose plan of `plan_ops` operations is at `plan`.
run_profile profile_for(const run_settings& s, std::string peer, std::string plan, std::uint64_t plan_ops,
                        std::string results);

std::string profile_json(const run_profile& p);

// Throws std::invalid_argument naming the member that is missing or of the wrong type.
run_profile parse_profile(std::string_view json);

}  // namespace cppcassa::bench
