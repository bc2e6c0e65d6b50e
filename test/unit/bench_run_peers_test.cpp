// The pieces of `cppcassa-bench run --peers` that decide without a process or a socket
// (bench/run_plan.hpp, run_profile.hpp, run_peer_results.hpp): the plan every client runs, the
// profile a peer reads, and a peer's results turned into the figures cppcassa's own run gives.
#include "bench_run_args.hpp"
#include "run_peer_results.hpp"
#include "run_plan.hpp"
#include "run_profile.hpp"
#include "run_settings.hpp"

#include "support/catch.hpp"
#include <fmt/format.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace cppcassa::bench;
using namespace cppcassa::bench::test;
using Catch::Contains;

namespace {

std::vector<std::string> plan_lines(const run_settings& s, int n) {
    op_planner planner(s);
    planned_op op;
    std::vector<std::string> lines;
    for (int i = 0; i < n; ++i) {
        planner.next(op);
        lines.push_back(plan_line(op, s));
    }
    return lines;
}

peer_op_result ok(std::uint64_t index, std::uint64_t intended, std::uint64_t start, std::uint64_t end) {
    peer_op_result r;
    r.index = index;
    r.intended_us = intended;
    r.start_us = start;
    r.end_us = end;
    return r;
}

}  // namespace

TEST_CASE("the plan: every kind of line in the format the peers read") {
    const auto s = parsed({"--mix", "get=1,insert=1,multiget=1,range=1", "--batch", "2", "--multiget-keys", "3",
                                "--page", "50", "--value-size", "10..20", "--rows", "1000"});
    std::map<std::string, int> seen;
    for (const auto& line : plan_lines(s, 400)) {
        const std::string op = line.substr(0, line.find(' '));
        ++seen[op];
        if (op == "get")
            CHECK_THAT(line, Catch::Matches("get k\\d{10}"));
        else if (op == "insert")
            CHECK_THAT(line, Catch::Matches("insert (1\\d|20) k\\d{10},k\\d{10}"));
        else if (op == "multiget")
            CHECK_THAT(line, Catch::Matches("multiget k\\d{10},k\\d{10},k\\d{10}"));
        else
            CHECK_THAT(line, Catch::Matches("range k\\d{10} 50"));
    }
    CHECK(seen.size() == 4);
    for (const auto& [op, n] : seen)
        CHECK(n > 50);  // each about a quarter of 400
}

TEST_CASE("the plan is the run's sequence: the same seed draws the same operations, another seed others") {
    const auto s = parsed({"--mix", "get=8,insert=1,multiget=1", "--keys", "zipf:1.1", "--seed", "7"});
    const auto again = parsed({"--mix", "get=8,insert=1,multiget=1", "--keys", "zipf:1.1", "--seed", "7"});
    const auto other = parsed({"--mix", "get=8,insert=1,multiget=1", "--keys", "zipf:1.1", "--seed", "8"});
    CHECK(plan_lines(s, 200) == plan_lines(again, 200));
    CHECK(plan_lines(s, 200) != plan_lines(other, 200));
}

TEST_CASE("the plan's length: an open loop's every operation within the duration, a closed loop's bounded") {
    CHECK(plan_length(parsed({"--rate", "5000", "--duration", "60"})) == 300'000);
    CHECK(plan_length(parsed({"--rate", "333", "--duration", "1.5s"})) == 500);
    CHECK(plan_length(parsed({"--concurrency", "8", "--duration", "2"})) == 40'000);
    CHECK(plan_length(parsed({"--concurrency", "8", "--duration", "1h"})) == 1'000'000);
}

TEST_CASE("a profile written for a peer reads back the same") {
    auto s = parsed({"--hosts", "127.0.0.1:9160,[::1]:9161", "--user", "u", "--password", "secret", "--rate",
                          "2500", "--duration", "3", "--read-cl", "quorum", "--connections", "6", "--timeout", "2s"});
    const run_profile p = profile_for(s, "gocql", "/tmp/plan.txt", 7500, "/tmp/results.txt");
    const std::string json = profile_json(p);
    CHECK_THAT(json, !Contains("secret"));  // the password travels in the environment only
    const run_profile back = parse_profile(json);
    CHECK(back == p);
    CHECK(back.hosts == std::vector<std::string>{"127.0.0.1:9160", "[::1]:9161"});
    CHECK(back.read_cl == "QUORUM");
    CHECK(back.connections == 6);
    REQUIRE(back.rate);
    CHECK(*back.rate == 2500.0);
    CHECK_FALSE(back.plan_cycles);

    const auto closed = profile_for(parsed({"--concurrency", "4"}), "python", "p", 10, "r");
    const run_profile closed_back = parse_profile(profile_json(closed));
    CHECK_FALSE(closed_back.rate);
    CHECK(closed_back.plan_cycles);
    CHECK_FALSE(closed_back.user);
}

TEST_CASE("a profile with a member missing or of the wrong type is refused, naming it") {
    const std::string json = profile_json(profile_for(run_settings{}, "gocql", "p", 1, "r"));
    auto without = [&](std::string_view member) {
        const auto at = json.find(fmt::format("\"{}\"", member));
        const auto end = json.find('\n', at);
        return json.substr(0, at) + "\"x\": 0," + json.substr(end + 1);
    };
    CHECK_THROWS_WITH(parse_profile(without("plan")), Contains("\"plan\""));
    CHECK_THROWS_WITH(parse_profile("{"), Contains("not JSON"));
    std::string wrong = json;
    wrong.replace(wrong.find("\"columns\": 10"), 13, "\"columns\": \"10\"");
    CHECK_THROWS_WITH(parse_profile(wrong), Contains("\"columns\""));
}

TEST_CASE("results lines: ok, an error with its server and message, and lines that are not results") {
    const auto r = parse_result_line("12 1000 1003 2500 ok");
    CHECK(r.index == 12);
    CHECK(r.intended_us == 1000);
    CHECK(r.start_us == 1003);
    CHECK(r.end_us == 2500);
    CHECK_FALSE(r.error);

    const auto e = parse_result_line("13 1200 1200 5001200 client_timeout 127.0.0.2:9160 read timed out after 5 s");
    REQUIRE(e.error);
    CHECK(*e.error == error_kind::client_timeout);
    CHECK(e.host == "127.0.0.2:9160");
    CHECK(e.message == "read timed out after 5 s");
    CHECK(parse_result_line("1 0 0 1 unavailable - not enough replicas").host.empty());

    CHECK_THROWS_WITH(parse_result_line("1 0 0 1 slow - x"), Contains("'slow' is neither ok nor an error kind"));
    CHECK_THROWS_WITH(parse_result_line("1 0 x 1 ok"), Contains("START 'x'"));
    std::istringstream in("0 0 0 5 ok\n1 zero 0 5 ok\n");
    CHECK_THROWS_WITH(read_peer_results(in), Contains("line 2"));

    std::istringstream with_cpu("# run_cpu_s 1.25\n# any other note\n0 0 0 5 ok\n\n1 0 1 7 ok\n");
    const auto read = read_peer_results(with_cpu);
    CHECK(read.ops.size() == 2);
    REQUIRE(read.run_cpu_s);
    CHECK(*read.run_cpu_s == 1.25);
    std::istringstream without_cpu("0 0 0 5 ok\n");
    CHECK_FALSE(read_peer_results(without_cpu).run_cpu_s);
}

TEST_CASE("replay: a stalled reply counts from its intended start, with the operations it held up") {
    // Open loop at 1000 ops/s for 3 s, one slot (a blocking client with one thread). Operation 0
    // stalls for 800 ms; operations 1..800 were due meanwhile and start late, at its reply.
    std::vector<peer_op_result> results;
    results.push_back(ok(0, 0, 0, 800'000));
    for (std::uint64_t i = 1; i <= 800; ++i)
        results.push_back(ok(i, i * 1000, 800'000 + i, 800'000 + i + 1));
    for (std::uint64_t i = 801; i < 2990; ++i)
        results.push_back(ok(i, i * 1000, i * 1000, i * 1000 + 200));
    const std::vector<op_kind> kinds{op_kind::get};
    const auto run = replay_peer_results(results, kinds,
                                         replay_settings{.duration = std::chrono::seconds(3),
                                                         .interval = std::chrono::seconds(1),
                                                         .open_loop = true,
                                                         .planned = 3000});
    const auto& out = run.outcome;
    CHECK(out.open_loop);
    CHECK(out.started == 2990);
    CHECK(out.never_started == 10);
    REQUIRE(out.intervals.size() == 3);
    CHECK(out.intervals[0].ops == 1000);  // everything through operation 999 ended in the first second
    CHECK(out.intervals[0].max_ns >= 800'000'000);  // the stall, counted in full
    CHECK(out.intervals[0].p50_ns >= 200'000'000);  // the held-up operations waited too
    CHECK(out.intervals[0].late_starts == 799);      // 1 waited only 1 µs past 800 ms... of its own 1 ms due
    CHECK(out.intervals[0].behind_ns >= 790'000'000);
    CHECK(out.intervals[1].late_starts == 0);
    CHECK(out.intervals[1].max_ns < 1'000'000);
    CHECK(run.recorder.latency(op_kind::get).count() == 2990);
    CHECK(out.seconds == Approx(2.9892).epsilon(1e-3));
}

TEST_CASE("replay: errors by kind, operation and server; what was in flight when an interval closed") {
    std::vector<peer_op_result> results{ok(0, 0, 0, 100),
                                        ok(1, 0, 0, 1'500'000),
                                        ok(2, 0, 10, 200)};
    results[2].error = error_kind::timeout;
    results[2].host = "127.0.0.3:9160";
    results[2].message = "TimedOutException";
    peer_op_result none = ok(3, 5, 5, 300);
    none.error = error_kind::no_server_available;
    results.push_back(none);
    const std::vector<op_kind> kinds{op_kind::get, op_kind::get, op_kind::insert, op_kind::range};
    const auto run = replay_peer_results(results, kinds,
                                         replay_settings{.duration = std::chrono::seconds(2),
                                                         .interval = std::chrono::seconds(1),
                                                         .open_loop = false,
                                                         .planned = 4});
    REQUIRE(run.outcome.intervals.size() == 2);
    CHECK(run.outcome.intervals[0].ops == 1);
    CHECK(run.outcome.intervals[0].in_flight == 1);  // operation 1, still waiting at 1 s
    CHECK(run.outcome.intervals[0].errors[static_cast<std::size_t>(error_kind::timeout)] == 1);
    CHECK(run.outcome.intervals[0].errors[static_cast<std::size_t>(error_kind::no_server_available)] == 1);
    CHECK(run.outcome.intervals[1].ops == 1);
    CHECK(run.outcome.never_started == 0);  // a closed loop plans no start
    CHECK(run.recorder.errors(op_kind::insert) == 1);
    CHECK(run.recorder.errors(op_kind::range) == 1);
    CHECK(run.recorder.errors_by_host().at("127.0.0.3:9160")[static_cast<std::size_t>(error_kind::timeout)] == 1);
    CHECK(run.recorder.errors_by_host().at("(none)")[static_cast<std::size_t>(error_kind::no_server_available)] == 1);
    CHECK(run.recorder.first_messages()[static_cast<std::size_t>(error_kind::timeout)] == "TimedOutException");
}

TEST_CASE("the run's peers flag: a list, all, and names it does not know or knows twice") {
    CHECK(parsed({"--peers", "gocql,apache-sync"}).peers == std::vector<std::string>{"gocql", "apache-sync"});
    CHECK(parsed({"--peers", "all"}).peers == run_peer_names);
    CHECK(parsed({}).peers.empty());
    CHECK_THAT(refusal({"--peers", "hector"}), Contains("no peer named 'hector'") && Contains("astyanax"));
    CHECK_THAT(refusal({"--peers", "gocql,gocql"}), Contains("'gocql' is named twice"));
    CHECK_THAT(refusal({"--peers", "gocql", "--tls"}), Contains("--peers with TLS"));
}
