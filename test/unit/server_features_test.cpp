// Which calls a server's version has, without sockets: parsing versions, what each call's
// arguments need, the refusal's text, and where a pool may send an operation a server refused.
#include "net/server_features.hpp"
#include "pool/host_set.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/server_version.hpp>

#include "support/catch.hpp"

#include <string>
#include <vector>

namespace {

namespace thrift = cppcassa::thrift;
using cppcassa::server_version;
using cppcassa::version_number;
using cppcassa::net::feature_need;

// What the launcher's lines answer (describe_version, then system.local on 19.x).
const server_version cassandra_2_0{.api = {19, 39, 0}, .release = version_number{2, 0, 17}};
const server_version cassandra_2_1{.api = {19, 39, 0}, .release = version_number{2, 1, 22}};
const server_version api_20{.api = {20, 1, 0}};
const server_version api_19_39_unknown_release{.api = {19, 39, 0}};
const server_version api_19_38{.api = {19, 38, 0}};  // an earlier 2.0 release

const feature_need multi_slice{"get_multi_slice", {2, 1, 0}};

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("versions parse from describe_version's and release_version's text") {
    CHECK(version_number::parse("19.39.0") == version_number{19, 39, 0});
    CHECK(version_number::parse("2.1.22") == version_number{2, 1, 22});
    CHECK(version_number::parse("2.1") == version_number{2, 1, 0});
    CHECK(version_number::parse("3.11.19-SNAPSHOT") == version_number{3, 11, 19});
    CHECK_FALSE(version_number::parse("unknown"));
    CHECK_FALSE(version_number::parse(""));
    CHECK(version_number{2, 0, 17} < version_number{2, 1, 0});
    CHECK(version_number{19, 39, 0} < version_number{20, 1, 0});
    CHECK(version_number{20, 1, 0}.to_string() == "20.1.0");
}

TEST_CASE("a server version reads as its release and API, or its API alone") {
    CHECK(cassandra_2_0.to_string() == "Cassandra 2.0.17 (Thrift API 19.39.0)");
    CHECK(api_20.to_string() == "Thrift API 20.1.0");
    CHECK(cppcassa::net::version_of("19.39.0", "2.0.17") == cassandra_2_0);
    CHECK(cppcassa::net::version_of("20.1.0", std::nullopt) == api_20);
    CHECK_FALSE(cppcassa::net::version_of("garbage", std::nullopt));
}

TEST_CASE("only a 19.x API makes connect read the release") {
    CHECK(cppcassa::net::needs_release({19, 39, 0}));
    CHECK(cppcassa::net::needs_release({19, 36, 2}));
    CHECK_FALSE(cppcassa::net::needs_release({20, 1, 0}));
}

TEST_CASE("get_multi_slice needs Cassandra 2.1; most calls need nothing") {
    const auto need = cppcassa::net::needs(thrift::get_multi_slice_args{});
    REQUIRE(need);
    CHECK(need->feature == "get_multi_slice");
    CHECK(need->since == version_number{2, 1, 0});
    CHECK_FALSE(cppcassa::net::needs(thrift::get_slice_args{}));
    CHECK_FALSE(cppcassa::net::needs(thrift::batch_mutate_args{}));
    CHECK_FALSE(cppcassa::net::needs(thrift::describe_version_args{}));
}

TEST_CASE("a column family definition needs 2.1 only when it sets a field 2.0 does not know") {
    thrift::system_add_column_family_args add;
    add.cf_def.name = "cf";
    add.cf_def.index_interval = 128;  // 2.0's own field
    CHECK_FALSE(cppcassa::net::needs(add));
    add.cf_def.max_index_interval = 2048;
    REQUIRE(cppcassa::net::needs(add));
    CHECK(cppcassa::net::needs(add)->feature == "CfDef.max_index_interval");

    thrift::system_update_column_family_args update;
    update.cf_def.cells_per_row_to_cache = "ALL";
    REQUIRE(cppcassa::net::needs(update));
    CHECK(cppcassa::net::needs(update)->feature == "CfDef.cells_per_row_to_cache");

    thrift::system_add_keyspace_args keyspace;
    keyspace.ks_def.cf_defs.resize(2);
    CHECK_FALSE(cppcassa::net::needs(keyspace));
    keyspace.ks_def.cf_defs[1].min_index_interval = 64;
    REQUIRE(cppcassa::net::needs(keyspace));
    CHECK(cppcassa::net::needs(keyspace)->feature == "CfDef.min_index_interval");
}

TEST_CASE("2.0 lacks what 2.1 added; 2.1 and every 20.x API have it") {
    using cppcassa::net::has;
    using cppcassa::net::lacks;
    CHECK(lacks(cassandra_2_0, multi_slice));
    CHECK_FALSE(has(cassandra_2_0, multi_slice));
    CHECK(has(cassandra_2_1, multi_slice));
    CHECK_FALSE(lacks(cassandra_2_1, multi_slice));
    CHECK(has(api_20, multi_slice));
    CHECK_FALSE(lacks(api_20, multi_slice));
    // An API older than 2.1's is a 2.0 server whatever its release.
    CHECK(lacks(api_19_38, multi_slice));
    // 19.39.0 of unknown release may be 2.0.17 or 2.1: neither refused nor counted on.
    CHECK_FALSE(lacks(api_19_39_unknown_release, multi_slice));
    CHECK_FALSE(has(api_19_39_unknown_release, multi_slice));
}

TEST_CASE("the refusal names the call, the server's release and API, and the first release with it") {
    const auto e = cppcassa::net::refusal("10.0.0.1:9160", cassandra_2_0, multi_slice);
    CHECK(e.code == cppcassa::client_errc::not_supported_by_server);
    CHECK(e.feature == "get_multi_slice");
    CHECK(e.endpoint == "10.0.0.1:9160");
    CHECK(e.server == cassandra_2_0);
    CHECK(e.since == version_number{2, 1, 0});
    CHECK_FALSE(e.retryable());
    const std::string what = e.what();
    CHECK(mentions(what, "get_multi_slice"));
    CHECK(mentions(what, "10.0.0.1:9160"));
    CHECK(mentions(what, "Cassandra 2.0.17 (Thrift API 19.39.0)"));
    CHECK(mentions(what, "Cassandra 2.1 or later"));
    CHECK(mentions(what, "nothing was sent"));
}

TEST_CASE("an operation a server refused for its version goes to a server known to have it, else of unknown version") {
    using cppcassa::detail::host_set;
    using namespace std::chrono_literals;
    host_set hosts({"old:9160", "unknown:9160", "new:9160", "newer:9160"}, {.initial = 1000ms, .max = 8000ms}, true);
    const auto now = host_set::clock::now();
    hosts[0].stats.server_version = cassandra_2_0;
    hosts[1].stats.server_version = api_19_39_unknown_release;
    hosts[2].stats.server_version = cassandra_2_1;
    hosts[3].stats.server_version = api_20;
    std::vector<std::size_t> tried{0};
    CHECK(hosts.next_having(multi_slice, 0, tried, now) == 2u);
    tried.push_back(2);
    CHECK(hosts.next_having(multi_slice, 2, tried, now) == 3u);
    // Down, or known to lack it, or of 19.39.0 with an unknown release: none is a target.
    hosts.mark_down(3, "refused", now);
    CHECK_FALSE(hosts.next_having(multi_slice, 2, tried, now));

    // A server no connection reached yet is tried after those known to have it: connecting
    // learns its version, and the call is refused there too when it lacks it.
    host_set mixed({"old:9160", "fresh:9160", "new:9160"}, {}, true);
    mixed[0].stats.server_version = cassandra_2_0;
    mixed[2].stats.server_version = api_20;
    const std::vector<std::size_t> refused_by_old{0};
    CHECK(mixed.next_having(multi_slice, 0, refused_by_old, now) == 2u);
    const std::vector<std::size_t> refused_by_two{0, 2};
    CHECK(mixed.next_having(multi_slice, 0, refused_by_two, now) == 1u);
}
