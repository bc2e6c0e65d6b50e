// What every example shares (its schema set-up, its checks, its command line and how it reports
// the outcome), so that each example file shows only its own job.
#pragma once

#include <cppcassa/system_manager.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

namespace example {

// UTF-8 row keys, column names and values: what an example's column family holds unless it
// says otherwise.
inline const cppcassa::column_family_options utf8_text{.comparator_type = "UTF8Type",
                                                       .key_validation_class = "UTF8Type",
                                                       .default_validation_class = "UTF8Type"};

// Creates `keyspace` (SimpleStrategy, replication factor 1) and its column family `table` when
// they are missing, so an example runs against a fresh node and again against the same one.
// Schema changes go through a system_manager; each returns once every node agrees.
inline boost::asio::awaitable<void> ensure_column_family(const std::string& server, const std::string& keyspace,
                                                         const std::string& table,
                                                         const cppcassa::column_family_options& options = utf8_text) {
    cppcassa::system_manager_config config;
    config.pool.servers = {server};
    const auto executor = co_await boost::asio::this_coro::executor;
    cppcassa::system_manager sys(executor, config);
    const auto keyspaces = co_await sys.list_keyspaces();
    if (std::find(keyspaces.begin(), keyspaces.end(), keyspace) == keyspaces.end())
        co_await sys.create_keyspace(keyspace);
    const auto families = co_await sys.get_keyspace_column_families(keyspace);
    if (!families.contains(table))
        co_await sys.create_column_family(keyspace, table, options);
    sys.close();
}

// Throws when an example's result is not the one it expects, naming what was checked.
inline void expect(bool condition, const std::string& what) {
    if (!condition)
        throw std::runtime_error("unexpected result: " + what);
}

// The examples' command line, `name [host] [port]` (default 127.0.0.1 9160): runs the coroutine
// `make_run("host:port")` returns on an io_context, then prints "<name>: ok", or "<name> failed:
// <why>" on stderr. Returns the exit status, 0 or 1. Arguments after the port are the example's.
template <typename MakeRun>
int run_example(std::string_view name, int argc, char** argv, MakeRun make_run) {
    const std::string host = argc > 1 ? argv[1] : "127.0.0.1";
    const std::string port = argc > 2 ? argv[2] : "9160";
    boost::asio::io_context io;
    int status = 0;
    boost::asio::co_spawn(io, make_run(host + ":" + port), [&](std::exception_ptr error) {
        if (!error) {
            fmt::print("{}: ok\n", name);
            return;
        }
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            fmt::print(stderr, "{} failed: {}\n", name, e.what());
            status = 1;
        }
    });
    io.run();
    return status;
}

}  // namespace example
