// Credentials for login().
#pragma once

#include <map>
#include <string>

namespace cppcassa::thrift {

// Free-form credentials; PasswordAuthenticator reads "username" and "password".
struct AuthenticationRequest {
    std::map<std::string, std::string> credentials{};

    friend bool operator==(const AuthenticationRequest&, const AuthenticationRequest&) = default;
};

}  // namespace cppcassa::thrift
