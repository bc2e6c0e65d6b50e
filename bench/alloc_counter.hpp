// Heap allocations made by this process, counted by the bench binary's own global operator new
// and aligned_alloc (alloc_counter.cpp): the library allocates through operator new, and so do
// Apache's generated client and the standard containers; Asio's coroutine frames and operation
// states, when its per-thread cache misses, through aligned_alloc. Plain malloc calls from C
// code are not seen.
#pragma once

#include <cstdint>

namespace cppcassa::bench {

// operator new and aligned_alloc calls so far, every thread but those that opted out.
std::uint64_t allocations() noexcept;
// Counts one allocation made outside operator new.
void count_allocation() noexcept;

// While alive, allocations on this thread are not counted: an in-process server (the null
// server, the echo of the syscall floor) is not the client being measured.
class uncounted_thread {
public:
    uncounted_thread() noexcept;
    ~uncounted_thread();
    uncounted_thread(const uncounted_thread&) = delete;
    uncounted_thread& operator=(const uncounted_thread&) = delete;

private:
    bool was_;
};

}  // namespace cppcassa::bench
