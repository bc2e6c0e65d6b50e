// Finding where a message ends in a byte stream: framed by its prefix, unframed by its structure,
// and the same answer however the bytes are split.
#include "codec/framing.hpp"
#include "codec/message.hpp"
#include "unit/codec_test_support.hpp"

#include "support/catch.hpp"

#include <string>

using namespace cppcassa::codec;
using namespace codec_test;

namespace {

std::string rich_reply(bool framed) {
    everything e;
    e.longs = {1, 2, 3};
    e.names = {"a", "b"};
    e.counts = {{"k", 1}};
    e.inners = {{1, "x"}, {2, std::nullopt}};
    e.deep = {{3, {{4, "y"}}}};
    e.flags = {true};
    const inner result{7, "seven"};
    // A reply holding every kind of value, so the unframed walk meets them all.
    std::string body;
    binary_writer w(body);
    w.write_message_begin("get_thing", message_type::reply, 5);
    w.write_field_begin(wire_type::struct_, 9);
    write_value(w, e);
    w.write_field_begin(wire_type::struct_, 0);
    write_value(w, result);
    w.write_field_stop();
    if (!framed)
        return body;
    std::string prefixed = hex("00 00 00 00") + body;
    prefixed[3] = static_cast<char>(body.size() & 0xff);
    prefixed[2] = static_cast<char>(body.size() >> 8);
    return prefixed;
}

}  // namespace

TEST_CASE("a reply fed byte by byte is incomplete until its last byte, framed or not") {
    for (bool framed : {true, false}) {
        INFO("framed: " << framed);
        const std::string whole = rich_reply(framed);
        for (std::size_t n = 0; n < whole.size(); ++n) {
            INFO(n << " of " << whole.size() << " bytes");
            REQUIRE_FALSE(complete_message_size(std::string_view(whole).substr(0, n), framed, 1 << 20));
        }
        REQUIRE(complete_message_size(whole, framed, 1 << 20) == whole.size());
        // The next message's first bytes do not change the answer.
        REQUIRE(complete_message_size(whole + whole.substr(0, 7), framed, 1 << 20) == whole.size());
        const auto reply = decode_reply<get_thing>(message_body(whole, framed), 5);
        CHECK(std::get<0>(reply) == inner{7, "seven"});
    }
}

TEST_CASE("a scanner resumes across reads in a moving buffer and finds the same end") {
    for (bool framed : {true, false}) {
        INFO("framed: " << framed);
        const std::string whole = rich_reply(framed);
        message_scanner scanner(framed, 1 << 20);
        std::optional<std::size_t> size;
        for (std::size_t n = 0; n <= whole.size() && !size; ++n) {
            const std::string copy = whole.substr(0, n);  // a fresh buffer each time, as after a realloc
            size = scanner.scan(copy);
            if (n < whole.size())
                REQUIRE_FALSE(size);
        }
        CHECK(size == whole.size());
        scanner.reset();
        CHECK(scanner.scan(whole) == whole.size());
    }
}

TEST_CASE("a frame announcing more than the limit fails before its body arrives") {
    const std::string prefix = hex("00 01 00 01");  // 65537 bytes
    try {
        complete_message_size(prefix, true, 65536);
        FAIL("no exception");
    } catch (const cppcassa::frame_too_large& e) {
        CHECK(e.announced == 65537);
        CHECK(e.limit == 65536);
    }
    CHECK_FALSE(complete_message_size(prefix, true, 65537));
    CHECK_FALSE(complete_message_size(hex("00 01"), true, 1));
}

TEST_CASE("a negative frame length is a protocol error hinting at unframed transport") {
    // What a framed client sees from an unframed server: the strict version word.
    REQUIRE_THROWS_WITH(complete_message_size(hex("80 01 00 02"), true, 1 << 20),
                        Catch::Contains("negative Thrift frame length") && Catch::Contains("unframed"));
}

TEST_CASE("an unframed message exceeding the limit fails while still incomplete") {
    // A string announced at 1 MiB inside a 64 KiB limit is refused as soon as its length is read.
    std::string bytes;
    binary_writer w(bytes);
    w.write_message_begin("get_thing", message_type::reply, 5);
    w.write_field_begin(wire_type::string, 0);
    w.write_i32(1 << 20);
    REQUIRE_THROWS_AS(complete_message_size(bytes, false, 1 << 16), cppcassa::frame_too_large);
    // So is a stream of small values that simply goes on past the limit.
    std::string many;
    binary_writer m(many);
    m.write_message_begin("get_thing", message_type::reply, 5);
    for (int i = 0; i < 100; ++i) {
        m.write_field_begin(wire_type::i64, 1);
        m.write_i64(i);
    }
    REQUIRE_THROWS_AS(complete_message_size(many, false, 500), cppcassa::frame_too_large);
    CHECK_FALSE(complete_message_size(many, false, 2000));
}

TEST_CASE("an unframed stream of malformed bytes is a protocol error, not a wait") {
    CHECK_THROWS_WITH(complete_message_size(hex("80 02 00 02 00 00 00 00"), false, 1 << 20),
                      Catch::StartsWith("bad Thrift version"));
    CHECK_THROWS_WITH(complete_message_size(hex("80 01 00 09 00 00 00 00"), false, 1 << 20),
                      Catch::StartsWith("unknown message type 9"));
    const std::string head = hex("80 01 00 02 00 00 00 00 00 00 00 05");
    CHECK_THROWS_WITH(complete_message_size(head + hex("07 00 01"), false, 1 << 20),
                      Catch::Contains("unknown Thrift wire type 7"));
    CHECK_THROWS_WITH(complete_message_size(head + hex("0b 00 01 ff ff ff ff"), false, 1 << 20),
                      Catch::Contains("negative string length"));
    CHECK_THROWS_WITH(complete_message_size(head + hex("0f 00 01 0c ff ff ff ff"), false, 1 << 20),
                      Catch::Contains("negative list/set size"));
}

TEST_CASE("an unframed message nested 65 levels deep is refused") {
    std::string bytes = hex("80 01 00 02 00 00 00 00 00 00 00 05");
    for (int i = 0; i < 64; ++i)
        bytes += hex("0c 00 01");
    REQUIRE_THROWS_WITH(complete_message_size(bytes, false, 1 << 20), Catch::Contains("deeper than 64"));
    std::string ok = hex("80 01 00 02 00 00 00 00 00 00 00 05");
    for (int i = 0; i < 63; ++i)
        ok += hex("0c 00 01");
    ok += std::string(64, '\0');
    CHECK(complete_message_size(ok, false, 1 << 20) == ok.size());
}

TEST_CASE("message_body strips the frame prefix only when framed") {
    CHECK(message_body("abcdef", true) == "ef");
    CHECK(message_body("abcdef", false) == "abcdef");
}
