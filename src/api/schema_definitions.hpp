// The Thrift KsDef / CfDef a system_manager call sends, built from its options (no Asio, no
// socket: unit-tested).
#pragma once

#include <cppcassa/system_manager.hpp>
#include <cppcassa/thrift.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppcassa::api {

// "SimpleStrategy" -> "org.apache.cassandra.locator.SimpleStrategy"; full names unchanged.
std::string full_strategy_class(const std::string& name);

thrift::KsDef make_keyspace_definition(const std::string& name, const keyspace_options& options);
// For system_update_keyspace: the current definition with `changes` applied and no column
// families (Cassandra refuses a keyspace update that carries any).
thrift::KsDef apply_keyspace_changes(thrift::KsDef current, const keyspace_changes& changes);

thrift::CfDef make_column_family_definition(const std::string& keyspace, const std::string& name,
                                            const column_family_options& options);
void apply_column_family_changes(thrift::CfDef& definition, const column_family_changes& changes);

// Adds the column to column_metadata or replaces its validator (its index stays).
void set_column_validator(thrift::CfDef& definition, const std::string& column, const std::string& validation_class);
// Marks the column KEYS-indexed (adding it when missing) with `validation_class`.
void set_column_index(thrift::CfDef& definition, const std::string& column, const std::string& validation_class,
                      const std::optional<std::string>& index_name);
// Removes the column's index; false when it had none.
bool clear_column_index(thrift::CfDef& definition, const std::string& column);

// Whether every node that answered reports one schema version ("UNREACHABLE" lists the others).
bool schema_agreed(const std::map<std::string, std::vector<std::string>>& versions);
// "v1 on [127.0.0.1, 127.0.0.2]; v2 on [127.0.0.3]" for error messages.
std::string format_schema_versions(const std::map<std::string, std::vector<std::string>>& versions);

}  // namespace cppcassa::api
