// Per-call settings that override the connection's defaults.
#pragma once

#include <chrono>
#include <optional>

namespace cppcassa {

struct call_options {
    // Time allowed from sending this call to its reply; unset: the connection's call_timeout.
    // Zero: no limit.
    std::optional<std::chrono::milliseconds> timeout{};
};

}  // namespace cppcassa
