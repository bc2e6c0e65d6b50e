// What `cppcassa-bench run` measured: per interval (--interval), the operations that succeeded,
// their latency percentiles, the errors by kind and how punctual the starts were; over the whole
// run, each operation's latency histogram and the errors by kind and server. Sans-io: the
// driver hands it each outcome and closes an interval when its ticker fires.
#pragma once

#include "error_kind.hpp"
#include "histogram.hpp"
#include "op_mix.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace cppcassa::bench {

// One interval: one line on stdout, one row of the CSV.
struct interval_row {
    double end_s = 0;     // since the run started
    double length_s = 0;  // the last one may be shorter
    std::uint64_t ops = 0;  // operations that succeeded
    // Latency of those operations, from their intended start (open loop) or actual start.
    std::uint64_t p50_ns = 0;
    std::uint64_t p99_ns = 0;
    std::uint64_t p999_ns = 0;
    std::uint64_t max_ns = 0;
    std::array<std::uint64_t, error_kind_count> errors{};
    // Open loop: the latest any operation started after its intended time, and how many started
    // more than the schedule's late threshold after it.
    std::uint64_t behind_ns = 0;
    std::uint64_t late_starts = 0;
    std::uint64_t starts = 0;
    std::size_t in_flight = 0;  // when the interval closed
    // How long the client's thread waited for a CPU during the interval (cpu_wait.hpp).
    std::uint64_t cpu_wait_ns = 0;

    [[nodiscard]] double ops_per_s() const { return length_s > 0 ? static_cast<double>(ops) / length_s : 0.0; }
    [[nodiscard]] std::uint64_t error_total() const {
        std::uint64_t n = 0;
        for (const auto e : errors)
            n += e;
        return n;
    }
};

// How punctual the interval's starts were (from rate_schedule::take_lateness).
struct interval_timing {
    std::uint64_t behind_ns = 0;
    std::uint64_t late_starts = 0;
    std::uint64_t starts = 0;
    std::size_t in_flight = 0;
    std::uint64_t cpu_wait_ns = 0;
};

using error_counts = std::array<std::uint64_t, error_kind_count>;

class run_recorder {
public:
    void success(op_kind k, std::uint64_t latency_ns);
    // `host`: the server of the operation's last attempt; empty when none was tried.
    void failure(op_kind k, const classified_error& e, const std::string& host);

    // Closes the interval ending `end_s` seconds into the run, `length_s` long.
    interval_row close_interval(double end_s, double length_s, const interval_timing& timing);

    [[nodiscard]] const histogram& latency(op_kind k) const { return total_[static_cast<std::size_t>(k)]; }
    // Every operation's latency together.
    [[nodiscard]] histogram all_latency() const;
    [[nodiscard]] std::uint64_t errors(op_kind k) const { return errors_[static_cast<std::size_t>(k)]; }
    // Errors by server ("host:port", or "(none)" when nothing was sent) and kind.
    [[nodiscard]] const std::map<std::string, error_counts>& errors_by_host() const { return by_host_; }
    // The first message seen of each kind, to say what the errors were.
    [[nodiscard]] const std::array<std::string, error_kind_count>& first_messages() const { return first_message_; }

private:
    histogram interval_;
    std::uint64_t interval_ops_ = 0;
    error_counts interval_errors_{};
    std::array<histogram, all_op_kinds.size()> total_;
    std::array<std::uint64_t, all_op_kinds.size()> errors_{};
    std::map<std::string, error_counts> by_host_;
    std::array<std::string, error_kind_count> first_message_;
};

}  // namespace cppcassa::bench
