#include "client_peers.hpp"

#include "cassandra_setup.hpp"
#include "concurrency.hpp"
#include "data.hpp"

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace cppcassa::bench {

namespace asio = boost::asio;
namespace tp = ::apache::thrift::protocol;
namespace tt = ::apache::thrift::transport;

namespace {

std::int64_t now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The operation an rng draw stands for: mixed splits into get and insert.
client_workload pick(client_workload kind, rng& r) {
    if (kind == client_workload::mixed)
        return r.below(10) == 0 ? client_workload::insert : client_workload::get;
    if (kind == client_workload::null)
        return client_workload::get;
    return kind;
}

// ---- cppcassa ----

// A caller's own get_slice arguments and row, for the reuse form.
struct reused_read {
    thrift::get_slice_args args;
    std::vector<thrift::ColumnOrSuperColumn> row;
};

// One operation of each kind through the pool; each returns how many columns or rows it read (or
// 1 for a write). One coroutine per kind, as a user would write them: a frame holding every
// kind's arguments would be too large for Asio's frame cache and cost an allocation per call.
// Named arguments and options, never temporaries in the co_await (GCC 12, docs/architecture.md).
asio::awaitable<std::size_t> cppcassa_insert(pool& p, const client_settings& s, const request_parts& parts, rng& r) {
    const operation_options options;
    thrift::insert_args args{.key = insert_key(r.below(s.insert_keys)),
                             .column_parent = parts.write_parent,
                             .column = {.name = "c", .value = parts.value, .timestamp = now_us(), .ttl = {}},
                             .consistency_level = s.consistency};
    auto op = [&args](connection& c) { return c.insert(args); };
    co_await p.execute(op, options);
    co_return 1;
}

asio::awaitable<std::size_t> cppcassa_multiget(pool& p, const client_settings& s, const request_parts& parts,
                                               rng& r) {
    const operation_options options;
    thrift::multiget_slice_args args{.keys = {},
                                     .column_parent = parts.read_parent,
                                     .predicate = parts.predicate,
                                     .consistency_level = s.consistency};
    args.keys.reserve(s.keys);
    for (std::size_t k = 0; k < s.keys; ++k)
        args.keys.push_back(row_key(r.below(s.rows)));
    auto op = [&args](connection& c) { return c.multiget_slice(args); };
    const auto got = co_await p.execute(op, options);
    co_return got.size();
}

asio::awaitable<std::size_t> cppcassa_range(pool& p, const client_settings& s, const request_parts& parts,
                                            std::string& cursor) {
    const operation_options options;
    thrift::get_range_slices_args args{.column_parent = parts.read_parent,
                                       .predicate = parts.predicate,
                                       .range = {},
                                       .consistency_level = s.consistency};
    args.range.start_key = cursor;
    args.range.end_key = "";
    args.range.count = static_cast<std::int32_t>(s.page);
    auto op = [&args](connection& c) { return c.get_range_slices(args); };
    const auto got = co_await p.execute(op, options);
    cursor = got.size() == s.page ? got.back().key : std::string();
    co_return got.size();
}

asio::awaitable<std::size_t> cppcassa_get(pool& p, const client_settings& s, const request_parts& parts, rng& r) {
    const operation_options options;
    thrift::get_slice_args args{.key = row_key(r.below(s.rows)),
                                .column_parent = parts.read_parent,
                                .predicate = parts.predicate,
                                .consistency_level = s.consistency};
    auto op = [&args](connection& c) { return c.get_slice(args); };
    const auto got = co_await p.execute(op, options);
    co_return got.size();
}

asio::awaitable<std::size_t> cppcassa_get_reusing(pool& p, const client_settings& s, rng& r, reused_read& mine) {
    const operation_options options;
    mine.args.key = row_key(r.below(s.rows));
    auto op = [&mine](connection& c) { return c.get_slice(mine.args, mine.row); };
    co_await p.execute(op, options);
    co_return mine.row.size();
}

// The next operation of the workload. Not a coroutine: the kind's own is the only frame.
asio::awaitable<std::size_t> cppcassa_op(pool& p, const client_settings& s, const request_parts& parts, rng& r,
                                         std::string& cursor, reused_read& mine) {
    switch (pick(s.kind, r)) {
    case client_workload::insert: return cppcassa_insert(p, s, parts, r);
    case client_workload::multiget: return cppcassa_multiget(p, s, parts, r);
    case client_workload::range: return cppcassa_range(p, s, parts, cursor);
    default: return s.reuse ? cppcassa_get_reusing(p, s, r, mine) : cppcassa_get(p, s, parts, r);
    }
}

// What the progress ticker reads; shared so that it may outlive the round by one tick.
struct live_state {
    std::uint64_t ops = 0;
    const histogram* latency = nullptr;
    bool done = false;
    std::string label;
    steady::time_point start = steady::now();
};

asio::awaitable<void> ticker(std::shared_ptr<live_state> state) {
    asio::steady_timer t(co_await asio::this_coro::executor);
    while (!state->done) {
        t.expires_after(std::chrono::milliseconds(250));
        boost::system::error_code ec;
        co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (state->done)
            break;
        progress::show(state->label, state->ops,
                       std::chrono::duration<double>(steady::now() - state->start).count(),
                       state->latency->quantile(0.99));
    }
}

}  // namespace

std::string insert_key(std::uint64_t i) { return fmt::format("ins-{:07d}", i); }

request_parts::request_parts(const client_settings& s, std::uint64_t seed) {
    read_parent.column_family = rows_column_family;
    write_parent.column_family = writes_column_family;
    predicate.slice_range = thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = s.columns};
    rng r(seed);
    value = random_bytes(r, s.value_size);
    apache_read_parent = to_apache(read_parent);
    apache_write_parent = to_apache(write_parent);
    apache_predicate = to_apache(predicate);
}

pool_config bench_pool_config(const std::string& host, std::uint16_t port, const std::string& keyspace,
                              const client_settings& s) {
    pool_config c;
    c.servers.clear();
    for (const auto& h : consecutive_hosts(host, s.servers))
        c.servers.push_back(fmt::format("{}:{}", h, port));
    c.keyspace = keyspace;
    c.pool_size = s.connections;
    c.max_overflow = 0;
    c.max_in_flight = s.depth;
    c.recycle = 0;
    c.health_check_interval = std::chrono::milliseconds(0);
    return c;
}

asio::awaitable<client_round> cppcassa_round(pool& p, const client_settings& s, const request_parts& parts,
                                             const round_limit& limit, const std::string& label,
                                             std::uint64_t seed) {
    client_round m;
    auto state = std::make_shared<live_state>();
    state->label = label;
    state->latency = &m.latency;
    if (progress::enabled())
        asio::co_spawn(co_await asio::this_coro::executor, ticker(state), asio::detached);
    std::uint64_t sink = 0;
    const auto before = sample_cost();
    round_clock rc(limit);
    std::function<asio::awaitable<void>(std::size_t)> caller = [&](std::size_t i) -> asio::awaitable<void> {
        rng r(seed * 0x9e3779b97f4a7c15ULL + i);
        std::string cursor = s.kind == client_workload::range ? row_key(r.below(s.rows)) : std::string();
        reused_read mine{.args = {.key = {},
                                  .column_parent = parts.read_parent,
                                  .predicate = parts.predicate,
                                  .consistency_level = s.consistency},
                         .row = {}};
        while (rc.claim()) {
            const auto t0 = steady::now();
            sink += co_await cppcassa_op(p, s, parts, r, cursor, mine);
            m.latency.record(static_cast<std::uint64_t>((steady::now() - t0).count()));
            ++m.timing.ops;
            state->ops = m.timing.ops;
        }
    };
    co_await run_concurrently(s.concurrency, caller);
    m.timing.elapsed = steady::now() - rc.start();
    const auto after = sample_cost();
    state->done = true;
    m.cpu_s = after.cpu_s - before.cpu_s;
    m.allocs = after.allocs - before.allocs;
    keep(sink);
    co_return m;
}

// ---- Apache ----

struct apache_connections::one {
    std::shared_ptr<tt::TSocket> socket;
    std::shared_ptr<tt::TTransport> transport;
    ac::CassandraClient client;

    one(const std::string& host, std::uint16_t port)
        : socket(std::make_shared<tt::TSocket>(host, port)),
          transport(std::make_shared<tt::TFramedTransport>(socket)),
          client(std::make_shared<tp::TBinaryProtocol>(transport)) {}
};

apache_connections::apache_connections(const std::string& host, std::uint16_t port, const std::string& keyspace,
                                       std::size_t n, std::size_t servers) {
    const auto hosts = consecutive_hosts(host, servers);
    for (std::size_t i = 0; i < n; ++i) {
        conns_.push_back(std::make_unique<one>(hosts[i % hosts.size()], port));
        conns_.back()->transport->open();
        if (!keyspace.empty())
            conns_.back()->client.set_keyspace(keyspace);
    }
}

ac::CassandraClient& apache_connections::client(std::size_t i) { return conns_.at(i)->client; }

apache_connections::~apache_connections() {
    for (auto& c : conns_)
        c->transport->close();
}

client_round apache_round(apache_connections& conns, const client_settings& s, const request_parts& parts,
                          const round_limit& limit, const std::string& label, std::uint64_t seed) {
    const std::size_t n = conns.all().size();
    std::vector<histogram> latency(n);
    std::vector<std::uint64_t> ops(n, 0);
    std::vector<steady::time_point> ended(n);
    std::atomic<std::uint64_t> claimed{0}, done{0};
    std::atomic<std::size_t> running{n};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    const auto cl = to_apache(s.consistency);
    const auto before = sample_cost();
    const auto start = steady::now();
    const auto deadline = start + limit.duration;

    const auto body = [&](std::size_t t) {
        auto& client = conns.all()[t]->client;
        rng r(seed * 0x9e3779b97f4a7c15ULL + t);
        std::string cursor = s.kind == client_workload::range ? row_key(r.below(s.rows)) : std::string();
        std::vector<ac::ColumnOrSuperColumn> row;
        std::map<std::string, std::vector<ac::ColumnOrSuperColumn>> rows;
        std::vector<ac::KeySlice> page;
        std::vector<std::string> keys;
        std::uint64_t sink = 0;
        try {
            while (limit.ops ? claimed.fetch_add(1, std::memory_order_relaxed) < *limit.ops
                             : steady::now() < deadline) {
                const auto t0 = steady::now();
                switch (pick(s.kind, r)) {
                case client_workload::insert: {
                    ac::Column c;
                    c.__set_name("c");
                    c.__set_value(parts.value);
                    c.__set_timestamp(now_us());
                    client.insert(insert_key(r.below(s.insert_keys)), parts.apache_write_parent, c, cl);
                    sink += 1;
                    break;
                }
                case client_workload::multiget:
                    keys.clear();
                    for (std::size_t k = 0; k < s.keys; ++k)
                        keys.push_back(row_key(r.below(s.rows)));
                    client.multiget_slice(rows, keys, parts.apache_read_parent, parts.apache_predicate, cl);
                    sink += rows.size();
                    break;
                case client_workload::range: {
                    ac::KeyRange range;
                    range.__set_start_key(cursor);
                    range.__set_end_key("");
                    range.__set_count(static_cast<std::int32_t>(s.page));
                    client.get_range_slices(page, parts.apache_read_parent, parts.apache_predicate, range, cl);
                    cursor = page.size() == s.page ? page.back().key : std::string();
                    sink += page.size();
                    break;
                }
                default:
                    client.get_slice(row, row_key(r.below(s.rows)), parts.apache_read_parent, parts.apache_predicate,
                                     cl);
                    sink += row.size();
                }
                latency[t].record(static_cast<std::uint64_t>((steady::now() - t0).count()));
                ++ops[t];
                done.fetch_add(1, std::memory_order_relaxed);
            }
        } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure)
                failure = std::current_exception();
        }
        keep(sink);
        ended[t] = steady::now();
        running.fetch_sub(1);
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < n; ++t)
        threads.emplace_back(body, t);
    // The main thread only watches: it sleeps between progress updates.
    while (running.load() > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        progress::show(label, done.load(std::memory_order_relaxed),
                       std::chrono::duration<double>(steady::now() - start).count(), std::nullopt);
    }
    for (auto& t : threads)
        t.join();
    const auto after = sample_cost();
    if (failure)
        std::rethrow_exception(failure);
    client_round m;
    m.timing.elapsed = *std::max_element(ended.begin(), ended.end()) - start;
    for (std::size_t t = 0; t < n; ++t) {
        m.timing.ops += ops[t];
        m.latency.merge(latency[t]);
    }
    m.cpu_s = after.cpu_s - before.cpu_s;
    m.allocs = after.allocs - before.allocs;
    return m;
}

// ---- Python ----

std::vector<std::string> python_args(const std::string& host, std::uint16_t port, const client_settings& s,
                                     std::chrono::milliseconds warmup, std::uint64_t seed) {
    return {"--host",       host,
            "--servers",    std::to_string(s.servers),
            "--port",       std::to_string(port),
            "--keyspace",   bench_keyspace,
            "--workload",   workload_name(s.kind),
            "--read-cf",    rows_column_family,
            "--write-cf",   writes_column_family,
            "--threads",    std::to_string(s.py_threads),
            "--warmup",     fmt::format("{:.3f}", std::chrono::duration<double>(warmup).count()),
            "--rows",       std::to_string(s.rows),
            "--insert-keys", std::to_string(s.insert_keys),
            "--keys",       std::to_string(s.keys),
            "--page",       std::to_string(s.page),
            "--columns",    std::to_string(s.columns),
            "--value-size", std::to_string(s.value_size),
            "--consistency", std::to_string(static_cast<int>(s.consistency)),
            "--seed",       std::to_string(seed)};
}

}  // namespace cppcassa::bench
