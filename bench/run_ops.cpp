#include "run_ops.hpp"

#include <fmt/format.h>

#include <chrono>

namespace cppcassa::bench {

namespace asio = boost::asio;

namespace {

std::int64_t now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Runs `call` through the pool, noting in `host` the server of each attempt (the last one's
// stays). `call` takes a connection and returns the Thrift call's awaitable.
template <class Call>
asio::awaitable<void> execute_noting_host(pool& p, std::string& host, Call call) {
    auto op = [&host, &call](connection& c) {
        host = c.endpoint();
        return call(c);
    };
    const operation_options options;
    co_await p.execute(op, options);
}

}  // namespace

pool_config run_pool_config(const run_settings& s) {
    pool_config c;
    c.servers = s.hosts;
    c.keyspace = s.keyspace;
    c.credentials = s.login;
    c.tls = s.tls;
    c.pool_size = s.pool_connections();
    c.max_overflow = 0;
    c.max_in_flight = s.depth;
    c.recycle = 0;
    c.call_timeout = s.timeout;
    c.max_retries = s.retries;
    // An operation's deadline: its attempts, each bounded by the call timeout, and the waits.
    c.operation_timeout = s.timeout * static_cast<std::int64_t>(s.retries + 1) + std::chrono::seconds(5);
    return c;
}

run_ops::run_ops(pool& p, const run_settings& s) : pool_(p), s_(s), value_offsets_(s.seed + 4) {
    parent_.column_family = s.column_family;
    whole_row_.slice_range = thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = s.columns};
    rng r(s.seed);
    value_source_ = random_bytes(r, s.value_max + 64 * 1024);
}

std::string run_ops::value(rng& r) const {
    return value_of_size(r, s_.value_min + r.below(s_.value_max - s_.value_min + 1));
}

std::string run_ops::value_of_size(rng& r, std::size_t size) const {
    return value_source_.substr(r.below(value_source_.size() - size + 1), size);
}

void run_ops::add_row(thrift::batch_mutate_args& batch, std::uint64_t key, std::int64_t timestamp,
                      auto&& value) const {
    auto& mutations = batch.mutation_map[run_key(key)][s_.column_family];
    mutations.reserve(static_cast<std::size_t>(s_.columns));
    for (int c = 0; c < s_.columns; ++c)
        mutations.push_back(thrift::Mutation{
            .column_or_supercolumn = thrift::ColumnOrSuperColumn{.column = thrift::Column{
                                         .name = column_name(c), .value = value(), .timestamp = timestamp, .ttl = {}}},
            .deletion = {}});
}

thrift::batch_mutate_args run_ops::batch_of_rows(std::uint64_t first, std::uint64_t last, rng& r) const {
    thrift::batch_mutate_args batch;
    batch.consistency_level = s_.write_cl.level;
    const auto timestamp = now_us();
    for (std::uint64_t k = first; k < last; ++k)
        add_row(batch, k, timestamp, [&] { return value(r); });
    return batch;
}

// Every value of the operation has the size the plan drew for it.
thrift::batch_mutate_args run_ops::batch_of(const planned_op& op) {
    thrift::batch_mutate_args batch;
    batch.consistency_level = s_.write_cl.level;
    const auto timestamp = now_us();
    for (const auto row : op.rows)
        add_row(batch, row, timestamp, [&] { return value_of_size(value_offsets_, op.value_size); });
    return batch;
}

asio::awaitable<void> run_ops::write_rows(std::uint64_t first, std::uint64_t last, rng& r, std::string& host) {
    const thrift::batch_mutate_args args = batch_of_rows(first, last, r);
    auto call = [&args](connection& c) { return c.batch_mutate(args); };
    co_await execute_noting_host(pool_, host, call);
}

// Named arguments, options and callables: never a braced temporary inside a co_await (GCC 12
// destroys those twice, docs/architecture.md).
asio::awaitable<void> run_ops::run(const planned_op& op, std::string& host) {
    switch (op.kind) {
    case op_kind::insert: {
        const thrift::batch_mutate_args args = batch_of(op);
        auto call = [&args](connection& c) { return c.batch_mutate(args); };
        co_await execute_noting_host(pool_, host, call);
        co_return;
    }
    case op_kind::multiget: {
        thrift::multiget_slice_args args{.keys = {},
                                         .column_parent = parent_,
                                         .predicate = whole_row_,
                                         .consistency_level = s_.read_cl.level};
        args.keys.reserve(op.rows.size());
        for (const auto row : op.rows)
            args.keys.push_back(run_key(row));
        auto call = [&args](connection& c) { return c.multiget_slice(args); };
        co_await execute_noting_host(pool_, host, call);
        co_return;
    }
    case op_kind::range: {
        thrift::get_range_slices_args args{.column_parent = parent_,
                                           .predicate = whole_row_,
                                           .range = {},
                                           .consistency_level = s_.read_cl.level};
        args.range.start_key = run_key(op.rows.at(0));
        args.range.end_key = "";
        args.range.count = static_cast<std::int32_t>(s_.page);
        auto call = [&args](connection& c) { return c.get_range_slices(args); };
        co_await execute_noting_host(pool_, host, call);
        co_return;
    }
    case op_kind::get: {
        const thrift::get_slice_args args{.key = run_key(op.rows.at(0)),
                                          .column_parent = parent_,
                                          .predicate = whole_row_,
                                          .consistency_level = s_.read_cl.level};
        auto call = [&args](connection& c) { return c.get_slice(args); };
        co_await execute_noting_host(pool_, host, call);
        co_return;
    }
    }
}

}  // namespace cppcassa::bench
