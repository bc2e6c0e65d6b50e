// pycassa's ColumnFamilyMap: a column family read and written as C++ objects.
//
//   struct test_row {
//       std::string key;
//       std::string string_column;
//       std::int64_t int_str_column = 5;
//   };
//   const auto m = cppcassa::mapping(&test_row::key)
//       .column("string_column", &test_row::string_column, cppcassa::mapped::string{}, "Your Default")
//       .column("int_str_column", &test_row::int_str_column, cppcassa::mapped::int_string{});
//   auto cf = co_await cppcassa::column_family::open(pool, "Test");
//   cppcassa::column_family_map objects(cf, m);
//   test_row t;  t.key = "maptest";  t.string_column = "string test";
//   co_await objects.insert(t);
//   test_row back = co_await objects.get("maptest");
//
// Mapped columns are written and read with the mapping's own column types (raw bytes to the
// column family), whatever the column family's default validator; keys and column names are
// packed with the column family's key validator and comparator. Calls, options, errors and what a
// cancelled call leaves behind are column_family's (not_found, marshal_error, usage_error,
// call_cancelled, ...): see column_family.hpp and docs/column_family_map.md. A
// super column family mapping (mapping(...).super_column(&T::member)) makes each object one
// super column of its row, and reads return the row's objects keyed by super column name.
//
// GCC 12: as with column_family, pass objects, keys and options as named variables.
#pragma once

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/mapping/column_codecs.hpp>
#include <cppcassa/mapping/described.hpp>
#include <cppcassa/mapping/mapping.hpp>
#include <cppcassa/mapping/ordered_map.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcassa {

namespace detail {

// A copy of `cf` (pool, name, consistency levels, clock) whose values are raw bytes: keys and
// names keep the schema's types, values are packed by the mapping's codecs. usage_error
// (wrong_column_family_kind) for a counter column family, or when `super` differs from the
// column family's kind.
column_family with_byte_values(const column_family& cf, bool super);
// `name` packed as the column family's comparator (sub-comparator of a super column family) stores it.
std::string pack_column_name(const column_family_types& types, std::string_view name);
// Rethrows a codec's error naming the column and the row it was read from.
[[noreturn]] void rethrow_column_error(const marshal_error& e, std::string_view column, const value& key);

// What reads return, by kind of column family.
template <class T, class K, class S>
struct map_results {
    using get_type = ordered_map<S, T>;                          // super column name -> object
    using range_item = std::pair<K, ordered_map<S, T>>;          // one row of get_range
};
template <class T, class K>
struct map_results<T, K, void> {
    using get_type = T;
    using range_item = T;
};

// The mapping with what every call needs precomputed (packed names), shared by a map and its ranges.
template <class T, class K, class S>
class map_state {
public:
    map_state(mapping<T, K, S> m, const column_family_types& types) : map_(std::move(m)) {
        for (const auto& f : map_.fields()) {
            packed_names_.push_back(pack_column_name(types, f.name));
            names_.emplace_back(f.name);
        }
    }

    [[nodiscard]] const mapping<T, K, S>& map() const noexcept { return map_; }
    // The mapped column names, as read_options::columns takes them.
    [[nodiscard]] const std::vector<value>& names() const noexcept { return names_; }

    [[nodiscard]] value key_of(const T& obj) const { return value(obj.*(map_.key_member())); }

    // The columns of `obj` to write (empty optionals left out).
    [[nodiscard]] column_values columns_of(const T& obj) const {
        column_values out;
        for (const auto& f : map_.fields()) {
            auto packed = f.pack(obj);
            if (packed)
                out.emplace_back(value(f.name), value(bytes{std::move(*packed)}));
        }
        return out;
    }

    // An object of the row `key` from these columns (defaults for the missing ones).
    [[nodiscard]] T object_of(const value& key, const column_list& columns) const {
        T obj{};
        obj.*(map_.key_member()) = from_value<K>(key);
        const auto& fields = map_.fields();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const column* c = columns.find_packed(packed_names_[i]);
            if (c == nullptr) {
                if (fields[i].fill_default)
                    fields[i].fill_default(obj);
                continue;
            }
            try {
                const std::string raw = c->value.template as<std::string>();
                fields[i].unpack(obj, raw);
            } catch (const marshal_error& e) {
                rethrow_column_error(e, fields[i].name, key);
            }
        }
        return obj;
    }

    // The objects of a super column family row: one per super column.
    [[nodiscard]] ordered_map<S, T> super_objects_of(const row& r) const
        requires(!std::is_void_v<S>)
    {
        ordered_map<S, T> out;
        for (const auto& sc : r.super_columns) {
            auto name = from_value<S>(sc.name);
            T obj = object_of(r.key, sc.columns);
            obj.*(map_.super_member()) = name;
            out.push_back(std::move(name), std::move(obj));
        }
        return out;
    }

    [[nodiscard]] typename map_results<T, K, S>::range_item range_item_of(const row& r) const {
        if constexpr (std::is_void_v<S>)
            return object_of(r.key, r.columns);
        else
            return {from_value<K>(r.key), super_objects_of(r)};
    }

private:
    mapping<T, K, S> map_;
    std::vector<std::string> packed_names_;  // per field: the name's bytes under the comparator
    std::vector<value> names_;
};

}  // namespace detail

template <class T, class K, class S>
class column_family_map;

// The objects of a column_family_map::get_range(), read page by page like row_range (whose
// prefetch and lifetime rules apply). Single pass.
template <class T, class K, class S = void>
class mapped_range {
public:
    template <class R>
    using awaitable = boost::asio::awaitable<R>;
    // An object per row (standard), or (key, super column name -> object) per row (super).
    using item_type = typename detail::map_results<T, K, S>::range_item;

    // The next row's object(s), or std::nullopt after the last row.
    awaitable<std::optional<item_type>> next() {
        std::optional<row> r = co_await rows_.next();
        if (!r)
            co_return std::nullopt;
        std::optional<item_type> item(state_->range_item_of(*r));
        co_return item;
    }

private:
    friend class column_family_map<T, K, S>;
    mapped_range(row_range rows, std::shared_ptr<const detail::map_state<T, K, S>> state)
        : rows_(std::move(rows)), state_(std::move(state)) {}

    row_range rows_;
    std::shared_ptr<const detail::map_state<T, K, S>> state_;
};

template <class T, class K, class S = void>
class column_family_map {
public:
    template <class R>
    using awaitable = boost::asio::awaitable<R>;
    using object_type = T;
    using key_type = K;
    static constexpr bool is_super = !std::is_void_v<S>;
    // get(): the object (standard), or super column name -> object (super column family).
    using get_type = typename detail::map_results<T, K, S>::get_type;
    // multiget(): key -> get_type, in the caller's key order, missing rows left out.
    using multiget_type = ordered_map<K, get_type>;

    // Reads and writes `cf` (a copy is kept; it refers to cf's pool) through `m`. usage_error
    // (wrong_column_family_kind) on a counter column family, or a standard mapping of a super
    // column family (or the reverse); marshal_error when a mapped name does not fit the
    // comparator.
    column_family_map(const column_family& cf, mapping<T, K, S> m)
        : cf_(detail::with_byte_values(cf, is_super)),
          state_(std::make_shared<const detail::map_state<T, K, S>>(std::move(m), cf.types())) {}

    [[nodiscard]] const mapping<T, K, S>& map() const noexcept { return state_->map(); }
    // The column family the objects are written through (values as raw bytes).
    [[nodiscard]] const column_family& family() const noexcept { return cf_; }

    // ---- writes (each returns the timestamp it wrote with) ----
    // Writes the mapped columns of `obj` to its row (super: inside its super column). Members
    // holding std::nullopt are not written; usage_error (invalid_argument) when nothing is left
    // to write. Otherwise column_family::insert's errors.
    awaitable<std::int64_t> insert(T obj) {
        const write_options options;
        co_return co_await insert(std::move(obj), options);
    }
    awaitable<std::int64_t> insert(T obj, write_options options) {
        const value key = state_->key_of(obj);
        column_values columns = state_->columns_of(obj);
        if constexpr (is_super) {
            super_column_values supers;
            supers.emplace_back(value(obj.*(map().super_member())), std::move(columns));
            co_return co_await cf_.insert(key, supers, options);
        } else {
            co_return co_await cf_.insert(key, columns, options);
        }
    }

    // Deletes the row of `obj` (super: its super column only), as pycassa's remove(instance).
    // `options` may narrow it (columns, range); its super_column is always obj's in the super form.
    awaitable<std::int64_t> remove(T obj) {
        const remove_options options;
        co_return co_await remove(std::move(obj), options);
    }
    awaitable<std::int64_t> remove(T obj, remove_options options) {
        const value key = state_->key_of(obj);
        if constexpr (is_super)
            options.super_column = value(obj.*(map().super_member()));
        co_return co_await cf_.remove(key, options);
    }

    // ---- reads ----
    // The object of this row (standard: only the mapped columns are read), or, for a super
    // column family, every super column's object. not_found as column_family::get: the row is
    // missing or holds none of the mapped columns; marshal_error (naming the column and the row)
    // when a stored value does not fit its member's codec. Otherwise column_family::get's errors.
    awaitable<get_type> get(K key) {
        const read_options options;
        co_return co_await get(std::move(key), options);
    }
    // With options: unset `columns` reads the mapped columns (standard); in the super form,
    // `columns` names super columns, and `super_column` reads that one only.
    awaitable<get_type> get(K key, read_options options) {
        prepare(options);
        const value packed_key(key);
        const row r = co_await cf_.get(packed_key, options);
        get_type out = object_of(r, options);
        co_return out;
    }

    // The rows of these keys, in the caller's order; missing rows are left out.
    awaitable<multiget_type> multiget(std::vector<K> keys) {
        const read_options options;
        co_return co_await multiget(std::move(keys), options);
    }
    awaitable<multiget_type> multiget(std::vector<K> keys, read_options options) {
        prepare(options);
        std::vector<value> values;
        values.reserve(keys.size());
        for (auto& k : keys)
            values.emplace_back(std::move(k));
        const row_list rows = co_await cf_.multiget(std::move(values), options);
        multiget_type out;
        for (const auto& r : rows)
            out.push_back(detail::from_value<K>(r.key), object_of(r, options));
        co_return out;
    }

    // Mapped columns the row holds (standard), or its super columns (super); 0 for a missing row.
    awaitable<std::int32_t> get_count(K key) {
        const read_options options;
        co_return co_await get_count(std::move(key), options);
    }
    awaitable<std::int32_t> get_count(K key, read_options options) {
        prepare(options);
        const value packed_key(key);
        co_return co_await cf_.get_count(packed_key, options);
    }

    // The objects of a key or token range, a page at a time (column_family::get_range):
    // `auto range = objects.get_range(); while (auto t = co_await range.next())`. Rows without
    // any mapped column (range ghosts of removed rows) are skipped unless
    // options.filter_empty = false, which yields them as objects with every default (pycassa).
    [[nodiscard]] mapped_range<T, K, S> get_range() const {
        const range_options options;
        return get_range(options);
    }
    [[nodiscard]] mapped_range<T, K, S> get_range(range_options options) const {
        prepare(options.read);
        return mapped_range<T, K, S>(cf_.get_range(std::move(options)), state_);
    }

private:
    void prepare(read_options& options) const {
        if constexpr (!is_super) {
            if (!options.columns)
                options.columns = state_->names();
        }
    }

    [[nodiscard]] get_type object_of(const row& r, const read_options& options) const {
        if constexpr (is_super) {
            if (options.super_column && r.super_columns.empty()) {
                // One super column was read: the row's columns are its sub-columns.
                get_type out;
                auto name = detail::from_value<S>(*options.super_column);
                T obj = state_->object_of(r.key, r.columns);
                obj.*(map().super_member()) = name;
                out.push_back(std::move(name), std::move(obj));
                return out;
            }
            return state_->super_objects_of(r);
        } else {
            return state_->object_of(r.key, r.columns);
        }
    }

    column_family cf_;
    std::shared_ptr<const detail::map_state<T, K, S>> state_;
};

}  // namespace cppcassa
