// Asks scripts/cassandra.sh (path in CPPCASSA_LAUNCHER, set by CTest) about the nodes it started.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace cppcassa::test {

inline std::string run_launcher(const std::string& arguments) {
    const char* launcher = std::getenv("CPPCASSA_LAUNCHER");
    if (!launcher)
        throw std::runtime_error("CPPCASSA_LAUNCHER is not set: run the tests through ctest");
    const std::string command = std::string("bash '") + launcher + "' " + arguments + " 2>/dev/null";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    std::string output;
    char chunk[256];
    while (std::fgets(chunk, sizeof chunk, pipe))
        output += chunk;
    ::pclose(pipe);
    while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
        output.pop_back();
    return output;
}

// The pid of node N (1-based) as the launcher recorded it, or 0 when it knows none.
inline int launcher_pid(int node) {
    const std::string text = run_launcher("pid " + std::to_string(node));
    return text.empty() ? 0 : std::atoi(text.c_str());
}

}  // namespace cppcassa::test
