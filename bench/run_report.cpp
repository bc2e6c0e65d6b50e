#include "run_report.hpp"

#include "histogram.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cppcassa::bench {

namespace {

std::string error_detail(const error_counts& errors) {
    std::string out;
    for (const auto k : all_error_kinds)
        if (const auto n = errors[static_cast<std::size_t>(k)])
            out += fmt::format("{}{}={}", out.empty() ? "" : " ", error_name(k), n);
    return out;
}

std::string latency_row(std::string_view name, const histogram& h, std::uint64_t errors, double seconds) {
    return fmt::format("{:<9} {:>10} {:>9.0f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>8}\n", name, h.count(),
                       seconds > 0 ? static_cast<double>(h.count()) / seconds : 0.0, ns_to_ms(h.quantile(0.5)),
                       ns_to_ms(h.quantile(0.9)), ns_to_ms(h.quantile(0.99)), ns_to_ms(h.quantile(0.999)), ns_to_ms(h.max()), errors);
}

std::string errors_table(const run_settings& s, const run_recorder& rec) {
    const auto& by_host = rec.errors_by_host();
    if (by_host.empty())
        return "errors: none\n";
    // The configured servers first, in order, then any other the pool reported.
    std::vector<std::string> hosts;
    for (const auto& h : s.hosts) {
        const bool has_port = h.starts_with('[') ? h.find("]:") != std::string::npos : h.find(':') != std::string::npos;
        hosts.push_back(has_port ? h : h + ":9160");
    }
    for (const auto& [h, counts] : by_host)
        if (std::find(hosts.begin(), hosts.end(), h) == hosts.end())
            hosts.push_back(h);
    std::size_t width = 8;
    for (const auto& h : hosts)
        width = std::max(width, h.size());
    std::string out = fmt::format("errors by kind and server:\n{:<20}", "kind");
    for (const auto& h : hosts)
        out += fmt::format(" {:>{}}", h, width);
    out += fmt::format(" {:>8}\n", "total");
    for (const auto k : all_error_kinds) {
        const auto i = static_cast<std::size_t>(k);
        std::uint64_t total = 0;
        std::string line = fmt::format("{:<20}", error_name(k));
        for (const auto& h : hosts) {
            const auto it = by_host.find(h);
            const std::uint64_t n = it == by_host.end() ? 0 : it->second[i];
            total += n;
            line += fmt::format(" {:>{}}", n, width);
        }
        if (total)
            out += line + fmt::format(" {:>8}\n", total);
    }
    for (const auto k : all_error_kinds)
        if (const auto& m = rec.first_messages()[static_cast<std::size_t>(k)]; !m.empty())
            out += fmt::format("  first {}: {}\n", error_name(k), m);
    return out;
}

std::string schedule_text(const run_settings& s, const run_outcome& out) {
    if (!out.open_loop)
        return fmt::format("closed loop: {} operations in flight; latency counts from each operation's actual start\n",
                           s.concurrency);
    const double behind = ns_to_ms(out.max_behind_ns);
    std::string text = fmt::format("open loop at {:.0f} ops/s: latency counts from each operation's intended start\n",
                                   *s.rate);
    const bool kept = behind <= behind_warning_ms && out.never_started == 0;
    text += fmt::format("{}: at most {:.1f} ms behind schedule; {} of {} operations started more than {:.0f} ms late{}\n",
                        kept ? "schedule kept" : "warning: the client could not keep the schedule", behind,
                        out.late_starts, out.starts, late_after_ms,
                        kept ? "" : " (their latency includes that wait)");
    if (!kept)
        text += fmt::format("  the client's thread waited {:.1f} ms in all for a CPU (other processes had it): a "
                            "large share of the lateness means a busy client machine, not a slow client\n",
                            ns_to_ms(out.cpu_wait_ns));
    if (out.never_started)
        text += fmt::format("warning: {} operations due before the end never started (the client was that far "
                            "behind): they are in no figure, so the percentiles above understate what callers at "
                            "this rate would have waited\n",
                            out.never_started);
    return text;
}

}  // namespace

std::string interval_header(bool open_loop) {
    return fmt::format("{:>8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>10}  {}", "time s", "ops/s", "p50 ms", "p99 ms",
                       "p99.9 ms", "max ms", "errors", open_loop ? "behind ms" : "in flight", "error kinds");
}

std::string interval_line(const interval_row& row, bool open_loop) {
    std::string line = fmt::format("{:>8.1f} {:>9.0f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>7}", row.end_s,
                                   row.ops_per_s(), ns_to_ms(row.p50_ns), ns_to_ms(row.p99_ns), ns_to_ms(row.p999_ns), ns_to_ms(row.max_ns),
                                   row.error_total());
    if (open_loop)
        line += fmt::format(" {:>10.1f}", ns_to_ms(row.behind_ns));
    else
        line += fmt::format(" {:>10}", row.in_flight);
    if (row.error_total())
        line += "  " + error_detail(row.errors);
    return line;
}

std::string schedule_warning(const interval_row& row) {
    if (ns_to_ms(row.behind_ns) <= behind_warning_ms)
        return {};
    return fmt::format("warning: at {:.1f} s the client was {:.1f} ms behind its schedule ({} of {} operations "
                       "started more than {:.0f} ms late, {} in flight, its thread waited {:.1f} ms for a CPU); their "
                       "latency counts from the intended start",
                       row.end_s, ns_to_ms(row.behind_ns), row.late_starts, row.starts, late_after_ms, row.in_flight,
                       ns_to_ms(row.cpu_wait_ns));
}

std::string summary_text(const run_settings& s, const run_outcome& out, const run_recorder& rec) {
    const histogram all = rec.all_latency();
    std::uint64_t errors = 0;
    for (const auto k : all_op_kinds)
        errors += rec.errors(k);
    const double done = static_cast<double>(all.count() + errors);
    std::string text = fmt::format(
        "\nsummary: {:.1f} s, {} operations succeeded ({:.0f} ops/s{}), {} failed ({:.3f} %)\n", out.seconds,
        all.count(), out.seconds > 0 ? static_cast<double>(all.count()) / out.seconds : 0.0,
        s.rate ? fmt::format(", target {:.0f}", *s.rate) : std::string(), errors,
        done > 0 ? 100.0 * static_cast<double>(errors) / done : 0.0);
    text += fmt::format("{:<9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8}\n", "op", "ok", "ops/s", "p50 ms",
                        "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
    for (const auto k : all_op_kinds)
        if (s.mix.weight(k))
            text += latency_row(op_name(k), rec.latency(k), rec.errors(k), out.seconds);
    text += latency_row("all", all, errors, out.seconds);
    text += schedule_text(s, out);
    text += errors_table(s, rec);
    return text;
}

}  // namespace cppcassa::bench
