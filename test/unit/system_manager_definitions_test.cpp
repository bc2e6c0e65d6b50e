// What system_manager sends: KsDef / CfDef built from its options, and when a schema is agreed.
#include "api/schema_definitions.hpp"

#include "support/catch.hpp"

namespace {

namespace api = cppcassa::api;
namespace thrift = cppcassa::thrift;

TEST_CASE("a short strategy name becomes Cassandra's class name and a full one is kept") {
    CHECK(api::full_strategy_class("SimpleStrategy") == "org.apache.cassandra.locator.SimpleStrategy");
    CHECK(api::full_strategy_class("com.example.MyStrategy") == "com.example.MyStrategy");
}

TEST_CASE("a keyspace definition carries the strategy, its options and durable writes") {
    const auto definition = api::make_keyspace_definition(
        "app", {.strategy_class = "NetworkTopologyStrategy", .strategy_options = {{"dc1", "3"}}, .durable_writes = false});
    CHECK(definition.name == "app");
    CHECK(definition.strategy_class == "org.apache.cassandra.locator.NetworkTopologyStrategy");
    CHECK(definition.strategy_options == std::map<std::string, std::string>{{"dc1", "3"}});
    CHECK(definition.durable_writes == false);
    CHECK(definition.cf_defs.empty());
}

TEST_CASE("a keyspace update changes only what is set and carries no column family") {
    thrift::KsDef current;
    current.name = "app";
    current.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
    current.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
    current.durable_writes = true;
    current.cf_defs.resize(2);
    const auto updated = api::apply_keyspace_changes(current, {.strategy_options = std::map<std::string, std::string>{{"replication_factor", "2"}}});
    CHECK(updated.strategy_class == current.strategy_class);
    CHECK(updated.strategy_options == std::map<std::string, std::string>{{"replication_factor", "2"}});
    CHECK(updated.durable_writes == true);
    CHECK(updated.cf_defs.empty());
}

TEST_CASE("a super column family definition names its kind, comparators and validators") {
    const auto definition = api::make_column_family_definition(
        "app", "events",
        {.kind = cppcassa::column_family_kind::super,
         .comparator_type = "TimeUUIDType",
         .subcomparator_type = "UTF8Type",
         .key_validation_class = "LongType",
         .default_validation_class = "UTF8Type",
         .column_validation_classes = {{"age", "LongType"}},
         .gc_grace_seconds = 60});
    CHECK(definition.keyspace == "app");
    CHECK(definition.name == "events");
    CHECK(definition.column_type == "Super");
    CHECK(definition.comparator_type == "TimeUUIDType");
    CHECK(definition.subcomparator_type == "UTF8Type");
    CHECK(definition.key_validation_class == "LongType");
    CHECK(definition.default_validation_class == "UTF8Type");
    CHECK(definition.gc_grace_seconds == 60);
    REQUIRE(definition.column_metadata);
    REQUIRE(definition.column_metadata->size() == 1);
    CHECK(definition.column_metadata->front().name == "age");
    CHECK(definition.column_metadata->front().validation_class == "LongType");
    CHECK_FALSE(definition.column_metadata->front().index_type);
    CHECK_FALSE(definition.comment);
}

TEST_CASE("a column family change keeps what it does not name and replaces a column's validator") {
    auto definition = api::make_column_family_definition(
        "app", "users", {.comparator_type = "UTF8Type", .column_validation_classes = {{"age", "Int32Type"}},
                         .comment = "old"});
    api::apply_column_family_changes(definition, {.column_validation_classes = {{"age", "LongType"}, {"name", "UTF8Type"}},
                                                  .gc_grace_seconds = 10});
    CHECK(definition.comment == "old");
    CHECK(definition.gc_grace_seconds == 10);
    CHECK(definition.comparator_type == "UTF8Type");
    REQUIRE(definition.column_metadata->size() == 2);
    CHECK(definition.column_metadata->at(0).validation_class == "LongType");
    CHECK(definition.column_metadata->at(1).name == "name");
}

TEST_CASE("an index is set on a column and cleared again, and clearing an unindexed column says so") {
    auto definition = api::make_column_family_definition("app", "users", {});
    api::set_column_index(definition, "state", "UTF8Type", std::string("users_by_state"));
    REQUIRE(definition.column_metadata->size() == 1);
    const auto& column = definition.column_metadata->front();
    CHECK(column.index_type == thrift::IndexType::KEYS);
    CHECK(column.index_name == "users_by_state");
    CHECK(api::clear_column_index(definition, "state"));
    CHECK_FALSE(definition.column_metadata->front().index_type);
    CHECK(definition.column_metadata->front().validation_class == "UTF8Type");
    CHECK_FALSE(api::clear_column_index(definition, "state"));
    CHECK_FALSE(api::clear_column_index(definition, "missing"));
}

TEST_CASE("the schema is agreed when every reachable node reports one version") {
    using versions = std::map<std::string, std::vector<std::string>>;
    CHECK(api::schema_agreed(versions{{"v1", {"127.0.0.1", "127.0.0.2"}}}));
    CHECK(api::schema_agreed(versions{{"v1", {"127.0.0.1"}}, {"UNREACHABLE", {"127.0.0.3"}}}));
    CHECK_FALSE(api::schema_agreed(versions{{"v1", {"127.0.0.1"}}, {"v2", {"127.0.0.2"}}}));
    CHECK_FALSE(api::schema_agreed(versions{}));
    CHECK_FALSE(api::schema_agreed(versions{{"UNREACHABLE", {"127.0.0.1"}}}));
    CHECK(api::format_schema_versions(versions{{"v1", {"a", "b"}}, {"v2", {"c"}}}) == "v1 on [a, b]; v2 on [c]");
}

}  // namespace
