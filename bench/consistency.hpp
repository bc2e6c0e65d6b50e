// Consistency levels by name, for the flags that take one (--consistency, --read-cl, --write-cl).
#pragma once

#include <cppcassa/thrift.hpp>

#include <string>
#include <string_view>

namespace cppcassa::bench {

struct named_consistency {
    thrift::ConsistencyLevel level = thrift::ConsistencyLevel::ONE;
    std::string name = "ONE";
};

// ONE, TWO, THREE, QUORUM, ALL, ANY, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, in any case. Throws
// std::invalid_argument naming `flag` and the levels it takes.
named_consistency consistency_of(std::string_view name, std::string_view flag);

}  // namespace cppcassa::bench
