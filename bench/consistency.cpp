#include "consistency.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace cppcassa::bench {

named_consistency consistency_of(std::string_view name, std::string_view flag) {
    using cl = thrift::ConsistencyLevel;
    static constexpr std::array<std::pair<std::string_view, cl>, 9> names{{{"ONE", cl::ONE},
                                                                           {"TWO", cl::TWO},
                                                                           {"THREE", cl::THREE},
                                                                           {"QUORUM", cl::QUORUM},
                                                                           {"ALL", cl::ALL},
                                                                           {"ANY", cl::ANY},
                                                                           {"LOCAL_ONE", cl::LOCAL_ONE},
                                                                           {"LOCAL_QUORUM", cl::LOCAL_QUORUM},
                                                                           {"EACH_QUORUM", cl::EACH_QUORUM}}};
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    const auto found = std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.first == upper; });
    if (found == names.end())
        throw std::invalid_argument(fmt::format("--{}: unknown consistency level '{}' (ONE, TWO, THREE, QUORUM, ALL, "
                                                "ANY, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM)",
                                                flag, name));
    return {found->second, std::move(upper)};
}

}  // namespace cppcassa::bench
