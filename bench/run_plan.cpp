#include "run_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace cppcassa::bench {

std::string run_key(std::uint64_t i) { return fmt::format("k{:010d}", i); }

// One stream of draws per kind of choice, so that, say, a larger --batch changes the rows of the
// inserts but not which operation comes next.
op_planner::op_planner(const run_settings& s)
    : s_(s), keys_(s.keys, s.key_space()), mix_draws_(s.seed + 2), key_draws_(s.seed + 1), size_draws_(s.seed + 3) {}

void op_planner::next(planned_op& op) {
    op.kind = s_.mix.pick(mix_draws_.next() % s_.mix.total());
    op.rows.clear();
    op.value_size = 0;
    switch (op.kind) {
    case op_kind::get:
    case op_kind::range: op.rows.push_back(keys_.read(key_draws_)); break;
    case op_kind::multiget:
        for (std::size_t i = 0; i < s_.multiget_keys; ++i)
            op.rows.push_back(keys_.read(key_draws_));
        break;
    case op_kind::insert:
        for (std::size_t i = 0; i < s_.batch; ++i)
            op.rows.push_back(keys_.write(key_draws_));
        op.value_size = s_.value_min + size_draws_.below(s_.value_max - s_.value_min + 1);
        break;
    }
}

namespace {

std::string joined_keys(const std::vector<std::uint64_t>& rows) {
    std::string out;
    out.reserve(rows.size() * 12);
    for (const auto row : rows) {
        if (!out.empty())
            out += ',';
        out += run_key(row);
    }
    return out;
}

}  // namespace

std::string plan_line(const planned_op& op, const run_settings& s) {
    switch (op.kind) {
    case op_kind::get: return fmt::format("get {}", run_key(op.rows.at(0)));
    case op_kind::insert: return fmt::format("insert {} {}", op.value_size, joined_keys(op.rows));
    case op_kind::multiget: return fmt::format("multiget {}", joined_keys(op.rows));
    case op_kind::range: return fmt::format("range {} {}", run_key(op.rows.at(0)), s.page);
    }
    return {};
}

std::uint64_t plan_length(const run_settings& s) {
    const double seconds = static_cast<double>(s.duration.count()) / 1e3;
    if (s.rate)
        return static_cast<std::uint64_t>(std::ceil(*s.rate * seconds));
    // About 20,000 operations per second of run: more than a closed loop of one client process
    // reaches against most single nodes, bounded so a long run's plan stays a few tens of MB.
    const auto wanted = static_cast<std::uint64_t>(seconds * 20'000);
    return std::clamp<std::uint64_t>(wanted, 10'000, 1'000'000);
}

std::vector<op_kind> write_plan(const std::string& path, const run_settings& s, std::uint64_t count) {
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "w"), &std::fclose);
    if (!file)
        throw std::runtime_error(fmt::format("cannot write the peers' plan {}: {}", path, std::strerror(errno)));
    op_planner planner(s);
    planned_op op;
    std::vector<op_kind> kinds;
    kinds.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        planner.next(op);
        kinds.push_back(op.kind);
        fmt::print(file.get(), "{}\n", plan_line(op, s));
    }
    if (std::ferror(file.get()))
        throw std::runtime_error(fmt::format("cannot write the peers' plan {}: {}", path, std::strerror(errno)));
    return kinds;
}

}  // namespace cppcassa::bench
