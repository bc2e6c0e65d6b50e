#include "run_recorder.hpp"

namespace cppcassa::bench {

void run_recorder::success(op_kind k, std::uint64_t latency_ns) {
    interval_.record(latency_ns);
    ++interval_ops_;
    total_[static_cast<std::size_t>(k)].record(latency_ns);
}

void run_recorder::failure(op_kind k, const classified_error& e, const std::string& host) {
    const auto kind = static_cast<std::size_t>(e.kind);
    ++interval_errors_[kind];
    ++errors_[static_cast<std::size_t>(k)];
    ++by_host_[host.empty() ? "(none)" : host][kind];
    if (first_message_[kind].empty())
        first_message_[kind] = e.message;
}

interval_row run_recorder::close_interval(double end_s, double length_s, const interval_timing& timing) {
    interval_row row{.end_s = end_s,
                     .length_s = length_s,
                     .ops = interval_ops_,
                     .p50_ns = interval_.quantile(0.5),
                     .p99_ns = interval_.quantile(0.99),
                     .p999_ns = interval_.quantile(0.999),
                     .max_ns = interval_.max(),
                     .errors = interval_errors_,
                     .behind_ns = timing.behind_ns,
                     .late_starts = timing.late_starts,
                     .starts = timing.starts,
                     .in_flight = timing.in_flight,
                     .cpu_wait_ns = timing.cpu_wait_ns};
    interval_.reset();
    interval_ops_ = 0;
    interval_errors_ = {};
    return row;
}

histogram run_recorder::all_latency() const {
    histogram all;
    for (const auto& h : total_)
        all.merge(h);
    return all;
}

}  // namespace cppcassa::bench
