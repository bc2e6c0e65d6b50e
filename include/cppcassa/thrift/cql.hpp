// Results of CQL-over-Thrift calls, and of cas().
//
// Members are declared in ascending field-id order, the order Apache Thrift's C++ writes them,
// so designated initializers follow the wire. `optional` IDL fields are std::optional and are sent
// only when engaged.
#pragma once

#include "cppcassa/thrift/enums.hpp"
#include "cppcassa/thrift/columns.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::thrift {

// One CQL row. For CQL3 `key` is empty; partition key columns appear among `columns` if selected.
struct CqlRow {
    std::string key{};
    std::vector<Column> columns{};

    friend bool operator==(const CqlRow&, const CqlRow&) = default;
};

// Marshal type names for returned column names and values, keyed by column name.
struct CqlMetadata {
    std::map<std::string, std::string> name_types{};
    std::map<std::string, std::string> value_types{};
    std::string default_name_type{};
    std::string default_value_type{};

    friend bool operator==(const CqlMetadata&, const CqlMetadata&) = default;
};

// `rows` and `schema` come with ROWS, `num` with INT, nothing with VOID.
struct CqlResult {
    CqlResultType type{};
    std::optional<std::vector<CqlRow>> rows{};
    std::optional<std::int32_t> num{};
    std::optional<CqlMetadata> schema{};

    friend bool operator==(const CqlResult&, const CqlResult&) = default;
};

// `itemId` names the statement on the server that prepared it only; `count` is its bind markers.
struct CqlPreparedResult {
    std::int32_t itemId{};
    std::int32_t count{};
    std::optional<std::vector<std::string>> variable_types{};
    std::optional<std::vector<std::string>> variable_names{};

    friend bool operator==(const CqlPreparedResult&, const CqlPreparedResult&) = default;
};

// Result of cas(): when `success` is false, current_values holds what the server found.
struct CASResult {
    bool success{};
    std::optional<std::vector<Column>> current_values{};

    friend bool operator==(const CASResult&, const CASResult&) = default;
};

}  // namespace cppcassa::thrift
