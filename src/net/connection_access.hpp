// The library's own way into a connection: calls whose arguments are not thrift:: structs (a
// batch already encoded by cppcassa::batch) go straight to the connection's generic call.
#pragma once

#include "net/connection_impl.hpp"

#include <cppcassa/connection.hpp>

namespace cppcassa::net {

struct connection_access {
    static connection_impl& impl(connection& c) noexcept { return *c.impl_; }
};

}  // namespace cppcassa::net
