#include "net/tls.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>

#include <fmt/format.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace cppcassa::net {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;

namespace {

// OpenSSL keeps a queue of errors per thread; a failed step leaves its reason on top.
std::string last_openssl_error() {
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
        return "no reason given";
    const char* reason = ERR_reason_error_string(code);
    return reason ? reason : fmt::format("OpenSSL error {:#x}", code);
}

[[noreturn]] void refuse_setting(std::string_view endpoint, std::string_view what, std::string reason) {
    throw tls_error(fmt::format("TLS to {}: {}: {}", endpoint, what, reason), std::move(reason));
}

void load_file(std::string_view endpoint, std::string_view option, const std::string& path,
               const auto& load) {
    boost::system::error_code ec;
    load(path, ec);
    if (ec)
        refuse_setting(endpoint, fmt::format("cannot use tls_options::{} '{}'", option, path), ec.message());
}

bool is_ip_address(const std::string& name) {
    boost::system::error_code ec;
    asio::ip::make_address(name, ec);
    return !ec;
}

// What to change, for the certificate check's verdicts a user can act on.
std::string_view verify_hint(long verdict) {
    switch (verdict) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return "the server's certificate does not name the host connected to; connect by a name it carries, "
               "or set tls_options::server_name to that name";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return "the server's certificate is not signed by a CA the client trusts; set tls_options::ca_file to "
               "the CA that signed it";
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return "the server's certificate has expired; renew it on the server";
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return "the server's certificate is not valid yet; check both machines' clocks";
    default:
        return {};
    }
}

// What to change, for the reasons OpenSSL gives that a user can act on.
std::string_view reason_hint(int reason) {
    switch (reason) {
    case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
    case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
        return "the server requires a client certificate signed by a CA in its truststore (require_client_auth); "
               "set tls_options::certificate_file and private_key_file to one";
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_PACKET_LENGTH_TOO_LONG:
        return "the server did not answer with TLS: is its Thrift port plaintext (client_encryption_options "
               "not enabled)?";
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
    case SSL_R_NO_PROTOCOLS_AVAILABLE:
        return "the server offers no protocol version the client accepts; see tls_options::min_version";
    case SSL_R_NO_SHARED_CIPHER:
    case SSL_R_NO_CIPHERS_AVAILABLE:
    case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE:
        return "the server and the client have no cipher in common; see tls_options::ciphers and the server's "
               "cipher_suites";
    default:
        return {};
    }
}

std::string with_hint(std::string reason, std::string_view hint) {
    return hint.empty() ? reason : fmt::format("{} ({})", reason, hint);
}

}  // namespace

std::shared_ptr<ssl::context> make_tls_context(const tls_options& options, std::string_view endpoint) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    SSL_CTX* native = context->native_handle();
    const int floor = options.min_version == tls_version::tls1_3 ? TLS1_3_VERSION : TLS1_2_VERSION;
    if (SSL_CTX_set_min_proto_version(native, floor) != 1)
        refuse_setting(endpoint, "cannot set the minimum protocol version", last_openssl_error());
    context->set_verify_mode(ssl::verify_peer);

    if (options.ca_file.empty() && options.ca_directory.empty()) {
        boost::system::error_code ec;
        context->set_default_verify_paths(ec);
        if (ec)
            refuse_setting(endpoint, "cannot use the system's CA store", ec.message());
    }
    if (!options.ca_file.empty())
        load_file(endpoint, "ca_file", options.ca_file,
                  [&](const std::string& path, auto& ec) { context->load_verify_file(path, ec); });
    if (!options.ca_directory.empty())
        load_file(endpoint, "ca_directory", options.ca_directory,
                  [&](const std::string& path, auto& ec) { context->add_verify_path(path, ec); });

    if (options.certificate_file.empty() != options.private_key_file.empty())
        refuse_setting(endpoint, "tls_options::certificate_file and private_key_file go together",
                       "one of them is empty");
    if (!options.certificate_file.empty()) {
        load_file(endpoint, "certificate_file", options.certificate_file,
                  [&](const std::string& path, auto& ec) { context->use_certificate_chain_file(path, ec); });
        load_file(endpoint, "private_key_file", options.private_key_file, [&](const std::string& path, auto& ec) {
            context->use_private_key_file(path, ssl::context::pem, ec);
        });
        if (SSL_CTX_check_private_key(native) != 1)
            refuse_setting(endpoint, "tls_options::private_key_file is not the key of certificate_file",
                           last_openssl_error());
    }
    if (!options.ciphers.empty() && SSL_CTX_set_cipher_list(native, options.ciphers.c_str()) != 1)
        refuse_setting(endpoint, fmt::format("tls_options::ciphers '{}' names no cipher OpenSSL has", options.ciphers),
                       last_openssl_error());
    return context;
}

void set_peer_name(SSL* session, const tls_options& options, const std::string& host, std::string_view endpoint) {
    const std::string& name = options.server_name.empty() ? host : options.server_name;
    const bool address = is_ip_address(name);
    // SNI carries DNS names only (RFC 6066).
    if (!address && SSL_set_tlsext_host_name(session, name.c_str()) != 1)
        refuse_setting(endpoint, fmt::format("cannot send the server name '{}'", name), last_openssl_error());
    if (!options.verify_peer_name)
        return;
    X509_VERIFY_PARAM* param = SSL_get0_param(session);
    const int set = address ? X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str())
                            : X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size());
    if (set != 1)
        refuse_setting(endpoint, fmt::format("cannot check the server's certificate for '{}'", name),
                       last_openssl_error());
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
}

tls_error handshake_failure(const boost::system::error_code& ec, SSL* session, const tls_options& options,
                            const std::string& host, std::string_view endpoint) {
    std::string reason;
    if (ec == asio::error::eof || ec == ssl::error::stream_truncated || ec == asio::error::connection_reset) {
        reason = with_hint("the server closed the connection during the handshake",
                           "a plaintext Thrift port does that on a TLS hello: enable client_encryption_options on "
                           "the server, or connect without tls");
    } else if (const long verdict = SSL_get_verify_result(session);
               ec.category() == asio::error::get_ssl_category() && verdict != X509_V_OK) {
        reason = with_hint(fmt::format("{}: {}", ec.message(), X509_verify_cert_error_string(verdict)),
                           verify_hint(verdict));
        if (verdict == X509_V_ERR_HOSTNAME_MISMATCH || verdict == X509_V_ERR_IP_ADDRESS_MISMATCH)
            reason += fmt::format(" [name checked: {}]", options.server_name.empty() ? host : options.server_name);
    } else {
        reason = describe_session_failure(ec);
    }
    return tls_error(fmt::format("TLS handshake with {} failed: {}", endpoint, reason), reason);
}

bool is_tls_failure(const boost::system::error_code& ec) {
    return ec.category() == asio::error::get_ssl_category() || ec.category() == ssl::error::get_stream_category();
}

std::string describe_session_failure(const boost::system::error_code& ec) {
    const int reason = ec.category() == asio::error::get_ssl_category() ? ERR_GET_REASON(static_cast<unsigned long>(ec.value())) : 0;
    return with_hint(ec.message(), reason_hint(reason));
}

}  // namespace cppcassa::net
