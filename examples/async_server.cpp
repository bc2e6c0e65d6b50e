// A small key-value server over plain Boost.Asio TCP whose connections read and write Cassandra:
// one io_context runs the acceptor, a coroutine per connection and the cppcassa pool, and each
// command awaits a column family call while the other connections go on.
//
//   async_server [host] [port]                 (default 127.0.0.1 9160)
//   async_server host port listen-port         (serve on 127.0.0.1:listen-port until Ctrl-C)
//
// The protocol is one command per line: "PUT key value" answers "OK", "GET key" answers
// "VALUE value" or "NOT_FOUND", anything else "ERROR ...". Without a listen port the server takes
// an ephemeral port on 127.0.0.1 and two in-process clients talk to it concurrently, check every
// answer, and the program stops and prints "async_server: ok". With one, try
//   printf 'PUT greeting hello\nGET greeting\n' | nc 127.0.0.1 <listen-port>
// Values go to the column family kv of the keyspace cppcassa_example_server (created when missing).
#include "example_support.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <fmt/format.h>

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

const std::string keyspace = "cppcassa_example_server";
const std::string table = "kv";
constexpr std::size_t max_line = 64 * 1024;  // a longer line ends its connection

// Reads one line (without its end of line) from `socket`, keeping what follows in `buffer`.
asio::awaitable<std::string> read_line(tcp::socket& socket, std::string& buffer) {
    auto dynamic = asio::dynamic_buffer(buffer, max_line);
    const std::size_t n = co_await asio::async_read_until(socket, dynamic, '\n', asio::use_awaitable);
    std::string line = buffer.substr(0, n - 1);
    buffer.erase(0, n);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    co_return line;
}

asio::awaitable<void> write_line(tcp::socket& socket, std::string line) {
    line += '\n';
    co_await asio::async_write(socket, asio::buffer(line), asio::use_awaitable);
}

// One command: awaits the column family while other connections are served.
asio::awaitable<std::string> execute(cppcassa::column_family& cf, const std::string& line) {
    const auto first_space = line.find(' ');
    const std::string command = line.substr(0, first_space);
    const std::string rest = first_space == std::string::npos ? "" : line.substr(first_space + 1);
    const auto second_space = rest.find(' ');
    const std::string key = rest.substr(0, second_space);
    try {
        if (command == "PUT" && !key.empty() && second_space != std::string::npos) {
            const cppcassa::column_values columns{{"value", rest.substr(second_space + 1)}};
            co_await cf.insert(key, columns);
            co_return "OK";
        }
        if (command == "GET" && !key.empty() && second_space == std::string::npos) {
            const cppcassa::row row = co_await cf.get(key);
            co_return "VALUE " + row["value"].as<std::string>();
        }
    } catch (const cppcassa::not_found&) {
        co_return "NOT_FOUND";
    } catch (const cppcassa::error& e) {  // the pool's and Cassandra's errors name the host and the call
        co_return std::string("ERROR ") + e.what();
    }
    co_return "ERROR expected 'PUT key value' or 'GET key'";
}

// What the acceptor and the connections share; each holds it, so it lives until the last ends.
struct kv_server {
    kv_server(tcp::acceptor a, cppcassa::column_family c) : acceptor(std::move(a)), cf(std::move(c)) {}

    tcp::acceptor acceptor;
    cppcassa::column_family cf;
    std::set<std::shared_ptr<tcp::socket>> connections{};  // closed by stop()
    bool stopped = false;

    // No new connection; those open are closed, so their coroutines end.
    void stop() {
        stopped = true;
        acceptor.close();
        for (const auto& socket : connections)
            socket->close();
    }
};

asio::awaitable<void> serve_connection(std::shared_ptr<kv_server> server, std::shared_ptr<tcp::socket> socket) {
    try {
        std::string buffer;
        for (;;) {
            const std::string line = co_await read_line(*socket, buffer);
            std::string reply = co_await execute(server->cf, line);
            co_await write_line(*socket, std::move(reply));
        }
    } catch (const std::exception&) {
        // The client left (end of stream), its line was too long, or the server stopped.
    }
    server->connections.erase(socket);
}

asio::awaitable<void> accept_loop(std::shared_ptr<kv_server> server) {
    const auto executor = co_await asio::this_coro::executor;
    while (!server->stopped) {
        auto socket = std::make_shared<tcp::socket>(co_await server->acceptor.async_accept(asio::use_awaitable));
        if (server->stopped)
            break;
        server->connections.insert(socket);
        asio::co_spawn(executor, serve_connection(server, socket), asio::detached);
    }
}

// A client of the in-process run: each command and the answer it must get.
asio::awaitable<void> client(tcp::endpoint server, std::string name) {
    const auto executor = co_await asio::this_coro::executor;
    tcp::socket socket(executor);
    co_await socket.async_connect(server, asio::use_awaitable);
    const std::vector<std::pair<std::string, std::string>> script{
        {fmt::format("PUT {}:greeting hello from {}", name, name), "OK"},
        {fmt::format("GET {}:greeting", name), fmt::format("VALUE hello from {}", name)},
        {fmt::format("PUT {}:greeting bye", name), "OK"},
        {fmt::format("GET {}:greeting", name), "VALUE bye"},
        {fmt::format("GET {}:never-written", name), "NOT_FOUND"},
        {"DELETE x", "ERROR expected 'PUT key value' or 'GET key'"}};
    std::string buffer;
    for (const auto& [command, expected] : script) {
        co_await write_line(socket, command);
        const std::string answer = co_await read_line(socket, buffer);
        fmt::print("{}: {} -> {}\n", name, command, answer);
        if (answer != expected)
            throw std::runtime_error(fmt::format("'{}' answered '{}', expected '{}'", command, answer, expected));
    }
}

asio::awaitable<void> run(std::string server, std::uint16_t listen_port) {
    co_await example::ensure_column_family(server, keyspace, table);
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::pool pool(executor, {.servers = {server}, .keyspace = keyspace});
    auto cf = co_await cppcassa::column_family::open(pool, table);

    const tcp::endpoint listen_on(asio::ip::make_address("127.0.0.1"), listen_port);
    auto kv = std::make_shared<kv_server>(tcp::acceptor(executor, listen_on), cf);
    // Ends (operation_aborted, dropped by `detached`) when stop() closes the acceptor.
    asio::co_spawn(executor, accept_loop(kv), asio::detached);
    const tcp::endpoint bound = kv->acceptor.local_endpoint();

    if (listen_port == 0) {
        using namespace asio::experimental::awaitable_operators;
        fmt::print("serving on {}:{}; two clients connect\n", bound.address().to_string(), bound.port());
        auto alice = client(bound, "alice");
        auto bob = client(bound, "bob");
        co_await (std::move(alice) && std::move(bob));  // concurrently, on the same io_context
    } else {
        fmt::print("serving on {}:{} (Ctrl-C stops)\n", bound.address().to_string(), bound.port());
        asio::signal_set signals(executor, SIGINT, SIGTERM);
        co_await signals.async_wait(asio::use_awaitable);
    }

    kv->stop();
    pool.close();
}

}  // namespace

int main(int argc, char** argv) {
    std::uint16_t listen_port = 0;
    if (argc > 3) {
        const int requested = std::atoi(argv[3]);
        if (requested <= 0 || requested > 65535) {
            fmt::print(stderr, "async_server: listen-port must be 1 to 65535, got '{}'\n", argv[3]);
            return 2;
        }
        listen_port = static_cast<std::uint16_t>(requested);
    }
    return example::run_example("async_server", argc, argv, [listen_port](std::string server) {
        return run(std::move(server), listen_port);
    });
}
