// The batch mutator against the real Cassandra: the seed's batch examples, auto-flush at
// queue_size, the memory bound, multi-column-family and atomic batches, and a failed flush that
// reports exactly its unapplied mutations while the ones queued behind it are still sent.
#include "integration/column_family_keyspace.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/system_manager.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::test::run_coroutine;

// Bump when the definitions change: a keyspace left by an older run is reused.
constexpr const char* batch_keyspace = "cppcassa_batch_v1";

asio::awaitable<void> ensure_batch_keyspace() {
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::system_manager_config config;
    config.pool.servers = {cppcassa::test::test_server_endpoint()};
    cppcassa::system_manager sys(executor, config);
    const auto keyspaces = co_await sys.list_keyspaces();
    if (std::find(keyspaces.begin(), keyspaces.end(), batch_keyspace) == keyspaces.end()) {
        bool raced = false;
        try {
            const std::string name = batch_keyspace;
            co_await sys.create_keyspace(name);
        } catch (const cppcassa::invalid_request&) {
            raced = true;  // another test process created it meanwhile
        }
        if (!raced) {
            cppcassa::column_family_options standard;
            standard.comparator_type = "UTF8Type";
            standard.key_validation_class = "UTF8Type";
            standard.default_validation_class = "UTF8Type";
            const std::string ks = batch_keyspace;
            co_await sys.create_column_family(ks, "Standard1", standard);
            cppcassa::column_family_options super = standard;
            super.kind = cppcassa::column_family_kind::super;
            super.subcomparator_type = "UTF8Type";
            co_await sys.create_column_family(ks, "Super1", super);
        }
        co_await sys.wait_for_schema_agreement();
    }
    sys.close();
}

cppcassa::pool_config batch_pool_config() {
    auto config = cppcassa::test::cf_pool_config();
    config.keyspace = batch_keyspace;
    return config;
}

std::vector<std::string> names(const cppcassa::column_list& columns) {
    std::vector<std::string> out;
    for (const auto& c : columns)
        out.push_back(c.name.as<std::string>());
    return out;
}

asio::awaitable<bool> is_missing(cppcassa::column_family& cf, const std::string& key) {
    bool missing = false;
    try {
        co_await cf.get(key);
    } catch (const cppcassa::not_found&) {
        missing = true;
    }
    co_return missing;
}

}  // namespace

TEST_CASE("The seed's batch example queues chained inserts and removes and applies them on send") {
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
        CHECK(b.flushes() == 3);
        CHECK(b.pending() == 5);
        CHECK(pool.stats().operations - before == 3);  // one batch_mutate per flush
        co_await b.send();
        CHECK(b.flushes() == 4);
        CHECK(pool.stats().operations - before == 4);
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
