#include <cppcassa/pool.hpp>

#include "pool/pool_impl.hpp"

#include <boost/asio/dispatch.hpp>


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
    : impl_(std::make_shared<detail::pool_impl>(std::move(executor), std::move(config))),
      runs_on_strand_(impl_->config().kind == pool_kind::per_thread) {
    impl_->start();
}

pool::pool(detail::pool_view_tag, const pool& owner)
    : impl_(owner.impl_), runs_on_strand_(owner.runs_on_strand_), owner_(false) {}

pool::~pool() {
    if (owner_)
        close();
}

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

}  // namespace cppcassa
