// The bench binary's global operator new and delete: malloc and free, plus one relaxed atomic
// increment per allocation, so "allocations per operation" is measured, not guessed. Linked into
// cppcassa-bench only; the library and the tests keep the standard ones.
//
// aligned_alloc is counted too: Asio allocates coroutine frames and operation states with it
// (asio::detail::aligned_new) whenever its small per-thread cache has no block to recycle, and
// those allocations are as much the library's cost as operator new's.
#include "alloc_counter.hpp"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace cppcassa::bench {
namespace {

std::atomic<std::uint64_t> count{0};
thread_local bool excluded = false;

void counted() noexcept {
    if (!excluded)
        count.fetch_add(1, std::memory_order_relaxed);
}

void* allocate(std::size_t n) {
    counted();
    // malloc(0) may return null; operator new must not.
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}

void* allocate_aligned(std::size_t n, std::align_val_t al) {
    counted();
    const auto a = static_cast<std::size_t>(al);
    // aligned_alloc wants a size that is a multiple of the alignment.
    const std::size_t rounded = n ? (n + a - 1) / a * a : a;
    if (void* p = ::memalign(a, rounded))
        return p;
    throw std::bad_alloc();
}

}  // namespace

void count_allocation() noexcept { counted(); }

std::uint64_t allocations() noexcept { return count.load(std::memory_order_relaxed); }

uncounted_thread::uncounted_thread() noexcept : was_(excluded) { excluded = true; }
uncounted_thread::~uncounted_thread() { excluded = was_; }

}  // namespace cppcassa::bench

// The program's aligned_alloc (the C library's is not called through the PLT by the library
// itself, so defining it here reaches every caller in this executable, Asio included).
// memalign is the same allocation for the power-of-two alignments aligned_alloc accepts.
extern "C" void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
    cppcassa::bench::count_allocation();
    return ::memalign(alignment, size);
}

using cppcassa::bench::allocate;
using cppcassa::bench::allocate_aligned;

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new(std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    try {
        return allocate_aligned(n, a);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    try {
        return allocate_aligned(n, a);
    } catch (...) {
        return nullptr;
    }
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
