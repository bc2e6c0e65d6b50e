// Asks scripts/cassandra.sh (path in CPPCASSA_LAUNCHER, set by CTest) about the nodes it started.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace cppcassa::test {

namespace launcher_detail {
struct run_result {
    std::string output;
    int status;  // as pclose returns it
};

inline run_result run(const std::string& arguments, const char* redirect) {
    const char* launcher = std::getenv("CPPCASSA_LAUNCHER");
    if (!launcher)
        throw std::runtime_error("CPPCASSA_LAUNCHER is not set: run the tests through ctest");
    const std::string command = std::string("bash '") + launcher + "' " + arguments + " " + redirect;
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    std::string output;
    char chunk[256];
    while (std::fgets(chunk, sizeof chunk, pipe))
        output += chunk;
    const int status = ::pclose(pipe);
    while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
        output.pop_back();
    return {std::move(output), status};
}
}  // namespace launcher_detail

// The launcher's standard output; its exit status and standard error are ignored.
inline std::string run_launcher(const std::string& arguments) {
    return launcher_detail::run(arguments, "2>/dev/null").output;
}

// The launcher's output (standard error included); throws with that output when it fails, so
// a node that did not come back is a test failure that says why.
inline std::string run_launcher_or_throw(const std::string& arguments) {
    auto result = launcher_detail::run(arguments, "2>&1");
    if (result.status == -1 || !WIFEXITED(result.status) || WEXITSTATUS(result.status) != 0)
        throw std::runtime_error("cassandra.sh " + arguments + " failed: " + result.output);
    return std::move(result.output);
}

// The pid of node N (1-based) as the launcher recorded it, or 0 when it knows none.
inline int launcher_pid(int node) {
    const std::string text = run_launcher("pid " + std::to_string(node));
    return text.empty() ? 0 : std::atoi(text.c_str());
}

// The loopback /24 of the launcher's cluster: CPPCASSA_NET as scripts/cassandra.sh reads it
// (default 127.0.0), so cluster tests can run against a second cluster beside the default one.
inline std::string node_net() {
    const char* net = std::getenv("CPPCASSA_NET");
    return net && *net ? net : "127.0.0";
}

// The address of node N (1-based) of the launcher's cluster: "<net>.N".
inline std::string node_host(int node) {
    return node_net() + "." + std::to_string(node);
}

}  // namespace cppcassa::test
