// Ring discovery and token-aware routing facing scripted peers: three fake servers on
// 127.0.0.1-3 with the same port answer describe_ring / describe_partitioner with a synthetic
// ring. The expected replicas come from routing::token_ring over the same ring.
#include "faults/pool_test_support.hpp"
#include "routing/token_ring.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/fan_out.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace codec = cppcassa::codec;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using cppcassa::test::pause_for;
using cppcassa::test::run_coroutine;
using tcp = asio::ip::tcp;

constexpr const char* murmur3 = "org.apache.cassandra.dht.Murmur3Partitioner";

// The cluster the fake servers describe, shared by all of them (tests change it between refreshes).
struct fake_cluster {
    std::vector<thrift::TokenRange> ring;
    std::map<std::string, std::size_t> versions{};  // describe_version calls per "host"
    std::size_t ring_calls = 0;
};

// Answers as one node of `cluster`: set_keyspace, describe_ring, describe_partitioner, and
// describe_version (counted per node: the tests' operation). multiget_slice is never answered
// (the reads a fan-out test cancels).
asio::awaitable<void> node(tcp::socket& socket, fake_cluster& cluster, std::string host) {
    std::string buffered;
    while (auto call = co_await cppcassa::test::read_call(socket, buffered, true)) {
        std::string reply;
        if (call->name == "multiget_slice")
            continue;
        if (call->name == "set_keyspace") {
            codec::encode_reply<codec::methods::set_keyspace>(reply, call->seqid, {}, true);
        } else if (call->name == "describe_ring") {
            ++cluster.ring_calls;
            codec::encode_reply<codec::methods::describe_ring>(reply, call->seqid, cluster.ring, true);
        } else if (call->name == "describe_partitioner") {
            codec::encode_reply<codec::methods::describe_partitioner>(reply, call->seqid, murmur3, true);
        } else {
            ++cluster.versions[host];
            codec::encode_reply<codec::methods::describe_version>(reply, call->seqid, "20.1.0", true);
        }
        co_await cppcassa::test::send(socket, reply);
    }
}

// Fake nodes on 127.0.0.1, .2 and .3, all on one port (the pool gives discovered servers the
// port of its first configured server).
class fake_nodes {
public:
    fake_nodes(asio::any_io_executor executor, fake_cluster& cluster) {
        for (int tries = 0; tries < 20 && acceptors_.empty(); ++tries) {
            try {
                tcp::acceptor first(executor, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
                port_ = first.local_endpoint().port();
                std::vector<tcp::acceptor> all;
                all.push_back(std::move(first));
                for (const char* host : {"127.0.0.2", "127.0.0.3"})
                    all.emplace_back(executor, tcp::endpoint(asio::ip::make_address(host), port_));
                acceptors_ = std::move(all);
            } catch (const boost::system::system_error&) {
                // That port is taken on .2 or .3: another one.
            }
        }
        REQUIRE(acceptors_.size() == 3);
        for (auto& acceptor : acceptors_)
            asio::co_spawn(executor, accept_loop(acceptor, cluster), asio::detached);
    }
    ~fake_nodes() {
        for (auto& acceptor : acceptors_) {
            boost::system::error_code ignored;
            acceptor.close(ignored);
        }
    }
    [[nodiscard]] std::uint16_t port() const { return port_; }

private:
    static asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, fake_cluster& cluster) {
        const auto host = acceptor.local_endpoint().address().to_string();
        for (;;) {
            auto socket = std::make_shared<tcp::socket>(acceptor.get_executor());
            boost::system::error_code ec;
            co_await acceptor.async_accept(*socket, asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                co_return;
            asio::co_spawn(
                acceptor.get_executor(),
                [socket, &cluster, host]() -> asio::awaitable<void> {
                    try {
                        co_await node(*socket, cluster, host);
                    } catch (const std::exception&) {
                    }
                },
                asio::detached);
        }
    }

    std::vector<tcp::acceptor> acceptors_;
    std::uint16_t port_ = 0;
};

thrift::TokenRange range(std::string start, std::string end, std::vector<std::string> rpc) {
    thrift::TokenRange r;
    r.start_token = std::move(start);
    r.end_token = std::move(end);
    // Listen addresses the pool must not use (never connected to): rpc_endpoints win.
    for (std::size_t i = 0; i < rpc.size(); ++i)
        r.endpoints.push_back(fmt::format("10.255.0.{}", i + 1));
    r.rpc_endpoints = std::move(rpc);
    return r;
}

// Four ranges, RF 2: .4 (nobody listens there) is the primary of one range, .1 its second replica.
std::vector<thrift::TokenRange> four_node_ring() {
    return {range("4611686018427387904", "-4611686018427387904", {"127.0.0.1", "127.0.0.2"}),
            range("-4611686018427387904", "0", {"127.0.0.2", "127.0.0.3"}),
            range("0", "2305843009213693952", {"127.0.0.3", "127.0.0.4"}),
            range("2305843009213693952", "4611686018427387904", {"127.0.0.4", "127.0.0.1"})};
}

std::vector<thrift::TokenRange> three_node_ring() {
    return {range("9000000000000000000", "-3074457345618258603", {"127.0.0.1"}),
            range("-3074457345618258603", "3074457345618258602", {"127.0.0.2"}),
            range("3074457345618258602", "9000000000000000000", {"127.0.0.3"})};
}

cppcassa::pool_config ring_config(std::uint16_t port) {
    auto config = cppcassa::test::pool_config_for({port});
    config.keyspace = "ks";
    config.discover_ring = true;
    return config;
}

using cppcassa::test::version;

// Waits until the pool applied a ring (the background task's first refresh).
asio::awaitable<void> until_ring_known(cppcassa::pool& pool) {
    for (int i = 0; i < 200 && pool.stats().ring_refreshes == 0; ++i)
        co_await pause_for(5ms);
    REQUIRE(pool.stats().ring_refreshes >= 1);
}

TEST_CASE("ring discovery from one seed adds the ring's other servers, by rpc address") {
    asio::io_context io;
    fake_cluster cluster{.ring = three_node_ring(), .versions = {}, .ring_calls = 0};
    fake_nodes nodes(io.get_executor(), cluster);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), ring_config(nodes.port()));
        co_await until_ring_known(pool);
        auto stats = pool.stats();
        REQUIRE(stats.hosts.size() == 3);
        CHECK_FALSE(stats.hosts[0].discovered);
        CHECK(stats.hosts[1].endpoint == fmt::format("127.0.0.2:{}", nodes.port()));
        CHECK(stats.hosts[2].endpoint == fmt::format("127.0.0.3:{}", nodes.port()));
        CHECK(stats.hosts[1].discovered);
        for (int i = 0; i < 9; ++i) {
            const auto answer = co_await pool.execute(version);
            CHECK(answer == "20.1.0");
        }
        stats = pool.stats();
        CHECK(cluster.versions["127.0.0.1"] == 3);
        CHECK(cluster.versions["127.0.0.2"] == 3);
        CHECK(cluster.versions["127.0.0.3"] == 3);
        CHECK(stats.operations == 9);  // the refresh is not counted as an operation
        CHECK_FALSE(stats.routing);    // discovery alone does not route
    });
}

TEST_CASE("a discovered server that leaves the ring is dropped and no longer used") {
    asio::io_context io;
    fake_cluster cluster{.ring = three_node_ring(), .versions = {}, .ring_calls = 0};
    fake_nodes nodes(io.get_executor(), cluster);
    auto config = ring_config(nodes.port());
    config.ring_refresh = 50ms;
    auto listener = std::make_shared<cppcassa::test::recording_listener>();
    config.listener = listener;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await until_ring_known(pool);
        for (int i = 0; i < 3; ++i) {
            const auto answer = co_await pool.execute(version);
            CHECK(answer == "20.1.0");
        }
        REQUIRE(cluster.versions["127.0.0.3"] == 1);
        // .3 leaves: .2 now owns its range.
        cluster.ring = three_node_ring();
        cluster.ring.pop_back();
        cluster.ring.back().end_token = "9000000000000000000";
        const auto refreshes = pool.stats().ring_refreshes;
        for (int i = 0; i < 100 && pool.stats().ring_refreshes < refreshes + 2; ++i)
            co_await pause_for(10ms);
        auto stats = pool.stats();
        REQUIRE(stats.hosts.size() == 3);
        CHECK(stats.hosts[2].left);
        CHECK_FALSE(stats.hosts[2].up);
        CHECK(stats.hosts[2].open_connections == 0);
        CHECK(listener->count(fmt::format("disposed 127.0.0.3:{} left_ring", nodes.port())) == 1);
        for (int i = 0; i < 6; ++i) {
            const auto answer = co_await pool.execute(version);
            CHECK(answer == "20.1.0");
        }
        CHECK(cluster.versions["127.0.0.3"] == 1);
        // It comes back: used again, at the same index.
        cluster.ring = three_node_ring();
        for (int i = 0; i < 100 && pool.stats().hosts[2].left; ++i)
            co_await pause_for(10ms);
        stats = pool.stats();
        CHECK(stats.hosts.size() == 3);
        CHECK_FALSE(stats.hosts[2].left);
    });
}

TEST_CASE("token-aware routing sends each operation to its key's primary replica") {
    asio::io_context io;
    fake_cluster cluster{.ring = three_node_ring(), .versions = {}, .ring_calls = 0};
    fake_nodes nodes(io.get_executor(), cluster);
    auto config = ring_config(nodes.port());
    config.token_aware = true;
    const auto ring = cppcassa::routing::token_ring::build(murmur3, cluster.ring, nodes.port());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await until_ring_known(pool);
        REQUIRE(pool.stats().routing);
        std::map<std::string, std::size_t> expected;  // endpoint -> operations
        for (int i = 0; i < 30; ++i) {
            const auto key = fmt::format("key-{}", i);
            expected[ring.replicas(key).front()]++;
            cppcassa::operation_options options;
            options.routing_key = key;
            const auto answer = co_await pool.execute(version, options);
            CHECK(answer == "20.1.0");
        }
        const auto stats = pool.stats();
        for (const auto& [endpoint, operations] : expected)
            CHECK(cluster.versions[endpoint.substr(0, endpoint.rfind(':'))] == operations);
        CHECK(stats.routed == 30);
        CHECK(expected.size() == 3);  // the keys are spread: the check above means something
    });
}

TEST_CASE("token-aware routing falls back to the next replica when the primary is down") {
    asio::io_context io;
    fake_cluster cluster{.ring = four_node_ring(), .versions = {}, .ring_calls = 0};
    fake_nodes nodes(io.get_executor(), cluster);  // nobody listens on 127.0.0.4
    auto config = ring_config(nodes.port());
    config.token_aware = true;
    const auto ring = cppcassa::routing::token_ring::build(murmur3, cluster.ring, nodes.port());
    const auto dead = fmt::format("127.0.0.4:{}", nodes.port());
    const auto second = fmt::format("127.0.0.1:{}", nodes.port());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await until_ring_known(pool);
        std::vector<std::string> keys;  // keys whose primary is the dead node
        for (int i = 0; keys.size() < 3 && i < 1000; ++i) {
            const auto key = fmt::format("key-{}", i);
            const auto replicas = ring.replicas(key);
            if (replicas.front() == dead) {
                REQUIRE(replicas.at(1) == second);
                keys.push_back(key);
            }
        }
        REQUIRE(keys.size() == 3);
        for (const auto& key : keys) {
            cppcassa::operation_options options;
            options.routing_key = key;
            const auto answer = co_await pool.execute(version, options);
            CHECK(answer == "20.1.0");
        }
        const auto stats = pool.stats();
        REQUIRE(stats.hosts.size() == 4);
        CHECK(stats.hosts[3].endpoint == dead);
        CHECK(stats.hosts[3].marked_down == 1);
        CHECK(stats.hosts[0].endpoint == second);
        CHECK(cluster.versions["127.0.0.1"] == 3);
        CHECK(stats.retries == 1);  // only the first key paid for the dead primary
    });
}

TEST_CASE("group_by_replica groups key indexes by primary replica in order of first appearance") {
    asio::io_context io;
    fake_cluster cluster{.ring = three_node_ring(), .versions = {}, .ring_calls = 0};
    fake_nodes nodes(io.get_executor(), cluster);
    auto config = ring_config(nodes.port());
    config.token_aware = true;
    const auto ring = cppcassa::routing::token_ring::build(murmur3, cluster.ring, nodes.port());
    std::vector<std::string> keys;
    for (int i = 0; i < 20; ++i)
        keys.push_back(fmt::format("key-{}", i));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        // No ring yet: one group of every key, in order.
        const auto before = pool.group_by_replica(keys);
        REQUIRE(before.size() == 1);
        CHECK(before[0].size() == keys.size());
        CHECK(std::is_sorted(before[0].begin(), before[0].end()));
        CHECK(pool.group_by_replica({}).empty());

        co_await until_ring_known(pool);
        const auto groups = pool.group_by_replica(keys);
        CHECK(groups.size() == 3);
        std::vector<std::string> primaries;
        std::size_t total = 0;
        for (const auto& group : groups) {
            REQUIRE_FALSE(group.empty());
            CHECK(std::is_sorted(group.begin(), group.end()));
            const auto primary = ring.replicas(keys[group.front()]).front();
            for (auto index : group)
                CHECK(ring.replicas(keys[index]).front() == primary);
            primaries.push_back(primary);
            total += group.size();
        }
        CHECK(total == keys.size());
        // Groups in order of their first key.
        for (std::size_t g = 1; g < groups.size(); ++g)
            CHECK(groups[g - 1].front() < groups[g].front());
        CHECK(groups[0].front() == 0);
    });
}

TEST_CASE("a cancelled fan-out passes the cancellation on to every replica group and waits for them all") {
    asio::io_context io;
    fake_cluster cluster{.ring = three_node_ring(), .versions = {}, .ring_calls = 0};
    fake_nodes nodes(io.get_executor(), cluster);
    auto config = ring_config(nodes.port());
    config.token_aware = true;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), config);
        co_await until_ring_known(pool);
        thrift::multiget_slice_args args;
        for (int i = 0; i < 30; ++i)
            args.keys.push_back(fmt::format("key-{}", i));
        args.column_parent.column_family = "cf";
        REQUIRE(pool.group_by_replica(args.keys).size() == 3);
        asio::cancellation_signal cancel;
        std::exception_ptr outcome;
        bool done = false;
        auto fan_out = cppcassa::fan_out_multiget_slice(pool, args);
        asio::co_spawn(io, std::move(fan_out),
                       asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, auto&&...) {
                           outcome = e;
                           done = true;
                       }));
        co_await pause_for(50ms);
        CHECK_FALSE(done);               // the nodes never answer a multiget_slice
        CHECK(pool.stats().in_use == 3);  // one operation per group
        cancel.emit(asio::cancellation_type::terminal);
        co_await pause_for(50ms);
        REQUIRE(done);
        CHECK_THROWS_AS(std::rethrow_exception(outcome), cppcassa::call_cancelled);
        const auto stats = pool.stats();
        CHECK(stats.in_use == 0);  // every group ended before the call did
        CHECK(stats.failed == 3);
        CHECK(stats.retries == 0);
        for (const auto& host : stats.hosts)
            CHECK(host.marked_down == 0);
    });
}

TEST_CASE("group_by_replica of a pool that does not route is one group") {
    asio::io_context io;
    fake_cluster cluster{.ring = three_node_ring(), .versions = {}, .ring_calls = 0};
    fake_nodes nodes(io.get_executor(), cluster);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), ring_config(nodes.port()));  // discovery, no routing
        co_await until_ring_known(pool);
        const std::vector<std::string> keys{"a", "b", "c"};
        const auto groups = pool.group_by_replica(keys);
        REQUIRE(groups.size() == 1);
        CHECK(groups[0] == std::vector<std::size_t>{0, 1, 2});
    });
}

}  // namespace
