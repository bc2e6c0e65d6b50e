// What ColumnFamily reads return: columns in Cassandra's comparator order (pycassa's ordered
// dict), with lookup by name.
//
//   cppcassa::row r = co_await cf.get("jsmith");
//   std::int64_t age = r["age"].as<std::int64_t>();   // by name, packed with the comparator
//   for (const auto& c : r.columns)                    // in comparator order
//       handle(c.name, c.value);
//
// Lookup packs the name with the column family's comparator (sub-comparator inside a super
// column) and finds the column by those bytes, so `r[42]` works on a LongType comparator and
// `r["age"]` on a UTF8Type one. A name the row does not hold throws usage_error (no_such_element);
// find() returns null instead.
#pragma once

#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal.hpp>
#include <cppcassa/types/marshal_type.hpp>
#include <cppcassa/types/value.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cppcassa {

// One column (cell) of a result. Thrift returns the timestamp and ttl of every cell, so they are
// always here (pycassa's include_timestamp / include_ttl are not needed).
struct column {
    cppcassa::value name;                   // unpacked with the comparator (raw mode: bytes)
    cppcassa::value value;                  // unpacked with the column's validator
    std::optional<std::int64_t> timestamp;  // microseconds as written; absent for counters
    std::optional<std::int32_t> ttl;        // seconds, as set on the write; absent: no expiry
    std::string packed_name;                // the name's bytes, as Cassandra stores them

    // The value as T (cppcassa::value::as): marshal_error when it cannot be read losslessly.
    template <class T>
    [[nodiscard]] T as() const {
        return value.template as<T>();
    }
};

// The lookup key of an element: the bytes its name or key was packed to.
inline const std::string& packed_id(const column& c) noexcept { return c.packed_name; }

// Elements in the order Cassandra returned them, found by name through the packed bytes.
template <class T>
class ordered_by_name {
public:
    using const_iterator = typename std::vector<T>::const_iterator;

    ordered_by_name() = default;
    // `name_type` packs the names given to find(); null: names are raw bytes (text or bytes).
    ordered_by_name(std::vector<T> items, std::shared_ptr<const marshal_type> name_type)
        : items_(std::move(items)), name_type_(std::move(name_type)), index_(items_.size()) {
        for (std::size_t i = 0; i < index_.size(); ++i)
            index_[i] = i;
        std::stable_sort(index_.begin(), index_.end(),
                         [this](std::size_t a, std::size_t b) { return packed_id(items_[a]) < packed_id(items_[b]); });
    }

    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
    [[nodiscard]] const_iterator begin() const noexcept { return items_.begin(); }
    [[nodiscard]] const_iterator end() const noexcept { return items_.end(); }
    [[nodiscard]] const T& front() const { return items_.front(); }
    [[nodiscard]] const T& back() const { return items_.back(); }
    [[nodiscard]] const std::vector<T>& items() const noexcept { return items_; }

    // The element with this name (packed with the name type: marshal_error when it does not fit),
    // or null.
    [[nodiscard]] const T* find(const cppcassa::value& name) const { return find_packed(pack_name(name)); }
    // The element whose packed name is exactly these bytes, or null.
    [[nodiscard]] const T* find_packed(std::string_view packed) const {
        const auto it = std::lower_bound(index_.begin(), index_.end(), packed,
                                         [this](std::size_t i, std::string_view p) { return packed_id(items_[i]) < p; });
        if (it == index_.end() || packed_id(items_[*it]) != packed)
            return nullptr;
        return &items_[*it];
    }
    [[nodiscard]] bool contains(const cppcassa::value& name) const { return find(name) != nullptr; }
    // The element with this name. Throws usage_error (no_such_element) naming it when absent, and
    // marshal_error when the name does not fit the name type.
    [[nodiscard]] const T& operator[](const cppcassa::value& name) const {
        if (const T* found = find(name))
            return *found;
        throw usage_error(client_errc::no_such_element,
                          "no element named " + name.describe() + " in this result (find() returns null instead)");
    }

private:
    [[nodiscard]] std::string pack_name(const cppcassa::value& name) const {
        if (name_type_)
            return pack(*name_type_, name);
        return name.as<std::string>();
    }

    std::vector<T> items_;
    std::shared_ptr<const marshal_type> name_type_;
    std::vector<std::size_t> index_;  // positions in items_, sorted by packed name
};

using column_list = ordered_by_name<column>;

// One super column and its sub-columns (in the sub-comparator's order).
struct super_column {
    cppcassa::value name;     // unpacked with the comparator
    std::string packed_name;  // the name's bytes
    column_list columns;      // sub-columns

    // The sub-column with this name; usage_error (no_such_element) when absent.
    [[nodiscard]] const column& operator[](const cppcassa::value& sub_name) const { return columns[sub_name]; }
};

inline const std::string& packed_id(const super_column& s) noexcept { return s.packed_name; }

using super_column_list = ordered_by_name<super_column>;

// One row: its key and either its columns (a standard column family, or one super column of a
// super column family) or its super columns (a super column family read without super_column).
struct row {
    cppcassa::value key;            // unpacked with the key validator
    std::string packed_key;         // the key's bytes
    column_list columns;            // standard columns, or the sub-columns of the super column read
    super_column_list super_columns;  // super columns (super column family, no super_column given)

    // The column with this name; usage_error (no_such_element) when absent.
    [[nodiscard]] const column& operator[](const cppcassa::value& name) const { return columns[name]; }
    // The super column with this name; usage_error (no_such_element) when absent.
    [[nodiscard]] const super_column& super(const cppcassa::value& name) const { return super_columns[name]; }
    // Columns or super columns held.
    [[nodiscard]] std::size_t size() const noexcept { return columns.size() + super_columns.size(); }
    // True for a row with no column: a missing row, or a deleted one still listed by a range read.
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }
};

inline const std::string& packed_id(const row& r) noexcept { return r.packed_key; }

// Rows of a multi-row read, in the order the caller gave the keys; find by key.
using row_list = ordered_by_name<row>;

// The column count of one row (multiget_count).
struct key_count {
    cppcassa::value key;
    std::string packed_key;
    std::int32_t count = 0;
};

// What cas() returns: whether the updates were applied and, when they were not, the row's
// current values of the expected columns (Cassandra's CASResult.current_values; empty when the
// row, or those columns, do not exist).
struct cas_result {
    bool success = false;
    column_list current_values;

    explicit operator bool() const noexcept { return success; }
};

// One column with the key of its row: what get_paged_slice yields.
struct keyed_column {
    cppcassa::value key;     // unpacked with the key validator
    std::string packed_key;  // the key's bytes
    cppcassa::column column;
};

}  // namespace cppcassa
