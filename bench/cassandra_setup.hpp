// The schema and rows the server workloads read: keyspace cppcassa_bench, column family
// Standard1 (BytesType), created on first use and left in place for the next run.
#pragma once

#include <cppcassa/connection.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::bench {

inline constexpr const char* bench_keyspace = "cppcassa_bench";
inline constexpr const char* bench_column_family = "Standard1";

// Creates the bench keyspace (SimpleStrategy, replication 1) with Standard1 when missing, then
// makes it the connection's keyspace.
boost::asio::awaitable<void> ensure_bench_schema(connection& conn);

// Connects `conn` to `host`:`port` (a failure says how to start a node) and makes the bench
// keyspace its keyspace (ensure_bench_schema).
boost::asio::awaitable<void> open_bench_connection(connection& conn, const std::string& host, std::uint16_t port);

// Writes rows row_key(0..rows-1), each `columns` columns column_name(i) with `value_size`-byte
// values, pipelined on `conn`. The same seed writes the same bytes.
boost::asio::awaitable<void> insert_rows(connection& conn, std::uint64_t rows, int columns, std::size_t value_size,
                                         std::uint64_t seed);

// The client workloads' column families in the bench keyspace: `rows_column_family` holds the
// dataset they read (written once, reused while its marker row matches), `writes_column_family`
// takes their inserts, so writes never change what the reads and range scans see.
inline constexpr const char* rows_column_family = "Rows10";
inline constexpr const char* writes_column_family = "Inserts";

// Adds column family `name` (BytesType) to the connection's keyspace when missing, then waits
// until every node agrees on the schema (a new column family is unknown to a node until then).
boost::asio::awaitable<void> ensure_column_family(connection& conn, std::string name);

// The dataset the read workloads use: rows row_key(0..rows-1) of `columns` columns.
struct dataset {
    std::uint64_t rows = 100'000;
    int columns = 10;
    std::size_t value_size = 100;
    std::uint64_t seed = 42;
};

// Writes `d` into rows_column_family unless a marker row says the same dataset (or a larger one
// with the same shape) is already there; returns whether it wrote. Batches of rows go through
// `writers` connections to `host`:`port` at once (over TLS when `tls` is set).
boost::asio::awaitable<bool> ensure_dataset(const std::string& host, std::uint16_t port, const dataset& d,
                                            std::size_t writers = 8, std::optional<tls_options> tls = {});

// `n` consecutive addresses from `host` (127.0.0.1, 127.0.0.2, ...: the launcher's cluster).
std::vector<std::string> consecutive_hosts(const std::string& host, std::size_t n);

// "start it with: bash scripts/cassandra.sh start" — appended to connection failures.
std::string server_hint(const std::string& host, std::uint16_t port);

}  // namespace cppcassa::bench
