#include "peer_process.hpp"

#include <fmt/format.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>

namespace cppcassa::bench {
namespace {

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

// "hist": [index, count, index, count, ...], in the layout of histogram::record_bucket.
void read_histogram(const std::string& line, histogram& into) {
    const auto h = line.find("\"hist\": [");
    if (h == std::string::npos)
        return;
    const char* at = line.c_str() + h + 9;
    auto skip_separators = [&] {
        while (*at == ',' || *at == ' ')
            ++at;
    };
    while (*at && *at != ']') {
        char* end = nullptr;
        const auto index = std::strtoull(at, &end, 10);
        if (end == at)
            break;
        at = end;
        skip_separators();
        const auto n = std::strtoull(at, &end, 10);
        if (end == at)
            break;
        at = end;
        skip_separators();
        into.record_bucket(static_cast<std::size_t>(index), n);
    }
}

}  // namespace

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

client_round run_peer_process(const std::vector<std::string>& argv, const round_limit& limit,
                              const std::string& label, std::string_view what) {
    // A peer that stops answering fails its round instead of holding the whole run: it gets its
    // round plus a generous margin for starting, connecting and warming up (a round cut by --ops
    // has no known length; it gets ten minutes).
    const double round_s = limit.ops ? 600.0 : std::chrono::duration<double>(limit.duration).count();
    // Appended piece by piece: `" " + std::string` trips GCC 12's -Wrestrict false positive at -O2.
    std::string cmd = fmt::format("timeout --kill-after=5 {:.0f}", round_s + 60);
    for (const auto& a : argv) {
        cmd += ' ';
        cmd += shell_quote(a);
    }
    if (limit.ops)
        cmd += fmt::format(" --ops {}", *limit.ops);
    else
        cmd += fmt::format(" --duration {:.3f}", std::chrono::duration<double>(limit.duration).count());
    progress::show(fmt::format("{} ({} process)", label, what), 0, 0, std::nullopt);
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        throw std::runtime_error(fmt::format("cannot start {}: {}", what, cmd));
    std::string out;
    char buf[4096];
    while (const std::size_t n = std::fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    const int status = ::pclose(p);
    const auto nl = out.find_last_of('{');
    const std::string line = nl == std::string::npos ? std::string() : out.substr(nl);
    if (const auto e = line.find("\"error\":"); e != std::string::npos)
        throw std::runtime_error(fmt::format("{} failed: {}", what, line.substr(e)));
    const auto ops = json_field(line, "ops");
    const auto seconds = json_field(line, "seconds");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 124)
        throw std::runtime_error(fmt::format("{} did not finish its round within {:.0f} s and was stopped ({})", what,
                                             round_s + 60, cmd));
    if (status != 0 || !ops || !seconds)
        throw std::runtime_error(
            fmt::format("{} exited with status {} and printed '{}' ({})", what, status, out, cmd));
    client_round m;
    m.timing.ops = static_cast<std::uint64_t>(*ops);
    m.timing.elapsed = std::chrono::nanoseconds(static_cast<std::int64_t>(*seconds * 1e9));
    m.cpu_s = json_field(line, "cpu_s").value_or(0);
    m.rss_kb = static_cast<std::uint64_t>(json_field(line, "max_rss_kb").value_or(0));
    if (const auto allocs = json_field(line, "allocs"))
        m.allocs = static_cast<std::uint64_t>(*allocs);
    read_histogram(line, m.latency);
    return m;
}

std::string peer_round_json(const client_round& m) {
    std::string hist;
    m.latency.for_each_bucket([&](std::size_t index, std::uint64_t n) {
        hist += fmt::format("{}{}, {}", hist.empty() ? "" : ", ", index, n);
    });
    return fmt::format(
        "{{\"ops\": {}, \"seconds\": {:.6f}, \"cpu_s\": {:.6f}, \"max_rss_kb\": {}, \"allocs\": {}, \"hist\": [{}]}}",
        m.timing.ops, std::chrono::duration<double>(m.timing.elapsed).count(), m.cpu_s, m.rss_kb.value_or(0),
        m.allocs.value_or(0), hist);
}

}  // namespace cppcassa::bench
