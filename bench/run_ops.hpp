// The requests `cppcassa-bench run` sends through a cppcassa pool, one per operation of the mix:
//   get       get_slice of a whole row (up to --columns columns) at --read-cl
//   insert    batch_mutate of --batch rows of --columns columns at --write-cl
//   multiget  multiget_slice of --multiget-keys rows at --read-cl
//   range     get_range_slices of --page rows from a drawn key (token order) at --read-cl
// Keys come from the key chooser (--keys), values of --value-size bytes from a seeded buffer.
#pragma once

#include "data.hpp"
#include "key_chooser.hpp"
#include "op_mix.hpp"
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

// Row i's key: "k0000000042" (the partitioner hashes it, which spreads rows over the ring).
std::string run_key(std::uint64_t i);

class run_ops {
public:
    run_ops(pool& p, const run_settings& s);

    // Runs one operation; `host` is set to the server of its last attempt ("host:port"), left
    // empty when none was tried. Throws what the pool threw.
    boost::asio::awaitable<void> run(op_kind kind, rng& r, std::string& host);

    // Writes rows [first, last) in one batch_mutate at --write-cl (the populate step).
    boost::asio::awaitable<void> write_rows(std::uint64_t first, std::uint64_t last, rng& r, std::string& host);

private:
    thrift::batch_mutate_args batch_of_rows(std::uint64_t first, std::uint64_t last, rng& r) const;
    thrift::batch_mutate_args batch_of_keys(std::size_t n, rng& r);
    void add_row(thrift::batch_mutate_args& batch, std::uint64_t key, rng& r, std::int64_t timestamp) const;
    std::string value(rng& r) const;

    pool& pool_;
    const run_settings& s_;
    key_chooser keys_;
    thrift::ColumnParent parent_;
    thrift::SlicePredicate whole_row_;
    // Values are slices of this, at random offsets: cheap to make, not one repeated byte.
    std::string value_source_;
};

}  // namespace cppcassa::bench
