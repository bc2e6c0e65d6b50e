// A get_multi_slice request with everything a server needs (a key, a column parent, one slice):
// the smallest valid one, for tests of who sends it and who refuses it.
#pragma once

#include <cppcassa/thrift.hpp>

#include <vector>

namespace cppcassa::test {

inline cppcassa::thrift::get_multi_slice_args one_slice_request() {
    namespace thrift = cppcassa::thrift;
    thrift::get_multi_slice_args args;
    args.request.key = "k";
    args.request.column_parent = thrift::ColumnParent{.column_family = "cf"};
    args.request.column_slices = std::vector<thrift::ColumnSlice>{thrift::ColumnSlice{}};
    return args;
}

}  // namespace cppcassa::test
