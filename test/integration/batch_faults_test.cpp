// The batch mutator through the fault proxy (test/support/fault_proxy.hpp) in front of the real
// node, the proxy being the pool's only server: a server far slower than the producer (the
// back-pressure bound holds), and connections killed while flushes are in flight (nothing is
// lost: every mutation not reported in a batch_error is readable).
#include "integration/batch_keyspace.hpp"
#include "support/fault_proxy.hpp"
#include "support/proxy_fixture.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "support/catch.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using cppcassa::test::fault_proxy;
using cppcassa::test::run_coroutine;
using cppcassa::test::sleep_for;

// The batch keyspace through `proxy` only: no retry (a failure surfaces at once), a short host
// backoff (the proxy's server comes back quickly after a kill).
cppcassa::pool_config through_proxy(const fault_proxy& proxy) {
    auto config = cppcassa::test::batch_pool_config();
    config.servers = {proxy.endpoint()};
    config.max_retries = 0;
    config.call_timeout = 5000ms;
    config.connect_timeout = 2000ms;
    config.host_backoff = {.initial = 20ms, .max = 50ms};
    return config;
}

// The real node directly: reads the outcome whatever the proxy does.
cppcassa::pool_config direct() { return cppcassa::test::batch_pool_config(); }

asio::awaitable<std::set<std::string>> readable(cppcassa::column_family& cf, const std::vector<std::string>& keys) {
    std::set<std::string> found;
    for (std::size_t i = 0; i < keys.size(); i += 100) {
        std::vector<cppcassa::value> part;
        for (std::size_t j = i; j < std::min(keys.size(), i + 100); ++j)
            part.emplace_back(keys[j]);
        const auto rows = co_await cf.multiget(part);
        for (const auto& r : rows)
            found.insert(r.packed_key);
    }
    co_return found;
}

void record(const cppcassa::batch_error& e, std::multiset<std::string>& reported) {
    for (const auto& [key, by_cf] : e.unapplied)
        for (const auto& [cf, mutations] : by_cf)
            for (std::size_t i = 0; i < mutations.size(); ++i)
                reported.insert(key);
}

// Runs a flush or send of a batch; whether it failed with a batch_error, whose unapplied keys go
// into `reported` and failed flushes into `reported_flushes`.
asio::awaitable<bool> reported_failure(asio::awaitable<void> op, std::multiset<std::string>& reported,
                                       std::size_t& reported_flushes) {
    try {
        co_await std::move(op);
    } catch (const cppcassa::batch_error& e) {
        record(e, reported);
        reported_flushes += e.failed_flushes;
        co_return true;
    }
    co_return false;
}

// Queues row `prefix`_`i` (one column n = i) and keeps its key.
void queue_numbered_row(cppcassa::column_family_batch& b, const std::string& prefix, int i,
                        std::vector<std::string>& keys) {
    const cppcassa::column_values columns{{"n", std::to_string(i)}};
    keys.push_back(prefix + "_" + std::to_string(i));
    b.insert(keys.back(), columns);
}

// Kills every proxied connection `times` times, every `period`, letting traffic through (with
// `latency`) in between.
asio::awaitable<void> killer(fault_proxy& proxy, int times, std::chrono::milliseconds period,
                             std::chrono::milliseconds latency, bool& done) {
    for (int i = 0; i < times; ++i) {
        co_await sleep_for(period);
        proxy.drop();
        co_await sleep_for(10ms);
        proxy.add_latency(latency);
    }
    done = true;
}

}  // namespace

TEST_CASE("A producer far faster than the server is held to queue_size x (max_in_flight_flushes + 1) mutations") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = cppcassa::test::proxy_to_real_node(executor);
        proxy.add_latency(20ms);  // each reply 20 ms late, each request too: ~40 ms per flush
        cppcassa::pool pool(executor, through_proxy(proxy));
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto prefix = cppcassa::test::fresh_key("pressure");
        cppcassa::batch_options options;
        options.queue_size = 20;
        options.max_in_flight_flushes = 2;
        auto b = cppcassa::make_batch(cf, options);
        std::size_t most_held = 0;
        std::size_t most_in_flight = 0;
        std::size_t most_in_use = 0;
        std::vector<std::string> keys;
        for (int i = 0; i < 600; ++i) {
            queue_numbered_row(b, prefix, i, keys);
            most_held = std::max(most_held, b.pending() + b.mutator().in_flight_mutations());
            co_await b.flush_if_full();
            most_in_flight = std::max(most_in_flight, b.mutator().in_flight());
            most_in_use = std::max(most_in_use, pool.stats().in_use);
        }
        co_await b.send();
        CHECK(most_held == 20 * (2 + 1));  // reached, never exceeded
        CHECK(most_in_flight <= 2);
        CHECK(b.mutator().peak_in_flight() == 2);
        CHECK(most_in_use <= 2);           // the pool agrees: at most 2 batch_mutate at once
        CHECK(b.flushes() == 30);
        CHECK(pool.stats().failed == 0);

        cppcassa::pool check_pool(executor, direct());
        auto check_cf = co_await cppcassa::column_family::open(check_pool, "Standard1");
        const auto found = co_await readable(check_cf, keys);
        CHECK(found.size() == keys.size());
    });
}

TEST_CASE("Connections killed while flushes are in flight lose nothing: every mutation is readable or reported") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = cppcassa::test::proxy_to_real_node(executor);
        proxy.add_latency(5ms);
        cppcassa::pool pool(executor, through_proxy(proxy));
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto prefix = cppcassa::test::fresh_key("killed");
        cppcassa::batch_options options;
        options.queue_size = 10;
        options.max_in_flight_flushes = 2;
        auto b = cppcassa::make_batch(cf, options);

        bool killing_done = false;
        asio::co_spawn(executor, killer(proxy, 6, 60ms, 5ms, killing_done), asio::detached);
        std::vector<std::string> keys;
        std::multiset<std::string> reported;
        std::size_t errors = 0;
        std::size_t reported_flushes = 0;
        // Produce until the killer is done (at least 2000 rows), a yield now and then so the
        // killer's timers run even when no flush makes the producer wait.
        for (int i = 0; i < 2000 || !killing_done; ++i) {
            queue_numbered_row(b, prefix, i, keys);
            auto flush = b.flush_if_full();
            const bool failed = co_await reported_failure(std::move(flush), reported, reported_flushes);
            errors += failed ? 1 : 0;
            if (i % 50 == 0)
                co_await sleep_for(1ms);
            REQUIRE(i < 100000);
        }
        proxy.pass_through();
        // send() until everything is sent or reported: a failure stops the send, the rest stays queued.
        for (int attempt = 0; attempt < 20; ++attempt) {
            auto send = b.send();
            const bool failed = co_await reported_failure(std::move(send), reported, reported_flushes);
            errors += failed ? 1 : 0;
            if (!failed && b.pending() == 0)
                break;
            co_await sleep_for(60ms);  // the host's backoff
        }
        CHECK(b.pending() == 0);
        CHECK(b.mutator().in_flight() == 0);
        CHECK(b.mutator().unreported() == 0);
        // The kills did make flushes fail (otherwise this test shows nothing).
        CHECK(proxy.stats().dropped > 0);
        REQUIRE(errors > 0);
        CHECK(reported_flushes >= errors);
        CHECK(reported.size() <= keys.size());
        // Every key is reported at most once (one mutation each)...
        for (const auto& k : reported)
            CHECK(reported.count(k) == 1);

        // ...and every key not reported was acknowledged, so is readable: nothing silently lost.
        cppcassa::pool check_pool(executor, direct());
        auto check_cf = co_await cppcassa::column_family::open(check_pool, "Standard1");
        const auto found = co_await readable(check_cf, keys);
        std::size_t lost = 0;
        for (const auto& k : keys)
            if (!reported.count(k) && !found.count(k))
                ++lost;
        CHECK(lost == 0);
        INFO(keys.size() << " written, " << reported.size() << " reported in " << errors << " batch_errors");

        // What was reported can be resent: afterwards every row is there.
        cppcassa::batch resend(check_pool);
        for (const auto& k : reported) {
            const cppcassa::column_values columns{{"n", "resent"}};
            resend.insert(check_cf, k, columns);
        }
        co_await resend.send();
        const auto all = co_await readable(check_cf, keys);
        CHECK(all.size() == keys.size());
    });
}

TEST_CASE("with_batch whose body throws and whose send fails throws the batch_error with the body's exception") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = cppcassa::test::proxy_to_real_node(executor);
        cppcassa::pool pool(executor, through_proxy(proxy));
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        proxy.drop();  // from now on every connection is closed at accept
        co_await sleep_for(20ms);
        auto body = [&](cppcassa::column_family_batch& b) -> asio::awaitable<void> {
            const cppcassa::column_values columns{{"a", "1"}, {"b", "2"}, {"c", "3"}};
            b.insert(cppcassa::test::fresh_key("doomed"), columns);
            co_await b.flush_if_full();
            throw std::runtime_error("the block failed");
        };
        const cppcassa::batch_options options;
        std::size_t unapplied = 0;
        std::string body_message;
        try {
            co_await cppcassa::with_batch(cf, options, body);
            FAIL("with_batch succeeded with every connection dropped");
        } catch (const cppcassa::batch_error& e) {
            unapplied = e.unapplied_count();
            try {
                if (e.body_error)
                    std::rethrow_exception(e.body_error);
            } catch (const std::runtime_error& body_error) {
                body_message = body_error.what();
            }
        }
        CHECK(unapplied == 3);
        CHECK(body_message == "the block failed");
    });
}

TEST_CASE("A flush still in flight when its batch is destroyed reports its failure to on_unsent") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto proxy = cppcassa::test::proxy_to_real_node(executor);
        cppcassa::pool pool(executor, through_proxy(proxy));
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        proxy.blackhole();  // the flush's call waits until the drop below
        std::vector<std::size_t> warnings;
        cppcassa::batch_options options;
        options.queue_size = 4;
        options.on_unsent = [&warnings](std::size_t unsent) { warnings.push_back(unsent); };
        {
            auto b = cppcassa::make_batch(cf, options);
            for (int i = 0; i < 4; ++i) {
                const cppcassa::column_values columns{{"n", std::to_string(i)}};
                b.insert(cppcassa::test::fresh_key("abandoned") + std::to_string(i), columns);
            }
            co_await b.flush_if_full();
            CHECK(b.mutator().in_flight() == 1);
            CHECK(b.pending() == 0);
        }
        CHECK(warnings.empty());  // nothing queued, nothing failed yet
        co_await sleep_for(50ms);
        proxy.drop();
        for (int i = 0; i < 800 && warnings.empty(); ++i)
            co_await sleep_for(10ms);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0] == 4);
    });
}
