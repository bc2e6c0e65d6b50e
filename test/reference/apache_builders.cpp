#include "reference/apache_builders.hpp"

#include "codec/struct_codec.hpp"

#include <type_traits>

namespace cppcassa::reference {
namespace {

// Our member as the Apache member type A: structs through build_apache only (never bytes),
// enums by value, containers element by element.
template <class A, class O>
A convert(const O& v) {
    namespace d = codec::detail;
    if constexpr (codec::described_struct<O>) {
        return build_apache(v);
    } else if constexpr (std::is_enum_v<O>) {
        return static_cast<A>(static_cast<std::int32_t>(v));
    } else if constexpr (d::is_vector<O>::value) {
        A out;
        for (const auto& e : v)
            out.push_back(convert<typename A::value_type>(e));
        return out;
    } else if constexpr (d::is_map<O>::value) {
        A out;
        for (const auto& [key, value] : v)
            out.emplace(convert<typename A::key_type>(key), convert<typename A::mapped_type>(value));
        return out;
    } else {
        return A(v);
    }
}

}  // namespace

// A required or default field is always set; an optional one only when ours is engaged. An unset
// one clears __isset explicitly: Apache's constructor sets it for fields with an IDL default
// (see apache_defaults.hpp), and clearing it is how an Apache user leaves such a field out.
#define SET(field) a.__set_##field(convert<decltype(a.field)>(v.field))
#define SET_OPT(field)                                          \
    if (v.field)                                                \
        a.__set_##field(convert<decltype(a.field)>(*v.field)); \
    else                                                        \
        a.__isset.field = false

ac::Column build_apache(const thrift::Column& v) {
    ac::Column a;
    SET(name);
    SET_OPT(value);
    SET_OPT(timestamp);
    SET_OPT(ttl);
    return a;
}

ac::SuperColumn build_apache(const thrift::SuperColumn& v) {
    ac::SuperColumn a;
    SET(name);
    SET(columns);
    return a;
}

ac::CounterColumn build_apache(const thrift::CounterColumn& v) {
    ac::CounterColumn a;
    SET(name);
    SET(value);
    return a;
}

ac::CounterSuperColumn build_apache(const thrift::CounterSuperColumn& v) {
    ac::CounterSuperColumn a;
    SET(name);
    SET(columns);
    return a;
}

ac::ColumnOrSuperColumn build_apache(const thrift::ColumnOrSuperColumn& v) {
    ac::ColumnOrSuperColumn a;
    SET_OPT(column);
    SET_OPT(super_column);
    SET_OPT(counter_column);
    SET_OPT(counter_super_column);
    return a;
}

ac::SliceRange build_apache(const thrift::SliceRange& v) {
    ac::SliceRange a;
    SET(start);
    SET(finish);
    SET(reversed);
    SET(count);
    return a;
}

ac::SlicePredicate build_apache(const thrift::SlicePredicate& v) {
    ac::SlicePredicate a;
    SET_OPT(column_names);
    SET_OPT(slice_range);
    return a;
}

ac::IndexExpression build_apache(const thrift::IndexExpression& v) {
    ac::IndexExpression a;
    SET(column_name);
    SET(op);
    SET(value);
    return a;
}

ac::KeyRange build_apache(const thrift::KeyRange& v) {
    ac::KeyRange a;
    SET_OPT(start_key);
    SET_OPT(end_key);
    SET_OPT(start_token);
    SET_OPT(end_token);
    SET_OPT(row_filter);
    SET(count);
    return a;
}

ac::Deletion build_apache(const thrift::Deletion& v) {
    ac::Deletion a;
    SET_OPT(timestamp);
    SET_OPT(super_column);
    SET_OPT(predicate);
    return a;
}

ac::Mutation build_apache(const thrift::Mutation& v) {
    ac::Mutation a;
    SET_OPT(column_or_supercolumn);
    SET_OPT(deletion);
    return a;
}

ac::ColumnDef build_apache(const thrift::ColumnDef& v) {
    ac::ColumnDef a;
    SET(name);
    SET(validation_class);
    SET_OPT(index_type);
    SET_OPT(index_name);
    SET_OPT(index_options);
    return a;
}

ac::TriggerDef build_apache(const thrift::TriggerDef& v) {
    ac::TriggerDef a;
    SET(name);
    SET(options);
    return a;
}

// In the IDL's declaration order (retired ids last), not ours: Apache must sort them itself.
ac::CfDef build_apache(const thrift::CfDef& v) {
    ac::CfDef a;
    SET(keyspace);
    SET(name);
    SET_OPT(column_type);
    SET_OPT(comparator_type);
    SET_OPT(subcomparator_type);
    SET_OPT(comment);
    SET_OPT(read_repair_chance);
    SET_OPT(column_metadata);
    SET_OPT(gc_grace_seconds);
    SET_OPT(default_validation_class);
    SET_OPT(id);
    SET_OPT(min_compaction_threshold);
    SET_OPT(max_compaction_threshold);
    SET_OPT(key_validation_class);
    SET_OPT(key_alias);
    SET_OPT(compaction_strategy);
    SET_OPT(compaction_strategy_options);
    SET_OPT(compression_options);
    SET_OPT(bloom_filter_fp_chance);
    SET_OPT(caching);
    SET_OPT(dclocal_read_repair_chance);
    SET_OPT(memtable_flush_period_in_ms);
    SET_OPT(default_time_to_live);
    SET_OPT(speculative_retry);
    SET_OPT(triggers);
    SET_OPT(cells_per_row_to_cache);
    SET_OPT(min_index_interval);
    SET_OPT(max_index_interval);
    SET_OPT(row_cache_size);
    SET_OPT(key_cache_size);
    SET_OPT(row_cache_save_period_in_seconds);
    SET_OPT(key_cache_save_period_in_seconds);
    SET_OPT(memtable_flush_after_mins);
    SET_OPT(memtable_throughput_in_mb);
    SET_OPT(memtable_operations_in_millions);
    SET_OPT(replicate_on_write);
    SET_OPT(merge_shards_chance);
    SET_OPT(row_cache_provider);
    SET_OPT(row_cache_keys_to_save);
    SET_OPT(populate_io_cache_on_flush);
    SET_OPT(index_interval);
    return a;
}

ac::ColumnParent build_apache(const thrift::ColumnParent& v) {
    ac::ColumnParent a;
    SET(column_family);
    SET_OPT(super_column);
    return a;
}

ac::ColumnSlice build_apache(const thrift::ColumnSlice& v) {
    ac::ColumnSlice a;
    SET_OPT(start);
    SET_OPT(finish);
    return a;
}

ac::MultiSliceRequest build_apache(const thrift::MultiSliceRequest& v) {
    ac::MultiSliceRequest a;
    SET_OPT(key);
    SET_OPT(column_parent);
    SET_OPT(column_slices);
    SET_OPT(reversed);
    SET_OPT(count);
    SET_OPT(consistency_level);
    return a;
}

ac::KsDef build_apache(const thrift::KsDef& v) {
    ac::KsDef a;
    SET(name);
    SET(strategy_class);
    SET_OPT(strategy_options);
    SET_OPT(replication_factor);
    SET(cf_defs);
    SET_OPT(durable_writes);
    return a;
}

#undef SET
#undef SET_OPT

}  // namespace cppcassa::reference
