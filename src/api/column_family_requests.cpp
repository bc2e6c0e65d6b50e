#include "api/column_family_requests.hpp"

#include "marshal/append_packed.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace cppcassa::api {

std::shared_ptr<const marshal_type> cf_codec::name_type(bool inside_super_column) const {
    // Aliasing pointers: rows keep the column family's types alive, not a copy per row.
    if (inside_super_column && types->sub_name)
        return {types, &*types->sub_name};
    return {types, &types->name};
}

std::shared_ptr<const marshal_type> cf_codec::name_type_for(const std::optional<value>& super_column) const {
    return name_type(super_column.has_value());
}

std::string cf_codec::pack_key(const value& key) const { return pack(types->key, key); }

void cf_codec::pack_key_into(std::string& out, const value& key) const {
    out.clear();
    detail::append_packed(out, types->key, key);
}

std::string cf_codec::pack_super_name(const value& name) const {
    if (!types->is_super())
        throw usage_error(client_errc::wrong_column_family_kind,
                          fmt::format("column family '{}' is not a super column family: it has no super column {}",
                                      column_family, name.describe()));
    return pack(types->name, name);
}

thrift::ColumnParent cf_codec::parent(const std::optional<value>& super_column) const {
    thrift::ColumnParent p;
    p.column_family = column_family;
    if (super_column)
        p.super_column = pack_super_name(*super_column);
    return p;
}

thrift::SlicePredicate cf_codec::predicate(const read_options& options, bool counting) const {
    const auto type = name_type_for(options.super_column);
    thrift::SlicePredicate p;
    if (options.columns) {
        std::vector<std::string> names;
        names.reserve(options.columns->size());
        for (const auto& name : *options.columns)
            names.push_back(pack(*type, name));
        p.column_names = std::move(names);
        return p;
    }
    const auto order = options.column_reversed ? slice_order::reversed : slice_order::forward;
    thrift::SliceRange range;
    range.start = pack_slice_bound(*type, options.column_start, slice_end::start, options.column_start_bound, order);
    range.finish =
        pack_slice_bound(*type, options.column_finish, slice_end::finish, options.column_finish_bound, order);
    range.reversed = options.column_reversed;
    range.count = options.column_count.value_or(counting ? std::numeric_limits<std::int32_t>::max() : 100);
    p.slice_range = std::move(range);
    return p;
}

namespace {

// Whether names of this type compare here like Cassandra compares them.
bool comparable_here(const marshal_type& type) {
    switch (type.kind()) {
        case type_kind::bytes:
        case type_kind::ascii:
        case type_kind::utf8:
        case type_kind::int64:
        case type_kind::int32:
            return true;
        default:
            return false;
    }
}

// Cassandra's order of two packed names of a comparable_here type: <0, 0, >0.
int compare_names(const marshal_type& type, std::string_view a, std::string_view b) {
    if (type.kind() == type_kind::int64 || type.kind() == type_kind::int32) {
        const auto x = unpack(type, a).as<std::int64_t>();
        const auto y = unpack(type, b).as<std::int64_t>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    // Byte order, unsigned (char_traits<char>::compare compares as unsigned char).
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

read_plan cf_codec::plan_read(const read_options& options, bool counting) const {
    read_plan plan;
    plan.predicate = predicate(options, counting);
    const bool open_slice = plan.predicate.slice_range &&
                            (plan.predicate.slice_range->start.empty() || plan.predicate.slice_range->finish.empty());
    if (!options.super_column || !open_slice) {
        plan.parent = parent(options.super_column);
        return plan;
    }
    const auto& sub = *name_type(true);
    const bool one_end = !plan.predicate.slice_range->start.empty() || !plan.predicate.slice_range->finish.empty();
    if (one_end && !comparable_here(sub.base()))
        throw usage_error(client_errc::not_supported, fmt::format(
            "column family '{}': a slice inside a super column with only one end given is not supported for "
            "sub-comparator {} (Cassandra 3.11 cannot forward open-ended sub-column slices over Thrift); give "
            "both column_start and column_finish, or neither",
            column_family, sub.short_name()));
    plan.parent = parent(std::nullopt);
    plan.predicate = thrift::SlicePredicate{};
    plan.predicate.column_names = std::vector<std::string>{pack_super_name(*options.super_column)};
    plan.whole_super_column = true;
    return plan;
}

std::vector<thrift::ColumnOrSuperColumn> cf_codec::slice_super_column(
    const std::vector<thrift::ColumnOrSuperColumn>& fetched, const read_options& options, bool counting) const {
    std::vector<thrift::ColumnOrSuperColumn> subs;
    for (const auto& cosc : fetched) {
        if (cosc.super_column) {
            for (const auto& c : cosc.super_column->columns) {
                thrift::ColumnOrSuperColumn one;
                one.column = c;
                subs.push_back(std::move(one));
            }
        } else if (cosc.counter_super_column) {
            for (const auto& c : cosc.counter_super_column->columns) {
                thrift::ColumnOrSuperColumn one;
                one.counter_column = c;
                subs.push_back(std::move(one));
            }
        }
    }
    const auto p = predicate(options, counting);
    const auto& range = *p.slice_range;
    const auto& sub = name_type(true)->base();
    // ReversedType flips the order Cassandra returned, which compare_names does not know.
    const int flip = name_type(true)->is_reversed() ? -1 : 1;
    if (range.reversed)
        std::reverse(subs.begin(), subs.end());
    const int direction = range.reversed ? -1 : 1;
    std::vector<thrift::ColumnOrSuperColumn> out;
    for (auto& cosc : subs) {
        if (out.size() >= static_cast<std::size_t>(std::max(range.count, 0)))
            break;
        const std::string& name = cosc.column ? cosc.column->name : cosc.counter_column->name;
        if (!range.start.empty() && flip * direction * compare_names(sub, name, range.start) < 0)
            continue;
        if (!range.finish.empty() && flip * direction * compare_names(sub, name, range.finish) > 0)
            continue;
        out.push_back(std::move(cosc));
    }
    return out;
}

thrift::Column cf_codec::write_column(const value& name, const value& v, bool inside_super_column,
                                      std::int64_t timestamp, std::optional<std::int32_t> ttl) const {
    thrift::Column c;
    c.name = pack(*name_type(inside_super_column), name);
    c.value = pack(types->value_type(c.name), v);
    c.timestamp = timestamp;
    c.ttl = ttl;
    return c;
}

std::vector<thrift::Mutation> cf_codec::insert_mutations(const column_values& columns, std::int64_t timestamp,
                                                         std::optional<std::int32_t> ttl) const {
    std::vector<thrift::Mutation> mutations;
    mutations.reserve(columns.size());
    for (const auto& [name, v] : columns) {
        thrift::ColumnOrSuperColumn cosc;
        cosc.column = write_column(name, v, false, timestamp, ttl);
        thrift::Mutation m;
        m.column_or_supercolumn = std::move(cosc);
        mutations.push_back(std::move(m));
    }
    return mutations;
}

std::vector<thrift::Mutation> cf_codec::insert_mutations(const super_column_values& columns, std::int64_t timestamp,
                                                         std::optional<std::int32_t> ttl) const {
    std::vector<thrift::Mutation> mutations;
    mutations.reserve(columns.size());
    for (const auto& [super_name, subs] : columns) {
        thrift::SuperColumn sc;
        sc.name = pack_super_name(super_name);
        for (const auto& [name, v] : subs)
            sc.columns.push_back(write_column(name, v, true, timestamp, ttl));
        thrift::ColumnOrSuperColumn cosc;
        cosc.super_column = std::move(sc);
        thrift::Mutation m;
        m.column_or_supercolumn = std::move(cosc);
        mutations.push_back(std::move(m));
    }
    return mutations;
}

void cf_codec::write_insert(codec::mutation_batch& into, const column_values& columns, std::int64_t timestamp,
                            std::optional<std::int32_t> ttl) const {
    const marshal_type& names = types->name;
    for (const auto& [name, v] : columns) {
        codec::column_writer column(into);
        detail::append_packed(column.name_bytes(), names, name);
        // The validator is looked up by the packed name before the value's bytes can move it.
        const marshal_type& values = types->value_type(column.name());
        detail::append_packed(column.value_bytes(), values, v);
        column.finish(timestamp, ttl);
    }
}

void cf_codec::write_insert(codec::mutation_batch& into, const super_column_values& columns, std::int64_t timestamp,
                            std::optional<std::int32_t> ttl) const {
    // Super columns are rare on the ingest path: built as Mutations and encoded generically.
    for (const auto& m : insert_mutations(columns, timestamp, ttl))
        into.add(m);
}

thrift::Deletion cf_codec::deletion(const remove_options& options, std::int64_t timestamp) const {
    thrift::Deletion d;
    d.timestamp = timestamp;
    if (options.super_column)
        d.super_column = pack_super_name(*options.super_column);
    if (options.columns && options.range)
        throw usage_error(client_errc::conflicting_arguments,
                          "remove: give either columns or a range, not both");
    // No line deletes a range of sub-columns: 3.0 and later refuse it, and 2.x writes a tombstone
    // that misses the range (of sub-columns q to s, Cassandra 2.0 deleted s alone).
    if (options.super_column && options.range)
        throw usage_error(client_errc::not_supported,
                          fmt::format("remove from '{}': a range of sub-columns cannot be deleted (Cassandra 3.0 and "
                                      "later refuse it, 2.x deletes other sub-columns than the range); remove them "
                                      "by name (remove_options::columns), or the whole super column",
                                      column_family));
    const auto type = name_type_for(options.super_column);
    if (options.columns) {
        std::vector<std::string> names;
        for (const auto& name : *options.columns)
            names.push_back(pack(*type, name));
        thrift::SlicePredicate p;
        p.column_names = std::move(names);
        d.predicate = std::move(p);
    } else if (options.range) {
        thrift::SliceRange range;
        range.start = pack_slice_bound(*type, options.range->start, slice_end::start);
        range.finish = pack_slice_bound(*type, options.range->finish, slice_end::finish);
        thrift::SlicePredicate p;
        p.slice_range = std::move(range);
        d.predicate = std::move(p);
    }
    return d;
}

namespace {

column to_column(const cf_codec& codec, const thrift::Column& c, const marshal_type& name_type) {
    column out;
    out.name = unpack(name_type, c.name);
    out.value = unpack(codec.types->value_type(c.name), c.value.value_or(std::string{}));
    out.timestamp = c.timestamp;
    out.ttl = c.ttl;
    out.packed_name = c.name;
    return out;
}

column to_column(const thrift::CounterColumn& c, const marshal_type& name_type) {
    column out;
    out.name = unpack(name_type, c.name);
    out.value = value(c.value);
    out.packed_name = c.name;
    return out;
}

}  // namespace

row cf_codec::to_row(std::string packed_key, const std::vector<thrift::ColumnOrSuperColumn>& columns,
                     bool inside_super_column) const {
    row r;
    r.key = unpack(types->key, packed_key);
    r.packed_key = std::move(packed_key);
    const auto top = name_type(inside_super_column);
    const auto sub = name_type(true);
    std::vector<column> plain;
    std::vector<super_column> supers;
    for (const auto& cosc : columns) {
        if (cosc.column) {
            plain.push_back(to_column(*this, *cosc.column, *top));
        } else if (cosc.counter_column) {
            plain.push_back(to_column(*cosc.counter_column, *top));
        } else if (cosc.super_column) {
            super_column s;
            s.name = unpack(types->name, cosc.super_column->name);
            s.packed_name = cosc.super_column->name;
            std::vector<column> subs;
            for (const auto& c : cosc.super_column->columns)
                subs.push_back(to_column(*this, c, *sub));
            s.columns = column_list(std::move(subs), sub);
            supers.push_back(std::move(s));
        } else if (cosc.counter_super_column) {
            super_column s;
            s.name = unpack(types->name, cosc.counter_super_column->name);
            s.packed_name = cosc.counter_super_column->name;
            std::vector<column> subs;
            for (const auto& c : cosc.counter_super_column->columns)
                subs.push_back(to_column(c, *sub));
            s.columns = column_list(std::move(subs), sub);
            supers.push_back(std::move(s));
        }
    }
    r.columns = column_list(std::move(plain), top);
    r.super_columns = super_column_list(std::move(supers), name_type(false));
    return r;
}

std::string not_found_message(const std::string& column_family, const value& key, const read_options& options) {
    std::string where = options.super_column ? fmt::format(" in super column {}", options.super_column->describe())
                                             : std::string{};
    return fmt::format("column family '{}': row {} not found, or no column in the slice requested{}",
                       column_family, key.describe(), where);
}

}  // namespace cppcassa::api
