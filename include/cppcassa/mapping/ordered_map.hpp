// What ColumnFamilyMap's multi-row and super column reads return: (key, object) pairs in the
// order they were read (pycassa's OrderedDict), with lookup by key.
#pragma once

#include <cppcassa/errors.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace cppcassa {

// Pairs in insertion order. Lookup is a linear scan: these hold one multiget's rows or one row's
// super columns; iterate for large results.
template <class K, class V>
class ordered_map {
public:
    using value_type = std::pair<K, V>;
    using const_iterator = typename std::vector<value_type>::const_iterator;

    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
    [[nodiscard]] const_iterator begin() const noexcept { return items_.begin(); }
    [[nodiscard]] const_iterator end() const noexcept { return items_.end(); }
    [[nodiscard]] const value_type& front() const { return items_.front(); }
    [[nodiscard]] const value_type& back() const { return items_.back(); }

    // The value of this key, or null.
    [[nodiscard]] const V* find(const K& key) const {
        for (const auto& item : items_)
            if (item.first == key)
                return &item.second;
        return nullptr;
    }
    [[nodiscard]] bool contains(const K& key) const { return find(key) != nullptr; }
    // The value of this key; usage_error (no_such_element) when absent.
    [[nodiscard]] const V& at(const K& key) const {
        if (const V* found = find(key))
            return *found;
        throw usage_error(client_errc::no_such_element, "no such key in this result (find() returns null instead)");
    }
    [[nodiscard]] const V& operator[](const K& key) const { return at(key); }

    // Appends a pair (keys are not checked for repeats: a read never repeats one).
    void push_back(K key, V v) { items_.emplace_back(std::move(key), std::move(v)); }

private:
    std::vector<value_type> items_;
};

}  // namespace cppcassa
