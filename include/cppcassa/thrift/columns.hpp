// Cells as Cassandra's Thrift API carries them (proto/cassandra.thrift, "Cells").
//
// Members are declared in ascending field-id order, the order Apache Thrift's C++ writes them,
// so designated initializers follow the wire. `optional` IDL fields are std::optional and are sent
// only when engaged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::thrift {

// One cell. `timestamp` is required by every write path except cas's `expected`; `ttl` is in
// seconds.
struct Column {
    std::string name{};
    std::optional<std::string> value{};
    std::optional<std::int64_t> timestamp{};
    std::optional<std::int32_t> ttl{};

    friend bool operator==(const Column&, const Column&) = default;
};

// A named group of columns inside a super column family.
struct SuperColumn {
    std::string name{};
    std::vector<Column> columns{};

    friend bool operator==(const SuperColumn&, const SuperColumn&) = default;
};

// A counter cell. Read back, `value` is the total; sent to add(), it is the delta.
struct CounterColumn {
    std::string name{};
    std::int64_t value{};

    friend bool operator==(const CounterColumn&, const CounterColumn&) = default;
};

// A super column of a counter column family.
struct CounterSuperColumn {
    std::string name{};
    std::vector<CounterColumn> columns{};

    friend bool operator==(const CounterSuperColumn&, const CounterSuperColumn&) = default;
};

// What reads return: exactly one member is engaged, chosen by the kind of column family.
struct ColumnOrSuperColumn {
    std::optional<Column> column{};
    std::optional<SuperColumn> super_column{};
    std::optional<CounterColumn> counter_column{};
    std::optional<CounterSuperColumn> counter_super_column{};

    friend bool operator==(const ColumnOrSuperColumn&, const ColumnOrSuperColumn&) = default;
};

}  // namespace cppcassa::thrift
