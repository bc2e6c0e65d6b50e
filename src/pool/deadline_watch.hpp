// The operation deadlines of the attempts using one pooled connection, watched by one timer.
//
// An attempt past its operation's deadline must end at once, and the only way to abandon a call
// on a pipelined connection is to close it (a reply left unread would be taken for the next
// call's). A timer per attempt did that, at the price of a timer armed and cancelled (one
// completion posted) per operation; here the connection's single timer is armed at the earliest
// deadline and, as operations share one budget, mostly fires once per budget with nothing due.
#pragma once

#include <cppcassa/detail/deadline_lease.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>

namespace cppcassa::detail {

class deadline_watch {
public:
    using clock = std::chrono::steady_clock;

    // One attempt's deadline (include/cppcassa/detail/deadline_lease.hpp).
    using lease = deadline_lease;

    // `on_expiry` runs when at least one watched lease is past its deadline (all such leases are
    // marked expired first); it is expected to close the connection.
    deadline_watch(boost::asio::any_io_executor executor, std::function<void()> on_expiry);
    ~deadline_watch();
    deadline_watch(const deadline_watch&) = delete;
    deadline_watch& operator=(const deadline_watch&) = delete;

    // A lease with deadline clock::time_point::max() is never due and not linked.
    void watch(lease& l);
    void unwatch(lease& l);
    // Stops the timer (the connection is closed): the io_context does not wait for it.
    void stop();

private:
    void arm(clock::time_point at);
    void on_timer();

    boost::asio::steady_timer timer_;
    std::function<void()> on_expiry_;
    lease* first_ = nullptr;
    clock::time_point armed_ = clock::time_point::max();
    bool stopped_ = false;
    // Dies with the watch: a completion still queued finds its weak_ptr expired and does not
    // touch a destroyed watch.
    std::shared_ptr<deadline_watch*> self_;
};

}  // namespace cppcassa::detail
