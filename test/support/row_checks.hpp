// Small checks on what the column family tests read back.
#pragma once

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace cppcassa::test {

// The names of `columns`, in the order Cassandra returned them.
inline std::vector<std::string> names(const column_list& columns) {
    std::vector<std::string> out;
    for (const auto& c : columns)
        out.push_back(c.name.as<std::string>());
    return out;
}

// Whether `key` reads as not_found (no row, or no column left in it).
inline boost::asio::awaitable<bool> is_missing(column_family& cf, const std::string& key) {
    bool missing = false;
    try {
        co_await cf.get(key);
    } catch (const not_found&) {
        missing = true;
    }
    co_return missing;
}

}  // namespace cppcassa::test
