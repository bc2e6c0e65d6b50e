// The sans-io half of column_family: Thrift requests built from options and typed values, and
// results converted back to rows. No I/O here, so the unit tests cover it without a server.
#pragma once

#include "codec/mutation_batch.hpp"

#include <cppcassa/column_family_arguments.hpp>
#include <cppcassa/row.hpp>
#include <cppcassa/thrift.hpp>
#include <cppcassa/types/column_family_types.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::api {

// How a read is sent. Cassandra 3.11 fails a slice inside a super column with an open end (an
// empty column_start or column_finish) whenever the coordinator forwards it to another replica:
// it cannot serialize the open bound (UnsupportedOperationException in CellPath$EmptyCellPath,
// the connection is closed). Such reads name the super column at the top level instead, which
// reads all its sub-columns, and the slice is applied here (slice_super_column).
struct read_plan {
    thrift::ColumnParent parent;
    thrift::SlicePredicate predicate;
    bool whole_super_column = false;
};

// What a column family packs with, shared by the column family and the rows it returns.
struct cf_codec {
    std::string column_family;
    std::shared_ptr<const column_family_types> types;

    // Names at the top level (comparator) or inside a super column (sub-comparator).
    [[nodiscard]] std::shared_ptr<const marshal_type> name_type(bool inside_super_column) const;
    // The sub-comparator when it reads inside a super column, else the comparator.
    [[nodiscard]] std::shared_ptr<const marshal_type> name_type_for(const std::optional<value>& super_column) const;

    [[nodiscard]] std::string pack_key(const value& key) const;
    // pack_key into `out` (cleared first): a buffer the caller reuses.
    void pack_key_into(std::string& out, const value& key) const;
    [[nodiscard]] std::string pack_super_name(const value& name) const;

    // ColumnParent: the column family, and the packed super column when given.
    [[nodiscard]] thrift::ColumnParent parent(const std::optional<value>& super_column) const;
    // Column names or a slice range. `counting`: an unset column_count means no limit.
    [[nodiscard]] thrift::SlicePredicate predicate(const read_options& options, bool counting) const;

    // The parent and predicate of a read, working around Cassandra 3.11's open-ended super column
    // slices (see read_plan). usage_error (not_supported) when only one end is given and the
    // sub-comparator's order is not known here (only byte-ordered and integer types are).
    [[nodiscard]] read_plan plan_read(const read_options& options, bool counting) const;
    // The sub-columns of a whole_super_column read, sliced as `options` ask (in the order they
    // would have come: reversed, bounds, count).
    [[nodiscard]] std::vector<thrift::ColumnOrSuperColumn> slice_super_column(
        const std::vector<thrift::ColumnOrSuperColumn>& fetched, const read_options& options, bool counting) const;

    // A column to write; its value packed with the column's validator.
    [[nodiscard]] thrift::Column write_column(const value& name, const value& v, bool inside_super_column,
                                              std::int64_t timestamp, std::optional<std::int32_t> ttl) const;
    // Mutations inserting these columns (standard) or super columns (super column family).
    [[nodiscard]] std::vector<thrift::Mutation> insert_mutations(const column_values& columns, std::int64_t timestamp,
                                                                 std::optional<std::int32_t> ttl) const;
    [[nodiscard]] std::vector<thrift::Mutation> insert_mutations(const super_column_values& columns,
                                                                 std::int64_t timestamp,
                                                                 std::optional<std::int32_t> ttl) const;
    // The same mutations written into a batch's encoded bytes, each standard column's name and
    // value packed in place (no Column object, no string of their own). On marshal_error some of
    // them may have been written: the caller rolls the batch back.
    void write_insert(codec::mutation_batch& into, const column_values& columns, std::int64_t timestamp,
                      std::optional<std::int32_t> ttl) const;
    void write_insert(codec::mutation_batch& into, const super_column_values& columns, std::int64_t timestamp,
                      std::optional<std::int32_t> ttl) const;
    // The Deletion of remove() when it names columns or a range (not the whole row / super column).
    [[nodiscard]] thrift::Deletion deletion(const remove_options& options, std::int64_t timestamp) const;

    // A row from what a read returned (the key packed as it was sent). `inside_super_column`:
    // the read named a super column, so the columns are sub-columns.
    [[nodiscard]] row to_row(std::string packed_key, const std::vector<thrift::ColumnOrSuperColumn>& columns,
                             bool inside_super_column) const;
};

// The message of not_found for a get that found nothing.
std::string not_found_message(const std::string& column_family, const value& key, const read_options& options);

}  // namespace cppcassa::api
