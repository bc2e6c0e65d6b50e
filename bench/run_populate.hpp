// `cppcassa-bench run --populate N`: rows 0..N-1 written before the run, batch_mutate calls of
// up to 50 rows (fewer for large rows) from several writers at once, with a progress bar and ETA.
#pragma once

#include "run_ops.hpp"
#include "run_recorder.hpp"
#include "run_settings.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>

namespace cppcassa::bench {

struct populate_result {
    std::uint64_t rows = 0;         // rows written
    std::uint64_t failed_rows = 0;  // rows whose batch failed every attempt
    error_counts errors{};          // failed attempts, by kind
    std::string first_error;
    double seconds = 0;
};

// The bar goes to stderr: rewritten in place on a terminal, one line per 10 % otherwise. A
// failed batch is sent again up to 3 times; errors are counted and reported, never fatal.
// `stop` (set by Ctrl-C) ends it after the batches in flight.
boost::asio::awaitable<populate_result> populate(run_ops& ops, const run_settings& s, const bool& stop);

}  // namespace cppcassa::bench
