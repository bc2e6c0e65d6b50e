// What a cancelled call throws (call_cancelled, a cppcassa::error) and what it leaves behind, on
// a connection, a pool, a batch, a schema wait and a paged read, facing scripted peers and an
// embedded node. No Cassandra needed.
#include "codec/cassandra_methods.hpp"
#include "faults/pool_test_support.hpp"
#include "support/fake_peer_io.hpp"
#include "support/fake_server.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>
#include <cppcassa/testing/cluster.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace codec = cppcassa::codec;
using namespace std::chrono_literals;
using cppcassa::test::fake_server;
using cppcassa::test::pause_for;
using cppcassa::test::run_coroutine;
using cppcassa::test::silent;
using cppcassa::test::version_responder;
using tcp = asio::ip::tcp;

// A call started with a cancellation slot of the test's: cancel() emits terminal cancellation,
// as the `||` of awaitable operators does to the loser. It must outlive the call (and the
// io_context that may still hold the call when a check fails).
struct cancellable {
    asio::cancellation_signal signal;
    std::exception_ptr outcome;
    bool done = false;
    std::string result;  // what a call returning a string returned

    template <class T>
    void start(asio::io_context& io, asio::awaitable<T> call) {
        asio::co_spawn(io, std::move(call),
                       asio::bind_cancellation_slot(signal.slot(), [this](std::exception_ptr e, auto&&... value) {
                           outcome = e;
                           done = true;
                           (keep(value), ...);
                       }));
    }
    template <class V>
    void keep(const V& value) {
        if constexpr (std::is_convertible_v<const V&, std::string>)
            result = value;
    }
    void cancel() { signal.emit(asio::cancellation_type::terminal); }
    // The call ended with call_cancelled: its message.
    [[nodiscard]] std::string cancelled_message() const {
        REQUIRE(done);
        REQUIRE(outcome);
        try {
            std::rethrow_exception(outcome);
        } catch (const cppcassa::call_cancelled& e) {
            return e.what();
        } catch (const std::exception& e) {
            FAIL("not call_cancelled: " << e.what());
        }
        return {};
    }
};

using cppcassa::test::config_for;

using cppcassa::test::version;

// A pool of one connection to `server` shared by up to `max_in_flight` operations.
cppcassa::pool_config one_connection(const fake_server& server, std::size_t max_in_flight) {
    auto config = cppcassa::test::pool_config_for({server.port()});
    config.pool_size = 1;
    config.max_overflow = 0;
    config.max_in_flight = max_in_flight;
    return config;
}

}  // namespace

TEST_CASE("a cancelled call throws call_cancelled and closes its connection under the other calls") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable other;
    cancellable cancelled;
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::connection conn(io.get_executor(), config_for(server));
        co_await conn.connect();
        other.start(io, conn.describe_version());
        cancelled.start(io, conn.describe_version());
        co_await pause_for(20ms);
        cancelled.cancel();
        co_await pause_for(20ms);
        CHECK_THAT(cancelled.cancelled_message(), Catch::Contains("may have been applied"));
        CHECK_FALSE(conn.is_open());
        REQUIRE(other.done);
        try {
            std::rethrow_exception(other.outcome);
        } catch (const cppcassa::connection_closed& e) {
            CHECK(e.caused_by_request);  // not the server's fault
            CHECK_THAT(std::string(e.what()), Catch::Contains("was cancelled"));
        }
    });
}

TEST_CASE("a call cancelled while waiting for an in-flight slot sent nothing and leaves the connection open") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable first;
    cancellable waiting;
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(server);
        config.max_in_flight = 1;
        cppcassa::connection conn(io.get_executor(), config);
        co_await conn.connect();
        first.start(io, conn.describe_version());
        waiting.start(io, conn.describe_version());
        co_await pause_for(20ms);
        CHECK(conn.in_flight() == 1);
        waiting.cancel();
        co_await pause_for(20ms);
        CHECK_THAT(waiting.cancelled_message(), Catch::Contains("nothing was sent"));
        CHECK(conn.is_open());
        CHECK(conn.in_flight() == 1);
        CHECK_FALSE(first.done);
        conn.close();
        co_await pause_for(20ms);
        CHECK(first.done);
    });
}

TEST_CASE("a connect() cancelled while it sets the keyspace throws call_cancelled and closes the connection") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable connecting;
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto config = config_for(server);
        config.keyspace = "ks";
        cppcassa::connection conn(io.get_executor(), config);
        connecting.start(io, conn.connect());
        co_await pause_for(50ms);
        CHECK_FALSE(connecting.done);
        connecting.cancel();
        co_await pause_for(20ms);
        CHECK_THAT(connecting.cancelled_message(), Catch::Contains("set_keyspace"));
        CHECK_FALSE(conn.is_open());
        bool again = false;
        try {
            co_await conn.connect();
        } catch (const cppcassa::usage_error& e) {
            again = e.code == cppcassa::client_errc::already_connected;
        }
        CHECK(again);
    });
}

TEST_CASE("a pool operation cancelled while it waits for a connection throws call_cancelled and sent nothing") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable holder;
    cancellable waiting;
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), one_connection(server, 1));
        holder.start(io, pool.execute(version));
        co_await pause_for(50ms);
        waiting.start(io, pool.execute(version));
        co_await pause_for(20ms);
        CHECK(pool.stats().waits >= 1);
        waiting.cancel();
        co_await pause_for(20ms);
        CHECK_THAT(waiting.cancelled_message(), Catch::Contains("waiting for a connection"));
        const auto stats = pool.stats();
        CHECK(stats.checkouts == 1);  // only the holder's
        CHECK(stats.retries == 0);
        CHECK(stats.hosts[0].marked_down == 0);
        CHECK_FALSE(holder.done);
        pool.close();
        co_await pause_for(20ms);
        CHECK(holder.done);
    });
}

TEST_CASE("cancelling one pool operation retries those pipelined with it without marking the server down") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable kept;
    cancellable cancelled;
    asio::io_context io;
    // The first connection never answers; every later one does.
    version_responder answering;
    auto answer = answering.behaviour();
    int accepted = 0;
    fake_server server(io.get_executor(), [&](tcp::socket& socket) -> asio::awaitable<void> {
        if (++accepted == 1)
            co_await silent(socket);
        else
            co_await answer(socket);
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), one_connection(server, 2));
        kept.start(io, pool.execute(version));
        co_await pause_for(50ms);  // its connection is open: the next operation shares it
        cancelled.start(io, pool.execute(version));
        co_await pause_for(50ms);
        CHECK(pool.stats().checkouts == 2);  // both on the one connection
        cancelled.cancel();
        co_await pause_for(100ms);
        CHECK_THAT(cancelled.cancelled_message(), Catch::Contains("was cancelled"));
        REQUIRE(kept.done);
        CHECK_FALSE(kept.outcome);
        CHECK(kept.result == "20.1.0");
        const auto stats = pool.stats();
        CHECK(stats.hosts[0].marked_down == 0);
        CHECK(stats.retries == 1);  // the kept operation, on a new connection
        CHECK(accepted == 2);
    });
}

TEST_CASE("a cancelled wait for schema agreement throws call_cancelled naming the versions seen") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable waiting;
    asio::io_context io;
    // Two schema versions, for ever.
    fake_server server(io.get_executor(), [](tcp::socket& socket) -> asio::awaitable<void> {
        std::string buffered;
        while (auto call = co_await cppcassa::test::read_call(socket, buffered, true)) {
            const std::map<std::string, std::vector<std::string>> versions{{"v1", {"127.0.0.1"}},
                                                                            {"v2", {"127.0.0.2"}}};
            std::string reply;
            codec::encode_reply<codec::methods::describe_schema_versions>(reply, call->seqid, versions, true);
            co_await cppcassa::test::send(socket, reply);
        }
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::system_manager_config config;
        config.pool = cppcassa::test::pool_config_for({server.port()});
        config.schema_poll_interval = 1000ms;
        cppcassa::system_manager sys(io.get_executor(), config);
        waiting.start(io, sys.wait_for_schema_agreement());
        co_await pause_for(100ms);
        CHECK_FALSE(waiting.done);
        waiting.cancel();
        co_await pause_for(20ms);
        CHECK_THAT(waiting.cancelled_message(), Catch::Contains("v1") && Catch::Contains("v2"));
        sys.close();
    });
}

TEST_CASE("a batch call cancelled while it waits for a flush stops when that flush ends and keeps its queue") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable waiting;
    asio::io_context io;
    fake_server server(io.get_executor(), silent);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::pool pool(io.get_executor(), cppcassa::test::pool_config_for({server.port()}));
        cppcassa::column_family cf(pool, "Standard1");
        cppcassa::batch_options options;
        options.queue_size = 1;
        options.max_in_flight_flushes = 1;
        std::size_t reported = 0;
        options.on_unsent = [&](std::size_t n) { reported += n; };
        {
            cppcassa::batch b(pool, options);
            const cppcassa::column_values columns{{"c", "v"}};
            b.insert(cf, "k1", columns);
            co_await b.flush_if_full();  // the one flush slot: the silent server never answers it
            CHECK(b.in_flight() == 1);
            b.insert(cf, "k2", columns);
            waiting.start(io, b.flush_if_full());
            co_await pause_for(20ms);
            waiting.cancel();
            co_await pause_for(20ms);
            CHECK_FALSE(waiting.done);  // the wait ends only with a flush
            pool.close();               // which fails the flush in flight
            co_await pause_for(20ms);
            CHECK_THAT(waiting.cancelled_message(), Catch::Contains("stays queued"));
            CHECK(b.pending() == 1);  // k2: no flush was started for it
            CHECK(b.in_flight() == 0);
        }
        CHECK(reported == 2);  // k2 never sent, k1's failure never reported by a call
    });
}

TEST_CASE("a range read's next() cancelled while its prefetched page travels leaves the range usable") {
    // Before the io_context: a call's cancellation slot must outlive it, a failed check too.
    cancellable next;
    asio::io_context io;
    cppcassa::testing::cluster db(io.get_executor());
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        cppcassa::system_manager_config manager;
        manager.pool = cppcassa::test::pool_config_for({db[0].port()});
        manager.schema_poll_interval = 10ms;
        cppcassa::system_manager sys(io.get_executor(), manager);
        co_await sys.create_keyspace("app");
        const cppcassa::column_family_options text{.comparator_type = "UTF8Type",
                                                   .key_validation_class = "UTF8Type",
                                                   .default_validation_class = "UTF8Type"};
        co_await sys.create_column_family("app", "Rows", text);
        sys.close();

        auto config = cppcassa::test::pool_config_for({db[0].port()});
        config.keyspace = "app";
        cppcassa::pool pool(io.get_executor(), config);
        auto cf = co_await cppcassa::column_family::open(pool, "Rows");
        const cppcassa::column_values columns{{"c", "v"}};
        for (int i = 0; i < 5; ++i)
            co_await cf.insert(fmt::format("row{}", i), columns);

        cppcassa::range_options pages_of_two;
        pages_of_two.read.buffer_size = 2;
        auto range = cf.get_range(pages_of_two);
        db[0].set_latency(300ms);  // the page after the first travels slowly
        std::set<std::string> seen;
        for (int i = 0; i < 2; ++i) {
            const auto r = co_await range.next();
            REQUIRE(r);
            seen.insert(r->key.as<std::string>());
        }
        next.start(io, range.next());
        co_await pause_for(50ms);
        CHECK_FALSE(next.done);
        next.cancel();
        co_await pause_for(20ms);
        CHECK_THAT(next.cancelled_message(), Catch::Contains("stays usable"));

        db[0].set_latency(0ms);
        while (const auto r = co_await range.next())
            seen.insert(r->key.as<std::string>());
        CHECK(seen.size() == 5);  // no row lost, none repeated
        pool.close();
    });
}
