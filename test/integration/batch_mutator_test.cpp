// The batch mutator against the real Cassandra: pycassa's batch examples (the `with` form as
// with_batch), auto-flush at queue_size, flushes in flight bounded by max_in_flight_flushes,
// multi-column-family and atomic batches, a failed flush that reports exactly its unapplied
// mutations while the ones queued behind it are still sent, several producers sharing a batch
// (coroutines on one thread, then two threads), and the warning for a batch never sent.
// (batch_faults_test.cpp: the same through the fault proxy, latency and killed connections.)
#include "integration/batch_keyspace.hpp"
#include "integration/column_family_keyspace.hpp"
#include "support/row_checks.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/catch.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::test::batch_keyspace;
using cppcassa::test::batch_pool_config;
using cppcassa::test::ensure_batch_keyspace;
using cppcassa::test::run_coroutine;
using cppcassa::test::names;
using cppcassa::test::is_missing;

// Lets the other coroutines run (the producers below interleave).
asio::awaitable<void> yield_now() {
    const auto executor = co_await asio::this_coro::executor;
    co_await asio::post(executor, asio::use_awaitable);
}

asio::awaitable<void> sleep_ms(int ms) {
    const auto executor = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor, std::chrono::milliseconds(ms));
    co_await timer.async_wait(asio::use_awaitable);
}

// Waits (bounded: 60 s) until `remaining` producers are left.
asio::awaitable<bool> wait_for_producers(const std::atomic<int>& remaining) {
    for (int i = 0; i < 6000 && remaining.load() > 0; ++i)
        co_await sleep_ms(10);
    co_return remaining.load() == 0;
}

// One producer sharing `b`: `rows` rows "<prefix>_<i>", a flush_if_full() after each, a yield
// every few rows so the producers interleave. Records the threads it ran on; catches what it
// throws into `failures` (Catch2 assertions are for the test's own thread).
asio::awaitable<void> produce(cppcassa::column_family_batch& b, std::string prefix, int rows,
                              std::mutex& seen_mutex, std::set<std::thread::id>& threads,
                              std::atomic<int>& failures) {
    try {
        for (int i = 0; i < rows; ++i) {
            const cppcassa::column_values columns{{"n", std::to_string(i)}};
            const std::string key = prefix + "_" + std::to_string(i);
            b.insert(key, columns);
            co_await b.flush_if_full();
            {
                const std::lock_guard lock(seen_mutex);
                threads.insert(std::this_thread::get_id());
            }
            if (i % 7 == 0)
                co_await yield_now();
        }
    } catch (...) {
        ++failures;
    }
}

asio::awaitable<std::size_t> rows_found(cppcassa::column_family& cf, const std::vector<cppcassa::value>& keys) {
    std::size_t found = 0;
    for (std::size_t i = 0; i < keys.size(); i += 100) {
        const auto first = keys.begin() + static_cast<std::ptrdiff_t>(i);
        const auto last = keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), i + 100));
        const std::vector<cppcassa::value> part(first, last);
        const auto rows = co_await cf.multiget(part);
        found += rows.size();
    }
    co_return found;
}

std::vector<cppcassa::value> keys_of(const std::string& prefix, int producers, int rows) {
    std::vector<cppcassa::value> keys;
    for (int p = 0; p < producers; ++p)
        for (int i = 0; i < rows; ++i)
            keys.emplace_back(prefix + std::to_string(p) + "_" + std::to_string(i));
    return keys;
}

}  // namespace

TEST_CASE("pycassa's batch example queues chained inserts and removes and applies them on send") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key1 = cppcassa::test::fresh_key("key1");
        const auto key2 = cppcassa::test::fresh_key("key2");

        // b = cf.batch(queue_size=10)
        cppcassa::batch_options options;
        options.queue_size = 10;
        auto b = cppcassa::make_batch(cf, options);
        const cppcassa::column_values row1{{"col1", "value11"}, {"col2", "value21"}};
        const cppcassa::column_values row2{{"col1", "value12"}, {"col2", "value22"}};
        cppcassa::write_options ttl15;
        ttl15.ttl = 15;
        cppcassa::remove_options col2;
        col2.columns = std::vector<cppcassa::value>{"col2"};
        b.insert(key1, row1).insert(key2, row2, ttl15).remove(key1, col2).remove(key2);
        CHECK(b.pending() == 6);
        co_await b.flush_if_full();  // 6 < queue_size: nothing sent yet
        CHECK(b.flushes() == 0);
        const bool key1_unsent = co_await is_missing(cf, key1);
        CHECK(key1_unsent);
        co_await b.send();
        CHECK(b.flushes() == 1);
        CHECK(b.pending() == 0);
        const auto r1 = co_await cf.get(key1);
        CHECK(names(r1.columns) == std::vector<std::string>{"col1"});
        CHECK(r1["col1"].as<std::string>() == "value11");
        const bool key2_removed = co_await is_missing(cf, key2);
        CHECK(key2_removed);

        // Super columns: b = scf.batch(); b.insert(...); b.remove('key1', ['colA'], 'supercol1')
        auto scf = co_await cppcassa::column_family::open(pool, "Super1");
        auto sb = cppcassa::make_batch(scf);
        const cppcassa::super_column_values supers{{"supercol1", {{"colA", "value1a"}, {"colB", "value1b"}}},
                                                   {"supercol2", {{"colA", "value2a"}, {"colB", "value2b"}}}};
        cppcassa::remove_options col_a;
        col_a.columns = std::vector<cppcassa::value>{"colA"};
        col_a.super_column = "supercol1";
        sb.insert(key1, supers).remove(key1, col_a);
        co_await sb.send();
        const auto s = co_await scf.get(key1);
        REQUIRE(s.super_columns.size() == 2);
        CHECK(names(s.super("supercol1").columns) == std::vector<std::string>{"colB"});
        CHECK(names(s.super("supercol2").columns) == std::vector<std::string>{"colA", "colB"});

        // cf.batch().remove('foo').remove('bar').send(): the batch is named (GCC 12, docs/batch.md).
        const auto foo = cppcassa::test::fresh_key("foo");
        const cppcassa::column_values x{{"x", "1"}};
        co_await cf.insert(foo, x);
        auto chained = cppcassa::make_batch(cf);
        chained.remove(foo).remove(cppcassa::test::fresh_key("bar"));
        co_await chained.send();
        const bool foo_removed = co_await is_missing(cf, foo);
        CHECK(foo_removed);
    });
}

TEST_CASE("A batch sends one batch_mutate per queue_size mutations and never holds more") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto prefix = cppcassa::test::fresh_key("auto");
        cppcassa::batch_options options;
        options.queue_size = 10;
        auto b = cppcassa::make_batch(cf, options);
        const auto before = pool.stats().operations;
        std::size_t most_pending = 0;
        std::vector<cppcassa::value> keys;
        for (int i = 0; i < 35; ++i) {
            const cppcassa::column_values columns{{"n", std::to_string(i)}};
            keys.emplace_back(prefix + "_" + std::to_string(i));
            b.insert(keys.back(), columns);
            most_pending = std::max(most_pending, b.pending());
            co_await b.flush_if_full();
        }
        CHECK(most_pending == 10);
        CHECK(b.flushes() == 3);  // started: they run in the background
        CHECK(b.pending() == 5);
        co_await b.send();
        CHECK(b.flushes() == 4);
        CHECK(b.mutator().in_flight() == 0);
        CHECK(b.mutator().peak_in_flight() <= 2);
        CHECK(pool.stats().operations - before == 4);  // one batch_mutate per flush
        const auto rows = co_await cf.multiget(keys);
        CHECK(rows.size() == 35);

        // queue_size none: only send() sends, everything in one batch_mutate.
        cppcassa::batch_options manual;
        manual.queue_size = std::nullopt;
        auto m = cppcassa::make_batch(cf, manual);
        for (int i = 0; i < 150; ++i) {
            const cppcassa::column_values columns{{"m", std::to_string(i)}};
            m.insert(prefix + "_m" + std::to_string(i), columns);
            co_await m.flush_if_full();
        }
        CHECK(m.flushes() == 0);
        co_await m.send();
        CHECK(m.flushes() == 1);
    });
}

TEST_CASE("A batch over the pool writes several column families in one batch_mutate") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        auto supercf = co_await cppcassa::column_family::open(pool, "Super1");
        const auto key = cppcassa::test::fresh_key("multi");
        // b = client.batch(); b.insert(cf, ...); b.insert(supercf, ...); b.send()
        cppcassa::batch b(pool);
        const cppcassa::column_values columns{{"col1", "value1"}, {"col2", "value2"}};
        const cppcassa::super_column_values supers{{"subkey1", {{"col1", "value1"}, {"col2", "value2"}}}};
        b.insert(cf, key, columns).insert(supercf, key, supers);
        co_await b.send();
        CHECK(b.flushes() == 1);
        const auto r = co_await cf.get(key);
        CHECK(r["col2"].as<std::string>() == "value2");
        const auto s = co_await supercf.get(key);
        CHECK(s.super("subkey1")["col1"].as<std::string>() == "value1");
    });
}

TEST_CASE("An atomic batch is sent with atomic_batch_mutate at the batch's consistency level") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        cppcassa::batch_options options;
        options.atomic = true;
        options.write_consistency_level = cppcassa::thrift::ConsistencyLevel::QUORUM;
        cppcassa::batch b(pool, options);
        std::vector<cppcassa::value> keys;
        for (int i = 0; i < 3; ++i) {
            keys.emplace_back(cppcassa::test::fresh_key("atomic") + std::to_string(i));
            const cppcassa::column_values columns{{"a", std::to_string(i)}};
            b.insert(cf, keys.back(), columns);
        }
        co_await b.send();
        CHECK(b.flushes() == 1);
        const auto rows = co_await cf.multiget(keys);
        CHECK(rows.size() == 3);
    });
}

TEST_CASE("A failed flush reports exactly its unapplied mutations and keeps the ones queued behind it") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager_config sys_config;
        sys_config.pool.servers = {cppcassa::test::test_server_endpoint()};
        cppcassa::system_manager sys(executor, sys_config);
        const std::string ks = batch_keyspace;
        const auto doomed_name = cppcassa::test::fresh_key("Doomed");
        cppcassa::column_family_options utf8;
        utf8.comparator_type = "UTF8Type";
        utf8.key_validation_class = "UTF8Type";
        utf8.default_validation_class = "UTF8Type";
        co_await sys.create_column_family(ks, doomed_name, utf8);
        co_await sys.wait_for_schema_agreement();

        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        auto doomed = co_await cppcassa::column_family::open(pool, doomed_name);
        cppcassa::batch_options options;
        options.queue_size = 3;
        options.max_in_flight_flushes = 1;  // the survivor's flush waits behind the doomed one
        cppcassa::batch b(pool, options);
        const cppcassa::column_values two{{"a", "1"}, {"b", "2"}};
        const cppcassa::column_values one{{"c", "3"}};
        const auto survivor = cppcassa::test::fresh_key("survivor");
        b.insert(doomed, "d1", two).insert(doomed, "d2", one);   // the first flush: 3 mutations
        b.insert(cf, survivor, two);                            // queued behind it
        co_await sys.drop_column_family(ks, doomed_name);
        co_await sys.wait_for_schema_agreement();
        sys.close();

        bool failed = false;
        std::size_t unapplied = 0;
        bool cause_is_invalid_request = false;
        std::vector<std::string> unapplied_keys;
        try {
            co_await b.send();
        } catch (const cppcassa::batch_error& e) {
            failed = true;
            unapplied = e.unapplied_count();
            for (const auto& [key, by_cf] : e.unapplied) {
                unapplied_keys.push_back(key);
                CHECK(by_cf.size() == 1);
                CHECK(by_cf.begin()->first == doomed_name);
            }
            try {
                std::rethrow_exception(e.cause);
            } catch (const cppcassa::invalid_request&) {
                cause_is_invalid_request = true;
            } catch (...) {
            }
        }
        CHECK(failed);
        CHECK(cause_is_invalid_request);
        CHECK(unapplied == 3);
        CHECK(unapplied_keys == std::vector<std::string>{"d1", "d2"});
        CHECK(b.pending() == 2);  // nothing behind the failed flush was dropped
        co_await b.send();
        CHECK(b.pending() == 0);
        const auto r = co_await cf.get(survivor);
        CHECK(names(r.columns) == std::vector<std::string>{"a", "b"});
    });
}

TEST_CASE("Flushes run in the background while the producer fills the next batch, at most max_in_flight at once") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto prefix = cppcassa::test::fresh_key("bg");
        cppcassa::batch_options options;
        options.queue_size = 10;
        options.max_in_flight_flushes = 2;
        auto b = cppcassa::make_batch(cf, options);
        const auto before = pool.stats().operations;
        std::size_t most_held = 0;
        std::vector<cppcassa::value> keys;
        for (int i = 0; i < 300; ++i) {
            const cppcassa::column_values columns{{"n", std::to_string(i)}};
            keys.emplace_back(prefix + "_" + std::to_string(i));
            b.insert(keys.back(), columns);
            most_held = std::max(most_held, b.pending() + b.mutator().in_flight_mutations());
            co_await b.flush_if_full();
            CHECK(b.mutator().in_flight() <= 2);
        }
        // The producer never waited for a flush before both slots were busy (it does not
        // suspend until then), so both ran at once; and memory stayed bounded.
        CHECK(b.mutator().peak_in_flight() == 2);
        CHECK(most_held <= 10 * (2 + 1));
        co_await b.send();
        CHECK(b.flushes() == 30);
        CHECK(b.mutator().in_flight() == 0);
        CHECK(pool.stats().operations - before == 30);
        const auto found = co_await rows_found(cf, keys);
        CHECK(found == 300);
    });
}

TEST_CASE("wait_for_flushes waits for the flushes in flight and sends nothing queued") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto prefix = cppcassa::test::fresh_key("settle");
        cppcassa::batch_options options;
        options.queue_size = 10;
        auto b = cppcassa::make_batch(cf, options);
        std::vector<cppcassa::value> flushed, queued;
        for (int i = 0; i < 25; ++i) {
            const cppcassa::column_values columns{{"n", std::to_string(i)}};
            auto& into = i < 20 ? flushed : queued;
            into.emplace_back(prefix + "_" + std::to_string(i));
            b.insert(into.back(), columns);
            co_await b.flush_if_full();
        }
        CHECK(b.flushes() == 2);
        CHECK(b.pending() == 5);
        co_await b.wait_for_flushes();
        CHECK(b.mutator().in_flight() == 0);
        CHECK(b.flushes() == 2);  // nothing new started
        CHECK(b.pending() == 5);
        const auto written = co_await rows_found(cf, flushed);
        CHECK(written == 20);
        const auto not_yet = co_await rows_found(cf, queued);
        CHECK(not_yet == 0);
        co_await b.send();
        const auto sent = co_await rows_found(cf, queued);
        CHECK(sent == 5);
    });
}

TEST_CASE("Several coroutines share one batch and every row they queue is written") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto prefix = cppcassa::test::fresh_key("shared");
        cppcassa::batch_options options;
        options.queue_size = 10;
        auto b = cppcassa::make_batch(cf, options);
        const auto before = pool.stats().operations;
        constexpr int producers = 4;
        constexpr int rows = 100;
        std::mutex seen_mutex;
        std::set<std::thread::id> threads;
        std::atomic<int> failures{0};
        std::atomic<int> remaining{producers};
        for (int p = 0; p < producers; ++p)
            asio::co_spawn(executor, produce(b, prefix + std::to_string(p), rows, seen_mutex, threads, failures),
                           [&remaining](std::exception_ptr) { --remaining; });
        const bool all_done = co_await wait_for_producers(remaining);
        REQUIRE(all_done);
        CHECK(failures.load() == 0);
        co_await b.send();
        CHECK(b.flushes() == producers * rows / 10);
        CHECK(pool.stats().operations - before == producers * rows / 10);
        CHECK(b.mutator().peak_in_flight() <= 2);
        const auto keys = keys_of(prefix, producers, rows);
        const auto found = co_await rows_found(cf, keys);
        CHECK(found == keys.size());
    });
}

namespace {

struct threaded_result {
    bool all_done = false;
    int failures = 0;
    std::size_t found = 0;
    std::size_t expected = 0;
    std::size_t peak_in_flight = 0;
    std::size_t pending_after = 0;
};

// The batch and the pool on a strand of a 2-thread io_context; the producers on the io_context
// itself, so they run on both threads at once.
asio::awaitable<void> threaded_main(asio::io_context& io, threaded_result& result, std::mutex& seen_mutex,
                                    std::set<std::thread::id>& threads) {
    co_await ensure_batch_keyspace();
    const auto strand = co_await asio::this_coro::executor;
    cppcassa::pool pool(strand, batch_pool_config());
    auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
    const auto prefix = cppcassa::test::fresh_key("threads");
    cppcassa::batch_options options;
    options.queue_size = 10;
    auto b = cppcassa::make_batch(cf, options);
    constexpr int producers = 4;
    constexpr int rows = 100;
    std::atomic<int> failures{0};
    std::atomic<int> remaining{producers};
    const auto anywhere = io.get_executor();
    for (int p = 0; p < producers; ++p)
        asio::co_spawn(anywhere, produce(b, prefix + std::to_string(p), rows, seen_mutex, threads, failures),
                       [&remaining](std::exception_ptr) { --remaining; });
    result.all_done = co_await wait_for_producers(remaining);
    result.failures = failures.load();
    co_await b.send();
    result.peak_in_flight = b.mutator().peak_in_flight();
    result.pending_after = b.pending();
    const auto keys = keys_of(prefix, producers, rows);
    result.expected = keys.size();
    result.found = co_await rows_found(cf, keys);
}

}  // namespace

TEST_CASE("Producers on two threads share one batch and every row they queue is written") {
    asio::io_context io(2);
    threaded_result result;
    std::mutex seen_mutex;
    std::set<std::thread::id> threads;
    std::exception_ptr failure;
    std::atomic<bool> finished{false};
    const auto strand = asio::make_strand(io);
    asio::co_spawn(strand, threaded_main(io, result, seen_mutex, threads), [&](std::exception_ptr e) {
        failure = e;
        finished = true;
        io.stop();
    });
    std::thread second([&io] { io.run(); });
    io.run();
    second.join();
    if (failure)
        std::rethrow_exception(failure);
    REQUIRE(finished.load());
    CHECK(result.all_done);
    CHECK(result.failures == 0);
    CHECK(result.pending_after == 0);
    CHECK(result.peak_in_flight <= 2);
    CHECK(result.found == result.expected);
    CHECK(threads.size() == 2);  // the producers really ran on both threads
}

TEST_CASE("pycassa's with-batch form sends at the end of the block, even when the block throws") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        const auto key1 = cppcassa::test::fresh_key("with1");
        const auto key2 = cppcassa::test::fresh_key("with2");

        // with cf.batch() as b: b.insert('key1', {...}); b.insert('key2', {...})
        auto body = [&](cppcassa::column_family_batch& b) -> asio::awaitable<void> {
            const cppcassa::column_values row1{{"col1", "value11"}, {"col2", "value21"}};
            const cppcassa::column_values row2{{"col1", "value12"}, {"col2", "value22"}};
            b.insert(key1, row1);
            b.insert(key2, row2);
            co_return;
        };
        co_await cppcassa::with_batch(cf, body);
        const auto r1 = co_await cf.get(key1);
        CHECK(r1["col2"].as<std::string>() == "value21");
        const auto r2 = co_await cf.get(key2);
        CHECK(r2["col1"].as<std::string>() == "value12");

        // The block throws after queuing: the queue is still sent, then the exception goes on.
        const auto key3 = cppcassa::test::fresh_key("with3");
        cppcassa::batch_options options;
        options.queue_size = 10;
        auto throwing = [&](cppcassa::column_family_batch& b) -> asio::awaitable<void> {
            const cppcassa::column_values row{{"col1", "sent anyway"}};
            b.insert(key3, row);
            co_await b.flush_if_full();
            throw std::runtime_error("the block failed");
        };
        std::string caught;
        try {
            co_await cppcassa::with_batch(cf, options, throwing);
        } catch (const std::runtime_error& e) {
            caught = e.what();
        }
        CHECK(caught == "the block failed");
        const auto r3 = co_await cf.get(key3);
        CHECK(r3["col1"].as<std::string>() == "sent anyway");

        // Over several column families: with client.batch() as b.
        auto supercf = co_await cppcassa::column_family::open(pool, "Super1");
        const auto key4 = cppcassa::test::fresh_key("with4");
        auto multi = [&](cppcassa::batch& b) -> asio::awaitable<void> {
            const cppcassa::column_values columns{{"col1", "value1"}};
            const cppcassa::super_column_values supers{{"subkey1", {{"col1", "value1"}}}};
            b.insert(cf, key4, columns).insert(supercf, key4, supers);
            co_return;
        };
        const cppcassa::batch_options defaults;
        co_await cppcassa::with_batch(pool, defaults, multi);
        const auto s = co_await supercf.get(key4);
        CHECK(s.super("subkey1")["col1"].as<std::string>() == "value1");
    });
}

TEST_CASE("Destroying a batch with unsent mutations calls the on_unsent warning, a sent one does not") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_batch_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, batch_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
        std::vector<std::size_t> warnings;
        cppcassa::batch_options options;
        options.on_unsent = [&warnings](std::size_t unsent) { warnings.push_back(unsent); };
        const cppcassa::column_values two{{"a", "1"}, {"b", "2"}};
        {
            auto forgotten = cppcassa::make_batch(cf, options);
            forgotten.insert(cppcassa::test::fresh_key("forgotten"), two).remove(cppcassa::test::fresh_key("gone"));
        }
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0] == 3);
        {
            auto sent = cppcassa::make_batch(cf, options);
            sent.insert(cppcassa::test::fresh_key("sent"), two);
            co_await sent.send();
        }
        {
            auto empty = cppcassa::make_batch(cf, options);
            auto moved = std::move(empty);  // neither warns: nothing queued
        }
        CHECK(warnings.size() == 1);
    });
}
