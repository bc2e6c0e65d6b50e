#include "run_peer_results.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace cppcassa::bench {

namespace {

// The next field of `rest` up to a space; `rest` moves past it.
std::string_view next_field(std::string_view& rest) {
    const std::size_t space = std::min(rest.find(' '), rest.size());
    const std::string_view field = rest.substr(0, space);
    rest.remove_prefix(std::min(space + 1, rest.size()));
    return field;
}

std::uint64_t number_field(std::string_view& rest, std::string_view what) {
    const std::string_view field = next_field(rest);
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (field.empty() || ec != std::errc() || end != field.data() + field.size())
        throw std::invalid_argument(fmt::format("{} '{}' is not a whole number", what, field));
    return v;
}

std::optional<error_kind> kind_named(std::string_view name) {
    for (const auto k : all_error_kinds)
        if (error_name(k) == name)
            return k;
    return std::nullopt;
}

std::uint64_t us_to_ns(std::uint64_t us) { return us * 1000; }

}  // namespace

peer_op_result parse_result_line(std::string_view line) {
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    std::string_view rest = line;
    peer_op_result r;
    r.index = number_field(rest, "INDEX");
    r.intended_us = number_field(rest, "INTENDED");
    r.start_us = number_field(rest, "START");
    r.end_us = number_field(rest, "END");
    const std::string_view status = next_field(rest);
    if (status == "ok")
        return r;
    r.error = kind_named(status);
    if (!r.error)
        throw std::invalid_argument(fmt::format("'{}' is neither ok nor an error kind (timeout, unavailable, "
                                                "client_timeout, connection, no_server_available, other)",
                                                status));
    const std::string_view host = next_field(rest);
    if (host != "-")
        r.host = host;
    r.message = rest;
    return r;
}

peer_results read_peer_results(std::istream& in) {
    peer_results out;
    std::string line;
    for (std::uint64_t n = 1; std::getline(in, line); ++n) {
        if (line.empty())
            continue;
        if (line.starts_with("# run_cpu_s ")) {
            char* end = nullptr;
            const double v = std::strtod(line.c_str() + 12, &end);
            if (end == line.c_str() + 12 || !(v >= 0))
                throw std::invalid_argument(fmt::format("line {}: run_cpu_s is not a number of seconds (\"{}\")", n, line));
            out.run_cpu_s = v;
            continue;
        }
        if (line.starts_with('#'))
            continue;
        try {
            out.ops.push_back(parse_result_line(line));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(fmt::format("line {}: {} (\"{}\")", n, e.what(), line));
        }
    }
    return out;
}

replayed_run replay_peer_results(std::vector<peer_op_result> results, const std::vector<op_kind>& kinds,
                                 const replay_settings& s) {
    replayed_run run;
    run_outcome& out = run.outcome;
    out.open_loop = s.open_loop;
    out.started = results.size();
    out.never_started = s.open_loop && s.planned > results.size() ? s.planned - results.size() : 0;
    if (kinds.empty())
        throw std::invalid_argument("the plan has no operation");

    // Operations in the order they ended feed the intervals; the starts, in their own order,
    // give each interval's punctuality and what was in flight when it closed.
    std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) { return a.end_us < b.end_us; });
    std::vector<const peer_op_result*> by_start;
    by_start.reserve(results.size());
    for (const auto& r : results)
        by_start.push_back(&r);
    std::sort(by_start.begin(), by_start.end(), [](const auto* a, const auto* b) { return a->start_us < b->start_us; });

    const std::uint64_t interval_us = static_cast<std::uint64_t>(s.interval.count()) * 1000;
    const std::uint64_t end_of_run_us = static_cast<std::uint64_t>(s.duration.count()) * 1000;
    const std::uint64_t last_end_us = results.empty() ? end_of_run_us : results.back().end_us;
    const auto late_after_us = static_cast<std::uint64_t>(late_after_ms * 1000);

    std::size_t next_end = 0;    // into results (by end)
    std::size_t next_start = 0;  // into by_start
    std::uint64_t interval_start_us = 0;
    auto close_at = [&](std::uint64_t at_us) {
        for (; next_end < results.size() && results[next_end].end_us <= at_us; ++next_end) {
            const auto& r = results[next_end];
            const op_kind kind = kinds[r.index % kinds.size()];
            if (r.error)
                run.recorder.failure(kind, classified_error{.kind = *r.error, .message = r.message}, r.host);
            else
                run.recorder.success(kind, us_to_ns(r.end_us - std::min(r.intended_us, r.end_us)));
        }
        interval_timing timing;
        for (; next_start < by_start.size() && by_start[next_start]->start_us <= at_us; ++next_start) {
            const auto& r = *by_start[next_start];
            const std::uint64_t behind = r.start_us - std::min(r.intended_us, r.start_us);
            timing.behind_ns = std::max(timing.behind_ns, us_to_ns(behind));
            timing.late_starts += behind > late_after_us ? 1 : 0;
            ++timing.starts;
        }
        // Started by now minus ended by now.
        timing.in_flight = next_start - std::min(next_start, next_end);
        out.max_behind_ns = std::max(out.max_behind_ns, timing.behind_ns);
        out.late_starts += timing.late_starts;
        out.starts += timing.starts;
        out.intervals.push_back(run.recorder.close_interval(static_cast<double>(at_us) / 1e6,
                                                            static_cast<double>(at_us - interval_start_us) / 1e6,
                                                            timing));
        interval_start_us = at_us;
    };
    // As in drive_run: the tick at or just after the end is skipped, so the interval reaching the
    // end closes with the last replies instead of leaving a sliver.
    for (std::uint64_t tick = interval_us; interval_us && tick < last_end_us; tick += interval_us)
        if (tick < end_of_run_us || tick >= end_of_run_us + interval_us)
            close_at(tick);
    close_at(std::max(last_end_us, interval_start_us));
    out.seconds = static_cast<double>(last_end_us) / 1e6;
    return run;
}

}  // namespace cppcassa::bench
