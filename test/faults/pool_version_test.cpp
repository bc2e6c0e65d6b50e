// A pool over servers of different versions (a cluster half way through an upgrade), with
// scripted peers that answer describe_version as Cassandra 2.0 (API 19.38.0) or 2.2+ (20.1.0)
// do: an operation an old server refuses for its version goes to one that has the call, without
// marking the old one down; with no such server it fails with the refusal.
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/multi_slice_request.hpp"
#include "support/run_coroutine.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include "support/catch.hpp"

#include <string>
#include <vector>

namespace {

using cppcassa::test::one_slice_request;

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
namespace methods = cppcassa::codec::methods;
using cppcassa::test::fake_server;
using cppcassa::test::run_coroutine;

// Answers describe_version with `api`, the release read (execute_cql3_query) as a server without
// system.local would, and get_multi_slice with no column, counting what it was asked.
struct versioned_peer {
    std::string api;
    std::size_t multi_slices = 0;
    fake_server server;

    versioned_peer(const asio::any_io_executor& executor, std::string api_version)
        : api(std::move(api_version)), server(executor, [this](asio::ip::tcp::socket& socket) { return serve(socket); }) {}

    asio::awaitable<void> serve(asio::ip::tcp::socket& socket) {
        std::string buffered;
        while (auto call = co_await cppcassa::test::read_call(socket, buffered, true)) {
            std::string reply;
            if (call->name == "describe_version") {
                cppcassa::codec::encode_reply<methods::describe_version>(reply, call->seqid, api, true);
            } else if (call->name == "get_multi_slice") {
                ++multi_slices;
                const std::vector<thrift::ColumnOrSuperColumn> none;
                cppcassa::codec::encode_reply<methods::get_multi_slice>(reply, call->seqid, none, true);
            } else {
                const thrift::InvalidRequestException why{"unconfigured columnfamily local"};
                cppcassa::codec::encode_exception_reply<methods::execute_cql3_query>(reply, call->seqid, why, true);
            }
            co_await cppcassa::test::send(socket, reply);
        }
    }

    [[nodiscard]] std::string endpoint() const { return "127.0.0.1:" + std::to_string(server.port()); }
};

cppcassa::pool_config pool_config_naming(const std::vector<std::string>& servers) {
    auto config = cppcassa::test::pool_config_for({});
    config.servers = servers;
    config.learn_server_version = true;
    return config;
}

}  // namespace

TEST_CASE("an operation an old server refuses goes to a server that has the call; the old one stays up") {
    asio::io_context io;
    versioned_peer old_server(io.get_executor(), "19.38.0");
    versioned_peer new_server(io.get_executor(), "20.1.0");
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), pool_config_naming({old_server.endpoint(), new_server.endpoint()}));
        const auto args = one_slice_request();
        auto multi_slice = [&args](cppcassa::connection& c) { return c.get_multi_slice(args); };
        // Not idempotent: still sent on, since the old server was sent nothing.
        cppcassa::operation_options once;
        once.idempotent = false;
        for (int i = 0; i < 4; ++i) {
            const auto columns = co_await pool.execute(multi_slice, once);
            CHECK(columns.empty());
        }
        CHECK(old_server.multi_slices == 0);
        CHECK(new_server.multi_slices == 4);
        const auto stats = pool.stats();
        REQUIRE(stats.hosts.size() == 2);
        CHECK(stats.hosts[0].up);
        CHECK(stats.hosts[0].marked_down == 0);
        REQUIRE(stats.hosts[0].server_version);
        CHECK(stats.hosts[0].server_version->api == cppcassa::version_number{19, 38, 0});
        CHECK_FALSE(stats.hosts[0].server_version->release);  // system.local was not readable
        REQUIRE(stats.hosts[1].server_version);
        CHECK(stats.hosts[1].server_version->api == cppcassa::version_number{20, 1, 0});
        CHECK(stats.failovers >= 1);
        CHECK(stats.succeeded == 4);
    });
}

TEST_CASE("when no server has the call, the operation fails with the refusal and no server is marked down") {
    asio::io_context io;
    versioned_peer first(io.get_executor(), "19.38.0");
    versioned_peer second(io.get_executor(), "19.38.0");
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), pool_config_naming({first.endpoint(), second.endpoint()}));
        const auto args = one_slice_request();
        auto multi_slice = [&args](cppcassa::connection& c) { return c.get_multi_slice(args); };
        bool refused = false;
        try {
            co_await pool.execute(multi_slice);
        } catch (const cppcassa::not_supported_by_server_error& e) {
            refused = true;
            CHECK(e.feature == "get_multi_slice");
        }
        CHECK(refused);
        CHECK(first.multi_slices + second.multi_slices == 0);
        const auto stats = pool.stats();
        for (const auto& host : stats.hosts) {
            CHECK(host.up);
            CHECK(host.marked_down == 0);
        }
        CHECK(stats.failed == 1);
    });
}
