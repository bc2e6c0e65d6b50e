// A peer measured in its own process (the Python client, cppcassa built for the other Asio
// backend): one run of a command per round, whose last line is a flat JSON object
//   {"ops": N, "seconds": S, "cpu_s": C, "max_rss_kb": K, "allocs": A, "hist": [index, count, ...]}
// ("allocs" optional; "error": "..." instead when the peer failed).
#pragma once

#include "client_round.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cppcassa::bench {

// One shell word.
std::string shell_quote(std::string_view s);

// Runs `argv` (quoted for the shell, the round's --duration or --ops appended) and returns the
// round it reports; `what` names the peer in errors ("the Python peer"). Throws
// std::runtime_error when it fails or reports an error.
client_round run_peer_process(const std::vector<std::string>& argv, const round_limit& limit,
                              const std::string& label, std::string_view what);

// The line a peer process prints at the end of its round, in the format above.
std::string peer_round_json(const client_round& m);

}  // namespace cppcassa::bench
