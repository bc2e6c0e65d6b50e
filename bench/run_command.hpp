// `cppcassa-bench run [options]`: cppcassa against the user's own cluster (run_settings.hpp
// lists the flags). Returns the process's exit code: 0, 1 when the run could not start (no
// schema, no server), 2 for bad flags, 130 when interrupted.
#pragma once

#include <span>
#include <string_view>

namespace cppcassa::bench {

int run_command(std::span<const std::string_view> args);

}  // namespace cppcassa::bench
