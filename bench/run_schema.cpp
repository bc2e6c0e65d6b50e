#include "run_schema.hpp"

#include "run_ops.hpp"

#include <cppcassa/system_manager.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

namespace cppcassa::bench {

namespace asio = boost::asio;

namespace {

std::string replication_of(const thrift::KsDef& ks) {
    std::string options;
    if (ks.strategy_options)
        for (const auto& [k, v] : *ks.strategy_options)
            options += fmt::format("{}{}={}", options.empty() ? "" : ", ", k, v);
    const auto dot = ks.strategy_class.rfind('.');
    return fmt::format("{} {}", dot == std::string::npos ? ks.strategy_class : ks.strategy_class.substr(dot + 1),
                       options);
}

// Named arguments only: no braced temporary inside a co_await (GCC 12).
asio::awaitable<std::vector<std::string>> prepare(system_manager& sys, const run_settings& s) {
    std::vector<std::string> notes;
    const auto names = co_await sys.list_keyspaces();
    const bool has_keyspace = std::find(names.begin(), names.end(), s.keyspace) != names.end();
    if (!has_keyspace) {
        if (s.existing_schema)
            throw std::runtime_error(fmt::format("keyspace '{}' does not exist (--existing-schema creates nothing: "
                                                 "leave it out to let the run create the keyspace, or name yours "
                                                 "with --keyspace)",
                                                 s.keyspace));
        keyspace_options replication;
        replication.strategy_options = {{"replication_factor", std::to_string(s.replication)}};
        co_await sys.create_keyspace(s.keyspace, replication);
        notes.push_back(
            fmt::format("created keyspace {} (SimpleStrategy, replication_factor={})", s.keyspace, s.replication));
    } else {
        const auto ks = co_await sys.describe_keyspace(s.keyspace);
        notes.push_back(fmt::format("keyspace {} exists ({}), kept as it is{}", s.keyspace, replication_of(ks),
                                    s.existing_schema ? "" : " (--replication applies when the run creates it)"));
        for (const auto& cf : ks.cf_defs)
            if (cf.name == s.column_family) {
                notes.push_back(fmt::format("column family {}.{} exists", s.keyspace, s.column_family));
                co_return notes;
            }
        if (s.existing_schema)
            throw std::runtime_error(fmt::format("column family '{}' does not exist in keyspace '{}' "
                                                 "(--existing-schema creates nothing: name yours with "
                                                 "--column-family)",
                                                 s.column_family, s.keyspace));
    }
    co_await sys.create_column_family(s.keyspace, s.column_family);
    notes.push_back(fmt::format("created column family {}.{} (BytesType)", s.keyspace, s.column_family));
    co_return notes;
}

}  // namespace

asio::awaitable<std::vector<std::string>> prepare_schema(const run_settings& s) {
    system_manager_config config;
    config.pool = run_pool_config(s);
    config.pool.pool_size = 1;
    config.pool.max_overflow = 1;
    config.pool.prefill = false;
    config.pool.max_retries = 3;
    config.pool.keyspace.clear();  // it may not exist yet
    // A schema change waits inside Cassandra for the other nodes.
    config.pool.call_timeout = std::max<std::chrono::milliseconds>(config.pool.call_timeout, std::chrono::seconds(30));
    system_manager sys(co_await asio::this_coro::executor, config);
    std::vector<std::string> notes;
    std::exception_ptr failure;
    try {
        notes = co_await prepare(sys, s);
    } catch (...) {
        failure = std::current_exception();
    }
    sys.close();
    if (failure)
        std::rethrow_exception(failure);
    co_return notes;
}

}  // namespace cppcassa::bench
