// Fan-out (fan_out.hpp) against the real 3-node cluster, through a token-aware pool: keys split by
// replica, sent concurrently, merged back in the caller's order; a failing group surfaces.
#include "integration/routing_keyspace.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/fan_out.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/steady_timer.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using cppcassa::test::run_coroutine;

cppcassa::pool_config token_aware_config() {
    cppcassa::pool_config config;
    config.servers = cppcassa::test::cluster_servers();
    config.keyspace = cppcassa::test::routing_keyspace;
    config.discover_ring = true;
    config.token_aware = true;
    return config;
}

// Creates the keyspace, then waits (up to 10 s) for the pool to learn the ring.
asio::awaitable<void> prepare(cppcassa::pool& pool) {
    const auto executor = co_await asio::this_coro::executor;
    for (int i = 0; i < 100 && !pool.stats().routing; ++i) {
        asio::steady_timer pause(executor, std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::use_awaitable);
    }
    if (!pool.stats().routing)
        throw std::runtime_error("the pool never learnt the ring: " + pool.stats().ring_error);
}

// Throws when the server is not the 3-node cluster fan-out needs (these tests run in the cluster suite).
asio::awaitable<void> ensure_keyspace() {
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::connection setup(executor, cppcassa::test::real_server_config());
    co_await setup.connect();
    if (const auto nodes = co_await cppcassa::test::ring_size(setup); nodes < 3) {
        throw std::runtime_error(fmt::format(
            "needs the 3-node cluster (scripts/cassandra.sh start --nodes 3), found {} node(s)", nodes));
    }
    co_await cppcassa::test::ensure_routing_keyspace(setup);
}

thrift::Mutation write_column(const std::string& name, const std::string& value, std::optional<std::int64_t> timestamp) {
    thrift::Mutation m;
    thrift::ColumnOrSuperColumn cosc;
    cosc.column = thrift::Column{.name = name, .value = value, .timestamp = timestamp, .ttl = std::nullopt};
    m.column_or_supercolumn = std::move(cosc);
    return m;
}

std::vector<std::string> run_keys(const std::string& run, int count) {
    std::vector<std::string> keys;
    for (int i = 0; i < count; ++i)
        keys.push_back(fmt::format("{}-{}", run, i));
    return keys;
}

thrift::batch_mutate_args batch_of(const std::vector<std::string>& keys, int columns) {
    thrift::batch_mutate_args batch;
    for (const auto& key : keys)
        for (int c = 0; c < columns; ++c)
            batch.mutation_map[key]["Standard1"].push_back(
                write_column(fmt::format("c{}", c), key + "/" + std::to_string(c), cppcassa::test::now_micros()));
    return batch;
}

// Runs `body` with a token-aware pool that has learnt the ring of the 3-node cluster.
template <class Body>
void with_routing_pool(Body body) {
    run_coroutine([body]() -> asio::awaitable<void> {
        co_await ensure_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, token_aware_config());
        co_await prepare(pool);
        co_await body(pool);
    });
}

thrift::multiget_count_args count_of(std::vector<std::string> keys, int most) {
    thrift::multiget_count_args count;
    count.keys = std::move(keys);
    count.column_parent.column_family = "Standard1";
    count.predicate.slice_range = thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = most};
    return count;
}

TEST_CASE("fan-out multiget returns every key's columns in the caller's key order") {
    with_routing_pool([](cppcassa::pool& pool) -> asio::awaitable<void> {
        auto keys = run_keys(fmt::format("fan-{}", cppcassa::test::now_micros()), 60);
        const auto batch = batch_of(keys, 2);
        co_await cppcassa::fan_out_batch_mutate(pool, batch);

        // The caller's order: shuffled, a missing key in the middle, one key twice.
        std::shuffle(keys.begin(), keys.end(), std::mt19937(7));
        keys.insert(keys.begin() + 30, "fan-no-such-row");
        keys.push_back(keys.front());
        // The keys really spread over several replicas: the fan-out has work to split.
        CHECK(pool.group_by_replica(keys).size() > 1);

        thrift::multiget_slice_args read;
        read.keys = keys;
        read.column_parent.column_family = "Standard1";
        read.predicate.slice_range = thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = 10};
        const auto rows = co_await cppcassa::fan_out_multiget_slice(pool, read);

        REQUIRE(rows.size() == keys.size() - 1);  // the repeated key once
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CHECK(rows[i].first == keys[i]);
            if (keys[i] == "fan-no-such-row") {
                CHECK(rows[i].second.empty());
                continue;
            }
            REQUIRE(rows[i].second.size() == 2);
            REQUIRE(rows[i].second[0].column);
            CHECK(rows[i].second[0].column->value == keys[i] + "/0");
        }
        CHECK(pool.stats().routed > 0);
    });
}

TEST_CASE("fan-out multiget_count counts each key's columns in the caller's key order") {
    with_routing_pool([](cppcassa::pool& pool) -> asio::awaitable<void> {
        const auto run = fmt::format("count-{}", cppcassa::test::now_micros());
        const auto three = run_keys(run + "-three", 20), one = run_keys(run + "-one", 20);
        const auto batch_three = batch_of(three, 3), batch_one = batch_of(one, 1);
        co_await cppcassa::fan_out_batch_mutate(pool, batch_three);
        co_await cppcassa::fan_out_batch_mutate(pool, batch_one);

        std::vector<std::string> interleaved;
        for (std::size_t i = 0; i < three.size(); ++i) {
            interleaved.push_back(one[i]);
            interleaved.push_back(three[i]);
        }
        const auto count = count_of(interleaved, 100);
        const auto counts = co_await cppcassa::fan_out_multiget_count(pool, count);
        REQUIRE(counts.size() == count.keys.size());
        for (std::size_t i = 0; i < counts.size(); ++i) {
            CHECK(counts[i].first == count.keys[i]);
            CHECK(counts[i].second == (i % 2 == 0 ? 1 : 3));
        }
    });
}

TEST_CASE("a fan-out batch whose one group is rejected reports the applied and the failed keys") {
    with_routing_pool([](cppcassa::pool& pool) -> asio::awaitable<void> {
        const auto keys = run_keys(fmt::format("partial-{}", cppcassa::test::now_micros()), 30);
        auto batch = batch_of(keys, 1);
        // A column without a timestamp: Cassandra rejects its whole batch_mutate before writing.
        const std::string& bad = keys[0];
        batch.mutation_map[bad]["Standard1"].push_back(write_column("no-timestamp", "x", std::nullopt));

        std::optional<cppcassa::partial_batch_error> caught;
        try {
            co_await cppcassa::fan_out_batch_mutate(pool, batch);
        } catch (const cppcassa::partial_batch_error& e) {
            caught = e;
        }
        REQUIRE(caught);
        CHECK_THROWS_AS(std::rethrow_exception(caught->first_cause), cppcassa::invalid_request);
        CHECK(caught->failed_groups == 1);
        CHECK(std::find(caught->failed_keys.begin(), caught->failed_keys.end(), bad) != caught->failed_keys.end());
        CHECK(caught->applied_keys.size() + caught->failed_keys.size() == keys.size());
        CHECK_FALSE(caught->applied_keys.empty());

        // What the error says was applied is there; the rejected group's rows are not.
        const auto count = count_of(keys, 10);
        const auto counts = co_await cppcassa::fan_out_multiget_count(pool, count);
        for (const auto& [key, n] : counts) {
            const bool applied =
                std::find(caught->applied_keys.begin(), caught->applied_keys.end(), key) != caught->applied_keys.end();
            CHECK(n == (applied ? 1 : 0));
        }
    });
}

TEST_CASE("a batch's flush split by replica reports only the rejected group's rows as unapplied") {
    with_routing_pool([](cppcassa::pool& pool) -> asio::awaitable<void> {
        const auto keys = run_keys(fmt::format("batch-partial-{}", cppcassa::test::now_micros()), 30);
        cppcassa::column_family cf(pool, "Standard1");
        cppcassa::batch_options options;
        options.queue_size = std::nullopt;  // one flush, at send()
        auto b = cppcassa::make_batch(cf, options);
        const cppcassa::column_values columns{{"c0", "v0"}, {"c1", "v1"}};
        for (const auto& key : keys)
            b.insert(key, columns);
        // A row key past Cassandra's 64 KiB limit: the server rejects its replica group's batch_mutate.
        const std::string bad(70'000, 'k');
        b.insert(bad, columns);

        std::optional<cppcassa::batch_error> caught;
        try {
            co_await b.send();
        } catch (const cppcassa::batch_error& e) {
            caught = e;
        }
        REQUIRE(caught);
        CHECK_THROWS_AS(std::rethrow_exception(caught->cause), cppcassa::invalid_request);
        CHECK(caught->failed_flushes == 1);
        REQUIRE(caught->unapplied.count(bad) == 1);
        CHECK(caught->unapplied.at(bad).at("Standard1").size() == 2);
        // Other groups were applied: fewer rows come back than were queued, and each one that does
        // is whole (both its columns) and was really not written.
        CHECK(caught->unapplied.size() < keys.size() + 1);
        CHECK(caught->unapplied_count() == 2 * caught->unapplied.size());
        const auto count = count_of(keys, 10);
        const auto counts = co_await cppcassa::fan_out_multiget_count(pool, count);
        std::size_t applied = 0;
        for (const auto& [key, n] : counts) {
            const bool reported = caught->unapplied.count(key) == 1;
            CHECK(n == (reported ? 0 : 2));
            applied += reported ? 0 : 1;
        }
        CHECK(applied > 0);
    });
}

TEST_CASE("a fan-out batch rejected in every group throws the server's typed error itself") {
    with_routing_pool([](cppcassa::pool& pool) -> asio::awaitable<void> {
        thrift::batch_mutate_args batch;
        for (const auto& key : run_keys(fmt::format("rejected-{}", cppcassa::test::now_micros()), 20))
            batch.mutation_map[key]["NoSuchColumnFamily"].push_back(write_column("c", "v", cppcassa::test::now_micros()));
        bool invalid = false;
        try {
            co_await cppcassa::fan_out_batch_mutate(pool, batch);
        } catch (const cppcassa::invalid_request&) {
            invalid = true;
        }
        CHECK(invalid);
    });
}

}  // namespace
