#include "run_profile.hpp"

#include "json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace cppcassa::bench {

namespace json = boost::json;

run_profile profile_for(const run_settings& s, std::string peer, std::string plan, std::uint64_t plan_ops,
                        std::string results) {
    run_profile p;
    p.peer = std::move(peer);
    p.hosts = s.hosts;
    p.keyspace = s.keyspace;
    p.column_family = s.column_family;
    if (s.login)
        p.user = s.login->username;
    p.read_cl = s.read_cl.name;
    p.write_cl = s.write_cl.name;
    p.columns = s.columns;
    p.connections = s.peer_connections ? s.peer_connections : s.pool_connections();
    p.rate = s.rate;
    p.concurrency = s.concurrency;
    p.max_in_flight = s.max_in_flight;
    p.duration = s.duration;
    p.timeout = s.timeout;
    p.warmup_ops = s.warmup_ops;
    p.plan = std::move(plan);
    p.plan_ops = plan_ops;
    p.plan_cycles = !s.rate.has_value();
    p.results = std::move(results);
    return p;
}

std::string profile_json(const run_profile& p) {
    std::string hosts;
    for (const auto& h : p.hosts)
        hosts += fmt::format("{}{}", hosts.empty() ? "" : ", ", json_string(h));
    return fmt::format(
        "{{\n  \"peer\": {},\n  \"hosts\": [{}],\n  \"cql_port\": {},\n  \"keyspace\": {},\n  \"column_family\": {},\n"
        "  \"user\": {},\n  \"read_cl\": {},\n  \"write_cl\": {},\n  \"columns\": {},\n  \"connections\": {},\n"
        "  \"rate\": {},\n  \"concurrency\": {},\n  \"max_in_flight\": {},\n  \"duration_ms\": {},\n  \"grace_ms\": {},\n"
        "  \"timeout_ms\": {},\n  \"warmup_ops\": {},\n  \"plan\": {},\n  \"plan_ops\": {},\n  \"plan_cycles\": {},\n  \"results\": {}\n}}\n",
        json_string(p.peer), hosts, p.cql_port, json_string(p.keyspace), json_string(p.column_family),
        p.user ? json_string(*p.user) : "null", json_string(p.read_cl), json_string(p.write_cl), p.columns,
        p.connections, p.rate ? fmt::format("{:.17g}", *p.rate) : "null", p.concurrency, p.max_in_flight,
        p.duration.count(), p.grace.count(), p.timeout.count(), p.warmup_ops, json_string(p.plan), p.plan_ops,
        p.plan_cycles ? "true" : "false", json_string(p.results));
}

namespace {

const json::value& member(const json::object& o, std::string_view name) {
    const auto* v = o.if_contains(name);
    if (!v)
        throw std::invalid_argument(fmt::format("the profile has no \"{}\"", name));
    return *v;
}

std::string string_member(const json::object& o, std::string_view name) {
    const auto& v = member(o, name);
    if (!v.is_string())
        throw std::invalid_argument(fmt::format("the profile's \"{}\" is not a string", name));
    return std::string(v.get_string());
}

std::uint64_t count_member(const json::object& o, std::string_view name) {
    const auto& v = member(o, name);
    if (v.is_uint64())
        return v.get_uint64();
    if (v.is_int64() && v.get_int64() >= 0)
        return static_cast<std::uint64_t>(v.get_int64());
    throw std::invalid_argument(fmt::format("the profile's \"{}\" is not a whole number of 0 or more", name));
}

std::chrono::milliseconds ms_member(const json::object& o, std::string_view name) {
    return std::chrono::milliseconds(static_cast<std::int64_t>(count_member(o, name)));
}

}  // namespace

run_profile parse_profile(std::string_view text) {
    boost::system::error_code ec;
    const json::value doc = json::parse(text, ec);
    if (ec)
        throw std::invalid_argument(fmt::format("the profile is not JSON: {}", ec.message()));
    if (!doc.is_object())
        throw std::invalid_argument("the profile is not a JSON object");
    const auto& o = doc.get_object();
    run_profile p;
    p.peer = string_member(o, "peer");
    const auto& hosts = member(o, "hosts");
    if (!hosts.is_array())
        throw std::invalid_argument("the profile's \"hosts\" is not an array");
    for (const auto& h : hosts.get_array()) {
        if (!h.is_string())
            throw std::invalid_argument("the profile's \"hosts\" holds something other than a string");
        p.hosts.emplace_back(h.get_string());
    }
    p.cql_port = static_cast<int>(count_member(o, "cql_port"));
    p.keyspace = string_member(o, "keyspace");
    p.column_family = string_member(o, "column_family");
    if (!member(o, "user").is_null())
        p.user = string_member(o, "user");
    p.read_cl = string_member(o, "read_cl");
    p.write_cl = string_member(o, "write_cl");
    p.columns = static_cast<int>(count_member(o, "columns"));
    p.connections = count_member(o, "connections");
    if (const auto& rate = member(o, "rate"); !rate.is_null()) {
        if (!rate.is_number())
            throw std::invalid_argument("the profile's \"rate\" is neither a number nor null");
        p.rate = rate.to_number<double>();
    }
    p.concurrency = count_member(o, "concurrency");
    p.max_in_flight = count_member(o, "max_in_flight");
    p.duration = ms_member(o, "duration_ms");
    p.grace = ms_member(o, "grace_ms");
    p.timeout = ms_member(o, "timeout_ms");
    if (o.contains("warmup_ops"))
        p.warmup_ops = count_member(o, "warmup_ops");
    p.plan = string_member(o, "plan");
    p.plan_ops = count_member(o, "plan_ops");
    const auto& cycles = member(o, "plan_cycles");
    if (!cycles.is_bool())
        throw std::invalid_argument("the profile's \"plan_cycles\" is not true or false");
    p.plan_cycles = cycles.get_bool();
    p.results = string_member(o, "results");
    return p;
}

}  // namespace cppcassa::bench
