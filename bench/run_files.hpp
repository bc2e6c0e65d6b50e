// The files `cppcassa-bench run` leaves in its output folder:
//   intervals.csv        one row per interval, written as the run goes (a stopped run keeps it)
//   run.json             the settings, every interval and the summary
//   latency.hgrm         every successful operation's latency (ms) as HdrHistogram's percentile
//                        distribution; latency-<op>.hgrm for each operation of the mix
//   run.png              throughput, latency percentiles and errors over time (run_chart.sh)
#pragma once

#include "run_driver.hpp"
#include "run_populate.hpp"
#include "run_recorder.hpp"
#include "run_settings.hpp"

#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::bench {

// intervals.csv: the header at once, then a row per interval, flushed, so that the file is
// whole however the run ends.
class interval_csv {
public:
    // Throws std::runtime_error when the file cannot be created.
    explicit interval_csv(const std::string& path);
    void append(const interval_row& row);

private:
    std::ofstream out_;
};

// The CSV's columns: time_s, interval_s, ops, ops_per_s, p50_ms, p99_ms, p999_ms, max_ms, errors,
// one column per error kind, behind_ms, late_starts, in_flight, cpu_wait_ms.
std::string interval_csv_header();
std::string interval_csv_row(const interval_row& row);

struct run_files_input {
    const run_settings& settings;
    const std::vector<std::string>& schema_notes;
    const std::optional<populate_result>& populated;
    const run_outcome& outcome;
    const run_recorder& recorder;
};

// Draws `dir`/run.png with run_chart.sh (gnuplot); says on stderr how to draw it later when it
// could not.
void draw_run_chart(const std::string& dir);

// Writes run.json and the .hgrm files into `dir`; returns the paths written. Throws
// std::runtime_error when a file cannot be written.
std::vector<std::string> write_run_files(const std::string& dir, const run_files_input& in);

}  // namespace cppcassa::bench
