// The requests `cppcassa-bench run` sends through a cppcassa pool, one per operation of the mix:
//   get       get_slice of a whole row (up to --columns columns) at --read-cl
//   insert    batch_mutate of --batch rows of --columns columns at --write-cl
//   multiget  multiget_slice of --multiget-keys rows at --read-cl
//   range     get_range_slices of --page rows from a drawn key (token order) at --read-cl
// Which rows and how large the values come from the plan (run_plan.hpp); the value bytes are
// slices of a seeded buffer.
#pragma once

#include "data.hpp"
#include "op_mix.hpp"
#include "run_plan.hpp"
#include "run_settings.hpp"

#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <string>

namespace cppcassa::bench {

// The pool of a run: --hosts, --user/--password, TLS, --connections x --depth, --timeout,
// --retries, the run's keyspace; no overflow connections and no recycling, so no connect
// happens inside the measurement unless a server fails.
pool_config run_pool_config(const run_settings& s);

class run_ops {
public:
    run_ops(pool& p, const run_settings& s);

    // Runs one operation; `host` is set to the server of its last attempt ("host:port"), left
    // empty when none was tried. Throws what the pool threw.
    boost::asio::awaitable<void> run(const planned_op& op, std::string& host);

    // Writes rows [first, last) in one batch_mutate at --write-cl (the populate step).
    boost::asio::awaitable<void> write_rows(std::uint64_t first, std::uint64_t last, rng& r, std::string& host);

private:
    thrift::batch_mutate_args batch_of_rows(std::uint64_t first, std::uint64_t last, rng& r) const;
    thrift::batch_mutate_args batch_of(const planned_op& op);
    void add_row(thrift::batch_mutate_args& batch, std::uint64_t key, std::int64_t timestamp, auto&& value) const;
    // A value of a size drawn from --value-size; of `size` bytes.
    std::string value(rng& r) const;
    std::string value_of_size(rng& r, std::size_t size) const;

    pool& pool_;
    const run_settings& s_;
    rng value_offsets_;
    thrift::ColumnParent parent_;
    thrift::SlicePredicate whole_row_;
    // Values are slices of this, at random offsets: cheap to make, not one repeated byte.
    std::string value_source_;
};

}  // namespace cppcassa::bench
