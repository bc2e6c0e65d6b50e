// Raw Thrift arguments a server cannot take, refused before sending, without sockets.
#include "net/argument_checks.hpp"

#include "support/multi_slice_request.hpp"
#include "support/usage_errors.hpp"

#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <string>
#include <vector>

namespace {

using cppcassa::test::one_slice_request;

namespace thrift = cppcassa::thrift;
using cppcassa::net::check_arguments;
using cppcassa::test::usage_code;

}  // namespace

TEST_CASE("get_multi_slice without a key, a column_parent or column_slices is refused before sending") {
    constexpr auto invalid = cppcassa::client_errc::invalid_argument;
    auto no_slices = one_slice_request();
    no_slices.request.column_slices.reset();
    CHECK(usage_code([&] { check_arguments("h:9160", no_slices); }) == invalid);
    auto no_key = one_slice_request();
    no_key.request.key.reset();
    CHECK(usage_code([&] { check_arguments("h:9160", no_key); }) == invalid);
    auto no_parent = one_slice_request();
    no_parent.request.column_parent.reset();
    CHECK(usage_code([&] { check_arguments("h:9160", no_parent); }) == invalid);
    try {
        check_arguments("h:9160", no_slices);
    } catch (const cppcassa::usage_error& e) {
        const std::string what = e.what();
        CHECK(what.find("h:9160") != std::string::npos);
        CHECK(what.find("no column_slices") != std::string::npos);
        CHECK(what.find("nothing was sent") != std::string::npos);
    }
}

TEST_CASE("get_multi_slice with an empty list of slices, and other calls, go out as they are") {
    CHECK_NOTHROW(check_arguments("h:9160", one_slice_request()));
    auto empty = one_slice_request();
    empty.request.column_slices = std::vector<thrift::ColumnSlice>{};
    CHECK_NOTHROW(check_arguments("h:9160", empty));
    CHECK_NOTHROW(check_arguments("h:9160", thrift::get_slice_args{}));
}
