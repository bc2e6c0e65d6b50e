// cppcassa::system_manager against the real Cassandra: keyspaces, column families, columns,
// indexes and cluster description, each change read back with describe_keyspace.
#include "support/run_coroutine.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"
#include "support/test_server.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/system_manager.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using cppcassa::test::run_coroutine;

constexpr const char* marshal = "org.apache.cassandra.db.marshal.";

cppcassa::system_manager_config manager_config() {
    const auto server = cppcassa::test::real_server();
    cppcassa::system_manager_config config;
    config.pool.servers = {fmt::format("{}:{}", server.host, server.port)};
    return config;
}

// A keyspace name no earlier run used (names are at most 48 characters, letters, digits and _).
std::string fresh_keyspace(const char* what) {
    return fmt::format("sm_{}_{}", what, cppcassa::test::now_micros());
}

const thrift::CfDef* find_column_family(const thrift::KsDef& keyspace, const std::string& name) {
    const auto found = std::find_if(keyspace.cf_defs.begin(), keyspace.cf_defs.end(),
                                    [&](const thrift::CfDef& cf) { return cf.name == name; });
    return found == keyspace.cf_defs.end() ? nullptr : &*found;
}

const thrift::ColumnDef* find_column(const thrift::CfDef& cf, const std::string& name) {
    if (!cf.column_metadata)
        return nullptr;
    for (const auto& column : *cf.column_metadata)
        if (column.name == name)
            return &column;
    return nullptr;
}

TEST_CASE("a keyspace is created, altered, listed and dropped") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager sys(executor, manager_config());
        const auto name = fresh_keyspace("ks");
        co_await sys.create_keyspace(name);

        const auto listed = co_await sys.list_keyspaces();
        CHECK(std::find(listed.begin(), listed.end(), name) != listed.end());
        const auto created = co_await sys.describe_keyspace(name);
        CHECK(created.strategy_class == "org.apache.cassandra.locator.SimpleStrategy");
        CHECK(created.strategy_options == std::map<std::string, std::string>{{"replication_factor", "1"}});

        cppcassa::keyspace_changes changes;
        changes.strategy_options = std::map<std::string, std::string>{{"replication_factor", "2"}};
        changes.durable_writes = false;
        co_await sys.alter_keyspace(name, changes);
        const auto altered = co_await sys.describe_keyspace(name);
        CHECK(altered.strategy_options == std::map<std::string, std::string>{{"replication_factor", "2"}});
        CHECK(altered.durable_writes == false);

        co_await sys.drop_keyspace(name);
        const auto after = co_await sys.list_keyspaces();
        CHECK(std::find(after.begin(), after.end(), name) == after.end());
        bool missing = false;
        try {
            co_await sys.describe_keyspace(name);
        } catch (const cppcassa::not_found&) {
            missing = true;
        }
        CHECK(missing);
    });
}

TEST_CASE("creating a keyspace that exists is an invalid request, not a retry loop") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager sys(executor, manager_config());
        const auto name = fresh_keyspace("twice");
        co_await sys.create_keyspace(name);
        std::string why;
        try {
            co_await sys.create_keyspace(name);
        } catch (const cppcassa::invalid_request& e) {
            why = e.why;
        }
        CAPTURE(why);
        CHECK(why.find(name) != std::string::npos);  // 3.11: "Keyspace names must be case-insensitively unique"
        CHECK(sys.connection_pool().stats().retries == 0);
        co_await sys.drop_keyspace(name);
    });
}

TEST_CASE("standard, super and counter column families are created with their types") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager sys(executor, manager_config());
        const auto ks = fresh_keyspace("cf");
        co_await sys.create_keyspace(ks);

        cppcassa::column_family_options users;
        users.comparator_type = "UTF8Type";
        users.key_validation_class = "LongType";
        users.default_validation_class = "UTF8Type";
        users.column_validation_classes = {{"age", "Int32Type"}};
        users.comment = "people";
        co_await sys.create_column_family(ks, "users", users);

        cppcassa::column_family_options events;
        events.kind = cppcassa::column_family_kind::super;
        events.comparator_type = "TimeUUIDType";
        events.subcomparator_type = "AsciiType";
        co_await sys.create_column_family(ks, "events", events);

        cppcassa::column_family_options counters;
        counters.default_validation_class = "CounterColumnType";
        co_await sys.create_column_family(ks, "hits", counters);

        const auto families = co_await sys.get_keyspace_column_families(ks);
        REQUIRE(families.size() == 3);
        const auto& u = families.at("users");
        CHECK(u.column_type == "Standard");
        CHECK(u.comparator_type == fmt::format("{}UTF8Type", marshal));
        CHECK(u.key_validation_class == fmt::format("{}LongType", marshal));
        CHECK(u.default_validation_class == fmt::format("{}UTF8Type", marshal));
        CHECK(u.comment == "people");
        const auto* age = find_column(u, "age");
        REQUIRE(age);
        CHECK(age->validation_class == fmt::format("{}Int32Type", marshal));
        const auto& e = families.at("events");
        CHECK(e.column_type == "Super");
        CHECK(e.comparator_type == fmt::format("{}TimeUUIDType", marshal));
        CHECK(e.subcomparator_type == fmt::format("{}AsciiType", marshal));
        CHECK(families.at("hits").default_validation_class == fmt::format("{}CounterColumnType", marshal));

        co_await sys.drop_column_family(ks, "hits");
        const auto after = co_await sys.get_keyspace_column_families(ks);
        CHECK(after.size() == 2);
        CHECK(after.count("hits") == 0);
        co_await sys.drop_keyspace(ks);
    });
}

TEST_CASE("a column family is altered, a column gets a validator, an index is created and dropped") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager sys(executor, manager_config());
        const auto ks = fresh_keyspace("alter");
        co_await sys.create_keyspace(ks);
        cppcassa::column_family_options users;
        users.comparator_type = "UTF8Type";
        co_await sys.create_column_family(ks, "users", users);

        cppcassa::column_family_changes changes;
        changes.comment = "altered";
        changes.gc_grace_seconds = 1234;
        co_await sys.alter_column_family(ks, "users", changes);
        co_await sys.alter_column(ks, "users", "age", "LongType");
        co_await sys.create_index(ks, "users", "state", "UTF8Type");

        auto keyspace = co_await sys.describe_keyspace(ks);
        const auto* cf = find_column_family(keyspace, "users");
        REQUIRE(cf);
        CHECK(cf->comment == "altered");
        CHECK(cf->gc_grace_seconds == 1234);
        const auto* age = find_column(*cf, "age");
        REQUIRE(age);
        CHECK(age->validation_class == fmt::format("{}LongType", marshal));
        CHECK_FALSE(age->index_type);
        const auto* state = find_column(*cf, "state");
        REQUIRE(state);
        CHECK(state->index_type == thrift::IndexType::KEYS);
        CHECK(state->index_name == "users_state_idx");

        co_await sys.drop_index(ks, "users", "state");
        keyspace = co_await sys.describe_keyspace(ks);
        cf = find_column_family(keyspace, "users");
        REQUIRE(cf);
        state = find_column(*cf, "state");
        REQUIRE(state);
        CHECK_FALSE(state->index_type);

        std::string message;
        try {
            co_await sys.drop_index(ks, "users", "state");
        } catch (const cppcassa::usage_error& e) {
            CHECK(e.code == cppcassa::client_errc::no_such_element);
            message = e.what();
        }
        CHECK(message.find("has no index") != std::string::npos);
        co_await sys.drop_keyspace(ks);
    });
}

TEST_CASE("a column family in a missing keyspace is a clear invalid request") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager sys(executor, manager_config());
        std::string why;
        try {
            co_await sys.create_column_family("sm_no_such_keyspace", "cf");
        } catch (const cppcassa::invalid_request& e) {
            why = e.why;
        }
        CAPTURE(why);
        CHECK(why.find("sm_no_such_keyspace") != std::string::npos);
        bool missing = false;
        try {
            co_await sys.alter_column("sm_no_such_keyspace", "cf", "c", "LongType");
        } catch (const cppcassa::not_found&) {
            missing = true;
        }
        CHECK(missing);
    });
}

TEST_CASE("the cluster describes itself through the system manager") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::system_manager sys(executor, manager_config());
        const auto version = co_await sys.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());
        const auto partitioner = co_await sys.describe_partitioner();
        CHECK(partitioner == "org.apache.cassandra.dht.Murmur3Partitioner");
        const auto cluster = co_await sys.describe_cluster_name();
        CHECK_FALSE(cluster.empty());
        const auto snitch = co_await sys.describe_snitch();
        CHECK(snitch.find("Snitch") != std::string::npos);
        const auto ks = fresh_keyspace("ring");
        co_await sys.create_keyspace(ks);
        const auto ring = co_await sys.describe_ring(ks);
        CHECK_FALSE(ring.empty());
        co_await sys.drop_keyspace(ks);
        const auto tokens = co_await sys.describe_token_map();
        CHECK_FALSE(tokens.empty());
        const auto versions = co_await sys.describe_schema_versions();
        CHECK(versions.size() >= 1);
        co_await sys.wait_for_schema_agreement();
    });
}

}  // namespace
