// What the bench's run-mode tests ask of the flag parser (bench/run_settings.hpp): the settings
// a command line gives, or the message it is refused with.
#pragma once

#include "run_settings.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::bench::test {

inline run_settings parsed(std::vector<std::string_view> args) { return parse_run_args(args).settings; }

// The refusal's message, or "(accepted)".
inline std::string refusal(std::vector<std::string_view> args) {
    try {
        parse_run_args(args);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace cppcassa::bench::test
