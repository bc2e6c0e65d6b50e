// Which Cassandra line the integration tests run against, so a test expects what that line does:
// the release node 1 runs as the launcher's `status` reports it, or the embedded server's (which
// mirrors 3.11). Read once per process.
#pragma once

#include "support/launcher.hpp"

#include <cppcassa/server_version.hpp>
#include <cppcassa/testing/cluster.hpp>

#include <sstream>
#include <stdexcept>
#include <string>

namespace cppcassa::test {

namespace server_line_detail {
// Node 1's line of `cassandra.sh status`: "1  127.0.0.1  up  pid 1234  2.0.17"; its last word.
inline cppcassa::version_number read_release() {
    if (cppcassa::testing::embedded_backend_requested())
        return {3, 11, 0};
    std::istringstream lines(run_launcher("status"));
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string name, word, last;
        words >> name;
        if (name != "1")
            continue;
        while (words >> word)
            last = word;
        if (const auto release = cppcassa::version_number::parse(last))
            return *release;
    }
    throw std::runtime_error("cassandra.sh status names no release for node 1: start it with scripts/cassandra.sh");
}
}  // namespace server_line_detail

// The release the server runs (3.11.0 for the embedded server).
inline const cppcassa::version_number& server_release() {
    static const auto release = server_line_detail::read_release();
    return release;
}

// True when the server runs line major.minor or a later one.
inline bool server_at_least(int major, int minor) {
    return server_release() >= cppcassa::version_number{major, minor, 0};
}

// What describe_version answers: 19.39.0 on 2.0.17 and 2.1, 20.1.0 from 2.2 on.
inline std::string expected_api_version() { return server_at_least(2, 2) ? "20.1.0" : "19.39.0"; }

}  // namespace cppcassa::test
