// column_family calls beyond pycassa from Cassandra 2.0's Thrift API: cas (lightweight
// transactions) and get_multi_slice. Both are single-row pool operations routed by their key.
#include <cppcassa/column_family.hpp>

#include "api/column_family_access.hpp"
#include "api/column_family_requests.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace cppcassa {

namespace {

void check_standard(const column_family_types& types, const std::string& cf, const char* call) {
    if (types.is_super())
        throw usage_error(
            client_errc::wrong_column_family_kind,
            fmt::format("{} on super column family '{}': Cassandra offers it on standard column families only", call, cf));
}

}  // namespace

boost::asio::awaitable<cas_result> column_family::cas(value key, column_values expected, column_values updates) {
    const cas_options options;
    co_return co_await cas(std::move(key), std::move(expected), std::move(updates), options);
}

boost::asio::awaitable<cas_result> column_family::cas(value key, column_values expected, column_values updates,
                                                      cas_options options) {
    check_standard(*types_, name_, "cas");
    if (types_->is_counter())
        throw usage_error(client_errc::wrong_column_family_kind,
                          fmt::format("cas on counter column family '{}' is not supported (Cassandra offers "
                                      "lightweight transactions on regular columns only)",
                                      name_));
    const api::cf_codec codec{name_, types_};
    const std::int64_t timestamp = options.timestamp.value_or(clock_());
    thrift::cas_args args;
    args.key = codec.pack_key(key);
    args.column_family = name_;
    for (const auto& [name, v] : expected) {
        // Expected cells carry no timestamp: only name and value are compared.
        auto c = codec.write_column(name, v, false, timestamp, std::nullopt);
        c.timestamp.reset();
        args.expected.push_back(std::move(c));
    }
    for (const auto& [name, v] : updates)
        args.updates.push_back(codec.write_column(name, v, false, timestamp, options.ttl));
    args.serial_consistency_level = options.serial_consistency_level;
    args.commit_consistency_level = options.commit_consistency_level.value_or(thrift::ConsistencyLevel::QUORUM);
    operation_options op;
    op.timeout = options.timeout;
    op.routing_key = args.key;
    // A Paxos round that reached a server may have been applied: a retry could then fail its own
    // condition (or, worse, succeed against a state it created). Retried only when unsent.
    op.idempotent = false;
    auto call = [&args](connection& c) { return c.cas(args); };
    const thrift::CASResult result = co_await detail::column_family_access::run(*this, call, op);
    cas_result out;
    out.success = result.success;
    if (result.current_values) {
        std::vector<thrift::ColumnOrSuperColumn> current;
        for (const auto& c : *result.current_values) {
            thrift::ColumnOrSuperColumn cosc;
            cosc.column = c;
            current.push_back(std::move(cosc));
        }
        out.current_values = codec.to_row(args.key, current, false).columns;
    }
    co_return out;
}

boost::asio::awaitable<row> column_family::get_multi_slice(value key, std::vector<column_range> slices) {
    const multi_slice_options options;
    co_return co_await get_multi_slice(std::move(key), std::move(slices), options);
}

boost::asio::awaitable<row> column_family::get_multi_slice(value key, std::vector<column_range> slices,
                                                           multi_slice_options options) {
    check_standard(*types_, name_, "get_multi_slice");
    if (slices.empty())
        throw usage_error(client_errc::invalid_argument, "get_multi_slice: give at least one column range");
    const api::cf_codec codec{name_, types_};
    // Cassandra 3.11 makes both ends of a reversed multi-slice exclusive (it decodes the high end
    // as a start bound and the low end as an end bound, then swaps them), so {20, 18} reversed
    // returns only 19. A reversed request is therefore sent forward, each range low end first,
    // with no count, and reversed and cut to column_count here (reads the whole ranges).
    const bool reversed = options.column_reversed;
    const std::int32_t wanted = options.column_count.value_or(100);
    thrift::get_multi_slice_args args;
    auto& request = args.request;
    request.key = codec.pack_key(key);
    request.column_parent = codec.parent(std::nullopt);
    std::vector<thrift::ColumnSlice> ranges;
    for (const auto& range : slices) {
        // Reversed: the caller gives the high end first, as get() with column_reversed.
        const value& low = reversed ? range.finish : range.start;
        const value& high = reversed ? range.start : range.finish;
        thrift::ColumnSlice s;
        // An open end is left out (the IDL's "row start / row end"), not sent empty.
        if (!low.empty())
            s.start = pack_slice_bound(types_->name, low, slice_end::start);
        if (!high.empty())
            s.finish = pack_slice_bound(types_->name, high, slice_end::finish);
        ranges.push_back(std::move(s));
    }
    request.column_slices = std::move(ranges);
    request.reversed = false;
    request.count = reversed ? std::numeric_limits<std::int32_t>::max() : wanted;
    request.consistency_level = options.read_consistency_level.value_or(read_cl_);
    operation_options op;
    op.timeout = options.timeout;
    op.routing_key = *request.key;
    auto call = [&args](connection& c) { return c.get_multi_slice(args); };
    auto columns = co_await detail::column_family_access::run(*this, call, op);
    if (reversed) {
        std::reverse(columns.begin(), columns.end());
        if (columns.size() > static_cast<std::size_t>(std::max(wanted, 0)))
            columns.resize(static_cast<std::size_t>(std::max(wanted, 0)));
    }
    if (columns.empty())
        throw not_found(fmt::format("column family '{}': row {} not found, or no column in the {} ranges requested",
                                    name_, key.describe(), slices.size()));
    co_return codec.to_row(*request.key, columns, false);
}

}  // namespace cppcassa
