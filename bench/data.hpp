// Generated rows and requests, the same for every client in a run (seeded).
#pragma once

#include <cppcassa/thrift.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cppcassa::bench {

// splitmix64: tiny, fast, and good enough to pick keys and fill values.
class rng {
public:
    explicit rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n).
    std::uint64_t below(std::uint64_t n) { return next() % n; }

private:
    std::uint64_t s_;
};

inline std::string random_bytes(rng& r, std::size_t n) {
    std::string s(n, '\0');
    for (auto& c : s)
        c = static_cast<char>(r.next() & 0xff);
    return s;
}

// "column0007": 10-byte names that sort in column order under BytesType.
inline std::string column_name(int i) { return fmt::format("column{:04d}", i); }

// "row-000042": row keys; the partitioner hashes them, which spreads them over the ring.
inline std::string row_key(std::uint64_t i) { return fmt::format("row-{:06d}", i); }

// A row as get_slice returns it: `columns` columns with `value_size`-byte values and timestamps.
inline std::vector<thrift::ColumnOrSuperColumn> make_row(rng& r, int columns, std::size_t value_size,
                                                         std::int64_t timestamp) {
    std::vector<thrift::ColumnOrSuperColumn> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i)
        row.push_back({.column = thrift::Column{.name = column_name(i),
                                                .value = random_bytes(r, value_size),
                                                .timestamp = timestamp + i}});
    return row;
}

// get_slice of a whole row (up to `count` columns) at consistency ONE.
inline thrift::get_slice_args make_get_slice(std::string key, std::string column_family, std::int32_t count) {
    return {.key = std::move(key),
            .column_parent = {.column_family = std::move(column_family)},
            .predicate = {.slice_range = thrift::SliceRange{.start = "", .finish = "", .count = count}},
            .consistency_level = thrift::ConsistencyLevel::ONE};
}

}  // namespace cppcassa::bench
