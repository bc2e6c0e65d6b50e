// The pool's server list and health rules, without sockets: parsing, round-robin, backoff.
#include "pool/host_set.hpp"

#include "support/usage_errors.hpp"

#include "support/catch.hpp"

namespace {

using namespace std::chrono_literals;
using cppcassa::detail::host_set;
using cppcassa::detail::parse_server;

TEST_CASE("server entries parse as host:port, bare host (port 9160) and [v6]:port") {
    CHECK(parse_server("10.0.0.1:9161").host == "10.0.0.1");
    CHECK(parse_server("10.0.0.1:9161").port == 9161);
    CHECK(parse_server("localhost").port == 9160);
    CHECK(parse_server("[::1]:9170").host == "::1");
    CHECK(parse_server("[::1]:9170").port == 9170);
    using cppcassa::test::usage_code;
    constexpr auto invalid = cppcassa::client_errc::invalid_argument;
    CHECK(usage_code([] { (void)parse_server(":9160"); }) == invalid);
    CHECK(usage_code([] { (void)parse_server("host:0"); }) == invalid);
    CHECK(usage_code([] { (void)parse_server("host:70000"); }) == invalid);
    CHECK(usage_code([] { (void)parse_server("host:91x"); }) == invalid);
    CHECK(usage_code([] { host_set({}, {}, true); }) == invalid);
}

TEST_CASE("round-robin takes healthy hosts in turn and skips one in its backoff") {
    host_set hosts({"a:1", "b:2", "c:3"}, {.initial = 1000ms, .max = 8000ms}, true);
    const auto now = host_set::clock::now();
    CHECK(hosts.pick(now) == 0u);
    CHECK(hosts.pick(now) == 1u);
    CHECK(hosts.pick(now) == 2u);
    hosts.mark_down(0, "refused", now);
    CHECK(hosts.pick(now) == 1u);
    CHECK(hosts.pick(now) == 2u);
    CHECK(hosts.pick(now) == 1u);
    // The backoff expired: the host is picked again.
    CHECK(hosts.pick(now + 1001ms) == 2u);
    CHECK(hosts.pick(now + 1001ms) == 0u);
}

TEST_CASE("list order always takes the first healthy host") {
    host_set hosts({"a:1", "b:2"}, {}, false);
    const auto now = host_set::clock::now();
    CHECK(hosts.pick(now) == 0u);
    CHECK(hosts.pick(now) == 0u);
    hosts.mark_down(0, "refused", now);
    CHECK(hosts.pick(now) == 1u);
}

TEST_CASE("the backoff doubles with consecutive failures up to its maximum and resets on success") {
    host_set hosts({"a:1"}, {.initial = 100ms, .max = 300ms}, true);
    auto now = host_set::clock::now();
    hosts.mark_down(0, "first", now);
    CHECK_FALSE(hosts.pick(now + 99ms));
    now += 100ms;
    hosts.mark_down(0, "second", now);  // 200 ms
    CHECK_FALSE(hosts.pick(now + 199ms));
    now += 200ms;
    hosts.mark_down(0, "third", now);  // capped at 300 ms
    CHECK_FALSE(hosts.pick(now + 299ms));
    CHECK(hosts.pick(now + 300ms) == 0u);
    CHECK(hosts[0].stats.marked_down == 3);
    CHECK(hosts[0].stats.last_error == "third");
    // A failure while already down is one outage: no second mark, no longer backoff.
    hosts.mark_down(0, "during", now + 10ms);
    CHECK(hosts[0].stats.marked_down == 3);
    hosts.mark_up(0);
    hosts.mark_down(0, "again", now + 400ms);
    CHECK(hosts.pick(now + 500ms) == 0u);  // back to the initial 100 ms
}

TEST_CASE("failures name every host with its last error and remaining backoff") {
    host_set hosts({"a:1", "b:2"}, {.initial = 1000ms, .max = 1000ms}, true);
    const auto now = host_set::clock::now();
    hosts.mark_down(0, "cannot connect to a:1: Connection refused", now);
    hosts.mark_down(1, "cannot connect to b:2: Connection refused", now);
    const auto failures = hosts.failures(now);
    REQUIRE(failures.size() == 2);
    CHECK(failures[0].endpoint == "a:1");
    CHECK(failures[0].reason.find("Connection refused") != std::string::npos);
    CHECK(failures[0].reason.find("1000 ms more") != std::string::npos);
}

TEST_CASE("a discovered host is appended once, and one that left is never picked until it returns") {
    host_set hosts({"127.0.0.1:9160"}, {.initial = 1000ms, .max = 1000ms}, true);
    const auto now = host_set::clock::now();
    const auto added = hosts.add_discovered({"127.0.0.2", 9160});
    CHECK(added.index == 1);
    CHECK(added.is_new);
    CHECK(hosts[1].stats.discovered);
    CHECK(hosts[1].endpoint == "127.0.0.2:9160");
    const auto again = hosts.add_discovered({"127.0.0.2", 9160});
    CHECK(again.index == 1);
    CHECK_FALSE(again.is_new);
    CHECK(hosts.add_discovered({"127.0.0.1", 9160}).index == 0);  // a configured host is found, not added
    CHECK(hosts.size() == 2);

    hosts.set_left(1, true);
    CHECK_FALSE(hosts.is_up(1, now));
    for (int i = 0; i < 4; ++i)
        CHECK(hosts.pick(now) == 0u);
    CHECK(hosts.failures(now).size() == 1);  // a host that left is not a failure to report
    const auto back = hosts.add_discovered({"127.0.0.2", 9160});
    CHECK(back.index == 1);
    CHECK(back.is_new);
    CHECK(hosts.is_up(1, now));
    CHECK(hosts.find("[::1]:9160") == std::nullopt);
    CHECK(hosts.add_discovered({"::1", 9160}).index == 2);
    CHECK(hosts.find("[::1]:9160") == 2u);
}

TEST_CASE("mark_down and mark_up say when the host's state changed, and a probe is due after the backoff") {
    host_set hosts({"a:1"}, {.initial = 100ms, .max = 100ms}, true);
    const auto now = host_set::clock::now();
    CHECK_FALSE(hosts.awaits_probe(0, now));
    CHECK(hosts.mark_down(0, "refused", now));
    CHECK_FALSE(hosts.mark_down(0, "refused again", now + 10ms));  // one outage
    CHECK_FALSE(hosts.awaits_probe(0, now + 50ms));
    CHECK(hosts.awaits_probe(0, now + 100ms));
    CHECK(hosts.mark_up(0));
    CHECK_FALSE(hosts.mark_up(0));  // up already: not news
    CHECK_FALSE(hosts.awaits_probe(0, now + 200ms));
}

}  // namespace
