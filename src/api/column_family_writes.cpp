// column_family: inserts, removes, truncate and counters.
//
// A write of one row is one pool operation routed by its key; a write of several rows goes
// through fan_out_batch_mutate (one batch_mutate per replica group).
#include <cppcassa/column_family.hpp>

#include "api/column_family_access.hpp"
#include "api/column_family_requests.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/fan_out.hpp>

#include <fmt/format.h>

#include <utility>

namespace cppcassa {

namespace {

void check_not_empty(bool empty, const std::string& column_family) {
    // Cassandra would accept an empty batch silently; an empty insert is almost always a bug.
    if (empty)
        throw usage_error(client_errc::invalid_argument,
                          fmt::format("column family '{}': insert of no column", column_family));
}

void check_super(bool is_super, const std::string& column_family) {
    // Cassandra would refuse it too, but only after a round trip and with a less helpful message.
    if (!is_super)
        throw usage_error(client_errc::wrong_column_family_kind,
                          fmt::format("column family '{}' is a standard column family: insert column_values, not "
                                      "super_column_values",
                                      column_family));
}

using row_mutations = std::vector<std::pair<std::string, std::vector<thrift::Mutation>>>;

// Every row's insert mutations under its packed key, for both batch_insert forms.
template <class Rows>
row_mutations insert_rows(const api::cf_codec& codec, const Rows& rows, std::int64_t timestamp,
                          const std::optional<std::int32_t>& ttl) {
    row_mutations mutations;
    for (const auto& [key, columns] : rows)
        mutations.emplace_back(codec.pack_key(key), codec.insert_mutations(columns, timestamp, ttl));
    return mutations;
}

// The inline lists are copied here, before the caller's full expression ends and their arrays
// with it: the overloads taking them are plain functions handing the copy to the coroutines.
column_values copied(std::initializer_list<inline_column> list) {
    column_values columns;
    columns.reserve(list.size());
    for (const auto& c : list) columns.emplace_back(c.column_name, c.column_value);
    return columns;
}

super_column_values copied(std::initializer_list<inline_super_column> list) {
    super_column_values columns;
    columns.reserve(list.size());
    for (const auto& c : list) columns.emplace_back(c.super_column_name, c.sub_columns);
    return columns;
}

}  // namespace

boost::asio::awaitable<void> column_family::mutate(row_mutations rows, std::optional<thrift::ConsistencyLevel> level,
                                                   std::optional<std::chrono::milliseconds> timeout) {
    thrift::batch_mutate_args args;
    for (auto& [key, mutations] : rows) {
        auto& mine = args.mutation_map[key][name_];
        for (auto& m : mutations)
            mine.push_back(std::move(m));
    }
    args.consistency_level = level.value_or(write_cl_);
    operation_options op;
    op.timeout = timeout;
    if (args.mutation_map.size() == 1) {
        op.routing_key = args.mutation_map.begin()->first;
        auto call = [&args](connection& c) { return c.batch_mutate(args); };
        co_await detail::column_family_access::run(*this, call, op);
    } else if (!args.mutation_map.empty()) {
        co_await fan_out_batch_mutate(*pool_, args, op);
    }
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key, std::initializer_list<inline_column> columns) {
    return insert(std::move(key), copied(columns));
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key, std::initializer_list<inline_column> columns,
                                                           write_options options) {
    return insert(std::move(key), copied(columns), std::move(options));
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key,
                                                           std::initializer_list<inline_super_column> columns) {
    return insert(std::move(key), copied(columns));
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key, std::initializer_list<inline_super_column> columns,
                                                           write_options options) {
    return insert(std::move(key), copied(columns), std::move(options));
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key, column_values columns) {
    const write_options options;
    co_return co_await insert(std::move(key), std::move(columns), options);
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key, column_values columns, write_options options) {
    check_not_empty(columns.empty(), name_);
    if (types_->is_super())
        throw usage_error(client_errc::wrong_column_family_kind,
                          fmt::format("column family '{}' is a super column family: insert super_column_values "
                                      "(super column -> columns)",
                                      name_));
    const api::cf_codec codec{name_, types_};
    const std::int64_t timestamp = options.timestamp.value_or(clock_());
    if (columns.size() == 1) {
        // One column: Thrift's insert, as pycassa does.
        thrift::insert_args args;
        args.key = codec.pack_key(key);
        args.column_parent = codec.parent(std::nullopt);
        args.column = codec.write_column(columns.front().first, columns.front().second, false, timestamp, options.ttl);
        args.consistency_level = options.write_consistency_level.value_or(write_cl_);
        operation_options op;
        op.timeout = options.timeout;
        op.routing_key = args.key;
        auto call = [&args](connection& c) { return c.insert(args); };
        co_await detail::column_family_access::run(*this, call, op);
        co_return timestamp;
    }
    row_mutations rows;
    rows.emplace_back(codec.pack_key(key), codec.insert_mutations(columns, timestamp, options.ttl));
    co_await mutate(std::move(rows), options.write_consistency_level, options.timeout);
    co_return timestamp;
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key, super_column_values columns) {
    const write_options options;
    co_return co_await insert(std::move(key), std::move(columns), options);
}

boost::asio::awaitable<std::int64_t> column_family::insert(value key, super_column_values columns,
                                                           write_options options) {
    check_not_empty(columns.empty(), name_);
    check_super(types_->is_super(), name_);
    const api::cf_codec codec{name_, types_};
    const std::int64_t timestamp = options.timestamp.value_or(clock_());
    row_mutations rows;
    rows.emplace_back(codec.pack_key(key), codec.insert_mutations(columns, timestamp, options.ttl));
    co_await mutate(std::move(rows), options.write_consistency_level, options.timeout);
    co_return timestamp;
}

boost::asio::awaitable<std::int64_t> column_family::batch_insert(row_values rows) {
    const write_options options;
    co_return co_await batch_insert(std::move(rows), options);
}

boost::asio::awaitable<std::int64_t> column_family::batch_insert(row_values rows, write_options options) {
    const api::cf_codec codec{name_, types_};
    const std::int64_t timestamp = options.timestamp.value_or(clock_());
    if (types_->is_super() && !rows.empty())
        throw usage_error(
            client_errc::wrong_column_family_kind,
            fmt::format("column family '{}' is a super column family: batch_insert super_row_values", name_));
    auto mutations = insert_rows(codec, rows, timestamp, options.ttl);
    co_await mutate(std::move(mutations), options.write_consistency_level, options.timeout);
    co_return timestamp;
}

boost::asio::awaitable<std::int64_t> column_family::batch_insert(super_row_values rows) {
    const write_options options;
    co_return co_await batch_insert(std::move(rows), options);
}

boost::asio::awaitable<std::int64_t> column_family::batch_insert(super_row_values rows, write_options options) {
    if (!rows.empty())
        check_super(types_->is_super(), name_);
    const api::cf_codec codec{name_, types_};
    const std::int64_t timestamp = options.timestamp.value_or(clock_());
    auto mutations = insert_rows(codec, rows, timestamp, options.ttl);
    co_await mutate(std::move(mutations), options.write_consistency_level, options.timeout);
    co_return timestamp;
}

boost::asio::awaitable<std::int64_t> column_family::remove(value key) {
    const remove_options options;
    co_return co_await remove(std::move(key), options);
}

boost::asio::awaitable<std::int64_t> column_family::remove(value key, remove_options options) {
    const api::cf_codec codec{name_, types_};
    const std::int64_t timestamp = options.timestamp.value_or(clock_());
    if (!options.columns && !options.range) {
        // The whole row, or one whole super column: Thrift's remove.
        thrift::remove_args args;
        args.key = codec.pack_key(key);
        args.column_path.column_family = name_;
        if (options.super_column)
            args.column_path.super_column = codec.pack_super_name(*options.super_column);
        args.timestamp = timestamp;
        args.consistency_level = options.write_consistency_level.value_or(write_cl_);
        operation_options op;
        op.timeout = options.timeout;
        op.routing_key = args.key;
        auto call = [&args](connection& c) { return c.remove(args); };
        co_await detail::column_family_access::run(*this, call, op);
        co_return timestamp;
    }
    thrift::Mutation m;
    m.deletion = codec.deletion(options, timestamp);
    row_mutations rows;
    rows.emplace_back(codec.pack_key(key), std::vector<thrift::Mutation>{std::move(m)});
    co_await mutate(std::move(rows), options.write_consistency_level, options.timeout);
    co_return timestamp;
}

boost::asio::awaitable<void> column_family::truncate() {
    thrift::truncate_args args;
    args.cfname = name_;
    const operation_options op;
    auto call = [&args](connection& c) { return c.truncate(args); };
    co_await detail::column_family_access::run(*this, call, op);
}

boost::asio::awaitable<void> column_family::add(value key, value column) {
    const counter_options options;
    co_await add(std::move(key), std::move(column), 1, options);
}

boost::asio::awaitable<void> column_family::add(value key, value column, std::int64_t delta) {
    const counter_options options;
    co_await add(std::move(key), std::move(column), delta, options);
}

boost::asio::awaitable<void> column_family::add(value key, value column, std::int64_t delta, counter_options options) {
    const api::cf_codec codec{name_, types_};
    thrift::add_args args;
    args.key = codec.pack_key(key);
    args.column_parent = codec.parent(options.super_column);
    args.column.name = pack(*codec.name_type_for(options.super_column), column);
    args.column.value = delta;
    args.consistency_level = options.write_consistency_level.value_or(write_cl_);
    operation_options op;
    op.timeout = options.timeout;
    op.routing_key = args.key;
    op.idempotent = false;  // a retried add after the server applied it would count twice
    auto call = [&args](connection& c) { return c.add(args); };
    co_await detail::column_family_access::run(*this, call, op);
}

boost::asio::awaitable<void> column_family::remove_counter(value key, value column) {
    const counter_options options;
    co_await remove_counter(std::move(key), std::move(column), options);
}

boost::asio::awaitable<void> column_family::remove_counter(value key, value column, counter_options options) {
    const api::cf_codec codec{name_, types_};
    thrift::remove_counter_args args;
    args.key = codec.pack_key(key);
    args.path.column_family = name_;
    if (options.super_column)
        args.path.super_column = codec.pack_super_name(*options.super_column);
    args.path.column = pack(*codec.name_type_for(options.super_column), column);
    args.consistency_level = options.write_consistency_level.value_or(write_cl_);
    operation_options op;
    op.timeout = options.timeout;
    op.routing_key = args.key;
    op.idempotent = false;  // as pycassa: a counter deletion is not retried once it may have been applied
    auto call = [&args](connection& c) { return c.remove_counter(args); };
    co_await detail::column_family_access::run(*this, call, op);
}

}  // namespace cppcassa
