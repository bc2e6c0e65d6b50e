#include "net/server_features.hpp"

#include <fmt/format.h>

namespace cppcassa::net {

namespace {

// Cassandra 2.1 added get_multi_slice and three CfDef fields (API 19.39.0, which 2.0.17 also
// reports; 2.2 moved to 20.1.0).
constexpr version_number release_2_1{2, 1, 0};
// The first API version of Cassandra 2.2, which has everything 2.1 added.
constexpr version_number api_of_2_2{20, 0, 0};
// The API of Cassandra 2.1.0; a server reporting an older one is 2.0 or before.
constexpr version_number api_of_2_1{19, 39, 0};

std::optional<feature_need> cf_def_needs(const thrift::CfDef& def) {
    if (def.cells_per_row_to_cache)
        return feature_need{"CfDef.cells_per_row_to_cache", release_2_1};
    if (def.min_index_interval)
        return feature_need{"CfDef.min_index_interval", release_2_1};
    if (def.max_index_interval)
        return feature_need{"CfDef.max_index_interval", release_2_1};
    return std::nullopt;
}

std::optional<feature_need> ks_def_needs(const thrift::KsDef& def) {
    for (const auto& cf : def.cf_defs)
        if (auto need = cf_def_needs(cf))
            return need;
    return std::nullopt;
}

}  // namespace

std::optional<feature_need> needs(const thrift::get_multi_slice_args&) {
    return feature_need{"get_multi_slice", release_2_1};
}
std::optional<feature_need> needs(const thrift::system_add_column_family_args& args) {
    return cf_def_needs(args.cf_def);
}
std::optional<feature_need> needs(const thrift::system_update_column_family_args& args) {
    return cf_def_needs(args.cf_def);
}
std::optional<feature_need> needs(const thrift::system_add_keyspace_args& args) { return ks_def_needs(args.ks_def); }
std::optional<feature_need> needs(const thrift::system_update_keyspace_args& args) {
    return ks_def_needs(args.ks_def);
}

bool lacks(const server_version& server, const feature_need& need) {
    if (server.release)
        return *server.release < need.since;
    // Every feature listed is in 2.2, the first release of API 20.
    if (server.api >= api_of_2_2)
        return false;
    // Older than 2.1's API: a 2.0 (or earlier) server, which has none of what 2.1 added.
    return server.api < api_of_2_1 && need.since >= release_2_1;
}

bool has(const server_version& server, const feature_need& need) {
    if (server.release)
        return *server.release >= need.since;
    return server.api >= api_of_2_2 && need.since <= version_number{2, 2, 0};
}

not_supported_by_server_error refusal(std::string_view endpoint, const server_version& server,
                                      const feature_need& need) {
    const auto since = fmt::format("{}.{}", need.since.major, need.since.minor);
    return not_supported_by_server_error(
        fmt::format("{} is not supported by {}, which runs {}: it needs Cassandra {} or later (nothing was sent; "
                    "the connection stays open)",
                    need.feature, endpoint, server.to_string(), since),
        std::string(need.feature), std::string(endpoint), server, need.since);
}

std::optional<server_version> version_of(std::string_view api, std::optional<std::string_view> release) {
    const auto api_number = version_number::parse(api);
    if (!api_number)
        return std::nullopt;
    server_version version{.api = *api_number};
    if (release)
        version.release = version_number::parse(*release);
    return version;
}

bool needs_release(const version_number& api) { return api < api_of_2_2; }

}  // namespace cppcassa::net
