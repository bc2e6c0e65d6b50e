// The keyspace and column family `cppcassa-bench run` reads and writes: created when missing
// (SimpleStrategy with --replication, a BytesType column family), or, with --existing-schema,
// only checked. Schema changes return once every live node reports the same schema version.
#pragma once

#include "run_settings.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace cppcassa::bench {

// Returns what it found or did, one line each ("created keyspace ...", "keyspace ... exists").
// Throws std::runtime_error saying what is missing or what failed (no server answered, the
// login was refused, ...): a run cannot go on without its column family.
boost::asio::awaitable<std::vector<std::string>> prepare_schema(const run_settings& s);

}  // namespace cppcassa::bench
