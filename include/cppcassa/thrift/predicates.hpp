// How a call names rows and columns: paths, slices, key ranges, index expressions, mutations.
//
// Members are declared in ascending field-id order, the order Apache Thrift's C++ writes them,
// so designated initializers follow the wire. `optional` IDL fields are std::optional and are sent
// only when engaged.
// An "IDL default" note gives the value the server assumes when that optional field is absent.
#pragma once

#include "cppcassa/thrift/enums.hpp"
#include "cppcassa/thrift/columns.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::thrift {

// A column family, or one super column in it. Field ids start at 3 on the wire.
struct ColumnParent {
    std::string column_family{};
    std::optional<std::string> super_column{};

    friend bool operator==(const ColumnParent&, const ColumnParent&) = default;
};

// One column, one super column, or (with only column_family) a whole row.
struct ColumnPath {
    std::string column_family{};
    std::optional<std::string> super_column{};
    std::optional<std::string> column{};

    friend bool operator==(const ColumnPath&, const ColumnPath&) = default;
};

// A contiguous run of columns; empty start/finish mean the row's first/last column.
struct SliceRange {
    std::string start{};
    std::string finish{};
    bool reversed = false;
    std::int32_t count = 100;

    friend bool operator==(const SliceRange&, const SliceRange&) = default;
};

// Which columns to read: explicit names (these win when both are set) or a range.
struct SlicePredicate {
    std::optional<std::vector<std::string>> column_names{};
    std::optional<SliceRange> slice_range{};

    friend bool operator==(const SlicePredicate&, const SlicePredicate&) = default;
};

// One condition on a secondary-indexed column.
struct IndexExpression {
    std::string column_name{};
    IndexOperator op{};
    std::string value{};

    friend bool operator==(const IndexExpression&, const IndexExpression&) = default;
};

// The old form of an index query, for get_indexed_slices; KeyRange::row_filter replaces it.
struct IndexClause {
    std::vector<IndexExpression> expressions{};
    std::string start_key{};
    std::int32_t count = 100;

    friend bool operator==(const IndexClause&, const IndexClause&) = default;
};

// A range of rows, by key (start-inclusive) or by token (start-exclusive, may wrap), not both.
struct KeyRange {
    std::optional<std::string> start_key{};
    std::optional<std::string> end_key{};
    std::optional<std::string> start_token{};
    std::optional<std::string> end_token{};
    // Declared after row_filter in the IDL but has the lower id, so it travels first.
    std::int32_t count = 100;
    std::optional<std::vector<IndexExpression>> row_filter{};

    friend bool operator==(const KeyRange&, const KeyRange&) = default;
};

// One row of a range read.
struct KeySlice {
    std::string key{};
    std::vector<ColumnOrSuperColumn> columns{};

    friend bool operator==(const KeySlice&, const KeySlice&) = default;
};

// One row's column count.
struct KeyCount {
    std::string key{};
    std::int32_t count{};

    friend bool operator==(const KeyCount&, const KeyCount&) = default;
};

// A deletion inside batch_mutate; `timestamp` may be left out only for counters.
struct Deletion {
    std::optional<std::int64_t> timestamp{};
    std::optional<std::string> super_column{};
    std::optional<SlicePredicate> predicate{};

    friend bool operator==(const Deletion&, const Deletion&) = default;
};

// One entry of batch_mutate: engage exactly one of the two.
struct Mutation {
    std::optional<ColumnOrSuperColumn> column_or_supercolumn{};
    std::optional<Deletion> deletion{};

    friend bool operator==(const Mutation&, const Mutation&) = default;
};

// An inclusive column range for get_multi_slice; a missing bound means the row's start or end.
struct ColumnSlice {
    std::optional<std::string> start{};
    std::optional<std::string> finish{};

    friend bool operator==(const ColumnSlice&, const ColumnSlice&) = default;
};

// Several slices of one row in one call. Every field is optional on the wire.
struct MultiSliceRequest {
    std::optional<std::string> key{};
    std::optional<ColumnParent> column_parent{};
    std::optional<std::vector<ColumnSlice>> column_slices{};
    std::optional<bool> reversed{};  // IDL default: false
    std::optional<std::int32_t> count{};  // IDL default: 1000
    std::optional<ConsistencyLevel> consistency_level{};  // IDL default: ConsistencyLevel::ONE

    friend bool operator==(const MultiSliceRequest&, const MultiSliceRequest&) = default;
};

}  // namespace cppcassa::thrift
