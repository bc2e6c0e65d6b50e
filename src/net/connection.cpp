#include <cppcassa/connection.hpp>

#include "codec/cassandra_methods.hpp"
#include "net/connection_impl.hpp"

namespace cppcassa {

namespace asio = boost::asio;
namespace methods = codec::methods;

connection::connection(asio::any_io_executor executor, connection_config config)
    : impl_(std::make_shared<net::connection_impl>(std::move(executor), std::move(config))) {}

connection::~connection() {
    if (impl_)
        impl_->close();
}

connection::connection(connection&&) noexcept = default;

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        if (impl_)
            impl_->close();
        impl_ = std::move(other.impl_);
    }
    return *this;
}

asio::awaitable<void> connection::connect() {
    auto impl = impl_;
    co_await impl->connect();
}

void connection::close() { impl_->close(); }
bool connection::is_open() const { return impl_->is_open(); }
const connection_config& connection::config() const { return impl_->config(); }
const std::string& connection::endpoint() const { return impl_->endpoint(); }
std::size_t connection::in_flight() const { return impl_->in_flight(); }
const std::optional<cppcassa::server_version>& connection::server_version() const { return impl_->known_server_version(); }
asio::any_io_executor connection::get_executor() const { return impl_->get_executor(); }

// Each Thrift method forwards to the one generic pipelined call. Not coroutines: the call's own
// frame takes the arguments and a reference on the connection (so the call outlives a moved or
// destroyed user's connection object), and a forwarder's frame would be one more allocation per
// call when Asio's frame cache misses.
#define CPPCASSA_FORWARD(name)                                                                     \
    asio::awaitable<methods::name::result> connection::name(thrift::name##_args args,              \
                                                            call_options options) {                \
        return impl_->call<methods::name>(std::move(args), options);                               \
    }
#define CPPCASSA_FORWARD_VOID(name)                                                                \
    asio::awaitable<void> connection::name(thrift::name##_args args, call_options options) {       \
        return impl_->call<methods::name>(std::move(args), options);                               \
    }
#define CPPCASSA_FORWARD_NO_ARGS(name)                                                             \
    asio::awaitable<methods::name::result> connection::name(call_options options) {                \
        return impl_->call<methods::name>(thrift::name##_args{}, options);                         \
    }

#define CPPCASSA_FORWARD_INTO(name)                                                                \
    asio::awaitable<void> connection::name(const thrift::name##_args& args, methods::name::result& out, \
                                           call_options options) {                                 \
        return impl_->call_into<methods::name>(args, out, options);                                \
    }

CPPCASSA_FORWARD_VOID(login)
CPPCASSA_FORWARD_VOID(set_keyspace)

CPPCASSA_FORWARD(get)
CPPCASSA_FORWARD(get_slice)
CPPCASSA_FORWARD(get_count)
CPPCASSA_FORWARD(multiget_slice)
CPPCASSA_FORWARD(multiget_count)
CPPCASSA_FORWARD(get_range_slices)
CPPCASSA_FORWARD(get_paged_slice)
CPPCASSA_FORWARD(get_indexed_slices)
CPPCASSA_FORWARD(get_multi_slice)
CPPCASSA_FORWARD_INTO(get_slice)
CPPCASSA_FORWARD_INTO(get_range_slices)
CPPCASSA_FORWARD_INTO(get_multi_slice)

CPPCASSA_FORWARD_VOID(insert)
CPPCASSA_FORWARD_VOID(add)
CPPCASSA_FORWARD(cas)
CPPCASSA_FORWARD_VOID(remove)
CPPCASSA_FORWARD_VOID(remove_counter)
CPPCASSA_FORWARD_VOID(batch_mutate)
CPPCASSA_FORWARD_VOID(atomic_batch_mutate)
CPPCASSA_FORWARD_VOID(truncate)

CPPCASSA_FORWARD_NO_ARGS(describe_schema_versions)
CPPCASSA_FORWARD_NO_ARGS(describe_keyspaces)
CPPCASSA_FORWARD_NO_ARGS(describe_cluster_name)
CPPCASSA_FORWARD_NO_ARGS(describe_version)
CPPCASSA_FORWARD(describe_ring)
CPPCASSA_FORWARD(describe_local_ring)
CPPCASSA_FORWARD_NO_ARGS(describe_token_map)
CPPCASSA_FORWARD_NO_ARGS(describe_partitioner)
CPPCASSA_FORWARD_NO_ARGS(describe_snitch)
CPPCASSA_FORWARD(describe_keyspace)
CPPCASSA_FORWARD(describe_splits)
CPPCASSA_FORWARD(describe_splits_ex)
CPPCASSA_FORWARD_NO_ARGS(trace_next_query)

CPPCASSA_FORWARD(system_add_column_family)
CPPCASSA_FORWARD(system_drop_column_family)
CPPCASSA_FORWARD(system_add_keyspace)
CPPCASSA_FORWARD(system_drop_keyspace)
CPPCASSA_FORWARD(system_update_keyspace)
CPPCASSA_FORWARD(system_update_column_family)

CPPCASSA_FORWARD(execute_cql_query)
CPPCASSA_FORWARD(execute_cql3_query)
CPPCASSA_FORWARD(prepare_cql_query)
CPPCASSA_FORWARD(prepare_cql3_query)
CPPCASSA_FORWARD(execute_prepared_cql_query)
CPPCASSA_FORWARD(execute_prepared_cql3_query)
CPPCASSA_FORWARD_VOID(set_cql_version)

#undef CPPCASSA_FORWARD
#undef CPPCASSA_FORWARD_VOID
#undef CPPCASSA_FORWARD_NO_ARGS
#undef CPPCASSA_FORWARD_INTO

}  // namespace cppcassa
