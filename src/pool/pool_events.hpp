// Calls the pool's listener, when there is one; a hook that throws cannot break the pool.
#pragma once

#include <cppcassa/pool_listener.hpp>

#include <memory>
#include <utility>

namespace cppcassa::detail {

class pool_events {
public:
    explicit pool_events(std::shared_ptr<pool_listener> listener) : listener_(std::move(listener)) {}

    // emit([&](pool_listener& l) { l.checked_out(endpoint); })
    template <class F>
    void emit(F&& hook) const noexcept {
        if (!listener_)
            return;
        try {
            std::forward<F>(hook)(*listener_);
        } catch (...) {
            // A listener's failure is its own: the pool goes on (pool_listener.hpp).
        }
    }

private:
    std::shared_ptr<pool_listener> listener_;
};

}  // namespace cppcassa::detail
