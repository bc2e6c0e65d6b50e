// `cppcassa-bench run --peers LIST`: after cppcassa's own run, the same operations with the
// clients a user might pick instead, each in its own process, one after the other, against the
// same servers and data (bench/run_peers/README.md). Each peer's figures come out as cppcassa's
// do (run_peer_results.hpp), in <out>/peers/<name>/, and side by side at the end.
#pragma once

#include "run_driver.hpp"
#include "run_recorder.hpp"
#include "run_settings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cppcassa::bench {

// One client's run, cppcassa's or a peer's, as the comparison shows it.
struct client_run {
    std::string name;
    // Empty when the client ran; else why it did not (its figures are then empty).
    std::string failure;
    run_outcome outcome;
    run_recorder recorder;
    // The client process's CPU over its run (user + system), its peak RSS; unset when unknown.
    std::optional<double> cpu_s;
    // cpu_s is the process's from start to exit, not its run's (the peer did not measure it).
    bool cpu_of_whole_process = false;
    std::optional<double> max_rss_mb;
    std::string dir;  // where its files are
};

// Runs every peer of s.peers in turn; cppcassa's run must be over (its pool closed). `chart`
// draws a peer's run.png with the command given.
std::vector<client_run> run_peers(const run_settings& s, const std::string& out_dir);

// The side-by-side table: ops/s, p50/p99/p99.9/max, errors, CPU per operation, peak RSS.
std::string comparison_text(const run_settings& s, const std::vector<const client_run*>& runs);
// The same as JSON (comparison.json).
std::string comparison_json(const run_settings& s, const std::vector<const client_run*>& runs);

}  // namespace cppcassa::bench
