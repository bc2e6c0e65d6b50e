// Whole messages: the exact bytes of calls and replies, and every outcome decode_reply reports.
#include "codec/message.hpp"
#include "unit/codec_test_support.hpp"

#include "support/catch.hpp"

#include <string>
#include <variant>

using namespace cppcassa::codec;
using namespace codec_test;

namespace {

// Strict header bytes for `name`, type and seqid 5, built by hand.
std::string header(const char* type_byte, std::string_view name) {
    std::string h = hex(std::string("80 01 00 ") + type_byte);
    h += hex("00 00 00");
    h.push_back(static_cast<char>(name.size()));
    h += name;
    return h + hex("00 00 00 05");
}

std::string reply_bytes(const inner& v) {
    std::string out;
    encode_reply<get_thing>(out, 5, v, false);
    return out;
}

}  // namespace

TEST_CASE("a framed call is the length prefix, the header and every args field") {
    std::string out = "already there";
    encode_call<get_thing>(out, {"k", 1}, 5, true);
    const std::string expected = "already there" + hex("00 00 00 25") + header("01", "get_thing") +
                                 hex("0b 00 01 00 00 00 01 6b 08 00 02 00 00 00 01 00");
    CHECK(to_hex(out) == to_hex(expected));
}

TEST_CASE("an unframed call has no length prefix") {
    std::string out;
    encode_call<put_thing>(out, {{"k", 2}}, 5, false);
    CHECK(to_hex(out) == to_hex(header("01", "put_thing") +
                                 hex("0c 00 01 0b 00 01 00 00 00 01 6b 08 00 02 00 00 00 02 00 00")));
}

TEST_CASE("a server reads back the call a client encoded") {
    std::string out;
    encode_call<get_thing>(out, {"key", 3}, 77, false);
    binary_reader r(out);
    const auto h = read_call_header(r);
    CHECK((h.name == "get_thing" && h.type == message_type::call && h.seqid == 77));
    const auto args = decode_call_args<get_thing>(r);
    CHECK((args.key == "key" && args.level == 3));
    CHECK(r.remaining() == 0);
}

TEST_CASE("a server refuses a reply where a call was expected") {
    const std::string bytes = reply_bytes({1, std::nullopt});
    binary_reader r(bytes);
    REQUIRE_THROWS_WITH(read_call_header(r), Catch::Contains("expected a Thrift call"));
}

TEST_CASE("a reply carries only field 0 of the result struct") {
    CHECK(to_hex(reply_bytes({7, "x"})) ==
          to_hex(header("02", "get_thing") + hex("0c 00 00 08 00 01 00 00 00 07 0b 00 02 00 00 00 01 78 00 00")));
    std::string framed;
    encode_reply<put_thing>(framed, 5, void_result{}, true);
    CHECK(to_hex(framed) == to_hex(hex("00 00 00 16") + header("02", "put_thing") + hex("00")));
}

TEST_CASE("an exception reply carries only that exception's field") {
    std::string out;
    encode_exception_reply<get_thing>(out, 5, missing_ex{}, false);
    CHECK(to_hex(out) == to_hex(header("02", "get_thing") + hex("0c 00 02 00 00")));
}

TEST_CASE("an application exception is a message of type exception with message and type") {
    std::string out;
    encode_application_exception(out, "get_thing", 5, app_unknown_method, "no", false);
    CHECK(to_hex(out) ==
          to_hex(header("03", "get_thing") + hex("0b 00 01 00 00 00 02 6e 6f 08 00 02 00 00 00 01 00")));
}

TEST_CASE("decode_reply returns the success value") {
    const auto reply = decode_reply<get_thing>(reply_bytes({7, "x"}), 5);
    REQUIRE(reply.index() == 0);
    CHECK(std::get<0>(reply) == inner{7, "x"});
}

TEST_CASE("decode_reply returns a non-struct success value") {
    std::string out;
    encode_reply<count_things>(out, 5, {1, 2}, false);
    const auto reply = decode_reply<count_things>(out, 5);
    CHECK(std::get<0>(reply) == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("decode_reply returns a declared exception as its alternative") {
    std::string out;
    encode_exception_reply<get_thing>(out, 5, invalid_ex{"bad key"}, false);
    const auto reply = decode_reply<get_thing>(out, 5);
    REQUIRE(reply.index() == 1);
    CHECK(std::get<1>(reply).why == "bad key");

    out.clear();
    encode_exception_reply<get_thing>(out, 5, missing_ex{}, false);
    CHECK(decode_reply<get_thing>(out, 5).index() == 2);
}

TEST_CASE("decode_reply of a void method treats an empty result as success") {
    std::string out;
    encode_reply<put_thing>(out, 5, void_result{}, false);
    CHECK(decode_reply<put_thing>(out, 5).index() == 0);
    out.clear();
    encode_exception_reply<put_thing>(out, 5, invalid_ex{"no"}, false);
    CHECK(std::get<1>(decode_reply<put_thing>(out, 5)).why == "no");
}

TEST_CASE("decode_reply throws application_error for a TApplicationException") {
    std::string out;
    encode_application_exception(out, "get_thing", 5, app_internal_error, "boom", false);
    try {
        decode_reply<get_thing>(out, 5);
        FAIL("no exception");
    } catch (const cppcassa::application_error& e) {
        CHECK(std::string(e.what()) == "boom");
        CHECK(e.type == app_internal_error);
    }
}

TEST_CASE("decode_reply throws missing result for an empty result of a non-void method") {
    const std::string bytes = header("02", "get_thing") + hex("00");
    try {
        decode_reply<get_thing>(bytes, 5);
        FAIL("no exception");
    } catch (const cppcassa::application_error& e) {
        CHECK(std::string(e.what()) == "get_thing failed: unknown result");
        CHECK(e.type == app_missing_result);
    }
}

TEST_CASE("decode_reply refuses a reply with another seqid") {
    REQUIRE_THROWS_WITH(decode_reply<get_thing>(reply_bytes({1, std::nullopt}), 6),
                        Catch::Contains("expected seqid 6") && Catch::Contains("got seqid 5"));
}

TEST_CASE("decode_reply refuses a reply to another method") {
    std::string out;
    encode_reply<put_thing>(out, 5, void_result{}, false);
    REQUIRE_THROWS_AS(decode_reply<get_thing>(out, 5), cppcassa::protocol_error);
    REQUIRE_THROWS_WITH(decode_reply<get_thing>(out, 5),
                        Catch::Contains("expected a reply to 'get_thing'") && Catch::Contains("got 'put_thing'"));
}

TEST_CASE("decode_reply refuses a call message") {
    std::string out;
    encode_call<get_thing>(out, {"k", 1}, 5, false);
    REQUIRE_THROWS_AS(decode_reply<get_thing>(out, 5), cppcassa::protocol_error);
}

TEST_CASE("decode_reply prefers success, then exceptions in declared order, when several are set") {
    // Field 2 (missing_ex), then field 1 (invalid_ex), then an unknown field, then field 0.
    const std::string both = header("02", "get_thing") + hex("0c 00 02 00 0c 00 01 0b 00 01 00 00 00 01 77 00") +
                             hex("08 00 09 00 00 00 01");
    CHECK(std::get<1>(decode_reply<get_thing>(both + hex("00"), 5)).why == "w");
    const auto with_success = both + hex("0c 00 00 08 00 01 00 00 00 03 00 00");
    CHECK(std::get<0>(decode_reply<get_thing>(with_success, 5)).a == 3);
}

TEST_CASE("decode_reply skips a result field of the wrong type") {
    // Field 0 as an i32 instead of the struct: skipped, leaving no result.
    const std::string bytes = header("02", "get_thing") + hex("08 00 00 00 00 00 07 00");
    REQUIRE_THROWS_AS(decode_reply<get_thing>(bytes, 5), cppcassa::application_error);
}

TEST_CASE("a reply truncated at any byte boundary is a protocol error") {
    std::string framed;
    encode_exception_reply<get_thing>(framed, 5, invalid_ex{"why"}, false);
    for (const std::string& whole : {reply_bytes({7, "x"}), framed}) {
        for (std::size_t n = 0; n < whole.size(); ++n) {
            INFO("truncated to " << n << " of " << whole.size() << " bytes");
            REQUIRE_THROWS_AS(decode_reply<get_thing>(std::string_view(whole).substr(0, n), 5),
                              cppcassa::protocol_error);
        }
    }
}

TEST_CASE("decode_reply_into writes the success value over the caller's object") {
    inner out{99, "old"};
    const auto failure = decode_reply_into<get_thing>(reply_bytes({7, std::nullopt}), 5, out);
    CHECK(failure.index() == 0);
    CHECK(out == inner{7, std::nullopt});
}

TEST_CASE("decode_reply_into returns a declared exception as its alternative") {
    std::string bytes;
    encode_exception_reply<get_thing>(bytes, 5, invalid_ex{"bad key"}, false);
    inner out;
    const auto failure = decode_reply_into<get_thing>(bytes, 5, out);
    REQUIRE(failure.index() == 1);
    CHECK(std::get<1>(failure).why == "bad key");
}

TEST_CASE("decode_reply_into prefers success to an exception set before it, as decode_reply does") {
    const std::string both = header("02", "get_thing") + hex("0c 00 02 00 0c 00 00 08 00 01 00 00 00 03 00 00");
    inner out;
    CHECK(decode_reply_into<get_thing>(both, 5, out).index() == 0);
    CHECK(out.a == 3);
}

TEST_CASE("decode_reply_into throws for an empty result and an application exception") {
    inner out;
    REQUIRE_THROWS_AS(decode_reply_into<get_thing>(header("02", "get_thing") + hex("00"), 5, out),
                      cppcassa::application_error);
    std::string app;
    encode_application_exception(app, "get_thing", 5, app_internal_error, "boom", false);
    REQUIRE_THROWS_AS(decode_reply_into<get_thing>(app, 5, out), cppcassa::application_error);
}
