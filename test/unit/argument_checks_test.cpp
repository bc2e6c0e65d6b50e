// Raw Thrift arguments a server cannot take, refused before sending, without sockets.
#include "net/argument_checks.hpp"

#include "support/usage_errors.hpp"

#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <string>
#include <vector>

namespace {

namespace thrift = cppcassa::thrift;
using cppcassa::net::check_arguments;
using cppcassa::test::usage_code;

thrift::get_multi_slice_args complete_request() {
    thrift::get_multi_slice_args args;
    args.request.key = "k";
    args.request.column_parent = thrift::ColumnParent{.column_family = "cf"};
    args.request.column_slices = std::vector<thrift::ColumnSlice>{thrift::ColumnSlice{}};
    return args;
}

}  // namespace

TEST_CASE("get_multi_slice without a key, a column_parent or column_slices is refused before sending") {
    constexpr auto invalid = cppcassa::client_errc::invalid_argument;
    auto no_slices = complete_request();
    no_slices.request.column_slices.reset();
    CHECK(usage_code([&] { check_arguments("h:9160", no_slices); }) == invalid);
    auto no_key = complete_request();
    no_key.request.key.reset();
    CHECK(usage_code([&] { check_arguments("h:9160", no_key); }) == invalid);
    auto no_parent = complete_request();
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
    CHECK_NOTHROW(check_arguments("h:9160", complete_request()));
    auto empty = complete_request();
    empty.request.column_slices = std::vector<thrift::ColumnSlice>{};
    CHECK_NOTHROW(check_arguments("h:9160", empty));
    CHECK_NOTHROW(check_arguments("h:9160", thrift::get_slice_args{}));
}
