#include "report.hpp"

#include "json.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace cppcassa::bench {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    if (n == 0)
        return 0;
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

namespace {

const row* find_row(const case_result& c, const std::string& client) {
    for (const auto& r : c.rows)
        if (r.client == client)
            return &r;
    return nullptr;
}

std::string human_ns(std::uint64_t ns) {
    if (ns < 10'000)
        return fmt::format("{} ns", ns);
    if (ns < 10'000'000)
        return fmt::format("{:.1f} us", static_cast<double>(ns) / 1e3);
    return fmt::format("{:.1f} ms", static_cast<double>(ns) / 1e6);
}

// Counts as integers, ops/s without decimals, ratios and CPU figures with two.
std::string summary_number(double v) {
    if (v >= 1000 || v == std::floor(v))
        return fmt::format("{:.0f}", v);
    return fmt::format("{:.2f}", v);
}

}  // namespace

void print_table(const report& r) {
    const bool any_latency = std::any_of(r.cases.begin(), r.cases.end(), [](const case_result& c) {
        return std::any_of(c.rows.begin(), c.rows.end(), [](const row& x) { return x.latency.has_value(); });
    });
    std::size_t case_w = 4, client_w = 6;
    for (const auto& c : r.cases) {
        case_w = std::max(case_w, c.name.size());
        for (const auto& x : c.rows)
            client_w = std::max(client_w, x.client.size() + 2);
    }
    fmt::print("\n{} ({})\n", r.workload, [&] {
        std::string p;
        for (const auto& [k, v] : r.params)
            p += fmt::format("{}{}={}", p.empty() ? "" : ", ", k, v);
        return p;
    }());
    const bool any_cost = std::any_of(r.cases.begin(), r.cases.end(), [](const case_result& c) {
        return std::any_of(c.rows.begin(), c.rows.end(), [](const row& x) { return x.cpu_s_per_mop.has_value(); });
    });
    const bool any_wire = std::any_of(r.cases.begin(), r.cases.end(), [](const case_result& c) {
        return std::any_of(c.rows.begin(), c.rows.end(), [](const row& x) { return x.wire_bytes_per_op.has_value(); });
    });
    std::string header = fmt::format("{:<{}}  {:<{}}  {:>12}  {:>9}  {:>10}", "case", case_w, "client", client_w,
                                     "ops/s", "MB/s", "ns/op");
    if (any_latency)
        header += fmt::format("  {:>9}  {:>9}  {:>9}", "p50", "p99", "p99.9");
    if (any_cost)
        header += fmt::format("  {:>9}  {:>9}  {:>7}", "cpu s/Mop", "allocs/op", "rss MB");
    if (any_wire)
        header += fmt::format("  {:>8}", "wire B/op");
    header += fmt::format("  {:>9}", "base/row");
    fmt::print("{}\n{}\n", header, std::string(header.size(), '-'));
    for (const auto& c : r.cases) {
        const row* base = find_row(c, c.baseline);
        for (const auto& x : c.rows) {
            const bool is_base = x.client == c.baseline;
            std::string line = fmt::format(
                "{:<{}}  {:<{}}  {:>12.0f}  {:>9}  {:>10.1f}", c.name, case_w,
                is_base ? x.client + " *" : x.client, client_w, x.ops_per_s,
                x.bytes_per_op ? fmt::format("{:.1f}", x.ops_per_s * static_cast<double>(x.bytes_per_op) / 1e6) : "-",
                x.ops_per_s > 0 ? 1e9 / x.ops_per_s : 0.0);
            if (any_latency) {
                if (x.latency)
                    line += fmt::format("  {:>9}  {:>9}  {:>9}", human_ns(x.latency->p50_ns),
                                        human_ns(x.latency->p99_ns), human_ns(x.latency->p999_ns));
                else
                    line += fmt::format("  {:>9}  {:>9}  {:>9}", "-", "-", "-");
            }
            if (any_cost) {
                line += fmt::format("  {:>9}", x.cpu_s_per_mop ? fmt::format("{:.2f}", *x.cpu_s_per_mop) : "-");
                line += fmt::format("  {:>9}", x.allocs_per_op ? fmt::format("{:.1f}", *x.allocs_per_op) : "-");
                line += fmt::format("  {:>7}",
                                    x.peak_rss_kb ? fmt::format("{:.0f}", static_cast<double>(*x.peak_rss_kb) / 1024)
                                                  : "-");
            }
            if (any_wire)
                line += fmt::format("  {:>9}", x.wire_bytes_per_op ? fmt::format("{:.0f}", *x.wire_bytes_per_op) : "-");
            if (base && x.ops_per_s > 0)
                line += fmt::format("  {:>8.2f}x", base->ops_per_s / x.ops_per_s);
            fmt::print("{}\n", line);
        }
    }
    fmt::print("(* baseline; base/row = how many times faster the baseline is than that row; medians of {} "
               "rounds)\n",
               r.params.count("rounds") ? r.params.at("rounds") : "all");
    if (any_cost)
        fmt::print("(cpu s/Mop: client user+sys CPU seconds per million operations = CPU us per operation; "
                   "allocs/op: operator new calls per operation; rss MB: process peak RSS)\n");
    if (!r.summary.empty()) {
        std::size_t name_w = 0;
        for (const auto& g : r.summary)
            name_w = std::max(name_w, g.name.size());
        fmt::print("summary:\n");
        for (const auto& g : r.summary) {
            std::string line = fmt::format("  {:<{}}", g.name, name_w);
            for (const auto& [k, v] : g.values)
                line += fmt::format("  {} {}", k, summary_number(v));
            fmt::print("{}\n", line);
        }
    }
    for (const auto& n : r.notes)
        fmt::print("note: {}\n", n);
}

bool write_json(const report& r, const std::string& path) {
    std::string out = "{\n";
    out += fmt::format("  \"workload\": {},\n", json_string(r.workload));
    out += fmt::format("  \"time_utc\": {},\n",
                       json_string(fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                                               fmt::gmtime(std::chrono::system_clock::to_time_t(
                                                   std::chrono::system_clock::now())))));
    out += "  \"params\": {";
    bool first = true;
    for (const auto& [k, v] : r.params) {
        out += fmt::format("{}\n    {}: {}", first ? "" : ",", json_string(k), json_string(v));
        first = false;
    }
    out += "\n  },\n  \"cases\": [";
    for (std::size_t ci = 0; ci < r.cases.size(); ++ci) {
        const auto& c = r.cases[ci];
        const row* base = find_row(c, c.baseline);
        out += fmt::format("{}\n    {{\"name\": {}, \"baseline\": {}, \"rows\": [", ci ? "," : "", json_string(c.name),
                           json_string(c.baseline));
        for (std::size_t ri = 0; ri < c.rows.size(); ++ri) {
            const auto& x = c.rows[ri];
            out += fmt::format("{}\n      {{\"client\": {}, \"ops_per_s\": {}, \"ns_per_op\": {}", ri ? "," : "",
                               json_string(x.client), json_number(x.ops_per_s),
                               json_number(x.ops_per_s > 0 ? 1e9 / x.ops_per_s : 0));
            if (x.bytes_per_op)
                out += fmt::format(", \"bytes_per_op\": {}, \"mb_per_s\": {}", x.bytes_per_op,
                                   json_number(x.ops_per_s * static_cast<double>(x.bytes_per_op) / 1e6));
            if (base && x.ops_per_s > 0)
                out += fmt::format(", \"baseline_over_row\": {}", json_number(base->ops_per_s / x.ops_per_s));
            if (x.latency)
                out += fmt::format(", \"latency_ns\": {{\"p50\": {}, \"p99\": {}, \"p99.9\": {}, \"max\": {}}}",
                                   x.latency->p50_ns, x.latency->p99_ns, x.latency->p999_ns, x.latency->max_ns);
            if (x.cpu_s_per_mop)
                out += fmt::format(", \"cpu_s_per_mop\": {}", json_number(*x.cpu_s_per_mop));
            if (x.allocs_per_op)
                out += fmt::format(", \"allocs_per_op\": {}", json_number(*x.allocs_per_op));
            if (x.peak_rss_kb)
                out += fmt::format(", \"peak_rss_kb\": {}", *x.peak_rss_kb);
            if (x.wire_bytes_per_op)
                out += fmt::format(", \"wire_bytes_per_op\": {}", json_number(*x.wire_bytes_per_op));
            if (x.total_ops)
                out += fmt::format(", \"total_ops\": {}", x.total_ops);
            out += ", \"rounds_ops_per_s\": [";
            for (std::size_t i = 0; i < x.round_ops_per_s.size(); ++i)
                out += fmt::format("{}{}", i ? ", " : "", json_number(x.round_ops_per_s[i]));
            out += "]}";
        }
        out += "\n    ]}";
    }
    out += "\n  ],";
    if (!r.summary.empty()) {
        out += "\n  \"summary\": {";
        for (std::size_t gi = 0; gi < r.summary.size(); ++gi) {
            const auto& g = r.summary[gi];
            out += fmt::format("{}\n    {}: {{", gi ? "," : "", json_string(g.name));
            for (std::size_t vi = 0; vi < g.values.size(); ++vi)
                out += fmt::format("{}{}: {}", vi ? ", " : "", json_string(g.values[vi].first),
                                   json_number(g.values[vi].second));
            out += "}";
        }
        out += "\n  },";
    }
    out += "\n  \"notes\": [";
    for (std::size_t i = 0; i < r.notes.size(); ++i)
        out += fmt::format("{}\n    {}", i ? "," : "", json_string(r.notes[i]));
    out += "\n  ]\n}\n";

    std::error_code ec;
    const std::filesystem::path p(path);
    if (p.has_parent_path())
        std::filesystem::create_directories(p.parent_path(), ec);
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    if (!f || !(f << out) || !f.flush()) {
        fmt::print(stderr, "cppcassa-bench: cannot write {}\n", path);
        return false;
    }
    return true;
}

std::string default_json_path(const std::string& workload) {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    return fmt::format("{}/{}-{:%Y%m%dT%H%M%SZ}.json", CPPCASSA_BENCH_RESULTS_DIR, workload, fmt::gmtime(now));
}

}  // namespace cppcassa::bench
