// What `cppcassa-bench run` prints: one line per interval while it runs, a summary at the end.
#pragma once

#include "run_driver.hpp"
#include "run_populate.hpp"
#include "run_recorder.hpp"
#include "run_settings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cppcassa::bench {

// An interval falling further behind its schedule than this is flagged with a warning.
inline constexpr double behind_warning_ms = 10.0;

// The column names, printed once before the first interval.
std::string interval_header(bool open_loop);
// One interval: time, ops/s, p50/p99/p99.9/max in ms, errors (by kind when any), how far behind
// its schedule the client was (open loop).
std::string interval_line(const interval_row& row, bool open_loop);
// A warning for an interval whose starts fell more than behind_warning_ms behind schedule; empty otherwise.
std::string schedule_warning(const interval_row& row);

// Every one of the run's figures as text: per operation, errors by kind and server, the schedule.
std::string summary_text(const run_settings& s, const run_outcome& out, const run_recorder& rec);

}  // namespace cppcassa::bench
