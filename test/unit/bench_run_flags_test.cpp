// The flags of `cppcassa-bench run` (bench/run_settings.hpp, op_mix.hpp, key_chooser.hpp): what
// they accept, what they refuse and with which message, and what the mix and key draws give.
#include "bench_run_args.hpp"
#include "data.hpp"
#include "key_chooser.hpp"
#include "op_mix.hpp"
#include "run_settings.hpp"

#include "support/catch.hpp"

#include <array>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace cppcassa::bench;
using namespace cppcassa::bench::test;
using Catch::Contains;

TEST_CASE("the documented command parses: three hosts, a rate, a duration, a mix and zipf keys") {
    const auto s = parsed({"--hosts", "127.0.0.1:9160,127.0.0.2:9160,127.0.0.3:9160", "--rate", "5000", "--duration",
                           "60", "--mix", "get=9,insert=1", "--keys", "zipf:1.1", "--out", "/tmp/x"});
    CHECK(s.hosts == std::vector<std::string>{"127.0.0.1:9160", "127.0.0.2:9160", "127.0.0.3:9160"});
    REQUIRE(s.rate);
    CHECK(*s.rate == 5000.0);
    CHECK(s.duration == std::chrono::seconds(60));
    CHECK(s.mix.weight(op_kind::get) == 9);
    CHECK(s.mix.weight(op_kind::insert) == 1);
    CHECK(s.mix.weight(op_kind::range) == 0);
    CHECK(s.keys.what == key_distribution::kind::zipf);
    CHECK(s.keys.exponent == 1.1);
    CHECK(s.out_dir == "/tmp/x");
    CHECK(s.pool_connections() == 6);  // two per host
}

TEST_CASE("flags take --name value and --name=value; durations take units") {
    const auto s = parsed({"--interval=500ms", "--duration", "2m", "--value-size=10..200", "--read-cl", "quorum",
                           "--write-cl=ALL", "--tls", "--user", "u", "--password", "p", "--existing-schema"});
    CHECK(s.interval == std::chrono::milliseconds(500));
    CHECK(s.duration == std::chrono::minutes(2));
    CHECK(s.value_min == 10);
    CHECK(s.value_max == 200);
    CHECK(s.read_cl.name == "QUORUM");
    CHECK(s.write_cl.level == cppcassa::thrift::ConsistencyLevel::ALL);
    CHECK(s.tls.has_value());
    REQUIRE(s.login);
    CHECK(s.login->username == "u");
    CHECK(s.existing_schema);
}

TEST_CASE("bad flags are refused with a message naming the flag and what it takes") {
    CHECK_THAT(refusal({"--bogus", "1"}), Contains("unknown option --bogus") && Contains("run --help"));
    CHECK_THAT(refusal({"--mix", "get=8,scan=1"}), Contains("unknown operation 'scan'") && Contains("get, insert"));
    CHECK_THAT(refusal({"--mix", "get"}), Contains("'get' has no weight"));
    CHECK_THAT(refusal({"--mix", "get=x"}), Contains("whole number"));
    CHECK_THAT(refusal({"--mix", "get=1,get=2"}), Contains("appears twice"));
    CHECK_THAT(refusal({"--mix", "get=0"}), Contains("every weight is zero"));
    CHECK_THAT(refusal({"--keys", "zipf"}), Contains("zipf needs its exponent"));
    CHECK_THAT(refusal({"--keys", "zipf:-1"}), Contains("bad exponent"));
    CHECK_THAT(refusal({"--keys", "hot"}), Contains("unknown distribution 'hot'"));
    CHECK_THAT(refusal({"--rate", "0"}), Contains("--rate must be"));
    CHECK_THAT(refusal({"--rate", "100", "--concurrency", "8"}), Contains("exclude each other"));
    CHECK_THAT(refusal({"--duration", "soon"}), Contains("--duration expects a duration"));
    CHECK_THAT(refusal({"--hosts", "a:9160,,b"}), Contains("empty entry"));
    CHECK_THAT(refusal({"--hosts", "a:99999"}), Contains("bad port in 'a:99999'"));
    CHECK_THAT(refusal({"--value-size", "9..3"}), Contains("empty range"));
    CHECK_THAT(refusal({"--read-cl", "MOST"}), Contains("unknown consistency level 'MOST'"));
    CHECK_THAT(refusal({"--cert", "c.pem"}), Contains("--cert and --key go together"));
    CHECK_THAT(refusal({"--rate"}), Contains("--rate needs a value"));
    CHECK_THAT(refusal({"rate", "5"}), Contains("unexpected argument 'rate'"));
}

TEST_CASE("the mix picks each operation as often as its weight says") {
    const op_mix mix = parse_mix("get=8,insert=1,multiget=1,range=2");
    REQUIRE(mix.total() == 12);
    std::map<op_kind, int> seen;
    for (std::uint64_t d = 0; d < mix.total(); ++d)
        ++seen[mix.pick(d)];
    CHECK(seen[op_kind::get] == 8);
    CHECK(seen[op_kind::insert] == 1);
    CHECK(seen[op_kind::multiget] == 1);
    CHECK(seen[op_kind::range] == 2);
    CHECK(mix.describe() == "get=8,insert=1,multiget=1,range=2");
}

TEST_CASE("zipf keys favour the first rows as Zipf's law says, and stay in the key space") {
    key_chooser keys(parse_key_distribution("zipf:1.1"), 100'000);
    rng r(7);
    std::array<int, 3> top{};
    constexpr int draws = 200'000;
    for (int i = 0; i < draws; ++i) {
        const auto k = keys.read(r);
        REQUIRE(k < 100'000);
        if (k < top.size())
            ++top[k];
    }
    // P(row 0) / P(row 1) = 2^1.1 = 2.14, P(row 0) / P(row 2) = 3^1.1 = 3.35.
    CHECK(static_cast<double>(top[0]) / top[1] == Approx(2.14).epsilon(0.08));
    CHECK(static_cast<double>(top[0]) / top[2] == Approx(3.35).epsilon(0.08));
    // Row 0 takes 1 / (1 + 2^-1.1 + ... + 100000^-1.1), about 13 % of the draws.
    CHECK(top[0] > draws / 10);
}

TEST_CASE("seq keys go in turn and wrap; latest inserts append and reads stay near the newest rows") {
    key_chooser seq(parse_key_distribution("seq"), 3);
    rng r(1);
    CHECK(seq.read(r) == 0);
    CHECK(seq.write(r) == 1);
    CHECK(seq.read(r) == 2);
    CHECK(seq.read(r) == 0);

    key_chooser latest(parse_key_distribution("latest"), 1000);
    CHECK(latest.write(r) == 1000);
    CHECK(latest.write(r) == 1001);
    CHECK(latest.rows() == 1002);
    int recent = 0;
    for (int i = 0; i < 10'000; ++i) {
        const auto k = latest.read(r);
        REQUIRE(k < 1002);
        REQUIRE(k >= 2);  // reaches back over the 1000 rows the key space started with
        recent += k >= 1002 - 10;
    }
    CHECK(recent > 10'000 / 3);  // the 10 newest rows take a large share
}
