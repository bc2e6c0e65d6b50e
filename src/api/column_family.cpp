// column_family: construction, schema reading and reads. Writes are in column_family_writes.cpp.
//
// Every Thrift argument is a named local before it is awaited (GCC 12 destroys temporaries in a
// co_await expression twice).
#include <cppcassa/column_family.hpp>

#include "api/column_family_access.hpp"
#include "api/column_family_requests.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/fan_out.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <utility>

namespace cppcassa {

namespace {

std::int64_t system_clock_micros() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// The schema's kind (super, counter) with every type BytesType: packing::raw.
column_family_types raw_like(const column_family_types& schema) {
    column_family_types raw;
    if (schema.sub_name)
        raw.sub_name = marshal_type();
    if (schema.is_counter())
        raw.default_value = schema.default_value;
    return raw;
}

// Packed keys without repeats, in first-seen order, each with the value the caller gave.
std::vector<std::string> pack_unique_keys(const api::cf_codec& codec, const std::vector<value>& keys) {
    std::vector<std::string> packed;
    std::set<std::string, std::less<>> seen;
    for (const auto& key : keys) {
        auto p = codec.pack_key(key);
        if (seen.insert(p).second)
            packed.push_back(std::move(p));
    }
    return packed;
}

void check_buffer_size(std::size_t buffer_size) {
    if (buffer_size == 0)
        throw usage_error(client_errc::invalid_argument, "read_options::buffer_size must be at least 1");
}

// A traced multiget's first keys go as one request (on the connection trace_next_query was
// sent on), not fanned out: its answer, in the order of `keys`, `missing` for absent rows.
template <class V>
in_key_order<V> in_order(const std::vector<std::string>& keys, std::map<std::string, V> answer, const V& missing) {
    in_key_order<V> out;
    out.reserve(keys.size());
    for (const auto& key : keys) {
        auto found = answer.find(key);
        out.emplace_back(key, found == answer.end() ? missing : std::move(found->second));
    }
    return out;
}

}  // namespace

column_family::column_family(pool& p, std::string name)
    : column_family(p, std::move(name), column_family_types{}) {}

column_family::column_family(pool& p, std::string name, column_family_types types)
    : pool_(detail::share_pool(p)),
      name_(std::move(name)),
      types_(std::make_shared<const column_family_types>(std::move(types))),
      clock_(system_clock_micros) {}

void column_family::set_clock(clock_function clock) {
    if (!clock)
        throw usage_error(client_errc::invalid_argument,
                          "column_family::set_clock: the clock must not be empty");
    clock_ = std::move(clock);
}

boost::asio::awaitable<column_family> column_family::open(pool& p, std::string name) {
    co_return co_await open(p, std::move(name), packing::typed);
}

boost::asio::awaitable<column_family> column_family::open(pool& p, std::string name, packing mode) {
    const std::string keyspace = p.config().keyspace;
    if (keyspace.empty())
        throw usage_error(
            client_errc::invalid_argument,
            fmt::format("column_family::open('{}'): the pool has no keyspace (set pool_config::keyspace)", name));
    thrift::describe_keyspace_args args;
    args.keyspace = keyspace;
    auto call = [&args](connection& c) { return c.describe_keyspace(args); };
    const operation_options op;
    const thrift::KsDef ks = co_await p.execute(call, op);
    const auto found = std::find_if(ks.cf_defs.begin(), ks.cf_defs.end(),
                                    [&](const thrift::CfDef& cf) { return cf.name == name; });
    if (found == ks.cf_defs.end())
        throw not_found(fmt::format("keyspace '{}' has no column family '{}'", keyspace, name));
    auto types = column_family_types::from_cf_def(*found);
    if (mode == packing::raw)
        types = raw_like(types);
    co_return column_family(p, std::move(name), std::move(types));
}

// ---- reads ----

boost::asio::awaitable<row> column_family::get(value key) {
    const read_options options;
    co_return co_await get(std::move(key), options);
}

boost::asio::awaitable<row> column_family::get(value key, read_options options) {
    const api::cf_codec codec{name_, types_};
    const auto plan = codec.plan_read(options, false);
    thrift::get_slice_args args;
    args.key = codec.pack_key(key);
    args.column_parent = plan.parent;
    args.predicate = plan.predicate;
    args.consistency_level = options.read_consistency_level.value_or(read_cl_);
    operation_options op;
    op.timeout = options.timeout;
    op.routing_key = args.key;
    auto call = [&args](connection& c) { return c.get_slice(args); };
    auto columns = co_await detail::column_family_access::run(*this, call, op);
    if (plan.whole_super_column)
        columns = codec.slice_super_column(columns, options, false);
    if (columns.empty())
        throw not_found(api::not_found_message(name_, key, options));
    co_return codec.to_row(args.key, columns, options.super_column.has_value());
}

boost::asio::awaitable<row_list> column_family::multiget(std::vector<value> keys) {
    const read_options options;
    co_return co_await multiget(std::move(keys), options);
}

boost::asio::awaitable<row_list> column_family::multiget(std::vector<value> keys, read_options options) {
    check_buffer_size(options.buffer_size);
    const api::cf_codec codec{name_, types_};
    const auto packed = pack_unique_keys(codec, keys);
    const auto plan = codec.plan_read(options, false);
    thrift::multiget_slice_args args;
    args.column_parent = plan.parent;
    args.predicate = plan.predicate;
    args.consistency_level = options.read_consistency_level.value_or(read_cl_);
    operation_options op;
    op.timeout = options.timeout;
    std::vector<row> rows;
    bool trace = !packed.empty() && detail::column_family_access::take_trace(*this);
    for (std::size_t first = 0; first < packed.size(); first += options.buffer_size) {
        const auto last = std::min(packed.size(), first + options.buffer_size);
        args.keys.assign(packed.begin() + static_cast<std::ptrdiff_t>(first),
                         packed.begin() + static_cast<std::ptrdiff_t>(last));
        const bool traced = std::exchange(trace, false);
        const auto batch = co_await multiget_slice_batch(args, op, traced);
        for (const auto& [key, fetched] : batch) {
            const auto columns = plan.whole_super_column ? codec.slice_super_column(fetched, options, false) : fetched;
            if (!columns.empty())
                rows.push_back(codec.to_row(key, columns, options.super_column.has_value()));
        }
    }
    co_return row_list(std::move(rows), std::shared_ptr<const marshal_type>(types_, &types_->key));
}

boost::asio::awaitable<in_key_order<std::vector<thrift::ColumnOrSuperColumn>>> column_family::multiget_slice_batch(
    const thrift::multiget_slice_args& args, const operation_options& op, bool trace) {
    if (!trace)
        co_return co_await fan_out_multiget_slice(*pool_, args, op);
    auto call = [&args](connection& c) { return c.multiget_slice(args); };
    auto answer = co_await detail::column_family_access::run_traced(*this, call, op, true);
    const std::vector<thrift::ColumnOrSuperColumn> missing;
    co_return in_order(args.keys, std::move(answer), missing);
}

boost::asio::awaitable<std::int32_t> column_family::get_count(value key) {
    const read_options options;
    co_return co_await get_count(std::move(key), options);
}

boost::asio::awaitable<std::int32_t> column_family::get_count(value key, read_options options) {
    const api::cf_codec codec{name_, types_};
    const auto plan = codec.plan_read(options, true);
    operation_options op;
    op.timeout = options.timeout;
    if (plan.whole_super_column) {
        // Counted here: the whole super column is read (see api::read_plan).
        thrift::get_slice_args args;
        args.key = codec.pack_key(key);
        args.column_parent = plan.parent;
        args.predicate = plan.predicate;
        args.consistency_level = options.read_consistency_level.value_or(read_cl_);
        op.routing_key = args.key;
        auto call = [&args](connection& c) { return c.get_slice(args); };
        const auto fetched = co_await detail::column_family_access::run(*this, call, op);
        co_return static_cast<std::int32_t>(codec.slice_super_column(fetched, options, true).size());
    }
    thrift::get_count_args args;
    args.key = codec.pack_key(key);
    args.column_parent = plan.parent;
    args.predicate = plan.predicate;
    args.consistency_level = options.read_consistency_level.value_or(read_cl_);
    op.routing_key = args.key;
    auto call = [&args](connection& c) { return c.get_count(args); };
    co_return co_await detail::column_family_access::run(*this, call, op);
}

boost::asio::awaitable<std::vector<key_count>> column_family::multiget_count(std::vector<value> keys) {
    const read_options options;
    co_return co_await multiget_count(std::move(keys), options);
}

boost::asio::awaitable<std::vector<key_count>> column_family::multiget_count(std::vector<value> keys,
                                                                             read_options options) {
    check_buffer_size(options.buffer_size);
    const api::cf_codec codec{name_, types_};
    const auto packed = pack_unique_keys(codec, keys);
    const auto plan = codec.plan_read(options, true);
    operation_options op;
    op.timeout = options.timeout;
    std::vector<key_count> counts;
    bool trace = !packed.empty() && detail::column_family_access::take_trace(*this);
    if (plan.whole_super_column) {
        // Counted here: each row's whole super column is read (see api::read_plan).
        thrift::multiget_slice_args args;
        args.column_parent = plan.parent;
        args.predicate = plan.predicate;
        args.consistency_level = options.read_consistency_level.value_or(read_cl_);
        for (std::size_t first = 0; first < packed.size(); first += options.buffer_size) {
            const auto last = std::min(packed.size(), first + options.buffer_size);
            args.keys.assign(packed.begin() + static_cast<std::ptrdiff_t>(first),
                             packed.begin() + static_cast<std::ptrdiff_t>(last));
            const bool traced = std::exchange(trace, false);
            const auto batch = co_await multiget_slice_batch(args, op, traced);
            for (const auto& [key, fetched] : batch) {
                const auto n = codec.slice_super_column(fetched, options, true).size();
                counts.push_back(key_count{unpack(types_->key, key), key, static_cast<std::int32_t>(n)});
            }
        }
        co_return counts;
    }
    thrift::multiget_count_args args;
    args.column_parent = plan.parent;
    args.predicate = plan.predicate;
    args.consistency_level = options.read_consistency_level.value_or(read_cl_);
    for (std::size_t first = 0; first < packed.size(); first += options.buffer_size) {
        const auto last = std::min(packed.size(), first + options.buffer_size);
        args.keys.assign(packed.begin() + static_cast<std::ptrdiff_t>(first),
                         packed.begin() + static_cast<std::ptrdiff_t>(last));
        in_key_order<std::int32_t> batch;
        if (std::exchange(trace, false)) {
            auto call = [&args](connection& c) { return c.multiget_count(args); };
            auto answer = co_await detail::column_family_access::run_traced(*this, call, op, true);
            const std::int32_t missing = 0;
            batch = in_order(args.keys, std::move(answer), missing);
        } else {
            batch = co_await fan_out_multiget_count(*pool_, args, op);
        }
        for (const auto& [key, count] : batch)
            counts.push_back(key_count{unpack(types_->key, key), key, count});
    }
    co_return counts;
}

}  // namespace cppcassa
