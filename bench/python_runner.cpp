#include "python_runner.hpp"

#include <fmt/format.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace cppcassa::bench {
namespace {

std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

// The number after "key": in a flat JSON object, or nullopt.
std::optional<double> json_field(const std::string& line, std::string_view key) {
    const auto at = line.find(fmt::format("\"{}\":", key));
    if (at == std::string::npos)
        return std::nullopt;
    const char* begin = line.c_str() + at + key.size() + 3;
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    if (end == begin)
        return std::nullopt;
    return v;
}

}  // namespace

std::string python_interpreter() {
    if (const char* p = std::getenv("CPPCASSA_BENCH_PYTHON"); p && *p)
        return p;
    return "/usr/bin/python3";
}

std::string python_peer_script() { return CPPCASSA_BENCH_PY_PEER; }
std::string python_generated_dir() { return CPPCASSA_BENCH_PY_GEN; }

client_round run_python_round(const std::vector<std::string>& args, const round_limit& limit,
                              const std::string& label) {
    // Appended piece by piece: `" " + std::string` trips GCC 12's -Wrestrict false positive at -O2.
    std::string cmd = shell_quote(python_interpreter());
    for (const std::string& a : {python_peer_script(), std::string("--gen"), python_generated_dir()}) {
        cmd += ' ';
        cmd += shell_quote(a);
    }
    for (const auto& a : args) {
        cmd += ' ';
        cmd += shell_quote(a);
    }
    if (limit.ops)
        cmd += fmt::format(" --ops {}", *limit.ops);
    else
        cmd += fmt::format(" --duration {:.3f}", std::chrono::duration<double>(limit.duration).count());
    progress::show(label + " (python process)", 0, 0, std::nullopt);
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        throw std::runtime_error("cannot start the Python peer: " + cmd);
    std::string out;
    char buf[4096];
    while (const std::size_t n = std::fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    const int status = ::pclose(p);
    const auto nl = out.find_last_of('{');
    const std::string line = nl == std::string::npos ? std::string() : out.substr(nl);
    if (const auto e = line.find("\"error\":"); e != std::string::npos)
        throw std::runtime_error("the Python peer failed: " + line.substr(e));
    const auto ops = json_field(line, "ops");
    const auto seconds = json_field(line, "seconds");
    if (status != 0 || !ops || !seconds)
        throw std::runtime_error(fmt::format("the Python peer exited with status {} and printed '{}' ({})", status,
                                             out, cmd));
    client_round m;
    m.timing.ops = static_cast<std::uint64_t>(*ops);
    m.timing.elapsed = std::chrono::nanoseconds(static_cast<std::int64_t>(*seconds * 1e9));
    m.cpu_s = json_field(line, "cpu_s").value_or(0);
    m.rss_kb = static_cast<std::uint64_t>(json_field(line, "max_rss_kb").value_or(0));
    // Its histogram, in the same log-linear layout: "hist": [index, count, index, count, ...].
    if (const auto h = line.find("\"hist\": ["); h != std::string::npos) {
        const char* at = line.c_str() + h + 9;
        while (*at && *at != ']') {
            char* end = nullptr;
            const auto index = std::strtoull(at, &end, 10);
            if (end == at)
                break;
            at = end;
            while (*at == ',' || *at == ' ')
                ++at;
            const auto n = std::strtoull(at, &end, 10);
            if (end == at)
                break;
            at = end;
            while (*at == ',' || *at == ' ')
                ++at;
            m.latency.record_bucket(static_cast<std::size_t>(index), n);
        }
    }
    return m;
}

}  // namespace cppcassa::bench
