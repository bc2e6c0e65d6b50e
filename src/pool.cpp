#include <cppcassa/pool.hpp>

#include "pool/pool_impl.hpp"

namespace cppcassa {

namespace asio = boost::asio;

pool::pool(asio::any_io_executor executor, pool_config config)
    : impl_(std::make_shared<pool_detail::pool_impl>(std::move(executor), std::move(config))) {
    impl_->start();
}

pool::~pool() { impl_->close(); }

void pool::close() { impl_->close(); }
pool_stats pool::stats() const { return impl_->stats(); }
const pool_config& pool::config() const { return impl_->config(); }
asio::any_io_executor pool::get_executor() const { return impl_->get_executor(); }

asio::awaitable<void> pool::run(pool_detail::attempt_function& attempt, operation_options options) {
    auto impl = impl_;  // alive for the whole operation, even if the pool object goes
    co_await impl->run(attempt, options);
}

}  // namespace cppcassa
