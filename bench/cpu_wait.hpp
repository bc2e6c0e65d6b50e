// How long the calling thread has waited for a CPU while it was ready to run: the second field
// of Linux's /proc/thread-self/schedstat (run-queue delay, ns). When a run falls behind its
// schedule with few operations in flight, this tells a busy machine (the client could not get a
// CPU) from a slow client.
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>

namespace cppcassa::bench {

// Nothing where the kernel does not keep schedstats.
inline std::optional<std::uint64_t> thread_cpu_wait_ns() {
    std::ifstream f("/proc/thread-self/schedstat");
    std::uint64_t on_cpu = 0, waiting = 0;
    if (!(f >> on_cpu >> waiting))
        return std::nullopt;
    return waiting;
}

}  // namespace cppcassa::bench
