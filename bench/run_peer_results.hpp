// What a peer of `cppcassa-bench run --peers` reports, read back and turned into the same
// figures as cppcassa's own run: its results file (one line per operation, times in µs since the
// peer's start; bench/run_peers/README.md, "The results") is replayed into a run_recorder
// interval by interval, so that every client's percentiles, errors and lateness come from the
// same code. Sans-io: text in, figures out.
#pragma once

#include "error_kind.hpp"
#include "op_mix.hpp"
#include "run_driver.hpp"
#include "run_recorder.hpp"

#include <chrono>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::bench {

struct peer_op_result {
    std::uint64_t index = 0;
    std::uint64_t intended_us = 0;
    std::uint64_t start_us = 0;
    std::uint64_t end_us = 0;
    std::optional<error_kind> error;  // unset: the operation succeeded
    std::string host;                 // of a failed attempt; empty when the peer did not say
    std::string message;
};

// One line of a results file. Throws std::invalid_argument saying what is wrong with it.
peer_op_result parse_result_line(std::string_view line);

struct peer_results {
    std::vector<peer_op_result> ops;
    // "# run_cpu_s S": the peer's own CPU seconds from its clock's start to its last operation's
    // end, without its start-up, connecting and warm-up; unset when the peer does not say.
    std::optional<double> run_cpu_s;
};

// Every line of `in`; a line that does not parse is an error naming its number. Lines starting
// with '#' carry what the peer says of its whole run ("# run_cpu_s S"); others are ignored.
peer_results read_peer_results(std::istream& in);

struct replay_settings {
    std::chrono::milliseconds duration{60'000};
    std::chrono::milliseconds interval{1'000};
    bool open_loop = false;
    // Operations the plan meant to start (open loop): those without a result never started.
    std::uint64_t planned = 0;
};

struct replayed_run {
    run_outcome outcome;
    run_recorder recorder;
};

// The figures of a peer's run. `kinds[i % kinds.size()]` is operation i's kind (the plan's).
// Intervals close every `interval` as in cppcassa's own run, the last one with the last reply.
replayed_run replay_peer_results(std::vector<peer_op_result> results, const std::vector<op_kind>& kinds,
                                 const replay_settings& s);

}  // namespace cppcassa::bench
