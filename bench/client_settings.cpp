#include "client_settings.hpp"

#include "consistency.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

namespace cppcassa::bench {
namespace {

std::size_t positive(const options& o, const std::string& name, std::int64_t fallback) {
    const auto v = o.extra_int(name, fallback);
    if (v < 1)
        throw std::invalid_argument(fmt::format("--{} must be at least 1", name));
    return static_cast<std::size_t>(v);
}

}  // namespace

std::string workload_name(client_workload kind) {
    switch (kind) {
    case client_workload::insert: return "insert";
    case client_workload::get: return "get";
    case client_workload::multiget: return "multiget";
    case client_workload::mixed: return "mixed";
    case client_workload::range: return "range";
    case client_workload::null: return "null";
    }
    return "?";
}

client_workload client_workload_of(std::string_view name) {
    for (const auto kind : {client_workload::insert, client_workload::get, client_workload::multiget,
                            client_workload::mixed, client_workload::range})
        if (workload_name(kind) == name)
            return kind;
    throw std::invalid_argument(fmt::format("'{}' is not a client workload (insert, get, multiget, mixed, range)", name));
}

client_settings read_client_settings(client_workload kind, const options& o) {
    client_settings s;
    s.kind = kind;
    const bool null = kind == client_workload::null;
    // Against the null server one thread of each client is the comparison (client cost alone).
    // Against a server every client has the same number of requests in flight: Apache's threads
    // each wait for one reply, so cppcassa keeps one call on each of as many connections. Deeper
    // pipelines are a flag away, and the scaling workload sweeps them.
    s.threads = positive(o, "threads", null ? 1 : 16);
    s.connections = positive(o, "connections", null ? 1 : static_cast<std::int64_t>(s.threads));
    s.depth = positive(o, "depth", null ? 256 : 1);
    s.concurrency = positive(o, "concurrency", static_cast<std::int64_t>(s.connections * s.depth));
    s.servers = null ? 1 : positive(o, "servers", 1);
    s.py_threads = positive(o, "py-threads", static_cast<std::int64_t>(s.threads));
    s.rows = positive(o, "rows", 100'000);
    s.keys = positive(o, "keys", 100);
    s.page = positive(o, "page", 100);
    s.value_size = positive(o, "value-size", 100);
    s.python = o.extra_int("python", 1) != 0;
    if (const auto it = o.extra.find("consistency"); it != o.extra.end()) {
        auto named = consistency_of(it->second, "consistency");
        s.consistency = named.level;
        s.consistency_name = std::move(named.name);
    }
    return s;
}

}  // namespace cppcassa::bench
