// column_family calls beyond pycassa against the real Cassandra: cas (lightweight transactions),
// get_multi_slice and trace_next_query.
#include "integration/column_family_extra_keyspace.hpp"
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::value;
using cppcassa::test::run_coroutine;

std::vector<std::int64_t> long_names(const cppcassa::column_list& columns) {
    std::vector<std::int64_t> out;
    for (const auto& c : columns)
        out.push_back(c.name.as<std::int64_t>());
    return out;
}

}  // namespace

TEST_CASE("cas applies to an empty row, then a stale expectation fails and returns the current values") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Cas1");
        const auto key = cppcassa::test::fresh_key("cas");

        const cppcassa::column_values nothing;
        const cppcassa::column_values v1{{"owner", "alice"}, {"version", "1"}};
        const auto first = co_await cf.cas(key, nothing, v1);
        CHECK(first.success);
        CHECK(first.current_values.empty());
        const auto r1 = co_await cf.get(key);
        CHECK(r1["owner"].as<std::string>() == "alice");

        // Expecting the row not to exist again: fails, and says what is there.
        const auto again = co_await cf.cas(key, nothing, v1);
        CHECK_FALSE(again.success);

        const cppcassa::column_values expect_1{{"version", "1"}};
        const cppcassa::column_values v2{{"owner", "bob"}, {"version", "2"}};
        const auto second = co_await cf.cas(key, expect_1, v2);
        CHECK(second.success);

        // Stale: still expects version 1.
        const cppcassa::column_values v3{{"owner", "carol"}, {"version", "3"}};
        cppcassa::cas_options local;
        local.serial_consistency_level = cppcassa::thrift::ConsistencyLevel::LOCAL_SERIAL;
        local.commit_consistency_level = cppcassa::thrift::ConsistencyLevel::ONE;
        cf.trace_next_query();   // a traced write too: trace_next_query then cas, one connection
        const auto stale = co_await cf.cas(key, expect_1, v3, local);
        CHECK_FALSE(stale.success);
        REQUIRE(cf.last_trace_session().has_value());
        CHECK(cf.last_trace_session()->version() == 1);
        REQUIRE(stale.current_values.contains("version"));
        CHECK(stale.current_values["version"].as<std::string>() == "2");
        const auto r2 = co_await cf.get(key);
        CHECK(r2["owner"].as<std::string>() == "bob");
        CHECK(r2["version"].as<std::string>() == "2");
    });
}

TEST_CASE("cas refuses super column families and values its validators refuse, before sending") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
        auto wide = co_await cppcassa::column_family::open(pool, "Wide");
        const cppcassa::column_values nothing;
        const cppcassa::column_values text_into_long{{1, "not a number"}};
        bool refused = false;
        try {
            co_await wide.cas("k", nothing, text_into_long);
        } catch (const cppcassa::marshal_error&) {
            refused = true;
        }
        CHECK(refused);
        CHECK(pool.stats().operations == 1);  // open's describe_keyspace only

        cppcassa::column_family_types super_types;
        super_types.sub_name = cppcassa::marshal_type();
        cppcassa::column_family super(pool, "Wide", super_types);
        const cppcassa::column_values update{{"a", "b"}};
        auto on_super = super.cas("k", nothing, update);
        const auto super_refused = co_await cppcassa::test::usage_code_of(std::move(on_super));
        CHECK(super_refused == cppcassa::client_errc::wrong_column_family_kind);
        CHECK(pool.stats().operations == 1);
    });
}

TEST_CASE("get_multi_slice reads several typed column ranges of one row in one call") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Wide");
        const auto key = cppcassa::test::fresh_key("multi");
        cppcassa::column_values columns;
        for (std::int64_t i = -5; i <= 20; ++i)
            columns.emplace_back(i, i * 10);
        co_await cf.insert(key, columns);

        const std::vector<cppcassa::column_range> ranges{{-5, -4}, {3, 5}, {18, {}}};
        const auto before = pool.stats().operations;
        if (!cppcassa::test::server_at_least(2, 1)) {
            // Cassandra 2.0 has no get_multi_slice: refused before sending, the server not
            // marked down, no retry (docs/server_versions.md).
            bool refused = false;
            try {
                co_await cf.get_multi_slice(key, ranges);
            } catch (const cppcassa::not_supported_by_server_error& e) {
                refused = e.feature == "get_multi_slice";
            }
            CHECK(refused);
            CHECK(pool.stats().operations == before + 1);
            CHECK(pool.stats().retries == 0);
            for (const auto& host : pool.stats().hosts)
                CHECK(host.marked_down == 0);
            co_return;
        }
        const auto r = co_await cf.get_multi_slice(key, ranges);
        CHECK(pool.stats().operations == before + 1);
        CHECK(long_names(r.columns) == std::vector<std::int64_t>{-5, -4, 3, 4, 5, 18, 19, 20});
        CHECK(r[4].as<std::int64_t>() == 40);

        cppcassa::multi_slice_options reversed;
        reversed.column_reversed = true;
        reversed.column_count = 4;
        const std::vector<cppcassa::column_range> high_first{{20, 18}, {5, 3}};
        const auto rev = co_await cf.get_multi_slice(key, high_first, reversed);
        CHECK(long_names(rev.columns) == std::vector<std::int64_t>{20, 19, 18, 5});
        cppcassa::multi_slice_options reversed_all;
        reversed_all.column_reversed = true;
        const std::vector<cppcassa::column_range> top_and_bottom{{{}, 19}, {-4, {}}};
        const auto ends = co_await cf.get_multi_slice(key, top_and_bottom, reversed_all);
        CHECK(long_names(ends.columns) == std::vector<std::int64_t>{20, 19, -4, -5});

        const std::vector<cppcassa::column_range> empty_ranges{{100, 200}};
        bool missing = false;
        try {
            co_await cf.get_multi_slice(key, empty_ranges);
        } catch (const cppcassa::not_found&) {
            missing = true;
        }
        CHECK(missing);
    });
}

TEST_CASE("trace_next_query traces the next call and its session appears in system_traces", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Cas1");
        const auto key = cppcassa::test::fresh_key("trace");
        const cppcassa::column_values columns{{"a", "1"}};
        co_await cf.insert(key, columns);
        CHECK_FALSE(cf.last_trace_session().has_value());

        cf.trace_next_query();
        const auto r = co_await cf.get(key);
        CHECK(r["a"].as<std::string>() == "1");
        REQUIRE(cf.last_trace_session().has_value());
        const cppcassa::uuid session = *cf.last_trace_session();
        CHECK(session.version() == 1);

        // The next call is not traced: the session stays the one of the traced call.
        co_await cf.get(key);
        CHECK(*cf.last_trace_session() == session);

        // Cassandra writes the trace asynchronously: poll system_traces.sessions for it.
        cppcassa::thrift::execute_cql3_query_args query;
        query.query = "SELECT session_id, request FROM system_traces.sessions WHERE session_id = " + session.to_string();
        query.compression = cppcassa::thrift::Compression::NONE;
        // ONE: system_traces has RF 2, which a single node cannot serve at ALL; the poll covers
        // a replica that has not received the trace yet.
        query.consistency = cppcassa::thrift::ConsistencyLevel::ONE;
        auto call = [&query](cppcassa::connection& c) { return c.execute_cql3_query(query); };
        const cppcassa::operation_options op;
        std::size_t found = 0;
        for (int attempt = 0; attempt < 50 && found == 0; ++attempt) {
            const auto result = co_await pool.execute(call, op);
            found = result.rows ? result.rows->size() : 0;
            if (found == 0) {
                asio::steady_timer wait(executor, std::chrono::milliseconds(100));
                co_await wait.async_wait(asio::use_awaitable);
            }
        }
        CHECK(found == 1);
    });
}

TEST_CASE("get_paged_slice pages every column of a range across rows and through wide rows") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Paged");
        co_await cf.truncate();
        // Rows of 1, 7 and 12 columns (and a deleted one), paged 4 columns at a time.
        const std::vector<std::pair<std::string, std::int64_t>> rows{{"one", 1}, {"seven", 7}, {"twelve", 12}};
        for (const auto& [key, n] : rows) {
            cppcassa::column_values columns;
            for (std::int64_t i = 0; i < n; ++i)
                columns.emplace_back(i, i * 100);
            co_await cf.insert(key, columns);
        }
        const cppcassa::column_values ghost_columns{{1, 1}};
        co_await cf.insert("ghost", ghost_columns);
        co_await cf.remove("ghost");

        cppcassa::range_options options;
        options.read.buffer_size = 4;
        auto cells = cf.get_paged_slice(options);
        std::map<std::string, std::vector<std::int64_t>> seen;
        std::vector<std::string> key_order;
        std::size_t total = 0;
        const auto before = pool.stats().operations;
        while (auto c = co_await cells.next()) {
            const auto key = c->key.as<std::string>();
            if (key_order.empty() || key_order.back() != key)
                key_order.push_back(key);
            seen[key].push_back(c->column.name.as<std::int64_t>());
            CHECK(c->column.as<std::int64_t>() == c->column.name.as<std::int64_t>() * 100);
            ++total;
        }
        CHECK(total == 20);
        CHECK(key_order.size() == 3);   // each row's columns come together
        for (const auto& [key, n] : rows) {
            std::vector<std::int64_t> expected;
            for (std::int64_t i = 0; i < n; ++i)
                expected.push_back(i);
            CHECK(seen[key] == expected);
        }
        CHECK(seen.count("ghost") == 0);
        CHECK(pool.stats().operations - before >= 2);
        // Any page size gives the same columns once each; 2 needs several pages whether the
        // server counts a page in rows (Cassandra 3.11) or in columns.
        for (const std::size_t size : {std::size_t{2}, std::size_t{3}, std::size_t{50}}) {
            cppcassa::range_options o;
            o.read.buffer_size = size;
            auto again = cf.get_paged_slice(o);
            const auto start = pool.stats().operations;
            std::size_t n = 0;
            while (auto c = co_await again.next())
                ++n;
            CHECK(n == 20);
            if (size == 2)
                CHECK(pool.stats().operations - start >= 2);
        }

        cppcassa::range_options sliced;
        sliced.read.column_count = 3;
        CHECK(cppcassa::test::usage_code([&] { (void)cf.get_paged_slice(sliced); }) ==
              cppcassa::client_errc::invalid_argument);
    });
}

TEST_CASE("get_range fetches the next page while the caller works on the current one") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, cppcassa::test::extra_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Cas1");
        cppcassa::row_values rows;
        for (int i = 0; i < 8; ++i) {
            const cppcassa::column_values columns{{"n", std::to_string(i)}};
            rows.emplace_back(cppcassa::test::fresh_key("prefetch") + std::to_string(i), columns);
        }
        co_await cf.batch_insert(rows);

        cppcassa::range_options options;
        options.read.buffer_size = 3;
        auto range = cf.get_range(options);
        const auto before = pool.stats();
        const auto first = co_await range.next();
        REQUIRE(first.has_value());
        // The caller works on the first row; meanwhile the second page is requested and arrives.
        for (int i = 0; i < 50 && pool.stats().succeeded < before.succeeded + 2; ++i) {
            asio::steady_timer work(executor, std::chrono::milliseconds(20));
            co_await work.async_wait(asio::use_awaitable);
        }
        CHECK(pool.stats().operations == before.operations + 2);
        CHECK(pool.stats().succeeded == before.succeeded + 2);
        // Every row still comes once, in token order, across prefetched pages.
        std::set<std::string> keys{first->packed_key};
        std::size_t count = 1;
        while (auto r = co_await range.next()) {
            keys.insert(r->packed_key);
            ++count;
        }
        CHECK(count == keys.size());
        CHECK(count >= 8);

        // A range dropped with a page in flight, then its pool: the page is dropped, nothing
        // touches either afterwards (ASan would say).
        {
            auto dropped = cf.get_range(options);
            const auto one = co_await dropped.next();
            CHECK(one.has_value());
        }
        pool.close();
        asio::steady_timer settle(executor, std::chrono::milliseconds(100));
        co_await settle.async_wait(asio::use_awaitable);
    });
}

TEST_CASE("a column family, a sequence and a batch that outlive their pool fail with pool_closed, and touch no "
          "freed memory") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        auto pool = std::make_unique<cppcassa::pool>(executor, cppcassa::test::extra_pool_config());
        auto cf = co_await cppcassa::column_family::open(*pool, "Cas1");
        const auto key = cppcassa::test::fresh_key("outlived");
        const cppcassa::column_values columns{{"n", "1"}};
        co_await cf.insert(key, columns);
        auto copy = cf;
        auto range = cf.get_range();   // nothing is sent before its first next()
        cppcassa::batch batch(cf.connection_pool());
        batch.insert(cf, key, columns);
        pool.reset();   // closes the pool: everything made from it finds it closed

        const auto is_pool_closed = [](const std::exception_ptr& failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const cppcassa::pool_closed& e) {
                CHECK_THAT(e.what(), Catch::Contains("the end of the pool object"));
                return true;
            } catch (...) {
                return false;
            }
        };
        std::exception_ptr failure;
        try {
            co_await copy.get(key);
        } catch (...) {
            failure = std::current_exception();
        }
        CHECK(is_pool_closed(failure));
        failure = nullptr;
        try {
            co_await range.next();
        } catch (...) {
            failure = std::current_exception();
        }
        CHECK(is_pool_closed(failure));
        CHECK(copy.connection_pool().stats().open_connections == 0);
        // The batch's mutation is reported unapplied, not lost.
        std::size_t unapplied = 0;
        failure = nullptr;
        try {
            co_await batch.send();
        } catch (const cppcassa::batch_error& e) {
            unapplied = e.unapplied_count();
            failure = e.cause;
        }
        CHECK(is_pool_closed(failure));
        CHECK(unapplied == 1);
    });
}

TEST_CASE("a range dropped before its prefetch starts never touches the destroyed pool") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await cppcassa::test::ensure_extra_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        {
            auto pool = std::make_unique<cppcassa::pool>(executor, cppcassa::test::extra_pool_config());
            auto cf = co_await cppcassa::column_family::open(*pool, "Cas1");
            // Rows of its own: run alone (or on a fresh server) Cas1 may be empty.
            cppcassa::row_values rows;
            for (int i = 0; i < 3; ++i) {
                const cppcassa::column_values columns{{"n", std::to_string(i)}};
                rows.emplace_back(cppcassa::test::fresh_key("dropped") + std::to_string(i), columns);
            }
            co_await cf.batch_insert(rows);
            cppcassa::range_options options;
            options.read.buffer_size = 2;
            auto range = std::make_unique<cppcassa::row_range>(cf.get_range(options));
            const auto one = co_await range->next();
            CHECK(one.has_value());
            range.reset();
            pool.reset();
        }
        asio::steady_timer settle(executor, std::chrono::milliseconds(200));
        co_await settle.async_wait(asio::use_awaitable);
    });
}
