// Runs bench/python_peer.py for one round and reads back its JSON line: the Python peer lives in
// its own process (its own GIL, its own CPU and RSS), spawned per round so that rounds still
// alternate with the in-process clients.
#pragma once

#include "client_round.hpp"

#include <string>
#include <vector>

namespace cppcassa::bench {

// The interpreter: $CPPCASSA_BENCH_PYTHON, else Debian's /usr/bin/python3 (the python3-thrift
// one, with fastbinary), never whatever python3 is first on PATH.
std::string python_interpreter();

// The python_peer.py path and the directory `thrift --gen py` wrote the Cassandra module into.
std::string python_peer_script();
std::string python_generated_dir();

// Runs the peer with `args` (its flags, without --duration/--ops, added from `limit`) and
// returns its round; throws std::runtime_error when it fails or reports an error.
client_round run_python_round(const std::vector<std::string>& args, const round_limit& limit,
                              const std::string& label);

}  // namespace cppcassa::bench
