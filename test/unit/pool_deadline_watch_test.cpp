// The pool's per-connection deadline watch: one timer for every attempt on a connection.
#include "pool/deadline_watch.hpp"

#include <boost/asio/io_context.hpp>

#include "support/catch.hpp"

#include <chrono>
#include <memory>

using namespace std::chrono_literals;
using cppcassa::detail::deadline_watch;
using clock_type = deadline_watch::clock;

namespace {

// The watch with a counter for its expiry callback, which stops the watch as closing the
// connection does in the pool.
struct watched_connection {
    explicit watched_connection(boost::asio::io_context& io)
        : watch(io.get_executor(), [this] {
              ++expiries;
              watch.stop();
          }) {}
    int expiries = 0;
    deadline_watch watch;
};

}  // namespace

TEST_CASE("a lease past its deadline expires and closes the connection, a later lease is left alone") {
    boost::asio::io_context io;
    watched_connection c(io);
    deadline_watch::lease late(clock_type::now() + 1h);
    deadline_watch::lease soon(clock_type::now() + 20ms);
    c.watch.watch(late);
    c.watch.watch(soon);  // earlier than the armed deadline: moves the timer forward
    io.run_for(10s);
    CHECK(io.stopped());  // stopped, the watch left nothing for io_context::run to wait for
    CHECK(c.expiries == 1);
    CHECK(soon.expired);
    CHECK_FALSE(late.expired);
}

TEST_CASE("a lease that ends before its deadline never expires and the timer is not re-armed for it") {
    boost::asio::io_context io;
    watched_connection c(io);
    {
        deadline_watch::lease done(clock_type::now() + 20ms);
        c.watch.watch(done);
        c.watch.unwatch(done);
    }
    io.run_for(10s);
    CHECK(io.stopped());
    CHECK(c.expiries == 0);
}

TEST_CASE("when the earliest lease has ended the timer re-arms for the next one, which expires") {
    boost::asio::io_context io;
    watched_connection c(io);
    deadline_watch::lease next(clock_type::now() + 60ms);
    {
        deadline_watch::lease first(clock_type::now() + 10ms);
        c.watch.watch(first);
        c.watch.watch(next);
    }  // destroyed while watched: it unlinks itself
    io.run_for(10s);
    CHECK(io.stopped());
    CHECK(c.expiries == 1);
    CHECK(next.expired);
}

TEST_CASE("a stopped watch neither fires nor keeps io_context::run busy, and ignores new leases") {
    boost::asio::io_context io;
    watched_connection c(io);
    deadline_watch::lease pending(clock_type::now() + 1h);
    c.watch.watch(pending);
    c.watch.stop();
    deadline_watch::lease after(clock_type::now() + 1ms);
    c.watch.watch(after);
    io.run_for(10s);
    CHECK(io.stopped());
    CHECK(c.expiries == 0);
    CHECK_FALSE(pending.expired);
    CHECK_FALSE(after.expired);
}

TEST_CASE("a lease without a deadline is never watched") {
    boost::asio::io_context io;
    watched_connection c(io);
    deadline_watch::lease unlimited(clock_type::time_point::max());
    c.watch.watch(unlimited);
    io.run_for(10s);
    CHECK(io.stopped());  // no timer was armed for it
    CHECK(c.expiries == 0);
}

TEST_CASE("a watch destroyed before its timer fires is never called back") {
    boost::asio::io_context io;
    int expiries = 0;
    deadline_watch::lease soon(clock_type::now() + 1ms);
    {
        deadline_watch watch(io.get_executor(), [&] { ++expiries; });
        watch.watch(soon);
    }  // the lease outlives the watch: the watch unlinked it
    io.run_for(10s);
    CHECK(io.stopped());
    CHECK(expiries == 0);
    CHECK_FALSE(soon.expired);
}
