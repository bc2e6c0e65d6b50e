// CQL3 over Thrift through the pool: results typed by their metadata, prepared statements with
// an id per node (Thrift's itemId is local to the node that prepared it).
#include <cppcassa/cql.hpp>

#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace cppcassa {

struct cql_prepared_access {
    static detail::prepared_state& state(const cql_prepared& p) { return *p.state_; }
};

namespace {

// The type of a column: the metadata's value type for it, else the default one. A type cppcassa
// cannot parse is kept opaque (its values come back as bytes).
marshal_type column_type(const thrift::CqlMetadata& schema, const std::string& name) {
    const auto found = schema.value_types.find(name);
    const std::string& text = found != schema.value_types.end() ? found->second : schema.default_value_type;
    try {
        return marshal_type::parse(text);
    } catch (const marshal_error&) {
        return marshal_type::opaque(text);
    }
}

cql_result to_result(const thrift::CqlResult& in) {
    cql_result out;
    out.type = in.type;
    out.num = in.num;
    const thrift::CqlMetadata schema = in.schema.value_or(thrift::CqlMetadata{});
    for (const auto& [name, text] : schema.value_types)
        out.types.emplace(name, column_type(schema, name));
    if (!in.rows)
        return out;
    for (const auto& r : *in.rows) {
        cql_row row;
        for (const auto& c : r.columns) {
            cql_cell cell;
            cell.name = c.name;
            if (!c.value) {
                cell.null = true;
            } else {
                cell.raw = *c.value;
                const auto known = out.types.find(c.name);
                const marshal_type type = known != out.types.end() ? known->second : column_type(schema, c.name);
                cell.value = unpack(type, cell.raw);
            }
            row.cells.push_back(std::move(cell));
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

// A bind marker's name as prepare_cql3_query gave it. Cassandra 2.1 sends a column's whole
// description ("ColumnDefinition{name=id, type=..., kind=PARTITION_KEY, ...}") where every other
// line sends the name ("id"): the name is kept, so variable_names() reads the same on every line.
std::string marker_name(const std::string& text) {
    constexpr std::string_view described = "ColumnDefinition{name=";
    if (!text.starts_with(described))
        return text;
    const auto end = text.find(", ", described.size());
    if (end == std::string::npos)
        return text;
    return text.substr(described.size(), end - described.size());
}

// Prepares `query` on this connection and records its id for the connection's node.
boost::asio::awaitable<std::int32_t> prepare_on(connection& c, detail::prepared_state& state) {
    thrift::prepare_cql3_query_args args;
    args.query = state.query;
    args.compression = thrift::Compression::NONE;
    const auto prepared = co_await c.prepare_cql3_query(args);
    state.ids[c.endpoint()] = prepared.itemId;
    co_return prepared.itemId;
}

}  // namespace

const cql_cell* cql_row::find(std::string_view name) const {
    for (const auto& cell : cells)
        if (cell.name == name)
            return &cell;
    return nullptr;
}

const cql_cell& cql_row::operator[](std::string_view name) const {
    if (const auto* cell = find(name))
        return *cell;
    throw usage_error(client_errc::no_such_element, fmt::format("no column '{}' in this CQL row", name));
}

std::vector<std::string> cql_prepared::prepared_on() const {
    std::vector<std::string> out;
    for (const auto& [endpoint, id] : state_->ids)
        out.push_back(endpoint);
    return out;
}

boost::asio::awaitable<cql_result> execute_cql3(pool& p, std::string query) {
    const cql_options options;
    co_return co_await execute_cql3(p, std::move(query), options);
}

boost::asio::awaitable<cql_result> execute_cql3(pool& p, std::string query, cql_options options) {
    thrift::execute_cql3_query_args args;
    args.query = std::move(query);
    args.compression = thrift::Compression::NONE;
    args.consistency = options.consistency;
    operation_options op;
    op.timeout = options.timeout;
    op.idempotent = options.idempotent;
    auto call = [&args](connection& c) { return c.execute_cql3_query(args); };
    const thrift::CqlResult result = co_await p.execute(call, op);
    co_return to_result(result);
}

boost::asio::awaitable<cql_prepared> prepare_cql3(pool& p, std::string query) {
    cql_prepared prepared;
    auto& state = cql_prepared_access::state(prepared);
    state.query = std::move(query);
    thrift::prepare_cql3_query_args args;
    args.query = state.query;
    args.compression = thrift::Compression::NONE;
    thrift::CqlPreparedResult result;
    std::string endpoint;
    auto call = [&args, &result, &endpoint](connection& c) -> boost::asio::awaitable<void> {
        result = co_await c.prepare_cql3_query(args);
        endpoint = c.endpoint();
    };
    const operation_options op;
    co_await p.execute(call, op);
    state.ids[endpoint] = result.itemId;
    if (result.variable_types) {
        for (const auto& text : *result.variable_types) {
            try {
                state.types.push_back(marshal_type::parse(text));
            } catch (const marshal_error&) {
                state.types.push_back(marshal_type::opaque(text));
            }
        }
    }
    if (result.variable_names)
        for (const auto& name : *result.variable_names)
            state.names.push_back(marker_name(name));
    if (state.types.size() != static_cast<std::size_t>(result.count))
        state.types.resize(static_cast<std::size_t>(result.count));   // no types sent: bytes
    co_return prepared;
}

boost::asio::awaitable<cql_result> execute_prepared(pool& p, cql_prepared prepared, std::vector<value> values) {
    const cql_options options;
    co_return co_await execute_prepared(p, std::move(prepared), std::move(values), options);
}

boost::asio::awaitable<cql_result> execute_prepared(pool& p, cql_prepared prepared, std::vector<value> values,
                                                    cql_options options) {
    auto& state = cql_prepared_access::state(prepared);
    if (values.size() != state.types.size())
        throw usage_error(client_errc::invalid_argument,
                          fmt::format("execute_prepared: {} values for {} bind markers in \"{}\"", values.size(),
                                      state.types.size(), state.query));
    thrift::execute_prepared_cql3_query_args args;
    for (std::size_t i = 0; i < values.size(); ++i)
        args.values.push_back(pack(state.types[i], values[i]));   // marshal_error before sending
    args.consistency = options.consistency;
    operation_options op;
    op.timeout = options.timeout;
    op.idempotent = options.idempotent;
    auto call = [&args, &state](connection& c) -> boost::asio::awaitable<thrift::CqlResult> {
        const auto known = state.ids.find(c.endpoint());
        const bool fresh = known == state.ids.end();
        if (fresh)
            args.itemId = co_await prepare_on(c, state);
        else
            args.itemId = known->second;
        try {
            co_return co_await c.execute_prepared_cql3_query(args);
        } catch (const invalid_request&) {
            // Prepared just now: the statement itself is refused. Else the node may have
            // forgotten the id (restart, cache eviction): prepare again and repeat once, below.
            if (fresh)
                throw;
        }
        args.itemId = co_await prepare_on(c, state);
        co_return co_await c.execute_prepared_cql3_query(args);
    };
    const thrift::CqlResult result = co_await p.execute(call, op);
    co_return to_result(result);
}

}  // namespace cppcassa
