// The schema and rows the server workloads read: keyspace cppcassa_bench, column family
// Standard1 (BytesType), created on first use and left in place for the next run.
#pragma once

#include <cppcassa/connection.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace cppcassa::bench {

inline constexpr const char* bench_keyspace = "cppcassa_bench";
inline constexpr const char* bench_column_family = "Standard1";

// Creates the bench keyspace (SimpleStrategy, replication 1) with Standard1 when missing, then
// makes it the connection's keyspace.
boost::asio::awaitable<void> ensure_bench_schema(connection& conn);

// Writes rows row_key(0..rows-1), each `columns` columns column_name(i) with `value_size`-byte
// values, pipelined on `conn`. The same seed writes the same bytes.
boost::asio::awaitable<void> insert_rows(connection& conn, std::uint64_t rows, int columns, std::size_t value_size,
                                         std::uint64_t seed);

// "start it with: bash scripts/cassandra.sh start" — appended to connection failures.
std::string server_hint(const std::string& host, std::uint16_t port);

}  // namespace cppcassa::bench
