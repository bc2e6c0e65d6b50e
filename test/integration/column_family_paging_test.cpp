// Paging of the column family sequences against the real Cassandra: 10,000 rows and a
// 10,000-column row read with small pages and bounded memory, prefetch of xget and
// get_paged_slice, sequences dropped with a page in flight, xget over super columns, and
// tracing of multi-row calls.
#include "integration/column_family_keyspace.hpp"
#include "support/run_coroutine.hpp"
#include "support/usage_errors.hpp"

#include "routing/token.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include "support/catch.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace asio = boost::asio;
using cppcassa::value;
using cppcassa::test::run_coroutine;

// Bump the suffix when the definitions below change.
constexpr const char* paging_keyspace = "cppcassa_paging_h3";
constexpr std::size_t many = 10000;
constexpr std::size_t page = 100;

// Rows: 10,000 rows of one column. Wide: one row of 10,000 LongType columns. Cells: a few rows
// for prefetch and tracing. SuperWide: LongType super column names, UTF8Type sub-columns.
asio::awaitable<void> ensure_paging_keyspace() {
    using cppcassa::test::cf_definition;
    auto super_wide = cf_definition("SuperWide", "LongType", "UTF8Type");
    super_wide.column_type = "Super";
    super_wide.subcomparator_type = "UTF8Type";
    std::vector<cppcassa::thrift::CfDef> column_families{cf_definition("Rows", "UTF8Type", "UTF8Type"),
                                                         cf_definition("Wide", "LongType", "LongType"),
                                                         cf_definition("Cells", "UTF8Type", "UTF8Type"), super_wide};
    const std::string name = paging_keyspace;
    const std::string replication = "1";
    co_await cppcassa::test::ensure_keyspace(name, replication, std::move(column_families));
}

cppcassa::pool_config paging_pool_config() {
    auto config = cppcassa::test::cf_pool_config();
    config.keyspace = paging_keyspace;
    return config;
}

std::string row_key(std::size_t i) { return fmt::format("row{:05}", i); }

// The 10,000 rows of Rows (rewritten on each run: same keys, so the table never grows).
asio::awaitable<void> write_many_rows(cppcassa::column_family& cf) {
    for (std::size_t first = 0; first < many; first += 500) {
        cppcassa::row_values rows;
        for (std::size_t i = first; i < first + 500; ++i) {
            const cppcassa::column_values columns{{"n", std::to_string(i)}};
            rows.emplace_back(row_key(i), columns);
        }
        co_await cf.batch_insert(rows);
    }
}

// Rows, with its 10,000 rows written.
asio::awaitable<cppcassa::column_family> open_many_rows(cppcassa::pool& pool) {
    auto cf = co_await cppcassa::column_family::open(pool, "Rows");
    co_await write_many_rows(cf);
    co_return cf;
}

// Lets the background page make progress, as a caller doing asynchronous work would.
asio::awaitable<void> yield_to_executor() {
    const auto executor = co_await asio::this_coro::executor;
    co_await asio::post(executor, asio::use_awaitable);
}

// Whether the row keys seen one after the other come in strictly increasing token order (Murmur3).
struct token_order {
    std::optional<cppcassa::routing::token> previous;
    bool kept = true;

    void see(const std::string& packed_key) {
        const auto t = cppcassa::routing::token_of(cppcassa::routing::partitioner_kind::murmur3, packed_key);
        if (previous && !(*previous < t))
            kept = false;
        previous = t;
    }
};

// Ten columns c00 .. c09 (value "v") in this row of `cf` (UTF8Type names).
asio::awaitable<void> write_ten_columns(cppcassa::column_family& cf, const std::string& key) {
    cppcassa::column_values wide;
    for (int i = 0; i < 10; ++i)
        wide.emplace_back(fmt::format("c{:02}", i), "v");
    co_await cf.insert(key, wide);
}

// How many items a sequence gives from here to its end.
template <class Sequence>
asio::awaitable<std::size_t> count_rest(Sequence& sequence) {
    std::size_t n = 0;
    while (auto item = co_await sequence.next())
        ++n;
    co_return n;
}

// Polls system_traces.sessions until the session appears; returns its `request` (the Thrift call
// Cassandra traced), empty when it never appeared.
asio::awaitable<std::string> traced_request(cppcassa::pool& pool, const cppcassa::uuid& session) {
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::thrift::execute_cql3_query_args query;
    query.query = "SELECT request FROM system_traces.sessions WHERE session_id = " + session.to_string();
    query.compression = cppcassa::thrift::Compression::NONE;
    query.consistency = cppcassa::thrift::ConsistencyLevel::ONE;
    auto call = [&query](cppcassa::connection& c) { return c.execute_cql3_query(query); };
    const cppcassa::operation_options op;
    for (int attempt = 0; attempt < 50; ++attempt) {
        const auto result = co_await pool.execute(call, op);
        if (result.rows && !result.rows->empty() && !result.rows->front().columns.empty())
            co_return result.rows->front().columns.front().value.value_or(std::string());
        asio::steady_timer wait(executor, std::chrono::milliseconds(100));
        co_await wait.async_wait(asio::use_awaitable);
    }
    co_return std::string();
}

}  // namespace

TEST_CASE("get_range pages 10,000 rows with a buffer of 100, each once in token order, holding at most two pages") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_paging_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, paging_pool_config());
        auto cf = co_await open_many_rows(pool);

        cppcassa::range_options options;
        options.read.buffer_size = page;
        auto range = cf.get_range(options);
        CHECK(range.buffered() == 0);
        std::set<std::string> seen;
        std::size_t count = 0;
        token_order order;
        while (auto r = co_await range.next()) {
            ++count;
            seen.insert(r->key.as<std::string>());
            order.see(r->packed_key);
            CHECK(r->columns.size() == 1);
            co_await yield_to_executor();
        }
        CHECK(count == many);
        CHECK(seen.size() == many);
        CHECK(*seen.begin() == row_key(0));
        CHECK(*seen.rbegin() == row_key(many - 1));
        CHECK(order.kept);
        // A page and the prefetched one at most: never the table.
        CHECK(range.max_buffered() >= page - 1);
        CHECK(range.max_buffered() <= 2 * page);
        CHECK(range.buffered() == 0);
    });
}

TEST_CASE("get_paged_slice pages 10,000 rows with a buffer of 100, each column once, holding at most two pages") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_paging_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, paging_pool_config());
        auto cf = co_await open_many_rows(pool);

        cppcassa::range_options options;
        options.read.buffer_size = page;
        auto cells = cf.get_paged_slice(options);
        std::set<std::string> seen;
        std::size_t count = 0;
        token_order order;
        while (auto c = co_await cells.next()) {
            ++count;
            seen.insert(c->key.as<std::string>());
            CHECK(c->column.name.as<std::string>() == "n");
            order.see(c->packed_key);
            co_await yield_to_executor();
        }
        CHECK(count == many);
        CHECK(seen.size() == many);
        CHECK(order.kept);
        // Rows of one column: a page is 100 columns whether Cassandra counts rows or columns.
        CHECK(cells.max_buffered() >= page - 1);
        CHECK(cells.max_buffered() <= 2 * page);
    });
}

TEST_CASE("xget pages a 10,000-column row with a buffer of 100, in comparator order, holding at most two pages") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_paging_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, paging_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Wide");
        const std::string key = "wide";
        // Negative names too: their LongType bytes sort after the positive ones'.
        for (std::int64_t first = 0; first < static_cast<std::int64_t>(many); first += 1000) {
            cppcassa::column_values columns;
            for (std::int64_t i = first; i < first + 1000; ++i)
                columns.emplace_back(i - 5000, i);
            co_await cf.insert(key, columns);
        }

        cppcassa::read_options options;
        options.buffer_size = page;
        auto columns = cf.xget(key, options);
        std::int64_t expected = -5000;
        bool in_order = true;
        std::size_t count = 0;
        while (auto c = co_await columns.next()) {
            if (c->name.as<std::int64_t>() != expected || c->as<std::int64_t>() != expected + 5000)
                in_order = false;
            ++expected;
            ++count;
            co_await yield_to_executor();
        }
        CHECK(count == many);
        CHECK(in_order);
        CHECK(columns.max_buffered() >= page - 1);
        CHECK(columns.max_buffered() <= 2 * page);

        // column_count still bounds the total across prefetched pages.
        options.column_count = 250;
        auto counted = cf.xget(key, options);
        const auto n = co_await count_rest(counted);
        CHECK(n == 250);
    });
}

TEST_CASE("xget and get_paged_slice fetch the next page while the caller works on the current one") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_paging_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, paging_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Cells");
        const auto key = cppcassa::test::fresh_key("prefetch");
        co_await write_ten_columns(cf, key);

        // Waits (as a caller working) until `target` operations succeeded, at most 1 s.
        auto work_until = [&pool, executor](std::uint64_t target) -> asio::awaitable<void> {
            for (int i = 0; i < 50 && pool.stats().succeeded < target; ++i) {
                asio::steady_timer work(executor, std::chrono::milliseconds(20));
                co_await work.async_wait(asio::use_awaitable);
            }
        };

        cppcassa::read_options three;
        three.buffer_size = 3;
        auto columns = cf.xget(key, three);
        auto before = pool.stats();
        const auto first = co_await columns.next();
        REQUIRE(first.has_value());
        const std::uint64_t xget_target = before.succeeded + 2;
        co_await work_until(xget_target);
        // The second page was requested and arrived without a next() asking for it.
        CHECK(pool.stats().operations == before.operations + 2);
        CHECK(pool.stats().succeeded == before.succeeded + 2);
        // Two columns left of page one, and page two as it came (three, its first the repeat of
        // page one's last).
        CHECK(columns.buffered() == 2 + 3);
        std::vector<std::string> names{first->name.as<std::string>()};
        while (auto c = co_await columns.next())
            names.push_back(c->name.as<std::string>());
        REQUIRE(names.size() == 10);
        for (int i = 0; i < 10; ++i)
            CHECK(names[static_cast<std::size_t>(i)] == fmt::format("c{:02}", i));

        cppcassa::range_options options;
        options.read.buffer_size = 2;
        options.start_key = key;
        options.finish_key = key;
        auto cells = cf.get_paged_slice(options);
        before = pool.stats();
        const auto cell = co_await cells.next();
        REQUIRE(cell.has_value());
        const std::uint64_t paged_target = before.succeeded + 2;
        co_await work_until(paged_target);
        CHECK(pool.stats().operations == before.operations + 2);
        const auto rest = co_await count_rest(cells);
        CHECK(1 + rest == 10);
    });
}

TEST_CASE("xget, xget_super_columns and get_paged_slice dropped with a page in flight never touch the destroyed pool") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_paging_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        const auto key = cppcassa::test::fresh_key("dropped");
        {
            cppcassa::pool pool(executor, paging_pool_config());
            auto cf = co_await cppcassa::column_family::open(pool, "Cells");
            co_await write_ten_columns(cf, key);
            auto scf = co_await cppcassa::column_family::open(pool, "SuperWide");
            const cppcassa::column_values sub{{"s", "v"}};
            cppcassa::super_column_values supers;
            for (std::int64_t i = 0; i < 10; ++i)
                supers.emplace_back(i, sub);
            co_await scf.insert(key, supers);
        }
        // Dropped right after the first page (its prefetch spawned but not yet run), then the pool.
        for (int kind = 0; kind < 3; ++kind) {
            auto pool = std::make_unique<cppcassa::pool>(executor, paging_pool_config());
            auto cf = co_await cppcassa::column_family::open(*pool, kind == 2 ? "SuperWide" : "Cells");
            cppcassa::read_options two;
            two.buffer_size = 2;
            cppcassa::range_options range;
            range.read.buffer_size = 2;
            if (kind == 0) {
                auto s = std::make_unique<cppcassa::column_sequence>(cf.xget(key, two));
                const auto c = co_await s->next();
                CHECK(c.has_value());
                s.reset();
            } else if (kind == 1) {
                auto s = std::make_unique<cppcassa::paged_slice>(cf.get_paged_slice(range));
                const auto c = co_await s->next();
                CHECK(c.has_value());
                s.reset();
            } else {
                auto s = std::make_unique<cppcassa::super_column_sequence>(cf.xget_super_columns(key, two));
                const auto c = co_await s->next();
                CHECK(c.has_value());
                s.reset();
            }
            pool.reset();
        }
        // Dropped with the page in flight (sent, not answered), then the pool: it completes in
        // the pool's internals and is dropped.
        {
            cppcassa::pool pool(executor, paging_pool_config());
            auto cf = co_await cppcassa::column_family::open(pool, "Cells");
            cppcassa::read_options two;
            two.buffer_size = 2;
            {
                auto s = cf.xget(key, two);
                const auto c = co_await s.next();
                CHECK(c.has_value());
                co_await yield_to_executor();
            }
            pool.close();
        }
        asio::steady_timer settle(executor, std::chrono::milliseconds(200));
        co_await settle.async_wait(asio::use_awaitable);
    });
}

TEST_CASE("xget_super_columns pages the super columns of a row by name, each with its sub-columns") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_paging_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, paging_pool_config());
        auto scf = co_await cppcassa::column_family::open(pool, "SuperWide");
        const auto key = cppcassa::test::fresh_key("supers");
        cppcassa::super_column_values supers;
        for (std::int64_t i = -12; i < 13; ++i) {
            const cppcassa::column_values sub{{"a", fmt::format("a{}", i)}, {"b", fmt::format("b{}", i)}};
            supers.emplace_back(i, sub);
        }
        co_await scf.insert(key, supers);

        cppcassa::read_options four;
        four.buffer_size = 4;
        auto all = scf.xget_super_columns(key, four);
        std::vector<std::int64_t> names;
        bool subs_ok = true;
        while (auto s = co_await all.next()) {
            const auto name = s->name.as<std::int64_t>();
            names.push_back(name);
            if (s->columns.size() != 2 || (*s)["a"].as<std::string>() != fmt::format("a{}", name) ||
                (*s)["b"].as<std::string>() != fmt::format("b{}", name))
                subs_ok = false;
        }
        std::vector<std::int64_t> expected;
        for (std::int64_t i = -12; i < 13; ++i)
            expected.push_back(i);
        CHECK(names == expected);
        CHECK(subs_ok);
        CHECK(all.max_buffered() <= 2 * 4);

        // Reversed, bounded by names and counted: still paged by super column name.
        cppcassa::read_options slice = four;
        slice.column_reversed = true;
        slice.column_start = std::int64_t{10};
        slice.column_finish = std::int64_t{-10};
        slice.column_count = 7;
        auto reversed = scf.xget_super_columns(key, slice);
        names.clear();
        while (auto s = co_await reversed.next())
            names.push_back(s->name.as<std::int64_t>());
        const std::vector<std::int64_t> ten_down{10, 9, 8, 7, 6, 5, 4};
        CHECK(names == ten_down);

        // By names: one call.
        cppcassa::read_options by_name;
        by_name.columns = std::vector<value>{std::int64_t{3}, std::int64_t{-3}, std::int64_t{99}};
        auto named = scf.xget_super_columns(key, by_name);
        names.clear();
        while (auto s = co_await named.next())
            names.push_back(s->name.as<std::int64_t>());
        const std::vector<std::int64_t> three{-3, 3};
        CHECK(names == three);

        // A missing row: nothing.
        auto missing = scf.xget_super_columns(cppcassa::test::fresh_key("no_such_row"), four);
        const auto none = co_await missing.next();
        CHECK_FALSE(none.has_value());

        // Refused where it does not apply.
        auto cf = co_await cppcassa::column_family::open(pool, "Cells");
        using cppcassa::client_errc;
        using cppcassa::test::usage_code;
        CHECK(usage_code([&] { (void)cf.xget_super_columns(key); }) == client_errc::wrong_column_family_kind);
        cppcassa::read_options inside;
        inside.super_column = std::int64_t{1};
        CHECK(usage_code([&] { (void)scf.xget_super_columns(key, inside); }) == client_errc::invalid_argument);
        CHECK(usage_code([&] { (void)scf.xget(key); }) == client_errc::wrong_column_family_kind);
    });
}

TEST_CASE("trace_next_query traces the first request of multiget, multiget_count and every sequence", "[real-only][cql]") {
    run_coroutine([]() -> asio::awaitable<void> {
        co_await ensure_paging_keyspace();
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::pool pool(executor, paging_pool_config());
        auto cf = co_await cppcassa::column_family::open(pool, "Cells");
        const auto k1 = cppcassa::test::fresh_key("traced1");
        const auto k2 = cppcassa::test::fresh_key("traced2");
        const cppcassa::column_values columns{{"a", "1"}, {"b", "2"}, {"c", "3"}};
        co_await cf.insert(k1, columns);
        co_await cf.insert(k2, columns);
        std::set<std::string> sessions;

        // multiget: the first buffer_size keys in one traced multiget_slice, the rest fanned out.
        cf.trace_next_query();
        cppcassa::read_options one_key;
        one_key.buffer_size = 1;
        const std::vector<value> keys{k2, k1, cppcassa::test::fresh_key("absent")};
        const auto rows = co_await cf.multiget(keys, one_key);
        REQUIRE(rows.size() == 2);
        CHECK(rows.begin()->key.as<std::string>() == k2);
        REQUIRE(cf.last_trace_session().has_value());
        const auto multiget_session = *cf.last_trace_session();
        sessions.insert(multiget_session.to_string());
        // Consumed: the next call is not traced.
        co_await cf.get(k1);
        CHECK(*cf.last_trace_session() == multiget_session);

        cf.trace_next_query();
        const auto counts = co_await cf.multiget_count(keys);
        REQUIRE(counts.size() == 3);
        CHECK(counts[0].count == 3);
        CHECK(counts[2].count == 0);
        REQUIRE(cf.last_trace_session().has_value());
        const auto count_session = *cf.last_trace_session();
        sessions.insert(count_session.to_string());

        // A sequence takes the armed trace when it is made; its first page is traced.
        cf.trace_next_query();
        cppcassa::range_options range_options;
        range_options.read.buffer_size = 2;
        auto range = cf.get_range(range_options);
        co_await cf.get(k1);   // not traced: the range holds the trace
        CHECK(*cf.last_trace_session() == count_session);
        const auto first_row = co_await range.next();
        REQUIRE(first_row.has_value());
        const auto range_session = *cf.last_trace_session();
        CHECK_FALSE(range_session == count_session);
        sessions.insert(range_session.to_string());

        cf.trace_next_query();
        cppcassa::read_options two;
        two.buffer_size = 2;
        auto xget = cf.xget(k1, two);
        const auto first_column = co_await xget.next();
        REQUIRE(first_column.has_value());
        const auto xget_session = *cf.last_trace_session();
        sessions.insert(xget_session.to_string());
        while (auto c = co_await xget.next()) {
        }
        CHECK(*cf.last_trace_session() == xget_session);   // later pages are not traced

        cf.trace_next_query();
        cppcassa::range_options just_k1;
        just_k1.start_key = k1;
        just_k1.finish_key = k1;
        auto cells = cf.get_paged_slice(just_k1);
        const auto first_cell = co_await cells.next();
        REQUIRE(first_cell.has_value());
        const auto paged_session = *cf.last_trace_session();
        sessions.insert(paged_session.to_string());
        CHECK(sessions.size() == 5);

        // Cassandra recorded each as the Thrift call it was.
        const auto multiget_request = co_await traced_request(pool, multiget_session);
        CHECK(multiget_request == "multiget_slice");
        const auto count_request = co_await traced_request(pool, count_session);
        CHECK(count_request == "multiget_count");
        const auto range_request = co_await traced_request(pool, range_session);
        CHECK(range_request == "get_range_slices");
        const auto xget_request = co_await traced_request(pool, xget_session);
        CHECK(xget_request == "get_slice");
        const auto paged_request = co_await traced_request(pool, paged_session);
        CHECK(paged_request == "get_paged_slice");
    });
}
