// Failover: a pool whose first two servers refuse connections still serves every operation
// through the third, and its listener and stats tell what happened.
//
//   failover_pool [host] [port]        (default 127.0.0.1 9160)
//
// The pool's servers are 127.0.0.1:1 and 127.0.0.1:2 (nothing listens there: connects are
// refused) and then the real node. Creates the keyspace cppcassa_example_failover when it is
// missing, writes and reads 10 rows, prints each pool event as it happens and the pool's
// counters at the end, then "failover_pool: ok".
#include "example_support.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/pool_listener.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <string>

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

const std::string keyspace = "cppcassa_example_failover";
const std::string table = "events";

// Prints the pool's events. Hooks run on the pool's executor, in order; they must be quick and
// must not call back into the pool.
struct printing_listener : cppcassa::pool_listener {
    int marked_down = 0;
    void connection_created(const std::string& endpoint) override {
        fmt::print("  event: connected to {}\n", endpoint);
    }
    void connection_failed(const std::string& endpoint, const std::string& reason) override {
        fmt::print("  event: connect to {} failed: {}\n", endpoint, reason);
    }
    void server_marked_down(const std::string& endpoint, const std::string& /*reason*/) override {
        fmt::print("  event: {} marked down\n", endpoint);
        ++marked_down;
    }
    void server_marked_up(const std::string& endpoint) override { fmt::print("  event: {} marked up\n", endpoint); }
};

asio::awaitable<void> run(std::string server) {
    co_await example::ensure_column_family(server, keyspace, table);

    auto listener = std::make_shared<printing_listener>();
    cppcassa::pool_config config;
    config.servers = {"127.0.0.1:1", "127.0.0.1:2", server};
    config.keyspace = keyspace;
    config.prefill = false;              // connect on demand: the first operations meet the dead servers
    config.host_backoff.initial = 10s;   // a refused server is skipped for 10 s (doubling)
    config.listener = listener;
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::pool pool(executor, config);
    auto cf = co_await cppcassa::column_family::open(pool, table);

    // Each call is a pool operation: a refused connect marks its server down and the same
    // operation is retried at once on the next server (a failover), so no call fails.
    for (int i = 0; i < 10; ++i) {
        const std::string key = fmt::format("event{}", i);
        const cppcassa::column_values columns{{"payload", fmt::format("hello {}", i)}};
        co_await cf.insert(key, columns);
        const cppcassa::row row = co_await cf.get(key);
        example::expect(row["payload"].as<std::string>() == fmt::format("hello {}", i), "read back " + key);
    }
    fmt::print("10 rows written and read back\n");

    const cppcassa::pool_stats stats = pool.stats();
    fmt::print("operations {}, succeeded {}, failed {}, retries {}, failovers {}, connect failures {}\n",
               stats.operations, stats.succeeded, stats.failed, stats.retries, stats.failovers,
               stats.connect_failures);
    for (const auto& host : stats.hosts)
        fmt::print("  {}: {} (marked down {}, failures {}, checkouts {}){}\n", host.endpoint, host.up ? "up" : "down",
                   host.marked_down, host.failures, host.checkouts,
                   host.last_error.empty() ? "" : "; last error: " + host.last_error);

    example::expect(stats.failed == 0, "no operation fails");
    example::expect(stats.failovers >= 1, "at least one failover");
    example::expect(listener->marked_down >= 2 && !stats.hosts[0].up && !stats.hosts[1].up,
                    "both unreachable servers are marked down");
    example::expect(stats.hosts[2].up && stats.hosts[2].checkouts >= 20, "the real node served every operation");
    pool.close();
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_example("failover_pool", argc, argv, run);
}
