#include "python_runner.hpp"

#include "peer_process.hpp"

#include <cstdlib>

namespace cppcassa::bench {

std::string python_interpreter() {
    if (const char* p = std::getenv("CPPCASSA_BENCH_PYTHON"); p && *p)
        return p;
    return "/usr/bin/python3";
}

std::string python_peer_script() { return CPPCASSA_BENCH_PY_PEER; }
std::string python_generated_dir() { return CPPCASSA_BENCH_PY_GEN; }

client_round run_python_round(const std::vector<std::string>& args, const round_limit& limit,
                              const std::string& label) {
    std::vector<std::string> argv{python_interpreter(), python_peer_script(), "--gen", python_generated_dir()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_peer_process(argv, limit, label, "the Python peer");
}

}  // namespace cppcassa::bench
