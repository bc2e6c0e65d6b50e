// What a connection needs of OpenSSL: a context built from tls_options, the server name checked on
// each session, and words for a failure that say what to change.
#pragma once

#include <cppcassa/errors.hpp>
#include <cppcassa/tls_options.hpp>

#include <boost/asio/ssl/context.hpp>
#include <openssl/ssl.h>
#include <boost/system/error_code.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace cppcassa::net {

// A client context: the server's certificate verified against the options' CAs (or the system's
// store), their protocol floor and ciphers, their client certificate. Throws tls_error naming
// `endpoint` when a file cannot be read or a setting is refused.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(const tls_options& options, std::string_view endpoint);

// Sets, on one session, the name the server's certificate must carry (tls_options::server_name,
// else `host`; as an IP address when it is one) and the SNI name. Throws tls_error.
void set_peer_name(SSL* session, const tls_options& options, const std::string& host, std::string_view endpoint);

// The tls_error of a failed handshake: OpenSSL's reason, the certificate check's verdict, and
// what to change.
tls_error handshake_failure(const boost::system::error_code& ec, SSL* session, const tls_options& options,
                            const std::string& host, std::string_view endpoint);

// True for an error the TLS layer raised (an alert from the server, a bad record): the session
// failed, not the socket.
[[nodiscard]] bool is_tls_failure(const boost::system::error_code& ec);

// OpenSSL's words for a failed session, with what to change when the server's alert says it
// (a client certificate required or refused).
[[nodiscard]] std::string describe_session_failure(const boost::system::error_code& ec);

}  // namespace cppcassa::net
