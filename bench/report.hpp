// What a workload measured, printed as a table and saved as JSON.
//
// A report holds cases (one message kind, one operation); a case holds one row per client.
// Each case names a baseline row (a cppcassa configuration), and every row's ratio is
// baseline ops/s ÷ row ops/s: "the baseline is this many times faster than this row".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppcassa::bench {

struct latency_summary {
    std::uint64_t p50_ns = 0;
    std::uint64_t p99_ns = 0;
    std::uint64_t p999_ns = 0;
    std::uint64_t max_ns = 0;
};

struct row {
    std::string client;
    // Median over rounds, and every round's figure (in run order) for the JSON.
    double ops_per_s = 0;
    std::vector<double> round_ops_per_s;
    // Bytes one operation moves (a message's wire size); 0 when MB/s means nothing here.
    std::uint64_t bytes_per_op = 0;
    // Per-operation latency, for workloads that time each operation.
    std::optional<latency_summary> latency;
    // The cost columns below have default initializers so that workloads which do not measure
    // them can leave them out of designated initializers (-Wmissing-field-initializers).
    // Client CPU (user + system) per million operations, in seconds: µs per operation.
    std::optional<double> cpu_s_per_mop{};
    // Heap allocations (operator new) per operation; unset where they cannot be counted.
    std::optional<double> allocs_per_op{};
    // Peak resident set of the client's process when its rounds ended, in KiB.
    std::optional<std::uint64_t> peak_rss_kb{};
    // Bytes on the wire per operation, both directions, frames included.
    std::optional<double> wire_bytes_per_op{};
    // Operations measured over all rounds.
    std::uint64_t total_ops = 0;
};

struct case_result {
    std::string name;
    // The client every row is compared with.
    std::string baseline;
    std::vector<row> rows;
};

// Figures a workload draws from all its cases together (scaling: each client's peak and how
// many connections or threads reach 90 % of it), under one name per group: printed after the
// table and kept in the JSON as "summary": {"<group>": {"<key>": number, ...}, ...}.
struct summary_group {
    std::string name;
    std::vector<std::pair<std::string, double>> values;
};

struct report {
    std::string workload;
    // Parameters that shaped the run (message sizes, depth, durations), kept in the JSON.
    std::map<std::string, std::string> params;
    std::vector<case_result> cases;
    // Free-form lines printed under the table (what was checked, caveats).
    std::vector<std::string> notes;
    // Empty for most workloads (then absent from the JSON).
    std::vector<summary_group> summary;
};

// The median of a non-empty list (mean of the middle two for an even count).
double median(std::vector<double> v);

// The table on stdout: case, client, ops/s, MB/s, ns/op, [p50, p99], ratio to the baseline.
void print_table(const report& r);

// Writes the report as JSON to `path`, creating its directory; returns false (with a message
// on stderr) when it cannot.
bool write_json(const report& r, const std::string& path);

// bench/results/<workload>-<UTC timestamp>.json in the source tree.
std::string default_json_path(const std::string& workload);

}  // namespace cppcassa::bench
