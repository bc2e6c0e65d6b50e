// cppcassa built for the other Asio backend (epoll or io_uring), measured beside this build in
// the same run.
//
// The backend is fixed when the library is compiled (include/cppcassa/detail/io_backend.hpp), so
// a process holds one: scripts/bench.sh builds the bench a second time for the other backend and
// names that binary with --other-backend. Each round of that peer is one run of the binary's
// `peer-round` mode with this run's workload, settings and seeds: it connects, warms up, runs one
// round of the cppcassa client and prints the round as a JSON line (peer_process.hpp).
#pragma once

#include "client_round.hpp"
#include "client_settings.hpp"
#include "options.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cppcassa::bench {

// "epoll" or "io_uring": what this binary was built for.
std::string_view this_backend();
// What `binary` (another cppcassa-bench) was built for, from its `--io-backend`.
std::string backend_of(const std::string& binary);

// --other-backend PATH, when given.
std::optional<std::string> other_backend_binary(const options& opts);

// One round of the other binary, with `seed` for its keys and `warmup` before it.
client_round run_other_backend_round(const std::string& binary, const client_settings& s, const options& opts,
                                     std::uint64_t seed, std::chrono::milliseconds warmup, const round_limit& limit,
                                     const std::string& label);

// `cppcassa-bench peer-round <workload> [its options] --peer-seed N --peer-warmup S`: warms up,
// runs one round of the cppcassa client and prints it as a JSON line; {"error": ...} on failure.
int run_peer_round(std::string_view workload, const options& opts, std::uint64_t seed,
                   std::chrono::milliseconds warmup);

}  // namespace cppcassa::bench
