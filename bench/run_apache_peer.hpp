// The apache-sync peer of `cppcassa-bench run --peers` (`cppcassa-bench run-peer apache-sync
// PROFILE`): Apache Thrift's generated C++ CassandraClient, blocking, one connection per thread,
// running the plan of bench/run_peers/README.md. It lives in this binary because the bench
// already builds Apache's generated client for its other workloads.
#pragma once

#include <string>

namespace cppcassa::bench {

// Runs the profile at `profile_path`; returns the exit code (0, or 1 with a message on stderr).
int run_apache_peer(const std::string& profile_path);

}  // namespace cppcassa::bench
