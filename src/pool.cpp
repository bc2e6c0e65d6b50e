#include <cppcassa/pool.hpp>

#include "pool/pool_impl.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <thread>

namespace cppcassa {

namespace asio = boost::asio;

const char* to_string(dispose_reason reason) noexcept {
    switch (reason) {
    case dispose_reason::recycled:
        return "recycled";
    case dispose_reason::broken:
        return "broken";
    case dispose_reason::overflow_idle:
        return "overflow_idle";
    case dispose_reason::host_down:
        return "host_down";
    case dispose_reason::made_room:
        return "made_room";
    case dispose_reason::health_check:
        return "health_check";
    case dispose_reason::left_ring:
        return "left_ring";
    case dispose_reason::per_operation:
        return "per_operation";
    case dispose_reason::pool_closed:
        return "pool_closed";
    }
    return "unknown";
}

pool::pool(asio::any_io_executor executor, pool_config config)
    : impl_(std::make_shared<pool_detail::pool_impl>(std::move(executor), std::move(config))) {
    impl_->start();
}

pool::~pool() { close(); }

void pool::close() {
    if (impl_->config().kind != pool_kind::per_thread) {
        impl_->close();
        return;
    }
    // From any thread: the closing runs on the pool's strand (at once when already on it).
    asio::dispatch(impl_->get_executor(), [impl = impl_] { impl->close(); });
}

pool_stats pool::stats() const { return impl_->stats(); }
std::vector<std::vector<std::size_t>> pool::group_by_replica(const std::vector<std::string>& keys) const {
    return impl_->group_by_replica(keys);
}
const pool_config& pool::config() const { return impl_->config(); }
asio::any_io_executor pool::get_executor() const { return impl_->get_executor(); }

namespace {

// A per-thread pool runs each operation on its strand; the caller resumes on its own executor.
asio::awaitable<void> run_on_strand(std::shared_ptr<pool_detail::pool_impl> impl,
                                    pool_detail::attempt_function& attempt, operation_options options,
                                    std::thread::id thread) {
    // Built as a named awaitable first: no temporaries inside the co_await, see GCC 12.
    auto operation = impl->run(attempt, options, thread);
    auto on_strand = asio::co_spawn(impl->get_executor(), std::move(operation), asio::use_awaitable);
    co_await std::move(on_strand);
}

}  // namespace

// Not a coroutine on the common path: pool_impl::run's own frame (which holds the impl alive)
// is the operation, one coroutine frame fewer to allocate per operation.
asio::awaitable<void> pool::run(pool_detail::attempt_function& attempt, operation_options options) {
    // The calling thread, before any hop: the per-thread pool's key.
    const auto thread = std::this_thread::get_id();
    if (impl_->config().kind != pool_kind::per_thread)
        return impl_->run(attempt, options, thread);
    return run_on_strand(impl_, attempt, options, thread);
}

}  // namespace cppcassa
