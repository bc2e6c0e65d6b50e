// The workload families of cppcassa-bench. Each is one subcommand, in its own file, registered
// in main.cpp. A workload measures cppcassa and its peers in the same run, alternating rounds,
// and hands a report (report.hpp) back to be printed and saved.
#pragma once

#include "options.hpp"
#include "report.hpp"

#include <span>
#include <string_view>

namespace cppcassa::bench {

struct workload {
    std::string_view name;
    // One line for `cppcassa-bench --help`.
    std::string_view summary;
    // The workload's own flags (without "--"), each with its help text.
    std::span<const std::pair<std::string_view, std::string_view>> flags;
    report (*run)(const options&);
};

// codec_bench.cpp: our codec against Apache's generated code, in memory, no server.
report run_codec(const options&);
// pipeline_bench.cpp: get_slice on one connection, one at a time vs pipelined vs Apache's client.
report run_pipeline(const options&);
// routing_bench.cpp: round-robin vs token-aware pool, one-coordinator multiget vs fan-out (3 nodes).
report run_routing(const options&);
// client_bench.cpp: one client operation on real Cassandra, cppcassa vs Apache's C++ client vs Python's.
report run_insert(const options&);
report run_get(const options&);
report run_multiget(const options&);
report run_mixed(const options&);
report run_range(const options&);
// null_bench.cpp: the clients against an in-process null server, and the syscall floor.
report run_null(const options&);
// scaling_bench.cpp: each client's best configuration, one case per size (cppcassa connections,
// peer threads), with the size reaching 90 % of each peak.
report run_scaling(const options&);
// batch_bench.cpp: batch ingest with queue_size 1, 10, 100, 1000: cppcassa::batch vs Apache's client vs
// Python's, each with pycassa's Mutator semantics (needs Cassandra).
report run_batch(const options&);
// tls_bench.cpp: the same cppcassa pool in plaintext and over TLS (pool_config::tls), get and
// insert, against the plain node and the launcher's TLS node.
report run_tls(const options&);

}  // namespace cppcassa::bench
