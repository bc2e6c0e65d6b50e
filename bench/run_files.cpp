#include "run_files.hpp"

#include "hdr_output.hpp"
#include "histogram.hpp"
#include "json.hpp"
#include "peer_process.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace cppcassa::bench {

void draw_run_chart(const std::string& dir) {
    const std::string cmd = fmt::format("bash {} {}", shell_quote(CPPCASSA_BENCH_RUN_CHART), shell_quote(dir));
    std::fflush(stdout);
    if (std::system(cmd.c_str()) != 0)
        fmt::print(stderr, "chart: not drawn (see above); draw it later with: {}\n", cmd);
}

namespace {

void write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f)
        throw std::runtime_error(fmt::format("cannot write {}", path));
}

std::string json_errors(const error_counts& errors) {
    std::string out = "{";
    for (const auto k : all_error_kinds)
        out += fmt::format("{}{}: {}", out.size() > 1 ? ", " : "", json_string(error_name(k)),
                           errors[static_cast<std::size_t>(k)]);
    return out + "}";
}

std::string json_latency(const histogram& h) {
    return fmt::format(R"({{"count": {}, "p50_ms": {}, "p90_ms": {}, "p99_ms": {}, "p999_ms": {}, "max_ms": {}, "mean_ms": {}}})",
                       h.count(), json_number(ns_to_ms(h.quantile(0.5))), json_number(ns_to_ms(h.quantile(0.9))),
                       json_number(ns_to_ms(h.quantile(0.99))), json_number(ns_to_ms(h.quantile(0.999))), json_number(ns_to_ms(h.max())),
                       json_number(h.mean() / 1e6));
}

// The settings a run can be repeated from; the password is left out.
std::string json_settings(const run_settings& s) {
    std::string hosts;
    for (const auto& h : s.hosts)
        hosts += fmt::format("{}{}", hosts.empty() ? "" : ", ", json_string(h));
    std::string out = "{";
    auto add = [&out](std::string_view key, const std::string& value) {
        out += fmt::format("{}\n    {}: {}", out.size() > 1 ? "," : "", json_string(key), value);
    };
    add("client", json_string("cppcassa"));
    add("hosts", "[" + hosts + "]");
    add("user", s.login ? json_string(s.login->username) : "null");
    add("tls", s.tls ? "true" : "false");
    add("keyspace", json_string(s.keyspace));
    add("column_family", json_string(s.column_family));
    add("replication", std::to_string(s.replication));
    add("existing_schema", s.existing_schema ? "true" : "false");
    add("read_cl", json_string(s.read_cl.name));
    add("write_cl", json_string(s.write_cl.name));
    add("populate", std::to_string(s.populate));
    add("rows", std::to_string(s.key_space()));
    add("columns", std::to_string(s.columns));
    add("value_size", json_string(s.value_min == s.value_max ? std::to_string(s.value_min)
                                                             : fmt::format("{}..{}", s.value_min, s.value_max)));
    add("mix", json_string(s.mix.describe()));
    add("keys", json_string(s.keys.describe()));
    add("batch", std::to_string(s.batch));
    add("multiget_keys", std::to_string(s.multiget_keys));
    add("page", std::to_string(s.page));
    add("rate", s.rate ? json_number(*s.rate) : "null");
    add("concurrency", s.rate ? "null" : std::to_string(s.concurrency));
    add("max_in_flight", s.rate ? std::to_string(s.max_in_flight) : "null");
    add("duration_s", json_number(static_cast<double>(s.duration.count()) / 1e3));
    add("interval_s", json_number(static_cast<double>(s.interval.count()) / 1e3));
    add("connections", std::to_string(s.pool_connections()));
    add("depth", std::to_string(s.depth));
    add("timeout_ms", std::to_string(s.timeout.count()));
    add("retries", std::to_string(s.retries));
    add("seed", std::to_string(s.seed));
    return out + "\n  }";
}

std::string json_interval(const interval_row& r) {
    return fmt::format(R"({{"time_s": {}, "interval_s": {}, "ops": {}, "ops_per_s": {}, "p50_ms": {}, "p99_ms": {}, )"
                       R"("p999_ms": {}, "max_ms": {}, "errors": {}, "behind_ms": {}, "late_starts": {}, "in_flight": {}, )"
                       R"("cpu_wait_ms": {}}})",
                       json_number(r.end_s), json_number(r.length_s), r.ops, json_number(r.ops_per_s()),
                       json_number(ns_to_ms(r.p50_ns)), json_number(ns_to_ms(r.p99_ns)), json_number(ns_to_ms(r.p999_ns)),
                       json_number(ns_to_ms(r.max_ns)), json_errors(r.errors), json_number(ns_to_ms(r.behind_ns)), r.late_starts,
                       r.in_flight, json_number(ns_to_ms(r.cpu_wait_ns)));
}

std::string json_summary(const run_files_input& in) {
    const auto& rec = in.recorder;
    const auto& out = in.outcome;
    const histogram all = rec.all_latency();
    error_counts errors{};
    for (const auto& [host, counts] : rec.errors_by_host())
        for (std::size_t i = 0; i < errors.size(); ++i)
            errors[i] += counts[i];
    std::string per_op;
    for (const auto k : all_op_kinds)
        if (in.settings.mix.weight(k))
            per_op += fmt::format("{}\n      {}: {{\"latency\": {}, \"errors\": {}}}", per_op.empty() ? "" : ",",
                                  json_string(op_name(k)), json_latency(rec.latency(k)), rec.errors(k));
    std::string by_host;
    for (const auto& [host, counts] : rec.errors_by_host())
        by_host += fmt::format("{}{}: {}", by_host.empty() ? "" : ", ", json_string(host), json_errors(counts));
    std::string first;
    for (const auto k : all_error_kinds)
        if (const auto& m = rec.first_messages()[static_cast<std::size_t>(k)]; !m.empty())
            first += fmt::format("{}{}: {}", first.empty() ? "" : ", ", json_string(error_name(k)), json_string(m));
    return fmt::format(
        "{{\n    \"seconds\": {},\n    \"ops\": {},\n    \"ops_per_s\": {},\n    \"latency\": {},\n"
        "    \"per_op\": {{{}\n    }},\n    \"errors\": {},\n    \"errors_by_host\": {{{}}},\n"
        "    \"first_errors\": {{{}}},\n    \"schedule\": {{\"open_loop\": {}, \"max_behind_ms\": {}, \"late_starts\": {}, "
        "\"starts\": {}, \"never_started\": {}, \"cpu_wait_ms\": {}}}\n  }}",
        json_number(out.seconds), all.count(),
        json_number(out.seconds > 0 ? static_cast<double>(all.count()) / out.seconds : 0.0), json_latency(all), per_op,
        json_errors(errors), by_host, first, out.open_loop ? "true" : "false", json_number(ns_to_ms(out.max_behind_ns)),
        out.late_starts, out.starts, out.never_started, json_number(ns_to_ms(out.cpu_wait_ns)));
}

std::string json_populate(const std::optional<populate_result>& p) {
    if (!p)
        return "null";
    return fmt::format(R"({{"rows": {}, "failed_rows": {}, "seconds": {}, "errors": {}, "first_error": {}}})", p->rows,
                       p->failed_rows, json_number(p->seconds), json_errors(p->errors), json_string(p->first_error));
}

}  // namespace

std::string interval_csv_header() {
    std::string h = "time_s,interval_s,ops,ops_per_s,p50_ms,p99_ms,p999_ms,max_ms,errors";
    for (const auto k : all_error_kinds)
        h += fmt::format(",{}", error_name(k));
    return h + ",behind_ms,late_starts,in_flight,cpu_wait_ms";
}

std::string interval_csv_row(const interval_row& r) {
    std::string line = fmt::format("{:.3f},{:.3f},{},{:.1f},{:.3f},{:.3f},{:.3f},{:.3f},{}", r.end_s, r.length_s, r.ops,
                                   r.ops_per_s(), ns_to_ms(r.p50_ns), ns_to_ms(r.p99_ns), ns_to_ms(r.p999_ns), ns_to_ms(r.max_ns),
                                   r.error_total());
    for (const auto n : r.errors)
        line += fmt::format(",{}", n);
    return line + fmt::format(",{:.3f},{},{},{:.3f}", ns_to_ms(r.behind_ns), r.late_starts, r.in_flight, ns_to_ms(r.cpu_wait_ns));
}

interval_csv::interval_csv(const std::string& path) : out_(path, std::ios::trunc) {
    if (!out_)
        throw std::runtime_error(fmt::format("cannot create {}", path));
    out_ << interval_csv_header() << '\n' << std::flush;
}

void interval_csv::append(const interval_row& row) { out_ << interval_csv_row(row) << '\n' << std::flush; }

std::vector<std::string> write_run_files(const std::string& dir, const run_files_input& in) {
    std::vector<std::string> written;
    std::string intervals;
    for (const auto& r : in.outcome.intervals)
        intervals += fmt::format("{}\n    {}", intervals.empty() ? "" : ",", json_interval(r));
    std::string notes;
    for (const auto& n : in.schema_notes)
        notes += fmt::format("{}{}", notes.empty() ? "" : ", ", json_string(n));
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    const std::string json = fmt::format(
        "{{\n  \"mode\": \"run\",\n  \"time\": {},\n  \"settings\": {},\n  \"schema\": [{}],\n  \"populate\": {},\n"
        "  \"intervals\": [{}\n  ],\n  \"summary\": {}\n}}\n",
        json_string(fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now))), json_settings(in.settings), notes,
        json_populate(in.populated), intervals, json_summary(in));
    written.push_back(dir + "/run.json");
    write_file(written.back(), json);

    written.push_back(dir + "/latency.hgrm");
    write_file(written.back(), percentile_distribution(in.recorder.all_latency()));
    for (const auto k : all_op_kinds)
        if (in.recorder.latency(k).count()) {
            written.push_back(fmt::format("{}/latency-{}.hgrm", dir, op_name(k)));
            write_file(written.back(), percentile_distribution(in.recorder.latency(k)));
        }
    return written;
}

}  // namespace cppcassa::bench
