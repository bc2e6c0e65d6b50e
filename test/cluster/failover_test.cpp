// The pool keeps writing at QUORUM through two SIGKILLs and restarts on the 3-node cluster, and
// loses no acknowledged write: a ledger of acknowledged keys is read back at the end.
//
// Timeline (CPPCASSA_FAILOVER_SECONDS, default 60 s of writes): 4 writers start; at 5 s node 2 is
// SIGKILLed (`cassandra.sh kill-node 2`), 4 s later started again (`start-node 2`, which blocks
// until the node is back in the ring); at half the run (or 3 s after node 2 is back, if later)
// node 3 is killed and restarted the same way. The writers stop at the end of the run or 3 s
// after node 3 is back, whichever is later. Launcher commands block, so they run on their own
// std::thread while the io_context keeps serving the writers.
//
// Nodes are node_host(1..3): CPPCASSA_NET=127.0.X runs this against a cluster on 127.0.X.1-3.
// CPPCASSA_FAILOVER_RF=1 with a launcher stub (kill-node/start-node doing nothing) dry-runs the
// test's own logic on a single node.
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;
using cppcassa::test::node_host;

int env_int(const char* name, int fallback) {
    const char* text = std::getenv(name);
    return text && *text ? std::atoi(text) : fallback;
}

// CPPCASSA_FAILOVER_RF (default 3) lets the test's own logic be dry-run on a 1-node launch with a
// launcher stub; the keyspace name carries the factor so the runs never share a keyspace.
int replication_factor() { return env_int("CPPCASSA_FAILOVER_RF", 3); }
const std::string failover_keyspace = fmt::format("cppcassa_failover_rf{}", replication_factor());

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(asio::use_awaitable);
}

// Keyspace with RF=3 (see replication_factor) and a Ledger column family; waits until every node agrees on the schema.
asio::awaitable<void> ensure_failover_keyspace() {
    // Named, not braced inside the co_await expression (GCC 12 destroys such temporaries twice).
    const auto executor = co_await asio::this_coro::executor;
    const cppcassa::connection_config first_node{.host = node_host(1), .port = 9160};
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

// The error's kind, for the failure counts (the most derived class we know).
std::string kind_of(const cppcassa::error& e) {
    if (dynamic_cast<const cppcassa::connect_error*>(&e))
        return "connect_error";
    if (dynamic_cast<const cppcassa::connection_closed*>(&e))
        return "connection_closed";
    if (dynamic_cast<const cppcassa::call_timeout*>(&e))
        return "call_timeout";
    if (dynamic_cast<const cppcassa::timed_out*>(&e))
        return "timed_out";
    if (dynamic_cast<const cppcassa::unavailable*>(&e))
        return "unavailable";
    if (dynamic_cast<const cppcassa::maximum_retry*>(&e))
        return "maximum_retry";
    if (dynamic_cast<const cppcassa::no_server_available*>(&e))
        return "no_server_available";
    if (dynamic_cast<const cppcassa::protocol_error*>(&e))
        return "protocol_error";
    return "other cppcassa::error";
}

struct ledger_entry {
    std::string key;
    std::string value;
};

// One kill of the run; times in ms since the writers started, -1 until it happened.
struct kill_record {
    int node = 0;
    std::atomic<long long> killed_at_ms{-1};
    std::atomic<long long> restarted_at_ms{-1};  // start-node returned: the node is in the ring
};

// What the acknowledgements say about one kill, from the kill to the next kill (or the end).
struct recovery {
    double longest_gap_ms = 0;         // the longest pause between acknowledgements
    std::size_t acknowledged_down = 0;  // acknowledged while the node was down
    std::size_t acknowledged_after = 0; // acknowledged after it was back
};

recovery measure_recovery(const std::vector<long long>& ack_times, long long killed_at, long long restarted_at,
                          long long window_end) {
    recovery r;
    long long previous = killed_at;
    for (auto t : ack_times) {
        if (t < killed_at || t >= window_end)
            continue;
        r.longest_gap_ms = std::max<double>(r.longest_gap_ms, static_cast<double>(t - previous));
        previous = t;
        if (restarted_at < 0 || t < restarted_at)
            ++r.acknowledged_down;
        else
            ++r.acknowledged_after;
    }
    // Acknowledgements that never resumed count until the window closed.
    r.longest_gap_ms = std::max<double>(r.longest_gap_ms, static_cast<double>(window_end - previous));
    return r;
}

// Whether the cluster recovered whole: true once the nodes agree on one schema and a write
// at ALL (every replica of the RF 3 keyspace acknowledging) succeeds; false after 120 s.
asio::awaitable<bool> wait_until_settled(cppcassa::pool& pool) {
    const auto until = clock_type::now() + 120s;
    while (clock_type::now() < until) {
        try {
            auto versions_of = [](cppcassa::connection& c) { return c.describe_schema_versions(); };
            const auto versions = co_await pool.execute(versions_of);
            const bool agreed = versions.size() == 1 && versions.begin()->first != "UNREACHABLE" &&
                                versions.begin()->second.size() == static_cast<std::size_t>(replication_factor());
            if (agreed) {
                thrift::insert_args probe;
                probe.key = fmt::format("settled-{}", cppcassa::test::now_micros());
                probe.column_parent.column_family = "Ledger";
                probe.column.name = "v";
                probe.column.value = "settled";
                probe.column.timestamp = cppcassa::test::now_micros();
                probe.consistency_level = thrift::ConsistencyLevel::ALL;
                auto insert = [probe](cppcassa::connection& c) { return c.insert(probe); };
                co_await pool.execute(insert);
                co_return true;
            }
        } catch (const cppcassa::error& e) {
            std::fprintf(stderr, "[failover] waiting for the cluster to settle: %s\n", e.what());
        }
        co_await sleep_for(1000ms);
    }
    co_return false;
}

TEST_CASE("writers at QUORUM lose no acknowledged write while nodes 2 then 3 are killed and restarted") {
    const long long run_ms = 1000LL * env_int("CPPCASSA_FAILOVER_SECONDS", 60);
    constexpr auto operation_timeout = 15000ms;
    std::vector<ledger_entry> ledger;
    std::vector<long long> ack_times;  // ms since start of each acknowledged write, in order
    std::uint64_t failed_typed = 0;
    std::uint64_t failed_untyped = 0;
    std::map<std::string, std::uint64_t> failures_by_kind;
    std::uint64_t lost = 0;
    std::uint64_t unverified = 0;
    long long longest_operation_ms = 0;
    long long writes_ended_at_ms = 0;
    cppcassa::pool_stats stats;

    std::array<kill_record, 2> kills;
    kills[0].node = 2;
    kills[1].node = 3;
    std::atomic<bool> killer_done{false};
    std::string killer_error;
    auto start = clock_type::now();
    auto since_start = [&]() -> long long {
        return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - start).count();
    };

    bool cluster_settled = false;
    cppcassa::test::run_coroutine([&]() -> asio::awaitable<void> {
        co_await ensure_failover_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool_config config;
        config.servers = {node_host(1) + ":9160", node_host(2) + ":9160", node_host(3) + ":9160"};
        config.keyspace = failover_keyspace;
        config.connect_timeout = 2000ms;
        config.call_timeout = 5000ms;
        config.operation_timeout = operation_timeout;
        config.host_backoff = {.initial = 500ms, .max = 4000ms};
        cppcassa::pool pool(executor, config);
        start = clock_type::now();

        // A jthread joins even when the body throws.
        std::jthread killer([&] {
            try {
                const std::array<long long, 2> planned_ms = {5000, run_ms / 2};
                for (std::size_t i = 0; i < kills.size(); ++i) {
                    const auto earliest = i == 0 ? 0 : kills[i - 1].restarted_at_ms + 3000;
                    const auto at = std::max(planned_ms[i], earliest);
                    std::this_thread::sleep_for(std::chrono::milliseconds(std::max(0LL, at - since_start())));
                    const auto node = std::to_string(kills[i].node);
                    kills[i].killed_at_ms = since_start();
                    cppcassa::test::run_launcher_or_throw("kill-node " + node);
                    std::this_thread::sleep_for(4s);
                    cppcassa::test::run_launcher_or_throw("start-node " + node);
                    kills[i].restarted_at_ms = since_start();
                }
            } catch (const std::exception& e) {
                killer_error = e.what();
            }
            killer_done = true;
        });

        bool stop = false;
        constexpr int writers = 4;
        int running = writers;
        // One closure for all writers, alive until they finish (a coroutine lambda's captures
        // live in the closure, not in the coroutine frame); the writer number is a parameter.
        auto writer = [&](int w) -> asio::awaitable<void> {
            // `stop` is set by the coroutine that kills nodes, between this loop's awaits.
            for (int seq = 0;; ++seq) {
                if (stop)
                    break;
                thrift::insert_args write;
                write.key = fmt::format("w{}-{}-{}", w, seq, cppcassa::test::now_micros());
                write.column_parent.column_family = "Ledger";
                write.column.name = "v";
                write.column.value = fmt::format("value {} {}", w, seq);
                write.column.timestamp = cppcassa::test::now_micros();
                write.consistency_level = thrift::ConsistencyLevel::QUORUM;
                auto insert = [write](cppcassa::connection& c) { return c.insert(write); };
                bool acknowledged = false;
                const auto began = since_start();
                try {
                    co_await pool.execute(insert);
                    acknowledged = true;
                } catch (const cppcassa::error& e) {
                    ++failed_typed;
                    if (failures_by_kind[kind_of(e)]++ < 3)
                        std::fprintf(stderr, "[failover] write failed (typed): %s\n", e.what());
                } catch (const std::exception& e) {
                    ++failed_untyped;
                    std::fprintf(stderr, "[failover] write failed (NOT typed): %s\n", e.what());
                }
                const auto ended = since_start();
                longest_operation_ms = std::max(longest_operation_ms, ended - began);
                if (acknowledged) {
                    ledger.push_back({write.key, write.column.value.value_or("")});
                    ack_times.push_back(ended);
                } else {
                    co_await sleep_for(100ms);
                }
            }
            --running;
        };
        for (int w = 0; w < writers; ++w)
            asio::co_spawn(executor, writer(w), asio::detached);

        // The run's length, and until the last killed node has been back 3 s; never past 170 s.
        while ((since_start() < run_ms || !killer_done) && since_start() < 170000)
            co_await sleep_for(100ms);
        if (killer_done) {
            const auto back_at = kills.back().restarted_at_ms.load();
            while (back_at >= 0 && since_start() < back_at + 3000)
                co_await sleep_for(100ms);
        }
        stop = true;
        while (running > 0)
            co_await sleep_for(50ms);
        writes_ended_at_ms = since_start();

        // Read the ledger back at QUORUM, many keys per call (tens of thousands of single gets
        // would take longer than the writes did).
        constexpr std::size_t batch = 200;
        for (std::size_t first = 0; first < ledger.size(); first += batch) {
            const auto last = std::min(ledger.size(), first + batch);
            thrift::multiget_slice_args read;
            for (auto i = first; i < last; ++i)
                read.keys.push_back(ledger[i].key);
            read.column_parent.column_family = "Ledger";
            read.predicate.column_names = std::vector<std::string>{"v"};
            read.consistency_level = thrift::ConsistencyLevel::QUORUM;
            auto multiget = [read](cppcassa::connection& c) { return c.multiget_slice(read); };
            std::map<std::string, std::vector<thrift::ColumnOrSuperColumn>> rows;
            bool read_failed = false;
            try {
                rows = co_await pool.execute(multiget);
            } catch (const cppcassa::error& e) {
                read_failed = true;
                std::fprintf(stderr, "[failover] read-back failed: %s\n", e.what());
            }
            if (read_failed) {
                unverified += last - first;
                continue;
            }
            for (auto i = first; i < last; ++i) {
                const auto row = rows.find(ledger[i].key);
                const bool present = row != rows.end() && row->second.size() == 1 && row->second[0].column &&
                                     row->second[0].column->value == ledger[i].value;
                if (!present)
                    ++lost;
            }
        }
        stats = pool.stats();
        killer.join();
        cluster_settled = co_await wait_until_settled(pool);
    });
    // The cluster recovers whole: a restarted node answers Thrift before it takes writes and
    // agrees on the schema again, and both must follow within two minutes.
    CHECK(cluster_settled);

    std::fprintf(stderr,
                 "[failover] acknowledged=%zu failed_typed=%llu failed_untyped=%llu lost=%llu unverified=%llu "
                 "retries=%llu failovers=%llu writes_ran=%lld ms longest_operation=%lld ms\n",
                 ledger.size(), static_cast<unsigned long long>(failed_typed),
                 static_cast<unsigned long long>(failed_untyped), static_cast<unsigned long long>(lost),
                 static_cast<unsigned long long>(unverified), static_cast<unsigned long long>(stats.retries),
                 static_cast<unsigned long long>(stats.failovers), writes_ended_at_ms, longest_operation_ms);
    for (const auto& [kind, count] : failures_by_kind)
        std::fprintf(stderr, "[failover] failures %s=%llu\n", kind.c_str(), static_cast<unsigned long long>(count));
    std::vector<recovery> recoveries;
    for (std::size_t i = 0; i < kills.size(); ++i) {
        const long long window_end = i + 1 < kills.size() && kills[i + 1].killed_at_ms >= 0
                                         ? kills[i + 1].killed_at_ms.load()
                                         : writes_ended_at_ms;
        const auto r = kills[i].killed_at_ms >= 0
                           ? measure_recovery(ack_times, kills[i].killed_at_ms, kills[i].restarted_at_ms, window_end)
                           : recovery{};
        recoveries.push_back(r);
        std::fprintf(stderr,
                     "[failover] kill %zu: node %d killed_at=%lld ms restarted_at=%lld ms "
                     "longest_ack_gap_after_kill=%.0f ms acknowledged_while_down=%zu acknowledged_after_restart=%zu\n",
                     i + 1, kills[i].node, kills[i].killed_at_ms.load(), kills[i].restarted_at_ms.load(),
                     r.longest_gap_ms, r.acknowledged_down, r.acknowledged_after);
    }
    for (const auto& host : stats.hosts)
        std::fprintf(stderr, "[failover] %s: operations=%llu marked_down=%llu failures=%llu\n",
                     host.endpoint.c_str(), static_cast<unsigned long long>(host.operations),
                     static_cast<unsigned long long>(host.marked_down),
                     static_cast<unsigned long long>(host.failures));

    INFO(killer_error);
    CHECK(killer_error.empty());
    for (std::size_t i = 0; i < kills.size(); ++i) {
        INFO("kill " << i + 1 << " (node " << kills[i].node << ")");
        CHECK(kills[i].killed_at_ms >= 0);
        CHECK(kills[i].restarted_at_ms >= 0);
        // Two of three replicas are a QUORUM: writes go on while one node is down, and after.
        CHECK(recoveries[i].acknowledged_down > 0);
        CHECK(recoveries[i].acknowledged_after > 0);
    }
    CHECK(ledger.size() > 100);
    CHECK(lost == 0);
    CHECK(unverified == 0);
    CHECK(failed_untyped == 0);
    // No write waited past its deadline (plus a generous margin for a loaded 2-core machine).
    CHECK(longest_operation_ms < std::chrono::milliseconds(operation_timeout).count() + 5000);
    if (replication_factor() == 3) {
        CHECK(stats.hosts[1].marked_down >= 1);
        CHECK(stats.hosts[2].marked_down >= 1);
    }
}

}  // namespace
