#include "net/argument_checks.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

namespace cppcassa::net {

void check_arguments(std::string_view endpoint, const thrift::get_multi_slice_args& args) {
    const auto& request = args.request;
    const char* missing = !request.key             ? "key"
                          : !request.column_parent ? "column_parent"
                          : !request.column_slices ? "column_slices"
                                                   : nullptr;
    if (missing)
        throw usage_error(client_errc::invalid_argument,
                          fmt::format("get_multi_slice to {}: the request has no {}; it needs a key, a column_parent "
                                      "and column_slices (an empty list reads nothing), and Cassandra closes the "
                                      "connection on a request without them (nothing was sent)",
                                      endpoint, missing));
}

}  // namespace cppcassa::net
