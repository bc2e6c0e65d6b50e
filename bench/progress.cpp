#include "progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <cstdio>

namespace cppcassa::bench {

bool progress::enabled() {
    static const bool tty = isatty(STDERR_FILENO) == 1;
    return tty;
}

void progress::show(std::string_view label, std::uint64_t ops, double seconds, std::optional<std::uint64_t> p99_ns) {
    if (!enabled())
        return;
    std::string line = fmt::format("{}: {} ops, {:.0f} ops/s", label, ops, seconds > 0 ? ops / seconds : 0.0);
    if (p99_ns)
        line += fmt::format(", p99 {:.1f} us", static_cast<double>(*p99_ns) / 1e3);
    // \r then erase to the end of the line: a shorter line leaves no tail of the previous one.
    fmt::print(stderr, "\r{}\x1b[K", line);
    std::fflush(stderr);
}

void progress::clear() {
    if (!enabled())
        return;
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
}

}  // namespace cppcassa::bench
