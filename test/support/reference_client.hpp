// Apache Thrift's generated synchronous client (framed, binary), owned with its transport.
#pragma once

#include <Cassandra.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>

#include <memory>
#include <string>

namespace cppcassa::test {

class reference_client {
public:
    reference_client(const std::string& host, int port)
        : socket_(std::make_shared<apache::thrift::transport::TSocket>(host, port)),
          transport_(std::make_shared<apache::thrift::transport::TFramedTransport>(socket_)),
          client_(std::make_shared<apache::thrift::protocol::TBinaryProtocol>(transport_)) {
        transport_->open();
    }
    ~reference_client() { transport_->close(); }
    reference_client(const reference_client&) = delete;
    reference_client& operator=(const reference_client&) = delete;

    org::apache::cassandra::CassandraClient* operator->() { return &client_; }

private:
    std::shared_ptr<apache::thrift::transport::TSocket> socket_;
    std::shared_ptr<apache::thrift::transport::TFramedTransport> transport_;
    org::apache::cassandra::CassandraClient client_;
};

}  // namespace cppcassa::test
