#include "pool/deadline_watch.hpp"

#include <memory>
#include <utility>

namespace cppcassa::detail {

deadline_lease::~deadline_lease() {
    if (watch_)
        watch_->unwatch(*this);
}

deadline_watch::deadline_watch(boost::asio::any_io_executor executor, std::function<void()> on_expiry)
    : timer_(std::move(executor)), on_expiry_(std::move(on_expiry)), self_(std::make_shared<deadline_watch*>(this)) {}

deadline_watch::~deadline_watch() {
    while (first_)
        unwatch(*first_);
}

void deadline_watch::watch(lease& l) {
    if (l.deadline == clock::time_point::max() || stopped_)
        return;
    l.watch_ = this;
    l.prev_ = nullptr;
    l.next_ = first_;
    if (first_)
        first_->prev_ = &l;
    first_ = &l;
    // Later deadlines wait for the timer to fire early and re-arm it; only an earlier one moves it.
    if (l.deadline < armed_)
        arm(l.deadline);
}

void deadline_watch::unwatch(lease& l) {
    if (l.watch_ != this)
        return;
    if (l.prev_)
        l.prev_->next_ = l.next_;
    else
        first_ = l.next_;
    if (l.next_)
        l.next_->prev_ = l.prev_;
    l.prev_ = l.next_ = nullptr;
    l.watch_ = nullptr;
}

void deadline_watch::stop() {
    stopped_ = true;
    armed_ = clock::time_point::max();
    timer_.cancel();
}

void deadline_watch::arm(clock::time_point at) {
    armed_ = at;
    timer_.expires_at(at);
    timer_.async_wait([self = std::weak_ptr<deadline_watch*>(self_)](boost::system::error_code ec) {
        if (const auto owner = self.lock(); owner && !ec)
            (*owner)->on_timer();
    });
}

void deadline_watch::on_timer() {
    armed_ = clock::time_point::max();
    if (stopped_)
        return;
    const auto now = clock::now();
    auto next = clock::time_point::max();
    bool due = false;
    for (lease* l = first_; l; l = l->next_) {
        if (l->deadline <= now) {
            l->expired = true;
            due = true;
        } else if (l->deadline < next) {
            next = l->deadline;
        }
    }
    if (due)
        on_expiry_();
    else if (next != clock::time_point::max())
        arm(next);
}

}  // namespace cppcassa::detail
