#include <cppcassa/system_manager.hpp>

#include "api/schema_definitions.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace cppcassa {

namespace {

template <class T>
using awaitable = boost::asio::awaitable<T>;

// Schema calls run on connections no other user shares, and some act on the connection's current
// keyspace (system_drop_column_family takes only a name): each operation selects its keyspace.
awaitable<void> use_keyspace(connection& c, std::string keyspace) {
    const thrift::set_keyspace_args use{.keyspace = std::move(keyspace)};
    co_await c.set_keyspace(use);
}

awaitable<std::string> add_keyspace(connection& c, thrift::KsDef definition) {
    const thrift::system_add_keyspace_args args{.ks_def = std::move(definition)};
    co_return co_await c.system_add_keyspace(args);
}

awaitable<std::string> update_keyspace(connection& c, thrift::KsDef definition) {
    const thrift::system_update_keyspace_args args{.ks_def = std::move(definition)};
    co_return co_await c.system_update_keyspace(args);
}

awaitable<std::string> drop_keyspace_call(connection& c, std::string name) {
    const thrift::system_drop_keyspace_args args{.keyspace = std::move(name)};
    co_return co_await c.system_drop_keyspace(args);
}

awaitable<thrift::KsDef> describe_keyspace_call(connection& c, std::string name) {
    const thrift::describe_keyspace_args args{.keyspace = std::move(name)};
    co_return co_await c.describe_keyspace(args);
}

awaitable<std::string> add_column_family(connection& c, thrift::CfDef definition) {
    co_await use_keyspace(c, definition.keyspace);
    const thrift::system_add_column_family_args args{.cf_def = std::move(definition)};
    co_return co_await c.system_add_column_family(args);
}

awaitable<std::string> update_column_family_call(connection& c, thrift::CfDef definition) {
    co_await use_keyspace(c, definition.keyspace);
    const thrift::system_update_column_family_args args{.cf_def = std::move(definition)};
    co_return co_await c.system_update_column_family(args);
}

awaitable<std::string> drop_column_family_call(connection& c, std::string keyspace, std::string name) {
    co_await use_keyspace(c, std::move(keyspace));
    const thrift::system_drop_column_family_args args{.column_family = std::move(name)};
    co_return co_await c.system_drop_column_family(args);
}

awaitable<std::vector<thrift::TokenRange>> describe_ring_call(connection& c, std::string keyspace) {
    const thrift::describe_ring_args args{.keyspace = std::move(keyspace)};
    co_return co_await c.describe_ring(args);
}

// A schema change must not be applied twice (a second create fails with "already exists"): it is
// retried only when the connection could not be opened.
const operation_options schema_change{.idempotent = false};

system_manager_config without_keyspace(system_manager_config config) {
    config.pool.keyspace.clear();
    return config;
}

}  // namespace

system_manager::system_manager(boost::asio::any_io_executor executor, system_manager_config config)
    : config_(without_keyspace(std::move(config))), pool_(std::move(executor), config_.pool) {}

// ---- keyspaces ----

awaitable<void> system_manager::create_keyspace(std::string name) {
    const keyspace_options defaults;
    co_await create_keyspace(std::move(name), defaults);
}

awaitable<void> system_manager::create_keyspace(std::string name, keyspace_options options) {
    const auto definition = api::make_keyspace_definition(name, options);
    auto op = [definition](connection& c) { return add_keyspace(c, definition); };
    co_await pool_.execute(op, schema_change);
    co_await wait_for_schema_agreement();
}

awaitable<void> system_manager::alter_keyspace(std::string name, keyspace_changes changes) {
    const auto current = co_await describe_keyspace(name);
    const auto definition = api::apply_keyspace_changes(current, changes);
    auto op = [definition](connection& c) { return update_keyspace(c, definition); };
    co_await pool_.execute(op, schema_change);
    co_await wait_for_schema_agreement();
}

awaitable<void> system_manager::drop_keyspace(std::string name) {
    auto op = [name](connection& c) { return drop_keyspace_call(c, name); };
    co_await pool_.execute(op, schema_change);
    co_await wait_for_schema_agreement();
}

awaitable<std::vector<std::string>> system_manager::list_keyspaces() {
    auto op = [](connection& c) { return c.describe_keyspaces(); };
    const auto keyspaces = co_await pool_.execute(op);
    std::vector<std::string> names;
    names.reserve(keyspaces.size());
    for (const auto& keyspace : keyspaces)
        names.push_back(keyspace.name);
    co_return names;
}

awaitable<thrift::KsDef> system_manager::describe_keyspace(std::string name) {
    auto op = [name](connection& c) { return describe_keyspace_call(c, name); };
    co_return co_await pool_.execute(op);
}

awaitable<std::map<std::string, thrift::CfDef>> system_manager::get_keyspace_column_families(std::string keyspace) {
    const auto definition = co_await describe_keyspace(std::move(keyspace));
    std::map<std::string, thrift::CfDef> column_families;
    for (const auto& cf : definition.cf_defs)
        column_families.emplace(cf.name, cf);
    co_return column_families;
}

// ---- column families ----

awaitable<void> system_manager::create_column_family(std::string keyspace, std::string name) {
    const column_family_options defaults;
    co_await create_column_family(std::move(keyspace), std::move(name), defaults);
}

awaitable<void> system_manager::create_column_family(std::string keyspace, std::string name,
                                                     column_family_options options) {
    const auto definition = api::make_column_family_definition(keyspace, name, options);
    auto op = [definition](connection& c) { return add_column_family(c, definition); };
    co_await pool_.execute(op, schema_change);
    co_await wait_for_schema_agreement();
}

awaitable<void> system_manager::alter_column_family(std::string keyspace, std::string name,
                                                    column_family_changes changes) {
    auto definition = co_await column_family_definition(keyspace, name);
    api::apply_column_family_changes(definition, changes);
    co_await update_column_family(std::move(definition));
}

awaitable<void> system_manager::drop_column_family(std::string keyspace, std::string name) {
    auto op = [keyspace, name](connection& c) { return drop_column_family_call(c, keyspace, name); };
    co_await pool_.execute(op, schema_change);
    co_await wait_for_schema_agreement();
}

awaitable<void> system_manager::alter_column(std::string keyspace, std::string column_family, std::string column,
                                             std::string validation_class) {
    auto definition = co_await column_family_definition(keyspace, column_family);
    api::set_column_validator(definition, column, validation_class);
    co_await update_column_family(std::move(definition));
}

awaitable<void> system_manager::create_index(std::string keyspace, std::string column_family, std::string column,
                                             std::string validation_class) {
    const std::optional<std::string> cassandra_default_name;
    co_await create_index(std::move(keyspace), std::move(column_family), std::move(column),
                          std::move(validation_class), cassandra_default_name);
}

awaitable<void> system_manager::create_index(std::string keyspace, std::string column_family, std::string column,
                                             std::string validation_class, std::optional<std::string> index_name) {
    auto definition = co_await column_family_definition(keyspace, column_family);
    api::set_column_index(definition, column, validation_class, index_name);
    co_await update_column_family(std::move(definition));
}

awaitable<void> system_manager::drop_index(std::string keyspace, std::string column_family, std::string column) {
    auto definition = co_await column_family_definition(keyspace, column_family);
    if (!api::clear_column_index(definition, column))
        throw usage_error(client_errc::no_such_element,
                          fmt::format("drop_index: column '{}' of {}.{} has no index to drop (nothing was changed)",
                                      column, keyspace, column_family));
    co_await update_column_family(std::move(definition));
}

awaitable<thrift::CfDef> system_manager::column_family_definition(const std::string& keyspace,
                                                                  const std::string& name) {
    const auto definition = co_await describe_keyspace(keyspace);
    const auto found = std::find_if(definition.cf_defs.begin(), definition.cf_defs.end(),
                                    [&](const thrift::CfDef& cf) { return cf.name == name; });
    if (found == definition.cf_defs.end())
        throw not_found(fmt::format("column family {}.{} does not exist", keyspace, name));
    co_return *found;
}

awaitable<void> system_manager::update_column_family(thrift::CfDef definition) {
    auto op = [definition](connection& c) { return update_column_family_call(c, definition); };
    co_await pool_.execute(op, schema_change);
    co_await wait_for_schema_agreement();
}

// ---- the cluster ----

awaitable<std::string> system_manager::describe_version() {
    auto op = [](connection& c) { return c.describe_version(); };
    co_return co_await pool_.execute(op);
}

awaitable<std::string> system_manager::describe_cluster_name() {
    auto op = [](connection& c) { return c.describe_cluster_name(); };
    co_return co_await pool_.execute(op);
}

awaitable<std::string> system_manager::describe_partitioner() {
    auto op = [](connection& c) { return c.describe_partitioner(); };
    co_return co_await pool_.execute(op);
}

awaitable<std::string> system_manager::describe_snitch() {
    auto op = [](connection& c) { return c.describe_snitch(); };
    co_return co_await pool_.execute(op);
}

awaitable<std::vector<thrift::TokenRange>> system_manager::describe_ring(std::string keyspace) {
    auto op = [keyspace](connection& c) { return describe_ring_call(c, keyspace); };
    co_return co_await pool_.execute(op);
}

awaitable<std::map<std::string, std::string>> system_manager::describe_token_map() {
    auto op = [](connection& c) { return c.describe_token_map(); };
    co_return co_await pool_.execute(op);
}

awaitable<std::map<std::string, std::vector<std::string>>> system_manager::describe_schema_versions() {
    auto op = [](connection& c) { return c.describe_schema_versions(); };
    co_return co_await pool_.execute(op);
}

awaitable<void> system_manager::wait_for_schema_agreement() {
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + config_.schema_agreement_timeout;
    boost::asio::steady_timer pause(pool_.get_executor());
    for (;;) {
        const auto versions = co_await describe_schema_versions();
        if (api::schema_agreed(versions))
            co_return;
        if (clock::now() >= deadline)
            throw schema_disagreement(fmt::format(
                "the cluster did not agree on one schema version within {} ms: {}; check that every node "
                "is up and gossiping, then retry",
                config_.schema_agreement_timeout.count(), api::format_schema_versions(versions)));
        pause.expires_after(config_.schema_poll_interval);
        auto [ec] = co_await pause.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        if (ec)  // only the caller's cancellation stops the pause
            throw call_cancelled(fmt::format(
                "wait_for_schema_agreement was cancelled before the cluster agreed on one schema version: {}",
                api::format_schema_versions(versions)));
    }
}

}  // namespace cppcassa
