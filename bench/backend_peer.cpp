#include "backend_peer.hpp"

#include "cassandra_setup.hpp"
#include "client_case.hpp"
#include "client_peers.hpp"
#include "concurrency.hpp"
#include "metrics.hpp"
#include "peer_process.hpp"

#include <cppcassa/detail/io_backend.hpp>
#include <cppcassa/pool.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace asio = boost::asio;

// The settings the peer must share with this run: every client flag the cppcassa client reads.
constexpr std::string_view forwarded_flags[] = {"connections", "concurrency", "depth", "servers", "rows",
                                                "keys",        "page",        "value-size", "consistency"};

asio::awaitable<client_round> peer_round(client_workload kind, const options& opts, std::uint64_t seed,
                                         std::chrono::milliseconds warmup) {
    const client_settings s = read_client_settings(kind, opts);
    const auto [limit, ignored] = read_client_limits(opts);
    const request_parts parts(s, opts.seed);
    const auto executor = co_await asio::this_coro::executor;
    pool ours(executor, bench_pool_config(opts.host, opts.port, bench_keyspace, s));
    if (warmup.count() > 0) {
        const round_limit w{.duration = warmup, .ops = std::nullopt};
        co_await cppcassa_round(ours, s, parts, w, "warm-up", seed + 1);
    }
    client_round m = co_await cppcassa_round(ours, s, parts, limit, "round", seed);
    m.rss_kb = peak_rss_kb();
    ours.close();
    co_return m;
}

}  // namespace

std::string_view this_backend() { return detail::io_backend_name; }
std::string backend_of(const std::string& binary) {
    const std::string cmd = shell_quote(binary) + " --io-backend";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        throw std::runtime_error("cannot run " + cmd);
    char buf[64] = {};
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, p);
    const int status = ::pclose(p);
    std::string backend(buf, n);
    while (!backend.empty() && (backend.back() == '\n' || backend.back() == ' '))
        backend.pop_back();
    if (status != 0 || (backend != "epoll" && backend != "io_uring"))
        throw std::runtime_error(fmt::format("--other-backend {}: not a cppcassa-bench ('{}' answered '{}')", binary,
                                             cmd, backend));
    return backend;
}

std::optional<std::string> other_backend_binary(const options& opts) {
    const auto it = opts.extra.find("other-backend");
    if (it == opts.extra.end() || it->second.empty())
        return std::nullopt;
    return it->second;
}

client_round run_other_backend_round(const std::string& binary, const client_settings& s, const options& opts,
                                     std::uint64_t seed, std::chrono::milliseconds warmup, const round_limit& limit,
                                     const std::string& label) {
    std::vector<std::string> argv{binary,   "peer-round", workload_name(s.kind), "--host", opts.host,
                                  "--port", std::to_string(opts.port), "--seed", std::to_string(opts.seed),
                                  "--peer-seed", std::to_string(seed),
                                  "--peer-warmup", fmt::format("{:.3f}", std::chrono::duration<double>(warmup).count())};
    for (const auto flag : forwarded_flags) {
        if (const auto it = opts.extra.find(std::string(flag)); it != opts.extra.end()) {
            argv.push_back(fmt::format("--{}", flag));
            argv.push_back(it->second);
        }
    }
    return run_peer_process(argv, limit, label, "cppcassa-bench " + binary);
}

int run_peer_round(std::string_view workload, const options& opts, std::uint64_t seed,
                   std::chrono::milliseconds warmup) {
    try {
        const auto kind = client_workload_of(workload);
        const auto m = run_to_completion(peer_round(kind, opts, seed, warmup));
        fmt::print("{}\n", peer_round_json(m));
        return 0;
    } catch (const std::exception& e) {
        std::string why = e.what();
        std::erase(why, '"');
        fmt::print("{{\"error\": \"{}\"}}\n", why);
        return 1;
    }
}

}  // namespace cppcassa::bench
