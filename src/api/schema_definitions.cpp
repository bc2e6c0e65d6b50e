#include "api/schema_definitions.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace cppcassa::api {

namespace {

constexpr const char* unreachable = "UNREACHABLE";

thrift::ColumnDef& column_definition(thrift::CfDef& definition, const std::string& column) {
    if (!definition.column_metadata)
        definition.column_metadata.emplace();
    auto& columns = *definition.column_metadata;
    const auto found = std::find_if(columns.begin(), columns.end(),
                                    [&](const thrift::ColumnDef& c) { return c.name == column; });
    if (found != columns.end())
        return *found;
    thrift::ColumnDef added;
    added.name = column;
    columns.push_back(std::move(added));
    return columns.back();
}

template <class T>
void assign_if_set(std::optional<T>& target, const std::optional<T>& value) {
    if (value)
        target = value;
}

}  // namespace

std::string full_strategy_class(const std::string& name) {
    if (name.find('.') != std::string::npos)
        return name;
    return "org.apache.cassandra.locator." + name;
}

thrift::KsDef make_keyspace_definition(const std::string& name, const keyspace_options& options) {
    thrift::KsDef definition;
    definition.name = name;
    definition.strategy_class = full_strategy_class(options.strategy_class);
    definition.strategy_options = options.strategy_options;
    definition.durable_writes = options.durable_writes;
    return definition;
}

thrift::KsDef apply_keyspace_changes(thrift::KsDef current, const keyspace_changes& changes) {
    current.cf_defs.clear();
    if (changes.strategy_class)
        current.strategy_class = full_strategy_class(*changes.strategy_class);
    assign_if_set(current.strategy_options, changes.strategy_options);
    assign_if_set(current.durable_writes, changes.durable_writes);
    return current;
}

thrift::CfDef make_column_family_definition(const std::string& keyspace, const std::string& name,
                                            const column_family_options& options) {
    thrift::CfDef definition;
    definition.keyspace = keyspace;
    definition.name = name;
    definition.column_type = options.kind == column_family_kind::super ? "Super" : "Standard";
    definition.comparator_type = options.comparator_type;
    definition.subcomparator_type = options.subcomparator_type;
    definition.key_validation_class = options.key_validation_class;
    definition.default_validation_class = options.default_validation_class;
    for (const auto& [column, validator] : options.column_validation_classes)
        set_column_validator(definition, column, validator);
    definition.comment = options.comment;
    definition.gc_grace_seconds = options.gc_grace_seconds;
    definition.default_time_to_live = options.default_time_to_live;
    definition.read_repair_chance = options.read_repair_chance;
    definition.dclocal_read_repair_chance = options.dclocal_read_repair_chance;
    definition.bloom_filter_fp_chance = options.bloom_filter_fp_chance;
    definition.caching = options.caching;
    definition.compaction_strategy = options.compaction_strategy;
    definition.compaction_strategy_options = options.compaction_strategy_options;
    definition.compression_options = options.compression_options;
    definition.min_compaction_threshold = options.min_compaction_threshold;
    definition.max_compaction_threshold = options.max_compaction_threshold;
    return definition;
}

void apply_column_family_changes(thrift::CfDef& definition, const column_family_changes& changes) {
    assign_if_set(definition.key_validation_class, changes.key_validation_class);
    assign_if_set(definition.default_validation_class, changes.default_validation_class);
    for (const auto& [column, validator] : changes.column_validation_classes)
        set_column_validator(definition, column, validator);
    assign_if_set(definition.comment, changes.comment);
    assign_if_set(definition.gc_grace_seconds, changes.gc_grace_seconds);
    assign_if_set(definition.default_time_to_live, changes.default_time_to_live);
    assign_if_set(definition.read_repair_chance, changes.read_repair_chance);
    assign_if_set(definition.dclocal_read_repair_chance, changes.dclocal_read_repair_chance);
    assign_if_set(definition.bloom_filter_fp_chance, changes.bloom_filter_fp_chance);
    assign_if_set(definition.caching, changes.caching);
    assign_if_set(definition.compaction_strategy, changes.compaction_strategy);
    assign_if_set(definition.compaction_strategy_options, changes.compaction_strategy_options);
    assign_if_set(definition.compression_options, changes.compression_options);
    assign_if_set(definition.min_compaction_threshold, changes.min_compaction_threshold);
    assign_if_set(definition.max_compaction_threshold, changes.max_compaction_threshold);
}

void set_column_validator(thrift::CfDef& definition, const std::string& column, const std::string& validation_class) {
    column_definition(definition, column).validation_class = validation_class;
}

void set_column_index(thrift::CfDef& definition, const std::string& column, const std::string& validation_class,
                      const std::optional<std::string>& index_name) {
    auto& target = column_definition(definition, column);
    target.validation_class = validation_class;
    target.index_type = thrift::IndexType::KEYS;
    target.index_name = index_name;
}

bool clear_column_index(thrift::CfDef& definition, const std::string& column) {
    if (!definition.column_metadata)
        return false;
    for (auto& c : *definition.column_metadata) {
        if (c.name == column && c.index_type) {
            c.index_type.reset();
            c.index_name.reset();
            c.index_options.reset();
            return true;
        }
    }
    return false;
}

bool schema_agreed(const std::map<std::string, std::vector<std::string>>& versions) {
    std::size_t reachable_versions = 0;
    for (const auto& [version, hosts] : versions) {
        if (version != unreachable && !hosts.empty())
            ++reachable_versions;
    }
    return reachable_versions == 1;
}

std::string format_schema_versions(const std::map<std::string, std::vector<std::string>>& versions) {
    std::string text;
    for (const auto& [version, hosts] : versions) {
        if (!text.empty())
            text += "; ";
        text += fmt::format("{} on [{}]", version, fmt::join(hosts, ", "));
    }
    return text.empty() ? "no versions reported" : text;
}

}  // namespace cppcassa::api
