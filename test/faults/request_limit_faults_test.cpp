// A request over the server's frame limit, sent because the client's request limit was raised
// past it: the server closes the connection without a reply, as Cassandra does, and the pool
// reports the request, marks no server down, and goes on. Scripted peers stand in for the
// server's close; the refusal before sending is tested against the real node
// (test/integration/request_limit_test.cpp).
#include "faults/pool_test_support.hpp"
#include "support/fake_server.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include "codec/byte_order.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include "support/catch.hpp"

#include <optional>
#include <string>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using cppcassa::test::fake_server;
using cppcassa::test::run_coroutine;
using tcp = asio::ip::tcp;

constexpr std::size_t mib = 1024 * 1024;

// Answers describe_version; on a frame announced over 15 MiB it closes the connection unread,
// as Cassandra's framed transport does past thrift_framed_transport_size_in_mb.
asio::awaitable<void> closes_on_large_frames(tcp::socket& socket) {
    std::string buffered;
    for (;;) {
        while (buffered.size() < 4) {
            char chunk[4096];
            boost::system::error_code ec;
            const std::size_t n =
                co_await socket.async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                co_return;
            buffered.append(chunk, n);
        }
        if (cppcassa::codec::detail::load_be<std::uint32_t>(buffered.data()) > 15 * mib)
            co_return;
        const auto call = co_await cppcassa::test::read_call(socket, buffered, true);
        if (!call)
            co_return;
        std::string reply;
        cppcassa::codec::encode_reply<cppcassa::codec::methods::describe_version>(reply, call->seqid, "20.1.0", true);
        co_await cppcassa::test::send(socket, reply);
    }
}

}  // namespace

TEST_CASE("a server closing on a request over its frame limit fails that request and marks no server down") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        fake_server first(executor, closes_on_large_frames);
        fake_server second(executor, closes_on_large_frames);
        auto config = cppcassa::test::pool_config_for({first.port(), second.port()});
        config.request_limit = 64 * mib;  // past the server's 15 MiB
        cppcassa::pool pool(executor, config);

        thrift::insert_args args;
        args.key = "k";
        args.column_parent.column_family = "Standard1";
        args.column.name = "blob";
        args.column.value = std::string(20 * mib, 'x');
        args.column.timestamp = 1;
        auto insert = [&args](cppcassa::connection& c) { return c.insert(args); };
        std::optional<cppcassa::request_too_large> caught;
        try {
            co_await pool.execute(insert);
        } catch (const cppcassa::request_too_large& e) {
            caught = e;
        }
        REQUIRE(caught);
        CHECK(caught->method == "insert");
        CHECK_THAT(std::string(caught->what()), Catch::Contains("thrift_framed_transport_size_in_mb"));
        const auto stats = pool.stats();
        CHECK(stats.failed == 1);
        for (const auto& host : stats.hosts) {
            CHECK(host.up);
            CHECK(host.marked_down == 0);
        }
        // Sent once: the same bytes would fail on the other server too.
        CHECK(stats.retries == 0);

        auto version = [](cppcassa::connection& c) { return c.describe_version(); };
        CHECK(co_await pool.execute(version) == "20.1.0");
    });
}
