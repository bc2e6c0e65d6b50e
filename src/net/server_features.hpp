// Which Cassandra release first has what a call uses, and whether a server has it: pure
// decisions over the call's arguments and the server's version (no socket), so every rule is
// unit-tested without a server (test/unit/server_features_test.cpp).
//
// Only what older lines lack is listed: every line cppcassa runs against (2.0 to 3.11) has the
// other calls and fields. Thrift servers skip fields they do not know without a word, so a field
// is refused rather than sent to a server that would drop it. docs/server_versions.md has the table.
#pragma once

#include <cppcassa/errors.hpp>
#include <cppcassa/server_version.hpp>
#include <cppcassa/thrift.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace cppcassa::net {

// A call, or a field of its arguments, and the first Cassandra release that has it.
struct feature_need {
    std::string_view feature;  // "get_multi_slice", "CfDef.min_index_interval"
    version_number since;
};

// What a call's arguments need beyond the oldest line; nullopt for most calls.
template <class Args>
std::optional<feature_need> needs(const Args&) {
    return std::nullopt;
}
std::optional<feature_need> needs(const thrift::get_multi_slice_args&);
std::optional<feature_need> needs(const thrift::system_add_column_family_args&);
std::optional<feature_need> needs(const thrift::system_update_column_family_args&);
std::optional<feature_need> needs(const thrift::system_add_keyspace_args&);
std::optional<feature_need> needs(const thrift::system_update_keyspace_args&);

// True when `server` is known to lack `need`: its release is older, or (release unknown) its API
// is older than any release that has it. A 19.39.0 server whose release is unknown may be 2.0 or
// 2.1: not known to lack anything, so its calls are sent.
bool lacks(const server_version& server, const feature_need& need);

// True when `server` is known to have `need` (the opposite of lacks() only when the version
// decides: a 19.39.0 server of unknown release neither lacks nor is known to have 2.1's calls).
bool has(const server_version& server, const feature_need& need);

// The refusal: names the feature, the server (endpoint, release and API) and the first release.
not_supported_by_server_error refusal(std::string_view endpoint, const server_version& server,
                                      const feature_need& need);

// What connect() learnt: describe_version's reply and, when read, system.local's release_version.
// nullopt when the API version is not a version number (then nothing is gated).
std::optional<server_version> version_of(std::string_view api, std::optional<std::string_view> release);

// Whether the release must be read from system.local: the API does not tell the release (19.x:
// 2.0 and 2.1 share 19.39.0, and the release decides get_multi_slice).
bool needs_release(const version_number& api);

}  // namespace cppcassa::net
