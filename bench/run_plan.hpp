// The operations of `cppcassa-bench run`, drawn ahead of the requests that carry them: which
// operation (--mix), which rows (--keys), how large the values (--value-size). cppcassa's run
// draws them one by one as the schedule starts each operation; the peers (--peers) get the same
// sequence as a plan file, drawn again from the same seed, so every client runs the very same
// operations in the same order. Sans-io: no pool, no files but the one write_plan fills.
#pragma once

#include "data.hpp"
#include "key_chooser.hpp"
#include "op_mix.hpp"
#include "run_settings.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cppcassa::bench {

// Row i's key: "k0000000042" (the partitioner hashes it, which spreads rows over the ring).
std::string run_key(std::uint64_t i);

struct planned_op {
    op_kind kind = op_kind::get;
    // get, range: one row (range's first); multiget: --multiget-keys rows; insert: --batch rows.
    std::vector<std::uint64_t> rows;
    // insert: bytes of every value it writes.
    std::size_t value_size = 0;
};

class op_planner {
public:
    explicit op_planner(const run_settings& s);

    // The next operation of the sequence, written over `op` (its row vector keeps its memory).
    void next(planned_op& op);

private:
    const run_settings& s_;
    key_chooser keys_;
    rng mix_draws_;
    rng key_draws_;
    rng size_draws_;
};

// The plan file's line for `op` (bench/run_peers/README.md, "The plan"), without the newline:
// "get k0000000042", "insert 100 k0000000001,k0000000002", "multiget k...,k...", "range k... 100".
std::string plan_line(const planned_op& op, const run_settings& s);

// How many operations the peers' plan holds: an open loop's every operation meant to start
// within --duration; a closed loop's plan is run again from the start when it runs out
// (plan_cycles), so it holds enough for most runs without growing without bound.
std::uint64_t plan_length(const run_settings& s);

// Writes the first `count` operations of the run's sequence to `path`, one line each, and
// returns their kinds. Throws std::runtime_error when the file cannot be written.
std::vector<op_kind> write_plan(const std::string& path, const run_settings& s, std::uint64_t count);

}  // namespace cppcassa::bench
