// The pool keeps writing at QUORUM through a node's SIGKILL and restart on the 3-node cluster,
// and loses no acknowledged write: a ledger of acknowledged keys is read back at the end.
//
// Timeline: writers start; after 3 s node 2 is SIGKILLed (`cassandra.sh kill-node 2`); 5 s later
// it is started again (`start-node 2`, which blocks until the node is back in the ring); the
// writers go on for 3 s more, then stop. Launcher commands block, so they run on their own
// std::thread while the io_context keeps serving the writers.
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

// CPPCASSA_FAILOVER_RF (default 3) lets the test's own logic be dry-run on a 1-node launch with a
// launcher stub; the keyspace name carries the factor so the runs never share a keyspace.
int replication_factor() {
    const char* text = std::getenv("CPPCASSA_FAILOVER_RF");
    return text ? std::atoi(text) : 3;
}
const std::string failover_keyspace = fmt::format("cppcassa_failover_rf{}", replication_factor());

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(asio::use_awaitable);
}

// Keyspace with RF=3 (see replication_factor) and a Ledger column family; waits until every node agrees on the schema.
asio::awaitable<void> ensure_failover_keyspace() {
    // Named, not braced inside the co_await expression (GCC 12 destroys such temporaries twice).
    const auto executor = co_await asio::this_coro::executor;
    const cppcassa::connection_config first_node{.host = "127.0.0.1", .port = 9160};
    cppcassa::connection conn(executor, first_node);
    co_await conn.connect();
    bool exists = true;
    try {
        const thrift::describe_keyspace_args which{.keyspace = failover_keyspace};
        co_await conn.describe_keyspace(which);
    } catch (const cppcassa::not_found&) {
        exists = false;
    }
    if (!exists) {
        thrift::KsDef ks;
        ks.name = failover_keyspace;
        ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
        ks.strategy_options =
            std::map<std::string, std::string>{{"replication_factor", std::to_string(replication_factor())}};
        thrift::CfDef ledger;
        ledger.keyspace = failover_keyspace;
        ledger.name = "Ledger";
        ledger.comparator_type = "BytesType";
        ks.cf_defs = {ledger};
        const thrift::system_add_keyspace_args add{.ks_def = ks};
        co_await conn.system_add_keyspace(add);
    }
    for (int i = 0; i < 60; ++i) {
        const auto versions = co_await conn.describe_schema_versions();
        if (versions.size() == 1 && !versions.contains("UNREACHABLE"))
            co_return;
        co_await sleep_for(500ms);
    }
    FAIL("the nodes did not agree on the schema within 30 s");
}

struct ledger_entry {
    std::string key;
    std::string value;
};

TEST_CASE("writers at QUORUM lose no acknowledged write while node 2 is killed and restarted") {
    std::vector<ledger_entry> ledger;
    std::uint64_t failed_typed = 0;
    std::uint64_t failed_untyped = 0;
    std::uint64_t lost = 0;
    std::uint64_t unverified = 0;
    cppcassa::pool_stats stats;
    double recovery_ms = 0;

    std::atomic<bool> killer_done{false};
    std::atomic<long long> killed_at_ms{-1};
    std::atomic<long long> restarted_at_ms{-1};
    std::string killer_error;
    const auto start = clock_type::now();
    auto since_start = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - start).count();
    };

    cppcassa::test::run_coroutine([&]() -> asio::awaitable<void> {
        co_await ensure_failover_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool_config config;
        config.servers = {"127.0.0.1:9160", "127.0.0.2:9160", "127.0.0.3:9160"};
        config.keyspace = failover_keyspace;
        config.connect_timeout = 2000ms;
        config.call_timeout = 5000ms;
        config.operation_timeout = 15000ms;
        config.host_backoff = {.initial = 500ms, .max = 4000ms};
        cppcassa::pool pool(executor, config);

        std::thread killer([&] {
            try {
                std::this_thread::sleep_for(3s);
                killed_at_ms = since_start();
                cppcassa::test::run_launcher("kill-node 2");
                std::this_thread::sleep_for(5s);
                cppcassa::test::run_launcher("start-node 2");
                restarted_at_ms = since_start();
            } catch (const std::exception& e) {
                killer_error = e.what();
            }
            killer_done = true;
        });

        bool stop = false;
        std::vector<long long> ack_times;  // ms since start of each acknowledged write
        constexpr int writers = 4;
        int running = writers;
        // One closure for all writers, alive until they finish (a coroutine lambda's captures
        // live in the closure, not in the coroutine frame); the writer number is a parameter.
        auto writer = [&](int w) -> asio::awaitable<void> {
            for (int seq = 0; !stop; ++seq) {
                thrift::insert_args write;
                write.key = fmt::format("w{}-{}-{}", w, seq, cppcassa::test::now_micros());
                write.column_parent.column_family = "Ledger";
                write.column.name = "v";
                write.column.value = fmt::format("value {} {}", w, seq);
                write.column.timestamp = cppcassa::test::now_micros();
                write.consistency_level = thrift::ConsistencyLevel::QUORUM;
                auto insert = [write](cppcassa::connection& c) { return c.insert(write); };
                bool acknowledged = false;
                try {
                    co_await pool.execute(insert);
                    acknowledged = true;
                } catch (const cppcassa::error& e) {
                    ++failed_typed;
                    std::fprintf(stderr, "[failover] write failed (typed): %s\n", e.what());
                } catch (const std::exception& e) {
                    ++failed_untyped;
                    std::fprintf(stderr, "[failover] write failed (NOT typed): %s\n", e.what());
                }
                if (acknowledged) {
                    ledger.push_back({write.key, write.column.value.value_or("")});
                    ack_times.push_back(since_start());
                } else {
                    co_await sleep_for(100ms);
                }
            }
            --running;
        };
        for (int w = 0; w < writers; ++w)
            asio::co_spawn(executor, writer(w), asio::detached);

        // Until node 2 is back, plus 3 s; never more than 180 s.
        while (!killer_done && since_start() < 180000)
            co_await sleep_for(100ms);
        co_await sleep_for(3s);
        stop = true;
        while (running > 0)
            co_await sleep_for(50ms);

        // The longest pause in acknowledgements after the kill: how long the writers stalled.
        long long previous = killed_at_ms;
        for (auto t : ack_times) {
            if (killed_at_ms >= 0 && t >= killed_at_ms)
                recovery_ms = std::max<double>(recovery_ms, static_cast<double>(t - previous));
            if (t >= killed_at_ms)
                previous = t;
        }

        for (const auto& entry : ledger) {
            thrift::get_args read;
            read.key = entry.key;
            read.column_path.column_family = "Ledger";
            read.column_path.column = std::string("v");
            read.consistency_level = thrift::ConsistencyLevel::QUORUM;
            auto get = [read](cppcassa::connection& c) { return c.get(read); };
            bool missing = false;
            try {
                const auto got = co_await pool.execute(get);
                missing = !got.column || got.column->value != entry.value;
            } catch (const cppcassa::not_found&) {
                missing = true;
            } catch (const cppcassa::error& e) {
                ++unverified;
                std::fprintf(stderr, "[failover] read-back failed: %s\n", e.what());
            }
            if (missing)
                ++lost;
        }
        stats = pool.stats();
        killer.join();
    });

    std::fprintf(stderr,
                 "[failover] acknowledged=%zu failed_typed=%llu failed_untyped=%llu lost=%llu unverified=%llu "
                 "retries=%llu failovers=%llu killed_at=%lld ms restarted_at=%lld ms longest_ack_gap_after_kill=%.0f ms\n",
                 ledger.size(), static_cast<unsigned long long>(failed_typed),
                 static_cast<unsigned long long>(failed_untyped), static_cast<unsigned long long>(lost),
                 static_cast<unsigned long long>(unverified), static_cast<unsigned long long>(stats.retries),
                 static_cast<unsigned long long>(stats.failovers), killed_at_ms.load(), restarted_at_ms.load(),
                 recovery_ms);
    for (const auto& host : stats.hosts)
        std::fprintf(stderr, "[failover] %s: operations=%llu marked_down=%llu failures=%llu\n",
                     host.endpoint.c_str(), static_cast<unsigned long long>(host.operations),
                     static_cast<unsigned long long>(host.marked_down),
                     static_cast<unsigned long long>(host.failures));
    CHECK(killer_error.empty());
    CHECK(killed_at_ms >= 0);
    CHECK(restarted_at_ms >= 0);
    CHECK(ledger.size() > 100);
    CHECK(lost == 0);
    CHECK(unverified == 0);
    CHECK(failed_untyped == 0);
    CHECK(stats.hosts[1].marked_down >= 1);
}

}  // namespace
