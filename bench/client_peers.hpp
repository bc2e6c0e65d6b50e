// The clients the client workloads compare, each doing the same operations on the same keys:
//   cppcassa      a pool of --connections connections, --concurrency coroutines, one thread
//   apache-sync   Apache Thrift's generated CassandraClient (TFramedTransport + TBinaryProtocol),
//                 --threads threads, one connection each, one call at a time per thread
//   python        bench/python_peer.py in its own process (python_runner.hpp)
// One operation of each workload:
//   insert    one column, --value-size bytes, into a random key of writes_column_family
//   get       get_slice of a whole 10-column row, a random key of the dataset
//   multiget  multiget_slice of --keys random dataset keys, whole rows
//   mixed     90 % get, 10 % insert, chosen at random per operation
//   range     one get_range_slices page of --page rows, continuing from the previous page's last
//             key (each caller starts at a random key and wraps at the end of the ring)
//   null      get, against the null server
#pragma once

#include "apache_types.hpp"
#include "client_round.hpp"
#include "client_settings.hpp"

#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cppcassa::bench {

std::string insert_key(std::uint64_t i);

// The parts of every request that do not change from one operation to the next.
struct request_parts {
    thrift::ColumnParent read_parent;
    thrift::ColumnParent write_parent;
    thrift::SlicePredicate predicate;
    std::string value;
    ac::ColumnParent apache_read_parent;
    ac::ColumnParent apache_write_parent;
    ac::SlicePredicate apache_predicate;

    explicit request_parts(const client_settings& s, std::uint64_t seed);
};

// A pool configured for the measurement: --connections connections, --depth in flight each, no
// overflow, no recycling, no health checks (none of which should run inside a round).
pool_config bench_pool_config(const std::string& host, std::uint16_t port, const std::string& keyspace,
                              const client_settings& s);

// One cppcassa round: --concurrency coroutines on the calling executor through `p`.
boost::asio::awaitable<client_round> cppcassa_round(pool& p, const client_settings& s, const request_parts& parts,
                                                    const round_limit& limit, const std::string& label,
                                                    std::uint64_t seed);

// Apache's client: one blocking connection per thread, opened once and reused by every round.
class apache_connections {
public:
    // `keyspace` empty: no set_keyspace (the null server). Connection i goes to the i % servers-th
    // of --host and the next addresses.
    apache_connections(const std::string& host, std::uint16_t port, const std::string& keyspace, std::size_t n,
                       std::size_t servers = 1);
    ~apache_connections();
    apache_connections(const apache_connections&) = delete;
    apache_connections& operator=(const apache_connections&) = delete;

    struct one;
    std::vector<std::unique_ptr<one>>& all() { return conns_; }
    // Connection i's generated client, for workloads that drive it themselves (batch).
    ac::CassandraClient& client(std::size_t i);

private:
    std::vector<std::unique_ptr<one>> conns_;
};

// One Apache round: every connection's thread runs operations until the limit.
client_round apache_round(apache_connections& conns, const client_settings& s, const request_parts& parts,
                          const round_limit& limit, const std::string& label, std::uint64_t seed);

// The Python peer's flags for this workload (python_runner.hpp adds the round's limit).
std::vector<std::string> python_args(const std::string& host, std::uint16_t port, const client_settings& s,
                                     std::chrono::milliseconds warmup, std::uint64_t seed);

}  // namespace cppcassa::bench
