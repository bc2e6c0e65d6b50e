// The server's protocol step without sockets: call bytes in (encoded by the client's codec),
// reply bytes out (decoded by the client's codec), framed and unframed.
#include "codec/cassandra_methods.hpp"
#include "codec/framing.hpp"
#include "codec/message.hpp"
#include "testing/dispatch.hpp"

#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <string>
#include <variant>

namespace {

namespace codec = cppcassa::codec;
namespace methods = cppcassa::codec::methods;
namespace thrift = cppcassa::thrift;
using cppcassa::testing::detail::serve_message;
using cppcassa::testing::detail::session;
using cppcassa::testing::detail::store;

// Runs one call of M through the dispatcher and decodes the reply as the client would.
template <class M>
codec::reply_of<M> round_trip(store& st, session& s, const typename M::args& args, bool framed,
                              const cppcassa::testing::detail::injector& inject = {}) {
    std::string call;
    codec::encode_call<M>(call, args, 7, framed);
    std::string reply;
    serve_message(st, s, codec::message_body(call, framed), framed, reply, inject);
    const auto size = codec::complete_message_size(reply, framed, codec::default_frame_limit);
    REQUIRE(size == reply.size());
    return codec::decode_reply<M>(codec::message_body(reply, framed), 7);
}

}  // namespace

TEST_CASE("a call decoded by the dispatcher gets a reply the client's codec decodes, framed or not", "[store]") {
    const bool framed = GENERATE(true, false);
    store st{cppcassa::testing::cluster_options{}};
    session s;
    const auto version = round_trip<methods::describe_version>(st, s, {}, framed);
    REQUIRE(version.index() == 0);
    CHECK(std::get<0>(version) == "20.1.0");
}

TEST_CASE("a declared exception travels under its field id and a void call replies empty", "[store]") {
    store st{cppcassa::testing::cluster_options{}};
    session s;
    thrift::system_add_keyspace_args ks;
    ks.ks_def.name = "ks";
    ks.ks_def.strategy_class = "SimpleStrategy";
    thrift::CfDef cf;
    cf.keyspace = "ks";
    cf.name = "cf";
    ks.ks_def.cf_defs = {cf};
    (void)round_trip<methods::system_add_keyspace>(st, s, ks, true);
    thrift::set_keyspace_args use{"ks"};
    const auto used = round_trip<methods::set_keyspace>(st, s, use, true);
    CHECK(used.index() == 0);
    thrift::get_args get;
    get.key = "k";
    get.column_path.column_family = "cf";
    get.column_path.column = std::string("c");
    const auto missing = round_trip<methods::get>(st, s, get, true);
    CHECK(std::holds_alternative<thrift::NotFoundException>(missing));
    get.column_path.column_family = "nope";
    const auto unknown = round_trip<methods::get>(st, s, get, true);
    REQUIRE(std::holds_alternative<thrift::InvalidRequestException>(unknown));
    CHECK(std::get<thrift::InvalidRequestException>(unknown).why == "unconfigured table nope");
}

TEST_CASE("an injected failure replaces the call, and becomes INTERNAL_ERROR where undeclared", "[store]") {
    store st{cppcassa::testing::cluster_options{}};
    session s;
    using cppcassa::testing::detail::injected_error;
    const cppcassa::testing::detail::injector timeout = [](std::string_view) {
        return std::optional<injected_error>(injected_error{injected_error::kind::timed_out, 2});
    };
    thrift::get_args get;
    get.key = "k";
    const auto timed_out = round_trip<methods::get>(st, s, get, true, timeout);
    REQUIRE(std::holds_alternative<thrift::TimedOutException>(timed_out));
    CHECK(std::get<thrift::TimedOutException>(timed_out).acknowledged_by == 2);
    try {
        (void)round_trip<methods::describe_version>(st, s, {}, true, timeout);
        FAIL("an undeclared exception was sent as a result");
    } catch (const cppcassa::application_error& e) {
        CHECK(std::string(e.what()).find("Internal error processing describe_version") != std::string::npos);
    }
}

TEST_CASE("methods the embedded server does not model answer InvalidRequestException", "[store]") {
    store st{cppcassa::testing::cluster_options{}};
    session s;
    thrift::execute_cql3_query_args q;
    q.query = "SELECT * FROM t";
    q.compression = thrift::Compression::NONE;
    q.consistency = thrift::ConsistencyLevel::ONE;
    const auto reply = round_trip<methods::execute_cql3_query>(st, s, q, true);
    REQUIRE(std::holds_alternative<thrift::InvalidRequestException>(reply));
    CHECK_THAT(std::get<thrift::InvalidRequestException>(reply).why, Catch::Contains("not supported"));
}
