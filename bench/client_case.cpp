#include "client_case.hpp"

#include "cassandra_setup.hpp"
#include "data.hpp"
#include "backend_peer.hpp"
#include "python_runner.hpp"

#include "codec/cassandra_methods.hpp"
#include "codec/message.hpp"

#include <cppcassa/connection.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;
namespace methods = codec::methods;

// Framed bytes of a call and of its reply.
template <class M>
std::size_t wire_size(const typename M::args& args, const typename M::result& result) {
    std::string out;
    codec::encode_call<M>(out, args, 1, true);
    codec::encode_reply<M>(out, 1, result, true);
    return out.size();
}

}  // namespace

client_limits read_client_limits(const options& opts) {
    return {.round = {.duration = opts.duration_or(std::chrono::seconds(5)), .ops = opts.ops},
            .warmup = {.duration = opts.warmup_or(std::chrono::seconds(2)), .ops = std::nullopt}};
}

asio::awaitable<bool> prepare_client_data(const options& opts, const client_settings& s) {
    const std::optional<tls_options> plaintext;  // named: no temporary in a co_await (g++ 12)
    const bool wrote = co_await prepare_client_data(opts, s, opts.host, opts.port, plaintext);
    co_return wrote;
}

asio::awaitable<bool> prepare_client_data(const options& opts, const client_settings& s, const std::string& host,
                                          std::uint16_t port, const std::optional<tls_options>& tls) {
    const auto executor = co_await asio::this_coro::executor;
    {
        connection conn(executor, {.host = host, .port = port, .tls = tls});
        co_await open_bench_connection(conn, host, port);
        co_await ensure_column_family(conn, rows_column_family);
        co_await ensure_column_family(conn, writes_column_family);
        conn.close();
    }
    if (s.kind == client_workload::insert)
        co_return false;
    const dataset d{.rows = s.rows, .columns = s.columns, .value_size = s.value_size, .seed = opts.seed};
    const bool wrote = co_await ensure_dataset(host, port, d, 8, tls);
    co_return wrote;
}

asio::awaitable<double> probe_wire_bytes(pool& p, const client_settings& s, const request_parts& parts) {
    const operation_options options;
    thrift::get_slice_args get{.key = row_key(0),
                               .column_parent = parts.read_parent,
                               .predicate = parts.predicate,
                               .consistency_level = s.consistency};
    auto get_op = [&get](connection& c) { return c.get_slice(get); };
    const auto row = co_await p.execute(get_op, options);
    if (s.kind != client_workload::insert && row.size() != static_cast<std::size_t>(s.columns))
        throw std::runtime_error(fmt::format("{} has {} columns in {}.{}, expected {}: the dataset is incomplete",
                                             get.key, row.size(), bench_keyspace, rows_column_family, s.columns));
    const double get_bytes = static_cast<double>(wire_size<methods::get_slice>(get, row));

    thrift::insert_args ins{.key = insert_key(0),
                            .column_parent = parts.write_parent,
                            .column = {.name = "c", .value = parts.value, .timestamp = 1, .ttl = {}},
                            .consistency_level = s.consistency};
    const double insert_bytes = static_cast<double>(wire_size<methods::insert>(ins, codec::void_result{}));

    switch (s.kind) {
    case client_workload::insert:
        co_return insert_bytes;
    case client_workload::mixed:
        co_return 0.9 * get_bytes + 0.1 * insert_bytes;
    case client_workload::multiget: {
        thrift::multiget_slice_args args{.keys = {},
                                         .column_parent = parts.read_parent,
                                         .predicate = parts.predicate,
                                         .consistency_level = s.consistency};
        for (std::size_t k = 0; k < s.keys; ++k)
            args.keys.push_back(row_key(k * 7919 % s.rows));
        auto op = [&args](connection& c) { return c.multiget_slice(args); };
        const auto rows = co_await p.execute(op, options);
        co_return static_cast<double>(wire_size<methods::multiget_slice>(args, rows));
    }
    case client_workload::range: {
        thrift::get_range_slices_args args{.column_parent = parts.read_parent,
                                           .predicate = parts.predicate,
                                           .range = {},
                                           .consistency_level = s.consistency};
        args.range.start_key = row_key(0);
        args.range.end_key = "";
        args.range.count = static_cast<std::int32_t>(s.page);
        auto op = [&args](connection& c) { return c.get_range_slices(args); };
        const auto page = co_await p.execute(op, options);
        co_return static_cast<double>(wire_size<methods::get_range_slices>(args, page));
    }
    default:
        co_return get_bytes;
    }
}

std::string client_case_name(const client_settings& s) {
    switch (s.kind) {
    case client_workload::insert: return fmt::format("insert 1 column x {} B", s.value_size);
    case client_workload::multiget: return fmt::format("multiget {} keys x {} columns", s.keys, s.columns);
    case client_workload::mixed: return "mixed 90% get / 10% insert";
    case client_workload::range: return fmt::format("get_range page of {} rows", s.page);
    default: return fmt::format("get {} columns x {} B", s.columns, s.value_size);
    }
}

std::vector<client_runner> client_runners(pool& ours, apache_connections& apache, const client_settings& s,
                                          const request_parts& parts, const options& opts,
                                          std::chrono::nanoseconds warmup) {
    // Shared by the runners: cppcassa runs first in each A/B/C round and moves it on.
    auto round_no = std::make_shared<std::uint64_t>(0);
    const std::uint64_t seed = opts.seed;
    auto ours_round = [&p = ours, &s, &parts, round_no, seed](const round_limit& l, const std::string& label) {
        return cppcassa_round(p, s, parts, l, label, seed + 1000 * ++*round_no);
    };
    auto apache_sync_round = [&apache, &s, &parts, round_no, seed](const round_limit& l,
                                                                   const std::string& label)
        -> asio::awaitable<client_round> {
        const auto m = apache_round(apache, s, parts, l, label, seed + 1000 * *round_no);
        co_return m;
    };
    auto python_round = [&s, &opts, round_no, seed, warmup](const round_limit& l,
                                                            const std::string& label) -> asio::awaitable<client_round> {
        const auto w = std::min<std::chrono::nanoseconds>(warmup, std::chrono::seconds(1));
        const auto args = python_args(opts.host, opts.port, s,
                                      std::chrono::duration_cast<std::chrono::milliseconds>(w),
                                      seed + 1000 * *round_no);
        const auto m = run_python_round(args, l, label);
        co_return m;
    };
    std::vector<client_runner> clients;
    clients.push_back({"cppcassa", ours_round});
    if (s.kind == client_workload::get) {
        auto reusing = std::make_shared<client_settings>(s);
        reusing->reuse = true;
        auto reuse_round = [&p = ours, reusing, &parts, round_no, seed](const round_limit& l, const std::string& label) {
            return cppcassa_round(p, *reusing, parts, l, label, seed + 1000 * *round_no);
        };
        clients.push_back({"cppcassa-reuse", reuse_round});
    }
    if (const auto other = other_backend_binary(opts)) {
        auto other_round = [&s, &opts, binary = *other, round_no, seed, warmup](
                               const round_limit& l, const std::string& label) -> asio::awaitable<client_round> {
            const auto w = std::min<std::chrono::nanoseconds>(warmup, std::chrono::seconds(1));
            const auto m = run_other_backend_round(binary, s, opts, seed + 1000 * *round_no,
                                                   std::chrono::duration_cast<std::chrono::milliseconds>(w), l,
                                                   label);
            co_return m;
        };
        clients.push_back({fmt::format("cppcassa-{}", backend_of(*other)), other_round});
    }
    clients.push_back({"apache-sync", apache_sync_round});
    if (s.python)
        clients.push_back({"python", python_round});
    return clients;
}

std::map<std::string, std::string> client_params(const options& opts, const client_settings& s,
                                                 const round_limit& limit, const round_limit& warmup) {
    return {{"server", fmt::format("{}:{}", opts.host, opts.port)},
            {"io_backend", std::string(this_backend())},
            {"servers", std::to_string(s.servers)},
            {"rows", std::to_string(s.rows)},
            {"value_size", std::to_string(s.value_size)},
            {"consistency", s.consistency_name},
            {"rounds", std::to_string(opts.rounds)},
            {"round", opts.ops ? fmt::format("{} ops", *opts.ops)
                               : fmt::format("{} ms", limit.duration.count() / 1'000'000)},
            {"warmup", fmt::format("{} ms", warmup.duration.count() / 1'000'000)},
            {"seed", std::to_string(opts.seed)},
            {"wire_bytes", "computed from encoded message sizes (framed TBinaryProtocol, identical for every "
                           "client); the connection does not count bytes"}};
}

std::vector<std::string> client_notes(const client_settings& s, bool wrote_dataset) {
    std::vector<std::string> notes{
        "cpu s/Mop: user+sys CPU of the client's process over its rounds (Python: its own process); "
        "allocs/op: operator new calls (not countable in Python)"};
    if (s.kind != client_workload::insert)
        notes.push_back(fmt::format("dataset {}.{}: {} rows x {} columns ({})", bench_keyspace, rows_column_family,
                                    s.rows, s.columns, wrote_dataset ? "written by this run" : "reused"));
    return notes;
}

}  // namespace cppcassa::bench
