// Proves the integration suite talks to a real Cassandra: the launcher's CassandraDaemon JVM,
// answering Thrift calls. Uses Apache Thrift's generated client as an independent reference.
#include "support/launcher.hpp"
#include "support/listening_process.hpp"
#include "support/reference_client.hpp"
#include "support/server_line.hpp"
#include "support/test_server.hpp"

#include <boost/asio/ip/address_v4.hpp>

#include "support/catch.hpp"

namespace {

using cppcassa::test::real_server;

TEST_CASE("the server answers describe_version over Thrift with the API of its line") {
    auto server = real_server();
    cppcassa::test::reference_client client(server.host, server.port);
    std::string version;
    client->describe_version(version);
    CHECK(version == cppcassa::test::expected_api_version());
}

TEST_CASE("the process listening on the Thrift port is the launcher's CassandraDaemon JVM", "[real-only][jvm]") {
    const int pid = cppcassa::test::launcher_pid(1);
    REQUIRE(pid > 0);
    const auto server = real_server();
    const auto address = boost::asio::ip::make_address_v4(server.host).to_uint();
    const auto inode = cppcassa::test::listening_inode(address, server.port);
    REQUIRE(inode.has_value());
    CHECK(cppcassa::test::process_owns_socket(pid, *inode));
    const std::string cmdline = cppcassa::test::process_command_line(pid);
    CHECK(cmdline.find("org.apache.cassandra.service.CassandraDaemon") != std::string::npos);
    CHECK(cmdline.find("java") != std::string::npos);
}

TEST_CASE("the server reports a cluster name and the Murmur3 partitioner") {
    auto server = real_server();
    cppcassa::test::reference_client client(server.host, server.port);
    std::string partitioner;
    client->describe_partitioner(partitioner);
    CHECK(partitioner == "org.apache.cassandra.dht.Murmur3Partitioner");
    std::string name;
    client->describe_cluster_name(name);
    CHECK_FALSE(name.empty());
}

}  // namespace
