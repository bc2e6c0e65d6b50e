// The knobs of the client workloads (insert, get, multiget, mixed, range, null), read from the
// workload flags once, with their defaults.
#pragma once

#include "options.hpp"

#include <cppcassa/thrift.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa::bench {

enum class client_workload { insert, get, multiget, mixed, range, null };

struct client_settings {
    client_workload kind = client_workload::get;
    // cppcassa: a pool of `connections` connections, `concurrency` coroutines on one thread, at
    // most `depth` requests in flight per connection (by default as many requests in flight as
    // Apache's threads: one per connection).
    std::size_t connections = 16;
    std::size_t concurrency = 16;
    std::size_t depth = 1;
    // Servers every client spreads its connections over: --host and the next addresses
    // (127.0.0.1, 127.0.0.2, ...: the launcher's cluster), one by default.
    std::size_t servers = 1;
    // Apache's C++ client: one thread per connection; the Python peer: its threads.
    std::size_t threads = 16;
    std::size_t py_threads = 16;
    // Rows in the read dataset (10 columns each), keys per multiget, rows per range page.
    std::uint64_t rows = 100'000;
    std::size_t keys = 100;
    std::size_t page = 100;
    int columns = 10;
    std::size_t value_size = 100;
    // Inserts pick their key among this many ("ins-0000000".."ins-0999999").
    std::uint64_t insert_keys = 1'000'000;
    thrift::ConsistencyLevel consistency = thrift::ConsistencyLevel::ONE;
    std::string consistency_name = "ONE";
    // Skip the Python peer (--python 0), e.g. where python3-thrift is missing.
    bool python = true;
    // cppcassa's gets use the reuse form (connection::get_slice refilling each caller's own row
    // from its own arguments): what a steady-state read costs without a result to allocate.
    bool reuse = false;
};

// Reads the flags; throws std::invalid_argument on a malformed one.
client_settings read_client_settings(client_workload kind, const options& opts);

std::string workload_name(client_workload kind);
// The client workload (not null) of that name; throws std::invalid_argument.
client_workload client_workload_of(std::string_view name);

}  // namespace cppcassa::bench
