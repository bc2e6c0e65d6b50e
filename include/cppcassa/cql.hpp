// CQL3 over Thrift, for applications moving from the Thrift data model to CQL: queries and
// prepared statements run through a cppcassa::pool (failover, retries, deadline), with values
// typed by the marshal types Cassandra names in each result and prepared statement.
//
//   auto rows = co_await cppcassa::execute_cql3(pool, "SELECT name, age FROM users");
//   for (const auto& r : rows.rows) std::int32_t age = r["age"].as<std::int32_t>();
//
//   auto insert = co_await cppcassa::prepare_cql3(pool, "INSERT INTO users (name, age) VALUES (?, ?)");
//   const std::vector<cppcassa::value> values{"alice", cppcassa::value::int32(30)};
//   co_await cppcassa::execute_prepared(pool, insert, values);
//
// A prepared statement's id is known only by the node that prepared it (Thrift's itemId), so a
// cql_prepared remembers an id per node: executing it on a connection to a node it was not
// prepared on prepares it there first, and a node that forgot it (restarted, evicted it from
// its cache: invalid_request) gets it prepared again and the execution repeated once, on the
// same connection. docs/column_family.md ("CQL3 over Thrift").
//
// Errors: the pool's (pool.hpp), Cassandra's (invalid_request with its `why` for a bad statement),
// and the client-side refusals each call names. Cancellation: each call is one pool operation,
// cancelled as pool::execute describes (the statement may have run; nothing is retried).
//
// GCC 12: pass the query, the values and the options as named variables (no braced temporaries
// inside co_await).
#pragma once

#include <cppcassa/pool.hpp>
#include <cppcassa/thrift.hpp>
#include <cppcassa/types/marshal_type.hpp>
#include <cppcassa/types/value.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppcassa {

// One cell of a CQL row: the column's name, its value unpacked with the type the result's
// metadata gives it (unknown types, collections among them, come back as bytes), null as an
// empty value with `null` set.
struct cql_cell {
    std::string name;
    cppcassa::value value;
    bool null = false;
    std::string raw;   // the value's bytes as Cassandra sent them

    template <class T>
    [[nodiscard]] T as() const {
        return value.template as<T>();
    }
};

// One row of a CQL result, cells in the SELECT's order.
struct cql_row {
    std::vector<cql_cell> cells;

    // The cell of this column, or null.
    [[nodiscard]] const cql_cell* find(std::string_view name) const;
    // The cell of this column; usage_error (no_such_element) when the row has no such column.
    [[nodiscard]] const cql_cell& operator[](std::string_view name) const;
};

// What a CQL3 statement returned: rows (SELECT), a number (rarely), or nothing (writes, DDL).
struct cql_result {
    thrift::CqlResultType type = thrift::CqlResultType::VOID;
    std::vector<cql_row> rows;
    std::optional<std::int32_t> num;
    // Each column's marshal type, as the result's metadata names it.
    std::map<std::string, marshal_type> types;
};

// How a statement is sent.
struct cql_options {
    thrift::ConsistencyLevel consistency = thrift::ConsistencyLevel::ONE;
    // Deadline of the whole call (retries included); unset: the pool's.
    std::optional<std::chrono::milliseconds> timeout{};
    // Whether the pool may retry it after it may have reached a server. Leave true for reads and
    // plain writes; set false for counter updates, IF conditions and appends to lists.
    bool idempotent = true;
};

namespace detail {
// What copies of a cql_prepared share.
struct prepared_state {
    std::string query;
    std::vector<marshal_type> types;
    std::vector<std::string> names;
    std::map<std::string, std::int32_t> ids;   // itemId by node endpoint ("host:port")
};
}  // namespace detail

// A statement prepared by prepare_cql3. Copies share the per-node ids. Use it from the pool's
// executor, as the pool.
class cql_prepared {
public:
    [[nodiscard]] const std::string& query() const noexcept { return state_->query; }
    // The marshal types of the bind markers, in order: execute_prepared packs values with them.
    [[nodiscard]] const std::vector<marshal_type>& variable_types() const noexcept { return state_->types; }
    // The bind markers' names (CQL column names, or the names given as :name).
    [[nodiscard]] const std::vector<std::string>& variable_names() const noexcept { return state_->names; }
    // Nodes ("host:port") it is prepared on now.
    [[nodiscard]] std::vector<std::string> prepared_on() const;

private:
    friend struct cql_prepared_access;
    std::shared_ptr<detail::prepared_state> state_ = std::make_shared<detail::prepared_state>();
};

// Runs one CQL3 statement. Errors: invalid_request (syntax, unknown table: Cassandra's `why`),
// marshal_error for a result value its type cannot read, the pool's errors.
boost::asio::awaitable<cql_result> execute_cql3(pool& p, std::string query);
boost::asio::awaitable<cql_result> execute_cql3(pool& p, std::string query, cql_options options);

// Prepares a statement on one node (others prepare it when first used there). Errors as
// execute_cql3.
boost::asio::awaitable<cql_prepared> prepare_cql3(pool& p, std::string query);

// Executes a prepared statement with these values, packed with its variable_types (marshal_error
// before anything is sent when one does not fit; usage_error (invalid_argument) when their
// number is not the statement's). An empty value binds zero bytes: Thrift's list<binary> cannot
// carry a null, so bind nothing (leave the column out of the statement) to write no value.
// Errors otherwise as execute_cql3.
boost::asio::awaitable<cql_result> execute_prepared(pool& p, cql_prepared prepared, std::vector<value> values);
boost::asio::awaitable<cql_result> execute_prepared(pool& p, cql_prepared prepared, std::vector<value> values,
                                                    cql_options options);

}  // namespace cppcassa
