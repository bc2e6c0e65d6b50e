// The sans-io half of fan-out (fan_out.hpp): splitting a multi-key request into replica groups
// and merging the groups' replies back into the caller's key order. No pool, no socket.
#pragma once

#include <cppcassa/fan_out.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cppcassa::detail {

// The keys without repeats, each at its first position. Cassandra answers a repeated key once,
// so the merged result lists it once too.
std::vector<std::string> unique_keys(const std::vector<std::string>& keys);

// The keys of each group: groups[g] holds indexes into `keys`.
std::vector<std::vector<std::string>> keys_of_groups(const std::vector<std::string>& keys,
                                                     const std::vector<std::vector<std::size_t>>& groups);

// Every key that is in no group, or in two: a grouping that would drop or duplicate a key is a
// bug, caught before anything is sent. Returns an empty string when the grouping is a partition
// of 0..count-1, else a description of the fault.
std::string check_partition(std::size_t count, const std::vector<std::vector<std::size_t>>& groups);

// Merges group replies (each a map keyed by row key, as Thrift returns them) into the order of
// `keys`; a key absent from its group's reply gets V{} (Cassandra's answer for a missing row).
template <class V>
in_key_order<V> merge_in_order(const std::vector<std::string>& keys, const std::vector<std::vector<std::size_t>>& groups,
                               std::vector<std::map<std::string, V>>& replies) {
    in_key_order<V> out(keys.size());
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (const std::size_t i : groups[g]) {
            out[i].first = keys[i];
            const auto it = replies[g].find(keys[i]);
            if (it != replies[g].end())
                out[i].second = std::move(it->second);
        }
    return out;
}

// A mutation map split by groups of its keys (`keys`: the map's keys in map order).
template <class Mutations>
std::vector<std::map<std::string, Mutations>> split_mutation_map(std::map<std::string, Mutations>&& all,
                                                                 const std::vector<std::string>& keys,
                                                                 const std::vector<std::vector<std::size_t>>& groups) {
    std::vector<std::map<std::string, Mutations>> parts(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (const std::size_t i : groups[g]) {
            auto node = all.extract(keys[i]);
            if (!node.empty())
                parts[g].insert(std::move(node));
        }
    return parts;
}

}  // namespace cppcassa::detail
