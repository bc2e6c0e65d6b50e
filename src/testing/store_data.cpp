// The store's data calls: reads (slices, counts, ranges, paging, index queries) and writes
// (insert, add, remove, batches, truncate) with Cassandra's reconciliation rules.
#include "testing/store_model.hpp"
#include "testing/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>

namespace cppcassa::testing::detail {

namespace {

using cosc = thrift::ColumnOrSuperColumn;

// ---- writes -----------------------------------------------------------------------------

bool in_range(const name_order& order, const range_tombstone& r, const std::string& name) {
    return (r.start.empty() || order.compare(name, r.start) >= 0) &&
           (r.finish.empty() || order.compare(name, r.finish) <= 0);
}

// Cassandra's reconcile: the later timestamp wins; on a tie a tombstone wins, then the larger value.
bool supersedes(const cell& incoming, const cell& existing) {
    if (incoming.timestamp != existing.timestamp)
        return incoming.timestamp > existing.timestamp;
    if (incoming.tombstone != existing.tombstone)
        return incoming.tombstone;
    return incoming.value > existing.value;
}

void write_cell(cell_map& m, std::int64_t shadow, const name_order& order, const std::string& name, cell c) {
    if (c.timestamp <= std::max(shadow, m.deleted_at))
        return;
    for (const auto& r : m.ranges)
        if (c.timestamp <= r.timestamp && in_range(order, r, name))
            return;
    auto it = m.cells.find(name);
    if (it == m.cells.end())
        m.cells.emplace(name, std::move(c));
    else if (supersedes(c, it->second))
        it->second = std::move(c);
}

void delete_cells_before(cell_map& m, std::int64_t timestamp) {
    m.deleted_at = std::max(m.deleted_at, timestamp);
    std::erase_if(m.cells, [&](const auto& kv) { return kv.second.timestamp <= timestamp; });
}

void delete_range(cell_map& m, const name_order& order, range_tombstone r) {
    std::erase_if(m.cells, [&](const auto& kv) { return kv.second.timestamp <= r.timestamp && in_range(order, r, kv.first); });
    m.ranges.push_back(std::move(r));
}

void delete_row(row& r, std::int64_t timestamp) {
    r.deleted_at = std::max(r.deleted_at, timestamp);
    delete_cells_before(r.columns, timestamp);
    for (auto& [name, sc] : r.supers)
        std::erase_if(sc.cells, [&](const auto& kv) { return kv.second.timestamp <= timestamp; });
}

// ---- reads ------------------------------------------------------------------------------

bool cell_live(const cell& c, std::int64_t now) {
    return !c.tombstone && (c.expires_at == 0 || now < c.expires_at);
}

bool any_live(const cell_map& m, std::int64_t now) {
    return std::any_of(m.cells.begin(), m.cells.end(), [&](const auto& kv) { return cell_live(kv.second, now); });
}

void validate_predicate(const thrift::SlicePredicate& p, const name_order& order) {
    if (!p.column_names && !p.slice_range)
        invalid("A SlicePredicate must be given a list of Columns, a SliceRange, or both");
    if (p.column_names)
        return;
    const auto& r = *p.slice_range;
    if (r.count < 0)
        invalid("get_slice requires non-negative count");
    if (!r.start.empty() && !r.finish.empty()) {
        const int c = order.compare(r.start, r.finish);
        if (r.reversed ? c < 0 : c > 0)
            invalid("range finish must come after start in the order of traversal");
    }
}

// The entries of `m` the predicate selects, in the order the reply lists them.
template <class Map, class Live>
std::vector<typename Map::const_iterator> select(const Map& m, const name_order& order, const thrift::SlicePredicate& p,
                                                 Live live) {
    std::vector<typename Map::const_iterator> out;
    if (p.column_names) {
        std::vector<std::string> names = *p.column_names;
        std::sort(names.begin(), names.end(), order);
        names.erase(std::unique(names.begin(), names.end(),
                                [&](const auto& a, const auto& b) { return order.compare(a, b) == 0; }),
                    names.end());
        for (const auto& n : names) {
            auto it = m.find(n);
            if (it != m.end() && live(it->second))
                out.push_back(it);
        }
        return out;
    }
    const auto& r = *p.slice_range;
    const auto limit = static_cast<std::size_t>(r.count);
    if (!r.reversed) {
        for (auto it = r.start.empty() ? m.begin() : m.lower_bound(r.start); it != m.end() && out.size() < limit; ++it) {
            if (!r.finish.empty() && order.compare(it->first, r.finish) > 0)
                break;
            if (live(it->second))
                out.push_back(it);
        }
    } else {
        for (auto it = r.start.empty() ? m.end() : m.upper_bound(r.start); it != m.begin() && out.size() < limit;) {
            --it;
            if (!r.finish.empty() && order.compare(it->first, r.finish) < 0)
                break;
            if (live(it->second))
                out.push_back(it);
        }
    }
    return out;
}

thrift::Column to_column(const std::string& name, const cell& c) {
    thrift::Column col{.name = name, .value = c.value, .timestamp = c.timestamp, .ttl = std::nullopt};
    if (c.ttl > 0)
        col.ttl = c.ttl;
    return col;
}

std::vector<thrift::Column> live_columns(const cell_map& m, std::int64_t now) {
    std::vector<thrift::Column> out;
    for (const auto& [name, c] : m.cells)
        if (cell_live(c, now))
            out.push_back(to_column(name, c));
    return out;
}

cosc one_cell(const column_family& cf, const std::string& name, const cell& c) {
    cosc out;
    if (cf.counter)
        out.counter_column = thrift::CounterColumn{name, c.counter};
    else
        out.column = to_column(name, c);
    return out;
}

cosc one_super(const column_family& cf, const std::string& name, const cell_map& m, std::int64_t now) {
    cosc out;
    if (cf.counter) {
        thrift::CounterSuperColumn sc{.name = name, .columns = {}};
        for (const auto& [n, c] : m.cells)
            if (cell_live(c, now))
                sc.columns.push_back({n, c.counter});
        out.counter_super_column = std::move(sc);
    } else {
        out.super_column = thrift::SuperColumn{.name = name, .columns = live_columns(m, now)};
    }
    return out;
}

std::vector<cosc> read_slice(const column_family& cf, const row* r, const std::optional<std::string>& super_column,
                             const thrift::SlicePredicate& p, std::int64_t now) {
    std::vector<cosc> out;
    if (r == nullptr)
        return out;
    const auto live_cell = [now](const cell& c) { return cell_live(c, now); };
    if (!cf.super) {
        for (auto it : select(r->columns.cells, cf.names, p, live_cell))
            out.push_back(one_cell(cf, it->first, it->second));
    } else if (super_column) {
        auto sc = r->supers.find(*super_column);
        if (sc == r->supers.end())
            return out;
        for (auto it : select(sc->second.cells, cf.subnames, p, live_cell))
            out.push_back(one_cell(cf, it->first, it->second));
    } else {
        const auto live_super = [now](const cell_map& m) { return any_live(m, now); };
        for (auto it : select(r->supers, cf.names, p, live_super))
            out.push_back(one_super(cf, it->first, it->second, now));
    }
    return out;
}

void validate_key(const std::string& key) {
    if (key.empty())
        invalid("Key may not be empty");
    if (key.size() > 0xffff)
        invalid(fmt::format("Key length of {} is longer than maximum of 65535", key.size()));
}

void validate_parent(const column_family& cf, const thrift::ColumnParent& parent) {
    if (!cf.super && parent.super_column)
        invalid(fmt::format("{} is not a super column family", cf.def.name));
}

const row* find_row(const column_family& cf, const std::string& key) {
    auto it = cf.rows.find(position_of(key));
    return it == cf.rows.end() ? nullptr : &it->second;
}

row& row_for(column_family& cf, const std::string& key) {
    auto pos = position_of(key);
    auto it = cf.rows.find(pos);
    if (it == cf.rows.end())
        it = cf.rows.emplace(std::move(pos), row(cf.names, cf.subnames)).first;
    return it->second;
}

std::int64_t parse_token(const std::string& text) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size())
        invalid(fmt::format("Invalid token for Murmur3Partitioner. Got {}", text));
    return v;
}

// The rows of a KeyRange, in ring order, as pointers into cf.rows.
std::vector<std::map<partition_key, row>::const_iterator> rows_in(const column_family& cf, const thrift::KeyRange& range,
                                                                  bool check_count = true) {
    if (static_cast<bool>(range.start_key) == static_cast<bool>(range.start_token) ||
        static_cast<bool>(range.end_key) == static_cast<bool>(range.end_token))
        invalid("exactly one each of {start key, start token} and {end key, end token} must be specified");
    if (range.start_token && range.end_key)
        invalid("start token + end key is not a supported key range");
    if (check_count && range.count <= 0)
        invalid("maxRows must be positive");
    using iterator = std::map<partition_key, row>::const_iterator;
    std::vector<iterator> out;
    const auto& rows = cf.rows;
    constexpr auto min_token = std::numeric_limits<std::int64_t>::min();

    if (range.start_key) {
        const partition_key start = range.start_key->empty() ? partition_key{min_token, {}} : position_of(*range.start_key);
        std::optional<partition_key> end;  // inclusive; nullopt: end of the ring
        if (range.end_key && !range.end_key->empty()) {
            end = position_of(*range.end_key);
            if (!range.start_key->empty() && start > *end)
                invalid("start key's token sorts after end key's token.  this is not allowed; you probably should not "
                        "specify end key at all except with an ordered partitioner");
        } else if (range.end_token) {
            const auto t = parse_token(*range.end_token);
            if (t != min_token)
                end = partition_key{t, std::string(65536, '\xff')};
        }
        for (auto it = rows.lower_bound(start); it != rows.end(); ++it) {
            if (end && it->first > *end)
                break;
            out.push_back(it);
        }
        return out;
    }
    // Tokens: start exclusive, end inclusive, wrapping past the end of the ring; equal bounds
    // (or the minimum as the end) mean the whole ring from the start.
    const std::int64_t start = parse_token(*range.start_token);
    const std::int64_t end = parse_token(*range.end_token);
    const auto after = [&](std::int64_t t) {
        return rows.lower_bound(partition_key{t, {}}) == rows.end()
                   ? rows.end()
                   : std::find_if(rows.lower_bound(partition_key{t, {}}), rows.end(),
                                  [t](const auto& kv) { return kv.first.token > t; });
    };
    const bool wraps = end != min_token && end <= start;
    for (auto it = after(start); it != rows.end(); ++it) {
        if (!wraps && end != min_token && it->first.token > end)
            return out;
        out.push_back(it);
    }
    if (wraps || (start == end && start != min_token)) {
        for (auto it = rows.begin(); it != rows.end() && it->first.token <= end && it->first.token <= start; ++it)
            out.push_back(it);
    }
    return out;
}

bool matches(const column_family& cf, const row& r, const thrift::IndexExpression& e, std::int64_t now) {
    auto it = r.columns.cells.find(e.column_name);
    if (it == r.columns.cells.end() || !cell_live(it->second, now))
        return false;
    const auto v = cf.validators.find(e.column_name);
    const marshal_type& type = v != cf.validators.end() ? *v->second : *cf.default_validator;
    const int c = compare_names(type, it->second.value, e.value);
    switch (e.op) {
    case thrift::IndexOperator::EQ: return c == 0;
    case thrift::IndexOperator::GTE: return c >= 0;
    case thrift::IndexOperator::GT: return c > 0;
    case thrift::IndexOperator::LTE: return c <= 0;
    case thrift::IndexOperator::LT: return c < 0;
    }
    return false;
}

bool is_indexed(const column_family& cf, const std::string& column) {
    for (const auto& def : cf.def.column_metadata.value_or(std::vector<thrift::ColumnDef>{}))
        if (def.name == column && def.index_type)
            return true;
    return false;
}

void check_index_clause(const column_family& cf, const std::vector<thrift::IndexExpression>& expressions) {
    if (expressions.empty())
        invalid("index clause list may not be empty");
    const bool usable = std::any_of(expressions.begin(), expressions.end(), [&](const auto& e) {
        return e.op == thrift::IndexOperator::EQ && is_indexed(cf, e.column_name);
    });
    if (!usable)
        invalid("No indexed columns present in index clause with operator EQ");
}

// ---- mutations --------------------------------------------------------------------------

struct writer {
    column_family& cf;
    std::int64_t now;

    // How the comparator prints a name in messages (Cassandra's AbstractType.getString).
    static std::string printable(const marshal_type& type, const std::string& name) {
        const auto kind = type.base().kind();
        if (kind == type_kind::utf8 || kind == type_kind::ascii)
            return name;
        std::string hex;
        for (const unsigned char c : name)
            hex += fmt::format("{:02x}", c);
        return hex;
    }

    void validate_name(const marshal_type& type, const std::string& name, std::string_view what) {
        if (name.empty())
            invalid(fmt::format("{} name must not be empty", what));
        if (name.size() > 0xffff)
            invalid(fmt::format("{} name length must not be greater than 65535", what));
        if (auto problem = marshal_problem(type, name))
            invalid(std::move(*problem));
    }

    cell make_cell(const thrift::Column& c, const name_order& names) {
        validate_name(*names.type, c.name, "column");
        if (c.value) {
            const auto v = cf.validators.find(c.name);
            const marshal_type& validator = v != cf.validators.end() ? *v->second : *cf.default_validator;
            if (auto problem = marshal_problem(validator, *c.value))
                invalid(fmt::format("({}) [{}][{}][{}] failed validation", *problem, cf.def.keyspace, cf.def.name,
                                    printable(*names.type, c.name)));
        }
        if (!c.timestamp)
            invalid("Column timestamp is required");
        if (!c.value)
            invalid("Column value is required");
        const std::int32_t ttl = c.ttl.value_or(cf.def.default_time_to_live.value_or(0));
        if (ttl < 0)
            invalid("ttl must be greater or equal to 0");
        if (ttl > 20 * 365 * 24 * 60 * 60)
            invalid(fmt::format("ttl is too large. requested ({}) maximum ({})", ttl, 20 * 365 * 24 * 60 * 60));
        return cell{.value = *c.value, .timestamp = *c.timestamp, .counter = 0, .ttl = ttl,
                    .expires_at = ttl > 0 ? now + ttl : 0, .tombstone = false};
    }

    void insert(const std::string& key, const std::optional<std::string>& super_column, const thrift::Column& c) {
        if (cf.counter)
            invalid(fmt::format("invalid operation for commutative table {}", cf.def.name));
        validate_key(key);
        if (cf.super && !super_column)
            invalid(fmt::format("supercolumn parameter is not optional for super CF {}", cf.def.name));
        if (!cf.super && super_column)
            invalid(fmt::format("{} is not a super column family", cf.def.name));
        if (cf.super)
            validate_name(*cf.names.type, *super_column, "supercolumn");
        cell made = make_cell(c, cf.super ? cf.subnames : cf.names);
        row& r = row_for(cf, key);
        if (cf.super) {
            auto sc = r.supers.try_emplace(*super_column, cf.subnames).first;
            write_cell(sc->second, r.deleted_at, cf.subnames, c.name, std::move(made));
        } else {
            write_cell(r.columns, r.deleted_at, cf.names, c.name, std::move(made));
        }
    }

    void add(const std::string& key, const std::optional<std::string>& super_column, const thrift::CounterColumn& c) {
        if (!cf.counter)
            invalid(fmt::format("invalid operation for non commutative table {}", cf.def.name));
        validate_key(key);
        if (cf.super && !super_column)
            invalid(fmt::format("supercolumn parameter is not optional for super CF {}", cf.def.name));
        if (cf.super)
            validate_name(*cf.names.type, *super_column, "supercolumn");
        validate_name(*(cf.super ? cf.subnames : cf.names).type, c.name, "column");
        row& r = row_for(cf, key);
        cell_map& m = cf.super ? r.supers.try_emplace(*super_column, cf.subnames).first->second : r.columns;
        auto it = m.cells.try_emplace(c.name).first;
        it->second.counter += c.value;
    }

    void remove(const std::string& key, const std::optional<std::string>& super_column,
                const std::optional<std::string>& column, std::int64_t timestamp) {
        validate_key(key);
        if (!cf.super && super_column)
            invalid(fmt::format("{} is not a super column family", cf.def.name));
        auto pos = cf.rows.find(position_of(key));
        if (cf.counter) {  // counters: deletion is final here, no timestamps to reconcile
            if (pos == cf.rows.end())
                return;
            row& r = pos->second;
            cell_map* m = &r.columns;
            if (super_column) {
                auto sc = r.supers.find(*super_column);
                if (sc == r.supers.end())
                    return;
                if (!column) {
                    r.supers.erase(sc);
                    return;
                }
                m = &sc->second;
            } else if (!column) {
                cf.rows.erase(pos);
                return;
            }
            m->cells.erase(*column);
            return;
        }
        row& r = row_for(cf, key);
        if (!super_column && !column) {
            delete_row(r, timestamp);
        } else if (super_column && !column) {
            auto sc = r.supers.try_emplace(*super_column, cf.subnames).first;
            delete_cells_before(sc->second, timestamp);
        } else {
            cell tomb{.value = {}, .timestamp = timestamp, .counter = 0, .ttl = 0, .expires_at = 0, .tombstone = true};
            if (super_column) {
                auto sc = r.supers.try_emplace(*super_column, cf.subnames).first;
                write_cell(sc->second, r.deleted_at, cf.subnames, *column, std::move(tomb));
            } else {
                write_cell(r.columns, r.deleted_at, cf.names, *column, std::move(tomb));
            }
        }
    }

    void apply(const std::string& key, const thrift::Mutation& m) {
        if (static_cast<bool>(m.column_or_supercolumn) == static_cast<bool>(m.deletion))
            invalid("Mutation must have one and only one of column_or_supercolumn or deletion");
        if (m.column_or_supercolumn) {
            const auto& c = *m.column_or_supercolumn;
            const int set = int(bool(c.column)) + int(bool(c.super_column)) + int(bool(c.counter_column)) +
                            int(bool(c.counter_super_column));
            if (set != 1)
                invalid("ColumnOrSuperColumn must have one (and only one) of column, super_column, counter and counter_super_column");
            if (c.column)
                insert(key, std::nullopt, *c.column);
            else if (c.super_column) {
                if (!cf.super)
                    invalid(fmt::format("{} is not a super column family", cf.def.name));
                for (const auto& col : c.super_column->columns)
                    insert(key, c.super_column->name, col);
            } else if (c.counter_column)
                add(key, std::nullopt, *c.counter_column);
            else {
                if (!cf.super)
                    invalid(fmt::format("{} is not a super column family", cf.def.name));
                for (const auto& col : c.counter_super_column->columns)
                    add(key, c.counter_super_column->name, col);
            }
            return;
        }
        const auto& d = *m.deletion;
        if (!cf.counter && !d.timestamp)
            invalid(fmt::format("Deletion timestamp is not optional for non commutative table {}", cf.def.name));
        const std::int64_t ts = d.timestamp.value_or(0);
        if (!d.predicate) {
            remove(key, d.super_column, std::nullopt, ts);
            return;
        }
        const auto& p = *d.predicate;
        if (p.column_names) {
            for (const auto& name : *p.column_names) {
                if (cf.super && !d.super_column)
                    remove(key, name, std::nullopt, ts);
                else
                    remove(key, d.super_column, name, ts);
            }
            return;
        }
        if (!p.slice_range)
            invalid("A SlicePredicate must be given a list of Columns, a SliceRange, or both");
        if (cf.super && d.super_column)
            invalid("Cannot delete a range of subcolumns in a super column");
        if (cf.counter)
            invalid("Deletion does not yet support SliceRange predicates on counters");
        validate_key(key);
        const auto& range = *p.slice_range;
        range_tombstone rt{range.reversed ? range.finish : range.start, range.reversed ? range.start : range.finish, ts};
        row& r = row_for(cf, key);
        if (cf.super) {
            for (auto& [name, sc] : r.supers)
                if (in_range(cf.names, rt, name))
                    delete_cells_before(sc, ts);
        } else {
            delete_range(r.columns, cf.names, std::move(rt));
        }
    }
};

}  // namespace

// ---- reads ----

thrift::ColumnOrSuperColumn store::serve(session& s, const thrift::get_args& a) {
    const column_family& cf = impl_->checked_table(s, a.column_path.column_family, a.consistency_level, false);
    validate_key(a.key);
    const auto& path = a.column_path;
    if (cf.super && !path.super_column)
        invalid(fmt::format("supercolumn parameter is not optional for super CF {}", cf.def.name));
    if (!cf.super && !path.column)
        invalid(fmt::format("column parameter is not optional for standard CF {}", cf.def.name));
    if (!cf.super && path.super_column)
        invalid(fmt::format("{} is not a super column family", cf.def.name));
    const std::int64_t now = impl_->now_seconds();
    const row* r = find_row(cf, a.key);
    const cell_map* m = nullptr;
    if (r && cf.super) {
        auto sc = r->supers.find(*path.super_column);
        if (sc != r->supers.end()) {
            if (!path.column) {
                if (any_live(sc->second, now))
                    return one_super(cf, sc->first, sc->second, now);
            } else {
                m = &sc->second;
            }
        }
    } else if (r) {
        m = &r->columns;
    }
    if (m && path.column) {
        auto it = m->cells.find(*path.column);
        if (it != m->cells.end() && cell_live(it->second, now))
            return one_cell(cf, it->first, it->second);
    }
    throw thrift_failure{thrift::NotFoundException{}};
}

std::vector<thrift::ColumnOrSuperColumn> store::serve(session& s, const thrift::get_slice_args& a) {
    const column_family& cf = impl_->checked_table(s, a.column_parent.column_family, a.consistency_level, false);
    validate_key(a.key);
    validate_parent(cf, a.column_parent);
    validate_predicate(a.predicate, cf.super && a.column_parent.super_column ? cf.subnames : cf.names);
    return read_slice(cf, find_row(cf, a.key), a.column_parent.super_column, a.predicate, impl_->now_seconds());
}

std::int32_t store::serve(session& s, const thrift::get_count_args& a) {
    thrift::get_slice_args slice{a.key, a.column_parent, a.predicate, a.consistency_level};
    return static_cast<std::int32_t>(serve(s, slice).size());
}

std::map<std::string, std::vector<thrift::ColumnOrSuperColumn>> store::serve(session& s,
                                                                            const thrift::multiget_slice_args& a) {
    std::map<std::string, std::vector<cosc>> out;
    for (const auto& key : a.keys) {
        thrift::get_slice_args one{key, a.column_parent, a.predicate, a.consistency_level};
        out[key] = serve(s, one);
    }
    if (a.keys.empty())
        (void)impl_->table(s, a.column_parent.column_family);
    return out;
}

std::map<std::string, std::int32_t> store::serve(session& s, const thrift::multiget_count_args& a) {
    std::map<std::string, std::int32_t> out;
    for (const auto& key : a.keys) {
        thrift::get_count_args one{key, a.column_parent, a.predicate, a.consistency_level};
        out[key] = serve(s, one);
    }
    if (a.keys.empty())
        (void)impl_->table(s, a.column_parent.column_family);
    return out;
}

std::vector<thrift::KeySlice> store::serve(session& s, const thrift::get_range_slices_args& a) {
    const column_family& cf = impl_->checked_table(s, a.column_parent.column_family, a.consistency_level, false);
    validate_parent(cf, a.column_parent);
    validate_predicate(a.predicate, cf.super && a.column_parent.super_column ? cf.subnames : cf.names);
    const std::vector<thrift::IndexExpression> no_filter;
    const auto& filter = a.range.row_filter ? *a.range.row_filter : no_filter;
    if (!filter.empty())
        check_index_clause(cf, filter);
    const std::int64_t now = impl_->now_seconds();
    std::vector<thrift::KeySlice> out;
    for (auto it : rows_in(cf, a.range)) {
        if (out.size() >= static_cast<std::size_t>(a.range.count))
            break;
        const bool all = std::all_of(filter.begin(), filter.end(),
                                     [&](const auto& e) { return matches(cf, it->second, e, now); });
        if (!all)
            continue;
        // A row with nothing live left is still listed, with no columns: Cassandra's "range
        // ghost" (pycassa's filter_empty exists for them).
        out.push_back(thrift::KeySlice{it->first.key,
                                       read_slice(cf, &it->second, a.column_parent.super_column, a.predicate, now)});
    }
    return out;
}

std::vector<thrift::KeySlice> store::serve(session& s, const thrift::get_paged_slice_args& a) {
    const column_family& cf = impl_->checked_table(s, a.column_family, a.consistency_level, false);
    if (cf.super)
        invalid("get_paged_slice does not work on super column families");
    const std::int64_t now = impl_->now_seconds();
    std::vector<thrift::KeySlice> out;
    std::size_t budget = a.range.count > 0 ? static_cast<std::size_t>(a.range.count) : 0;
    if (a.range.count <= 0)
        invalid("maxRows must be positive");
    for (auto it : rows_in(cf, a.range)) {
        if (budget == 0)
            break;
        thrift::SlicePredicate p;
        p.slice_range = thrift::SliceRange{.start = (a.range.start_key && it->first.key == *a.range.start_key)
                                                        ? a.start_column
                                                        : std::string(),
                                           .finish = {}, .reversed = false, .count = static_cast<std::int32_t>(budget)};
        auto columns = read_slice(cf, &it->second, std::nullopt, p, now);
        budget -= std::min(budget, columns.size());
        out.push_back(thrift::KeySlice{it->first.key, std::move(columns)});
    }
    return out;
}

std::vector<thrift::KeySlice> store::serve(session& s, const thrift::get_indexed_slices_args& a) {
    const column_family& cf = impl_->checked_table(s, a.column_parent.column_family, a.consistency_level, false);
    validate_parent(cf, a.column_parent);
    validate_predicate(a.column_predicate, cf.names);
    const auto& clause = a.index_clause;
    check_index_clause(cf, clause.expressions);
    if (clause.count <= 0)
        invalid("maxRows must be positive");
    const std::int64_t now = impl_->now_seconds();
    thrift::KeyRange range;
    range.start_key = clause.start_key;
    range.end_key = std::string();
    std::vector<thrift::KeySlice> out;
    for (auto it : rows_in(cf, range, false)) {
        if (out.size() >= static_cast<std::size_t>(clause.count))
            break;
        const bool all = std::all_of(clause.expressions.begin(), clause.expressions.end(),
                                     [&](const auto& e) { return matches(cf, it->second, e, now); });
        if (all)
            out.push_back(thrift::KeySlice{it->first.key,
                                           read_slice(cf, &it->second, a.column_parent.super_column, a.column_predicate, now)});
    }
    return out;
}

// ---- writes ----

void store::serve(session& s, const thrift::insert_args& a) {
    column_family& cf = impl_->checked_table(s, a.column_parent.column_family, a.consistency_level, true);
    writer{cf, impl_->now_seconds()}.insert(a.key, a.column_parent.super_column, a.column);
}

void store::serve(session& s, const thrift::add_args& a) {
    column_family& cf = impl_->checked_table(s, a.column_parent.column_family, a.consistency_level, true);
    writer{cf, impl_->now_seconds()}.add(a.key, a.column_parent.super_column, a.column);
}

void store::serve(session& s, const thrift::remove_args& a) {
    column_family& cf = impl_->checked_table(s, a.column_path.column_family, a.consistency_level, true);
    if (cf.counter)
        invalid(fmt::format("invalid operation for commutative table {}", cf.def.name));
    writer{cf, impl_->now_seconds()}.remove(a.key, a.column_path.super_column, a.column_path.column, a.timestamp);
}

void store::serve(session& s, const thrift::remove_counter_args& a) {
    column_family& cf = impl_->checked_table(s, a.path.column_family, a.consistency_level, true);
    if (!cf.counter)
        invalid(fmt::format("invalid operation for non commutative table {}", cf.def.name));
    writer{cf, impl_->now_seconds()}.remove(a.key, a.path.super_column, a.path.column, 0);
}

void store::serve(session& s, const thrift::batch_mutate_args& a) {
    // Validate everything first: Cassandra refuses the whole batch on one bad mutation.
    keyspace& ks = impl_->current_keyspace(s);
    impl_->check_consistency(s, a.consistency_level, true);
    for (const auto& [key, by_cf] : a.mutation_map)
        for (const auto& [cf_name, mutations] : by_cf)
            if (!ks.tables.contains(cf_name))
                invalid(fmt::format("unconfigured table {}", cf_name));
    const std::int64_t now = impl_->now_seconds();
    // A dry run on empty copies of the tables (their definitions, no rows) throws what applying
    // would, before any row changes: a bad last mutation leaves the first ones unapplied.
    std::map<std::string, column_family> scratch;
    for (const auto& [key, by_cf] : a.mutation_map) {
        for (const auto& [cf_name, mutations] : by_cf) {
            auto at = scratch.find(cf_name);
            if (at == scratch.end()) {
                const column_family& real = ks.tables.at(cf_name);
                column_family empty{real.def, real.names, real.subnames, real.super, real.counter, {},
                                    real.validators, real.default_validator};
                at = scratch.emplace(cf_name, std::move(empty)).first;
            }
            writer w{at->second, now};
            for (const auto& m : mutations)
                w.apply(key, m);
        }
    }
    for (const auto& [key, by_cf] : a.mutation_map) {
        for (const auto& [cf_name, mutations] : by_cf) {
            writer w{ks.tables.at(cf_name), now};
            for (const auto& m : mutations)
                w.apply(key, m);
        }
    }
}

void store::serve(session& s, const thrift::atomic_batch_mutate_args& a) {
    thrift::batch_mutate_args plain{a.mutation_map, a.consistency_level};
    serve(s, plain);
}

void store::serve(session& s, const thrift::truncate_args& a) { impl_->table(s, a.cfname).rows.clear(); }

// ---- cas, multi-slice, tracing ----

thrift::CASResult store::serve(session& s, const thrift::cas_args& a) {
    column_family& cf = impl_->checked_table(s, a.column_family, a.commit_consistency_level, true);
    if (cf.counter)
        invalid("Counter tables cannot be used with conditional updates");
    if (cf.super)
        invalid("CAS is not supported on super column families");
    validate_key(a.key);
    const std::int64_t now = impl_->now_seconds();
    const row* r = find_row(cf, a.key);
    const auto current = [&](const std::string& name) -> const cell* {
        if (!r)
            return nullptr;
        auto it = r->columns.cells.find(name);
        return it != r->columns.cells.end() && cell_live(it->second, now) ? &it->second : nullptr;
    };
    // Expected columns must be there with these values (a column without a value: absent); no
    // expected column at all means the row must not exist.
    bool applies = true;
    std::vector<thrift::Column> seen;
    if (a.expected.empty()) {
        if (r)
            seen = live_columns(r->columns, now);
        applies = seen.empty();
    } else {
        for (const auto& e : a.expected) {
            const cell* c = current(e.name);
            if (c)
                seen.push_back(to_column(e.name, *c));
            if (e.value ? (!c || c->value != *e.value) : c != nullptr)
                applies = false;
        }
        std::sort(seen.begin(), seen.end(), [&](const auto& x, const auto& y) { return cf.names(x.name, y.name); });
    }
    if (!applies)
        return thrift::CASResult{.success = false, .current_values = std::move(seen)};
    writer w{cf, now};
    for (const auto& u : a.updates)
        w.insert(a.key, std::nullopt, u);
    return thrift::CASResult{.success = true, .current_values = std::nullopt};
}

std::vector<thrift::ColumnOrSuperColumn> store::serve(session& s, const thrift::get_multi_slice_args& a) {
    const auto& req = a.request;
    if (!req.key || !req.column_parent)
        invalid("get_multi_slice needs a key and a column_parent");
    const column_family& cf = impl_->checked_table(s, req.column_parent->column_family,
                                                   req.consistency_level.value_or(thrift::ConsistencyLevel::ONE), false);
    if (cf.super)
        invalid("get_multi_slice does not support super columns");
    validate_key(*req.key);
    const bool reversed = req.reversed.value_or(false);
    const auto count = static_cast<std::size_t>(std::max(0, req.count.value_or(1000)));
    const auto slices = req.column_slices.value_or(std::vector<thrift::ColumnSlice>{});
    for (const auto& sl : slices)
        if (sl.start && sl.finish && !sl.start->empty() && !sl.finish->empty()) {
            const int c = cf.names.compare(*sl.start, *sl.finish);
            if (reversed ? c < 0 : c > 0)
                invalid("Column slice is invalid (start must come before finish in the order of traversal)");
        }
    const auto in_any = [&](const std::string& name) {
        return std::any_of(slices.begin(), slices.end(), [&](const thrift::ColumnSlice& sl) {
            std::string low = sl.start.value_or(""), high = sl.finish.value_or("");
            if (reversed)
                std::swap(low, high);
            return (low.empty() || cf.names.compare(name, low) >= 0) && (high.empty() || cf.names.compare(name, high) <= 0);
        });
    };
    std::vector<thrift::ColumnOrSuperColumn> out;
    const row* r = find_row(cf, *req.key);
    if (!r)
        return out;
    const std::int64_t now = impl_->now_seconds();
    const auto take = [&](const auto& kv) {
        if (out.size() < count && cell_live(kv.second, now) && in_any(kv.first))
            out.push_back(one_cell(cf, kv.first, kv.second));
    };
    if (reversed)
        std::for_each(r->columns.cells.rbegin(), r->columns.cells.rend(), take);
    else
        std::for_each(r->columns.cells.begin(), r->columns.cells.end(), take);
    return out;
}

std::string store::serve(session&, const thrift::trace_next_query_args&) {
    // A session id shaped like Cassandra's (a time UUID); no trace is recorded.
    std::string id(16, '\0');
    const std::uint64_t n = ++trace_sessions_;
    for (int i = 0; i < 8; ++i)
        id[15 - i] = static_cast<char>(n >> (8 * i));
    id[6] = 0x10;
    id[8] = static_cast<char>(0x80);
    return id;
}

}  // namespace cppcassa::testing::detail
