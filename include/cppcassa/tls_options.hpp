// TLS to Cassandra's Thrift port (the server's client_encryption_options), through OpenSSL.
//
// Set connection_config::tls (or pool_config::tls) to speak TLS; leave it empty for plaintext.
// The server's certificate is always verified, against `ca_file` / `ca_directory` or the
// system's store, and by default it must name the host connected to:
//   cppcassa::pool_config config{.servers = {"db1:9160"}, .tls = cppcassa::tls_options{.ca_file = "ca.pem"}};
#pragma once

#include <string>

namespace cppcassa {

// The oldest protocol version the client accepts.
enum class tls_version {
    tls1_2,
    tls1_3,
};

struct tls_options {
    // PEM file of the certificate authorities trusted to sign the server's certificate. With
    // `ca_directory` also empty, the system's store (OpenSSL's default paths) is used.
    std::string ca_file{};
    // Folder of PEM CA certificates named by subject hash (`openssl rehash`), in addition.
    std::string ca_directory{};

    // Client certificate chain and its private key (PEM, the key unencrypted), for servers whose
    // client_encryption_options set require_client_auth. Both or neither.
    std::string certificate_file{};
    std::string private_key_file{};

    // Check that the server's certificate names the server: its DNS name, or its IP address
    // when the host is an address literal. Off only for servers whose certificates name
    // something else and whose CA you trust for every name.
    bool verify_peer_name = true;
    // The name checked (and sent in SNI when it is a DNS name). Empty: the connection's host.
    std::string server_name{};

    // Oldest protocol version accepted (TLS 1.2 by default; Cassandra 2.0-3.11 on a current JDK
    // offers 1.2 and 1.3).
    tls_version min_version = tls_version::tls1_2;

    // OpenSSL cipher list for TLS 1.2 ("ECDHE+AESGCM", ...). Empty: OpenSSL's defaults. TLS 1.3
    // suites are OpenSSL's own.
    std::string ciphers{};
};

}  // namespace cppcassa
