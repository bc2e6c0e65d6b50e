#include "run_peers.hpp"

#include "histogram.hpp"
#include "json.hpp"
#include "metrics.hpp"
#include "peer_process.hpp"
#include "run_files.hpp"
#include "run_peer_results.hpp"
#include "run_plan.hpp"
#include "run_profile.hpp"
#include "run_report.hpp"

#include <fmt/format.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

namespace cppcassa::bench {

namespace {

struct process_end {
    int exit_code = -1;  // -1: killed by a signal (or by us, past its deadline)
    bool timed_out = false;
    double cpu_s = 0;
    double max_rss_mb = 0;
};

// Runs argv in a child process with `env` added, and waits for it, at most `limit`; the kernel's
// accounting of that process (wait4) gives its CPU and peak RSS, the same for every peer.
process_end run_process(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& env,
                        std::chrono::seconds limit) {
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error(fmt::format("cannot start a process: {}", std::strerror(errno)));
    if (pid == 0) {
        for (const auto& [name, value] : env)
            ::setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
        std::_Exit(127);
    }
    process_end end;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR)
            throw std::runtime_error(fmt::format("waiting for the peer failed: {}", std::strerror(errno)));
        if (!end.timed_out && std::chrono::steady_clock::now() > deadline) {
            end.timed_out = true;
            ::kill(pid, SIGKILL);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (WIFEXITED(status))
        end.exit_code = WEXITSTATUS(status);
    end.cpu_s = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
    end.max_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return end;
}

std::string peers_script() { return CPPCASSA_BENCH_RUN_PEERS; }

// The peer's command line from `peers.sh command NAME`, one word per line.
std::vector<std::string> peer_command(const std::string& name) {
    if (name == "apache-sync")
        return {std::filesystem::read_symlink("/proc/self/exe").string(), "run-peer", "apache-sync"};
    const std::string cmd = fmt::format("bash {} command {}", shell_quote(peers_script()), shell_quote(name));
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(::popen(cmd.c_str(), "r"), &::pclose);
    if (!out)
        throw std::runtime_error(fmt::format("cannot run {}", cmd));
    std::vector<std::string> words;
    std::string word;
    for (int c = std::fgetc(out.get()); c != EOF; c = std::fgetc(out.get())) {
        if (c == '\n') {
            if (!word.empty())
                words.push_back(std::move(word));
            word.clear();
        } else {
            word += static_cast<char>(c);
        }
    }
    if (!word.empty())
        words.push_back(std::move(word));
    if (words.empty())
        throw std::runtime_error(fmt::format("'{}' printed no command", cmd));
    return words;
}

// Builds or resolves the peer before anything is measured.
void prepare_peer(const std::string& name) {
    if (name == "apache-sync")
        return;
    const std::string cmd = fmt::format("bash {} prepare {}", shell_quote(peers_script()), shell_quote(name));
    std::fflush(stdout);
    if (std::system(cmd.c_str()) != 0)
        throw std::runtime_error(fmt::format("could not prepare it ({} failed; its messages are above)", cmd));
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out)
        throw std::runtime_error(fmt::format("cannot write {}", path));
}

client_run run_one_peer(const run_settings& s, const std::string& name, const std::string& peers_dir,
                        const std::string& plan, const std::vector<op_kind>& kinds) {
    client_run run;
    run.name = name;
    run.dir = peers_dir + "/" + name;
    std::filesystem::create_directories(run.dir);
    const std::string results = run.dir + "/results.txt";
    std::filesystem::remove(results);
    const run_profile profile = profile_for(s, name, plan, kinds.size(), results);
    const std::string profile_path = run.dir + "/profile.json";
    write_text(profile_path, profile_json(profile));

    prepare_peer(name);
    std::vector<std::string> argv = peer_command(name);
    argv.push_back(profile_path);
    std::vector<std::pair<std::string, std::string>> env;
    if (s.login)
        env.emplace_back(run_password_variable, s.login->password);
    // The run, plus time to start a JVM, connect and finish what is in flight.
    const auto limit = std::chrono::duration_cast<std::chrono::seconds>(s.duration + profile.grace + s.timeout) +
                       std::chrono::seconds(120);
    fmt::print("\n== {}: the same {} operations{}\n", name, kinds.size(), profile.plan_cycles ? " (repeated as needed)" : "");
    const process_end end = run_process(argv, env, limit);
    if (end.timed_out)
        throw std::runtime_error(fmt::format("it did not finish within {} s and was stopped", limit.count()));
    if (end.exit_code != 0)
        throw std::runtime_error(fmt::format("it exited with {} (its messages are above)",
                                             end.exit_code < 0 ? std::string("a signal") : std::to_string(end.exit_code)));
    std::ifstream in(results);
    if (!in)
        throw std::runtime_error(fmt::format("it wrote no results file ({})", results));
    peer_results results_read = read_peer_results(in);
    auto replayed = replay_peer_results(std::move(results_read.ops), kinds,
                                        replay_settings{.duration = s.duration,
                                                        .interval = s.interval,
                                                        .open_loop = s.rate.has_value(),
                                                        .planned = kinds.size()});
    run.outcome = std::move(replayed.outcome);
    run.recorder = std::move(replayed.recorder);
    // The run's own CPU when the peer measured it, as cppcassa's is; else the whole process's
    // (start-up, connecting and warm-up included), which the table marks.
    run.cpu_s = results_read.run_cpu_s ? *results_read.run_cpu_s : end.cpu_s;
    run.cpu_of_whole_process = !results_read.run_cpu_s;
    run.max_rss_mb = end.max_rss_mb;
    return run;
}

void write_peer_files(const run_settings& s, client_run& run) {
    interval_csv csv(run.dir + "/intervals.csv");
    for (const auto& row : run.outcome.intervals)
        csv.append(row);
    const std::vector<std::string> notes{fmt::format("client: {} (bench/run_peers), the plan of cppcassa's run", run.name)};
    const std::optional<populate_result> none;
    write_run_files(run.dir, run_files_input{.settings = s,
                                             .schema_notes = notes,
                                             .populated = none,
                                             .outcome = run.outcome,
                                             .recorder = run.recorder});
    if (s.chart)
        draw_run_chart(run.dir);
}

struct comparison_row {
    std::string name;
    std::string failure;
    std::uint64_t ops = 0;
    std::uint64_t errors = 0;
    double ops_per_s = 0;
    double p50 = 0, p99 = 0, p999 = 0, max = 0;
    std::optional<double> cpu_us_per_op;
    bool cpu_of_whole_process = false;
    std::optional<double> rss_mb;
};

comparison_row row_of(const client_run& r) {
    comparison_row row;
    row.name = r.name;
    row.failure = r.failure;
    if (!r.failure.empty())
        return row;
    const histogram all = r.recorder.all_latency();
    row.ops = all.count();
    for (const auto k : all_op_kinds)
        row.errors += r.recorder.errors(k);
    row.ops_per_s = r.outcome.seconds > 0 ? static_cast<double>(row.ops) / r.outcome.seconds : 0;
    row.p50 = ns_to_ms(all.quantile(0.5));
    row.p99 = ns_to_ms(all.quantile(0.99));
    row.p999 = ns_to_ms(all.quantile(0.999));
    row.max = ns_to_ms(all.max());
    if (r.cpu_s && row.ops + row.errors > 0)
        row.cpu_us_per_op = *r.cpu_s * 1e6 / static_cast<double>(row.ops + row.errors);
    row.cpu_of_whole_process = r.cpu_of_whole_process;
    row.rss_mb = r.max_rss_mb;
    return row;
}

std::string optional_number(const std::optional<double>& v, int precision) {
    return v ? fmt::format("{:.{}f}", *v, precision) : std::string("-");
}

}  // namespace

std::vector<client_run> run_peers(const run_settings& s, const std::string& out_dir) {
    // For `peers.sh command python` too, which names the generated module's directory.
    ::setenv("CPPCASSA_BENCH_PY_GEN", CPPCASSA_BENCH_PY_GEN, 1);
    const std::string peers_dir = out_dir + "/peers";
    std::filesystem::create_directories(peers_dir);
    const std::string plan = peers_dir + "/plan.txt";
    const std::vector<op_kind> kinds = write_plan(plan, s, plan_length(s));
    std::vector<client_run> runs;
    for (const auto& name : s.peers) {
        client_run run;
        try {
            run = run_one_peer(s, name, peers_dir, plan, kinds);
            fmt::print("{}", summary_text(s, run.outcome, run.recorder));
            write_peer_files(s, run);
        } catch (const std::exception& e) {
            run = client_run{};
            run.name = name;
            run.failure = e.what();
            fmt::print(stderr, "peer {}: {}\n", name, run.failure);
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

std::string comparison_text(const run_settings& s, const std::vector<const client_run*>& runs) {
    std::string out = fmt::format("\nside by side ({}, the same operations for every client):\n",
                                  s.rate ? fmt::format("open loop at {:.0f} ops/s, latency from the intended start", *s.rate)
                                         : fmt::format("closed loop, {} in flight", s.concurrency));
    out += fmt::format("{:<15} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>11} {:>8}\n", "client", "ops/s", "p50 ms",
                       "p99 ms", "p99.9 ms", "max ms", "errors", "CPU µs/op", "RSS MB");
    bool any_whole_process = false;
    for (const auto* r : runs) {
        const comparison_row row = row_of(*r);
        if (!row.failure.empty()) {
            out += fmt::format("{:<15} did not run: {}\n", row.name, row.failure);
            continue;
        }
        out += fmt::format("{:<15} {:>9.0f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>8} {:>11} {:>8}\n", row.name,
                           row.ops_per_s, row.p50, row.p99, row.p999, row.max, row.errors,
                           optional_number(row.cpu_us_per_op, 1) + (row.cpu_of_whole_process ? "*" : ""),
                           optional_number(row.rss_mb, 0));
        any_whole_process = any_whole_process || row.cpu_of_whole_process;
    }
    if (any_whole_process)
        out += "* the whole process's CPU (start-up, connecting and warm-up included): the peer did not measure its run's\n";
    return out;
}

std::string comparison_json(const run_settings& s, const std::vector<const client_run*>& runs) {
    std::string out = fmt::format("{{\"open_loop\": {}, \"rate\": {}, \"concurrency\": {}, \"clients\": [",
                                  s.rate ? "true" : "false", s.rate ? json_number(*s.rate) : "null", s.concurrency);
    bool first = true;
    for (const auto* r : runs) {
        const comparison_row row = row_of(*r);
        out += first ? "\n  " : ",\n  ";
        first = false;
        if (!row.failure.empty()) {
            out += fmt::format("{{\"client\": {}, \"failure\": {}}}", json_string(row.name), json_string(row.failure));
            continue;
        }
        out += fmt::format("{{\"client\": {}, \"ops\": {}, \"errors\": {}, \"ops_per_s\": {}, \"p50_ms\": {}, "
                           "\"p99_ms\": {}, \"p999_ms\": {}, \"max_ms\": {}, \"cpu_us_per_op\": {}, \"cpu_of_whole_process\": {}, \"rss_mb\": {}, "
                           "\"dir\": {}}}",
                           json_string(row.name), row.ops, row.errors, json_number(row.ops_per_s), json_number(row.p50),
                           json_number(row.p99), json_number(row.p999), json_number(row.max),
                           row.cpu_us_per_op ? json_number(*row.cpu_us_per_op) : "null",
                           row.cpu_of_whole_process ? "true" : "false", row.rss_mb ? json_number(*row.rss_mb) : "null", json_string(r->dir));
    }
    return out + "\n]}\n";
}

}  // namespace cppcassa::bench
