// Conversions from cppcassa's wire types to Apache Thrift's generated ones, so both clients
// handle the very same data.
#pragma once

#include <cppcassa/thrift.hpp>

#include <Cassandra.h>
#include <cassandra_types.h>

#include <map>
#include <string>
#include <vector>

namespace cppcassa::bench {

namespace ac = ::org::apache::cassandra;

inline ac::Column to_apache(const thrift::Column& c) {
    ac::Column a;
    a.__set_name(c.name);
    if (c.value)
        a.__set_value(*c.value);
    if (c.timestamp)
        a.__set_timestamp(*c.timestamp);
    if (c.ttl)
        a.__set_ttl(*c.ttl);
    return a;
}

// Only the `column` member is converted: the workloads read standard column families.
inline ac::ColumnOrSuperColumn to_apache(const thrift::ColumnOrSuperColumn& c) {
    ac::ColumnOrSuperColumn a;
    if (c.column)
        a.__set_column(to_apache(*c.column));
    return a;
}

inline std::vector<ac::ColumnOrSuperColumn> to_apache(const std::vector<thrift::ColumnOrSuperColumn>& v) {
    std::vector<ac::ColumnOrSuperColumn> out;
    out.reserve(v.size());
    for (const auto& c : v)
        out.push_back(to_apache(c));
    return out;
}

// Insertions only (column_or_supercolumn), as the batch ingest queues them.
inline ac::Mutation to_apache(const thrift::Mutation& m) {
    ac::Mutation a;
    if (m.column_or_supercolumn)
        a.__set_column_or_supercolumn(to_apache(*m.column_or_supercolumn));
    return a;
}

inline std::map<std::string, std::map<std::string, std::vector<ac::Mutation>>>
to_apache(const std::map<std::string, std::map<std::string, std::vector<thrift::Mutation>>>& map) {
    std::map<std::string, std::map<std::string, std::vector<ac::Mutation>>> out;
    for (const auto& [key, by_cf] : map)
        for (const auto& [cf, mutations] : by_cf)
            for (const auto& m : mutations)
                out[key][cf].push_back(to_apache(m));
    return out;
}

inline ac::ColumnParent to_apache(const thrift::ColumnParent& p) {
    ac::ColumnParent a;
    a.__set_column_family(p.column_family);
    if (p.super_column)
        a.__set_super_column(*p.super_column);
    return a;
}

inline ac::SlicePredicate to_apache(const thrift::SlicePredicate& p) {
    ac::SlicePredicate a;
    if (p.column_names)
        a.__set_column_names(*p.column_names);
    if (p.slice_range) {
        ac::SliceRange r;
        r.__set_start(p.slice_range->start);
        r.__set_finish(p.slice_range->finish);
        r.__set_reversed(p.slice_range->reversed);
        r.__set_count(p.slice_range->count);
        a.__set_slice_range(r);
    }
    return a;
}

inline ac::ConsistencyLevel::type to_apache(thrift::ConsistencyLevel cl) {
    return static_cast<ac::ConsistencyLevel::type>(static_cast<int>(cl));
}

}  // namespace cppcassa::bench
