// What a client costs besides time: CPU (getrusage), heap allocations (alloc_counter.hpp) and
// peak RSS, sampled around each measured round and summed over a client's rounds.
#pragma once

#include "alloc_counter.hpp"
#include "report.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

#include <cstdint>
#include <optional>

namespace cppcassa::bench {

inline double seconds_of(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

// User + system CPU seconds of the whole process (every thread: the peers' threads too).
inline double process_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
}

// User + system CPU seconds of the calling thread only.
inline double thread_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_THREAD, &ru);
    return seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
}

// CPU seconds of another thread of this process (the in-process servers', to subtract them).
inline double thread_cpu_seconds(pthread_t thread) {
    clockid_t id{};
    if (pthread_getcpuclockid(thread, &id) != 0)
        return 0;
    timespec ts{};
    clock_gettime(id, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// The process's peak resident set so far (ru_maxrss: kilobytes on Linux).
inline std::uint64_t peak_rss_kb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<std::uint64_t>(ru.ru_maxrss);
}

struct cost_sample {
    double cpu_s = 0;
    std::uint64_t allocs = 0;
};

inline cost_sample sample_cost() { return {process_cpu_seconds(), allocations()}; }

// A client's cost over its measured rounds: call add() once per round with the samples taken
// right before and after it.
struct cost_total {
    double cpu_s = 0;
    std::uint64_t allocs = 0;
    std::uint64_t ops = 0;
    bool allocs_known = true;

    // `excluded_cpu_s`: CPU the process spent in the round that was not the client's (an
    // in-process server thread), taken off the process figure.
    void add(const cost_sample& before, const cost_sample& after, std::uint64_t round_ops,
             double excluded_cpu_s = 0) {
        cpu_s += after.cpu_s - before.cpu_s - excluded_cpu_s;
        allocs += after.allocs - before.allocs;
        ops += round_ops;
    }
    // A round run in another process (the Python peer): its own CPU, allocations unknown.
    void add_external(double round_cpu_s, std::uint64_t round_ops) {
        cpu_s += round_cpu_s;
        ops += round_ops;
        allocs_known = false;
    }

    // Fills the row's cost columns (CPU seconds per million operations is µs per operation).
    void apply(row& r, std::optional<std::uint64_t> rss_kb = std::nullopt) const {
        if (ops == 0)
            return;
        r.cpu_s_per_mop = cpu_s * 1e6 / static_cast<double>(ops);
        if (allocs_known)
            r.allocs_per_op = static_cast<double>(allocs) / static_cast<double>(ops);
        r.peak_rss_kb = rss_kb ? *rss_kb : peak_rss_kb();
    }
};

}  // namespace cppcassa::bench
