// The live progress line: while a round runs, one line on stderr rewritten in place (ops done,
// ops/s, p99 so far) when stderr is a terminal; nothing otherwise, so logs and CI output stay clean.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cppcassa::bench {

class progress {
public:
    // Whether stderr is a terminal (checked once).
    static bool enabled();
    // Rewrites the line: "<label>: <ops> ops, <ops/s> ops/s, p99 <p99>".
    static void show(std::string_view label, std::uint64_t ops, double seconds, std::optional<std::uint64_t> p99_ns);
    // Erases the line (before a round's summary is printed).
    static void clear();
};

}  // namespace cppcassa::bench
