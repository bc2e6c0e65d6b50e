#include "api/fan_out_plan.hpp"

#include <fmt/format.h>

#include <unordered_set>

namespace cppcassa::detail {

std::vector<std::string> unique_keys(const std::vector<std::string>& keys) {
    std::vector<std::string> out;
    out.reserve(keys.size());
    std::unordered_set<std::string_view> seen;
    seen.reserve(keys.size());
    for (const auto& key : keys)
        if (seen.insert(key).second)
            out.push_back(key);
    return out;
}

std::vector<std::vector<std::string>> keys_of_groups(const std::vector<std::string>& keys,
                                                     const std::vector<std::vector<std::size_t>>& groups) {
    std::vector<std::vector<std::string>> out(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        out[g].reserve(groups[g].size());
        for (const std::size_t i : groups[g])
            out[g].push_back(keys[i]);
    }
    return out;
}

std::string check_partition(std::size_t count, const std::vector<std::vector<std::size_t>>& groups) {
    std::vector<int> seen(count, 0);
    for (const auto& group : groups) {
        if (group.empty())
            return "an empty replica group";
        for (const std::size_t i : group) {
            if (i >= count)
                return fmt::format("key index {} out of {} keys", i, count);
            if (seen[i]++)
                return fmt::format("key index {} in two replica groups", i);
        }
    }
    for (std::size_t i = 0; i < count; ++i)
        if (!seen[i])
            return fmt::format("key index {} in no replica group", i);
    return {};
}

}  // namespace cppcassa::detail
