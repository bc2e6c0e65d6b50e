// TLS against the launcher's TLS nodes (scripts/cassandra.sh start --tls): node "tls" on
// <net>.10 serves Thrift over TLS, node "tls-client-auth" on <net>.11 also requires a client
// certificate. Both carry a certificate for their address signed by the launcher's test CA
// (`cassandra.sh tls-dir`: ca.pem, client.pem, client-key.pem, and other-ca.pem, a CA that signed
// nothing the servers use).
#include "support/launcher.hpp"
#include "support/run_coroutine.hpp"
#include "support/scripted_peers.hpp"
#include "support/server_line.hpp"
#include "support/test_keyspace.hpp"

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <chrono>
#include <string>

namespace {

namespace asio = boost::asio;
namespace thrift = cppcassa::thrift;
using namespace std::chrono_literals;
using cppcassa::test::run_coroutine;

std::string tls_file(const std::string& name) {
    static const std::string dir = cppcassa::test::run_launcher_or_throw("tls-dir");
    return dir + "/" + name;
}

std::string tls_host() { return cppcassa::test::node_net() + ".10"; }
std::string client_auth_host() { return cppcassa::test::node_net() + ".11"; }

cppcassa::tls_options trusting_test_ca() { return {.ca_file = tls_file("ca.pem")}; }

cppcassa::tls_options with_client_certificate() {
    auto options = trusting_test_ca();
    options.certificate_file = tls_file("client.pem");
    options.private_key_file = tls_file("client-key.pem");
    return options;
}

cppcassa::connection_config tls_config(std::string host, cppcassa::tls_options options) {
    cppcassa::connection_config config{.host = std::move(host), .connect_timeout = 10000ms};
    config.tls = std::move(options);
    return config;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// connect() with `config` fails with tls_error; returns its message and reason. The connect
// timeout bounds it: never a hang.
asio::awaitable<cppcassa::tls_error> connect_fails_with_tls_error(cppcassa::connection_config config) {
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::connection conn(executor, config);
    const auto started = std::chrono::steady_clock::now();
    try {
        co_await conn.connect();
    } catch (const cppcassa::tls_error& e) {
        CHECK(std::chrono::steady_clock::now() - started < config.connect_timeout + 2s);
        CHECK_FALSE(conn.is_open());
        CHECK(e.retryable());
        co_return e;
    }
    FAIL("connect() succeeded; expected tls_error");
    throw std::logic_error("unreachable");
}

// Inserts a column and reads it back on one connection.
asio::awaitable<std::string> write_and_read_back(cppcassa::connection& conn, std::string key) {
    thrift::insert_args write;
    write.key = key;
    write.column_parent.column_family = "Standard1";
    write.column.name = "c";
    write.column.value = "over TLS " + key;
    write.column.timestamp = cppcassa::test::now_micros();
    co_await conn.insert(write);
    thrift::get_args read;
    read.key = key;
    read.column_path.column_family = "Standard1";
    read.column_path.column = std::string("c");
    const auto got = co_await conn.get(read);
    co_return got.column && got.column->value ? *got.column->value : std::string();
}

TEST_CASE("a TLS connection to a client_encryption_options node writes, reads and removes", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, tls_config(tls_host(), trusting_test_ca()));
        co_await conn.connect();
        const std::string version = co_await conn.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());
        co_await cppcassa::test::ensure_test_keyspace(conn);
        const thrift::set_keyspace_args use{.keyspace = cppcassa::test::test_keyspace};
        co_await conn.set_keyspace(use);
        const auto key = fmt::format("tls-{}", cppcassa::test::now_micros());
        const auto value = co_await write_and_read_back(conn, key);
        CHECK(value == "over TLS " + key);

        thrift::remove_args erase;
        erase.key = key;
        erase.column_path.column_family = "Standard1";
        erase.timestamp = cppcassa::test::now_micros();
        co_await conn.remove(erase);
        thrift::get_args read;
        read.key = key;
        read.column_path.column_family = "Standard1";
        read.column_path.column = std::string("c");
        bool found = true;
        try {
            co_await conn.get(read);
        } catch (const cppcassa::not_found&) {
            found = false;
        }
        CHECK_FALSE(found);
    });
}

TEST_CASE("a client certificate signed by the server's trusted CA is accepted where one is required", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, tls_config(client_auth_host(), with_client_certificate()));
        co_await conn.connect();
        const std::string name = co_await conn.describe_cluster_name();
        CHECK_FALSE(name.empty());
    });
}

TEST_CASE("a pool over TLS fails over across a plaintext server, a TLS node refusing it and a dead port to a TLS node",
          "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        {
            cppcassa::connection setup(executor, tls_config(tls_host(), trusting_test_ca()));
            co_await setup.connect();
            co_await cppcassa::test::ensure_test_keyspace(setup);
        }
        const auto plain = cppcassa::test::real_server();
        cppcassa::pool_config config;
        // The client-auth node refuses this pool: it has no client certificate.
        config.servers = {fmt::format("{}:{}", plain.host, plain.port), client_auth_host() + ":9160",
                          fmt::format("127.0.0.1:{}", cppcassa::test::closed_port(executor)), tls_host() + ":9160"};
        config.keyspace = cppcassa::test::test_keyspace;
        config.tls = trusting_test_ca();
        cppcassa::pool pool(executor, config);
        for (int i = 0; i < 10; ++i) {
            const auto key = fmt::format("tls-pool-{}-{}", cppcassa::test::now_micros(), i);
            auto round_trip = [key](cppcassa::connection& c) { return write_and_read_back(c, key); };
            const auto value = co_await pool.execute(round_trip);
            CHECK(value == "over TLS " + key);
        }
        const auto stats = pool.stats();
        CHECK(stats.succeeded == 10);
        CHECK(stats.failed == 0);
        CHECK(stats.hosts[0].marked_down >= 1);
        CHECK(contains(stats.hosts[0].last_error, "TLS handshake"));
        CHECK(stats.hosts[1].marked_down >= 1);
        CHECK(contains(stats.hosts[1].last_error, "client certificate"));
        CHECK(stats.hosts[2].marked_down >= 1);
        CHECK(stats.hosts[3].operations == 10);
        CHECK(stats.hosts[3].up);
    });
}

TEST_CASE("a server certificate from a CA the client does not trust fails with tls_error", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        cppcassa::tls_options options;
        options.ca_file = tls_file("other-ca.pem");
        const auto config = tls_config(tls_host(), options);
        const auto e = co_await connect_fails_with_tls_error(config);
        const std::string what = e.what();
        INFO(what);
        CHECK(contains(what, tls_host() + ":9160"));
        CHECK(contains(what, "certificate verify failed"));
        CHECK(contains(what, "tls_options::ca_file"));
    });
}

TEST_CASE("a server certificate that does not carry the DNS name checked fails with tls_error", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        auto options = trusting_test_ca();
        options.server_name = "cassandra.invalid";
        const auto config = tls_config(tls_host(), options);
        const auto e = co_await connect_fails_with_tls_error(config);
        INFO(e.what());
        CHECK(contains(e.reason, "hostname mismatch"));
        CHECK(contains(e.what(), "cassandra.invalid"));
        CHECK(contains(e.what(), "tls_options::server_name"));
    });
}

TEST_CASE("a server certificate that does not carry the IP address connected to fails with tls_error", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        auto options = trusting_test_ca();
        options.server_name = "127.0.0.99";
        const auto config = tls_config(tls_host(), options);
        const auto e = co_await connect_fails_with_tls_error(config);
        INFO(e.what());
        CHECK(contains(e.reason, "IP address mismatch"));
    });
}

TEST_CASE("with peer name verification off, a certificate naming another server is accepted", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        auto options = trusting_test_ca();
        options.server_name = "cassandra.invalid";
        options.verify_peer_name = false;
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, tls_config(tls_host(), options));
        co_await conn.connect();
        const std::string version = co_await conn.describe_version();
        CHECK(version == cppcassa::test::expected_api_version());
    });
}

TEST_CASE("a server that requires a client certificate refuses a client without one with tls_error", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto config = tls_config(client_auth_host(), trusting_test_ca());
        const auto e = co_await connect_fails_with_tls_error(config);
        INFO(e.what());
        CHECK(contains(e.what(), client_auth_host() + ":9160"));
        CHECK(contains(e.what(), "client certificate"));
    });
}

TEST_CASE("a TLS client against a plaintext Thrift port fails with tls_error saying so", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        const auto plain = cppcassa::test::real_server();
        auto config = tls_config(plain.host, trusting_test_ca());
        config.port = plain.port;
        const auto e = co_await connect_fails_with_tls_error(config);
        INFO(e.what());
        CHECK(contains(e.what(), "plaintext"));
    });
}

TEST_CASE("a plaintext client against a TLS port fails with tls_error saying so", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        cppcassa::connection_config config;
        config.host = tls_host();
        config.connect_timeout = 10000ms;
        config.keyspace = cppcassa::test::test_keyspace;
        const auto executor = co_await asio::this_coro::executor;
        cppcassa::connection conn(executor, config);
        try {
            co_await conn.connect();
            FAIL("a plaintext connect to a TLS port succeeded");
        } catch (const cppcassa::tls_error& e) {
            INFO(e.what());
            CHECK(contains(e.what(), "requires TLS"));
            CHECK(contains(e.what(), "connection_config::tls"));
        }
        CHECK_FALSE(conn.is_open());
    });
}

TEST_CASE("TLS settings that cannot be used fail connect() with tls_error naming the setting", "[tls]") {
    run_coroutine([]() -> asio::awaitable<void> {
        cppcassa::tls_options missing_ca;
        missing_ca.ca_file = "/nonexistent/cppcassa-ca.pem";
        auto half_certificate = trusting_test_ca();
        half_certificate.certificate_file = tls_file("client.pem");
        auto wrong_key = with_client_certificate();
        wrong_key.private_key_file = tls_file("other-ca-key.pem");

        const auto config_without_ca = tls_config(tls_host(), missing_ca);
        const auto config_without_key = tls_config(tls_host(), half_certificate);
        const auto config_with_wrong_key = tls_config(tls_host(), wrong_key);

        const auto no_ca = co_await connect_fails_with_tls_error(config_without_ca);
        CHECK(contains(no_ca.what(), "tls_options::ca_file '/nonexistent/cppcassa-ca.pem'"));
        const auto no_key = co_await connect_fails_with_tls_error(config_without_key);
        CHECK(contains(no_key.what(), "go together"));
        const auto mismatch = co_await connect_fails_with_tls_error(config_with_wrong_key);
        CHECK(contains(mismatch.what(), "private_key_file"));
    });
}

}  // namespace
