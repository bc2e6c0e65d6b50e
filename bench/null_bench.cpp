// `cppcassa-bench null`: client cost alone. Every client reads a 10-column row with get_slice
// from an in-process null server (null_server.hpp) that answers at once, so what limits a client
// is its own CPU:
//   cppcassa          one thread, a pool of --connections (1) connection, --concurrency (256)
//                     coroutines pipelining up to --depth (256) calls
//   cppcassa-reuse    the same pool, each get refilling its caller's row (the reuse form)
//   cppcassa-depth1   the same pool with one caller: one call per round trip
//   apache-sync       Apache's CassandraClient, --threads (1) threads, one call per round trip
//   python            the Python peer, --py-threads (= --threads) threads
//   syscall-floor     one write of the request + one read of the reply per operation on a TCP
//                     pair whose other end answers each request (echo_server): what any client
//                     doing one round trip per call pays in system calls alone
// CPU per operation is the process's minus the server thread's (Python: its own process).
#include "client_peers.hpp"
#include "client_round.hpp"
#include "concurrency.hpp"
#include "data.hpp"
#include "null_server.hpp"
#include "python_runner.hpp"
#include "workload.hpp"

#include "codec/cassandra_methods.hpp"
#include "codec/message.hpp"

#include <cppcassa/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;
using get_slice = codec::methods::get_slice;

// One write + one read per operation, the reply read whole before the next request.
client_round floor_round(echo_server& echo, const std::string& request, std::size_t reply_size,
                         const round_limit& limit, const std::string& label) {
    client_round m;
    std::vector<char> buf(reply_size);
    const double server_before = echo.cpu_seconds();
    const auto before = sample_cost();
    round_clock rc(limit);
    std::uint64_t next_show = 4096;
    while (rc.claim()) {
        const auto t0 = steady::now();
        if (::write(echo.client_fd(), request.data(), request.size()) != static_cast<ssize_t>(request.size()))
            throw std::runtime_error("syscall floor: write failed");
        std::size_t got = 0;
        while (got < reply_size) {
            const auto n = ::read(echo.client_fd(), buf.data() + got, reply_size - got);
            if (n <= 0)
                throw std::runtime_error("syscall floor: read failed");
            got += static_cast<std::size_t>(n);
        }
        m.latency.record(static_cast<std::uint64_t>((steady::now() - t0).count()));
        if (++m.timing.ops == next_show) {
            next_show += 4096;
            progress::show(label, m.timing.ops, rc.elapsed_s(), m.latency.quantile(0.99));
        }
    }
    m.timing.elapsed = steady::now() - rc.start();
    const auto after = sample_cost();
    m.cpu_s = after.cpu_s - before.cpu_s - (echo.cpu_seconds() - server_before);
    m.allocs = after.allocs - before.allocs;
    return m;
}

asio::awaitable<report> null_rounds(const options& opts) {
    const client_settings s = read_client_settings(client_workload::null, opts);
    client_settings one_by_one = s;
    one_by_one.concurrency = 1;
    one_by_one.depth = 1;
    const round_limit limit{.duration = opts.duration_or(std::chrono::seconds(3)), .ops = opts.ops};
    const round_limit warmup{.duration = opts.warmup_or(std::chrono::seconds(1)), .ops = std::nullopt};
    const request_parts parts(s, opts.seed);

    // The canned reply and a typical request, encoded by our codec once.
    rng data_rng(opts.seed);
    const auto row = make_row(data_rng, s.columns, s.value_size, 1'700'000'000'000'000);
    std::string reply;
    codec::encode_reply<get_slice>(reply, 0, row, true);
    const thrift::get_slice_args typical{.key = row_key(0),
                                         .column_parent = parts.read_parent,
                                         .predicate = parts.predicate,
                                         .consistency_level = s.consistency};
    std::string request;
    codec::encode_call<get_slice>(request, typical, 1, true);
    const double wire = static_cast<double>(request.size() + reply.size());

    null_server server(reply);
    echo_server echo(request.size(), reply);
    const std::string host = "127.0.0.1";
    const auto executor = co_await asio::this_coro::executor;
    pool ours(executor, bench_pool_config(host, server.port(), "", s));
    pool ours_seq(executor, bench_pool_config(host, server.port(), "", one_by_one));
    apache_connections apache(host, server.port(), "", s.threads);

    std::uint64_t round_no = 0;
    // The null server's thread shares this process: its CPU in a round is not the client's.
    const auto cppcassa_on = [&](pool& p, const client_settings& cs) {
        return [&p, &cs, &server, &parts, &round_no, seed = opts.seed](
                   const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
            const double server_before = server.cpu_seconds();
            auto m = co_await cppcassa_round(p, cs, parts, l, label, seed + 1000 * ++round_no);
            m.cpu_s -= server.cpu_seconds() - server_before;
            co_return m;
        };
    };
    std::vector<client_runner> clients;
    client_settings reusing = s;
    reusing.reuse = true;
    clients.push_back({"cppcassa", cppcassa_on(ours, s)});
    clients.push_back({"cppcassa-reuse", cppcassa_on(ours, reusing)});
    clients.push_back({"cppcassa-depth1", cppcassa_on(ours_seq, one_by_one)});
    clients.push_back({"apache-sync", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                           const double server_before = server.cpu_seconds();
                           auto m = apache_round(apache, s, parts, l, label, opts.seed + 1000 * round_no);
                           m.cpu_s -= server.cpu_seconds() - server_before;
                           co_return m;
                       }});
    if (s.python)
        clients.push_back({"python", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                               const auto args = python_args(host, server.port(), s, std::chrono::milliseconds(200),
                                                             opts.seed + 1000 * round_no);
                               const auto m = run_python_round(args, l, label);
                               co_return m;
                           }});
    clients.push_back({"syscall-floor", [&](const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
                           const auto m = floor_round(echo, request, reply.size(), l, label);
                           co_return m;
                       }});

    report rep;
    rep.workload = "null";
    const std::string name = fmt::format("get {} columns x {} B, null server", s.columns, s.value_size);
    const std::string baseline = "cppcassa";
    rep.cases.push_back(co_await alternate(name, baseline, clients, opts.rounds, limit, warmup, wire));
    ours.close();
    ours_seq.close();

    rep.params = {{"server", fmt::format("in-process null server, 127.0.0.1:{}", server.port())},
                  {"connections", std::to_string(s.connections)},
                  {"concurrency", std::to_string(s.concurrency)},
                  {"depth", std::to_string(s.depth)},
                  {"threads", std::to_string(s.threads)},
                  {"py_threads", std::to_string(s.python ? s.py_threads : 0)},
                  {"request_bytes", std::to_string(request.size())},
                  {"reply_bytes", std::to_string(reply.size())},
                  {"rounds", std::to_string(opts.rounds)},
                  {"round", opts.ops ? fmt::format("{} ops", *opts.ops)
                                     : fmt::format("{} ms", limit.duration.count() / 1'000'000)},
                  {"warmup", fmt::format("{} ms", warmup.duration.count() / 1'000'000)},
                  {"seed", std::to_string(opts.seed)},
                  {"wire_bytes", "computed from encoded message sizes (framed TBinaryProtocol)"}};
    rep.notes.push_back("the null server answers every call found in one read with one write; its thread's CPU "
                        "is taken off each in-process client's figure");
    rep.notes.push_back("syscall-floor: one write + one read per operation on a 127.0.0.1 TCP pair, the limit of a "
                        "client doing one round trip per call; pipelining clients coalesce calls into shared "
                        "writes and reads and can go below it");
    co_return rep;
}

}  // namespace

report run_null(const options& opts) {
    return run_to_completion(null_rounds(opts));
}

}  // namespace cppcassa::bench
