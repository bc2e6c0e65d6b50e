// The connection's call pipeline without a socket: requests out as bytes, replies in as bytes,
// time as plain time points.
#include "codec/binary_reader.hpp"
#include "codec/cassandra_methods.hpp"
#include "codec/message.hpp"
#include "net/call_pipeline.hpp"
#include "net/typed_call.hpp"

#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using cppcassa::net::call_pipeline;
using cppcassa::net::pending_call;
using cppcassa::net::pipeline_actions;
using cppcassa::net::pipeline_settings;
namespace codec = cppcassa::codec;
namespace methods = cppcassa::codec::methods;
using clock_type = call_pipeline::clock;

namespace {

template <codec::method M>
using test_call = cppcassa::net::typed_call<M, pending_call>;
using version_call = test_call<methods::describe_version>;

const clock_type::time_point t0 = clock_type::time_point() + 1000h;

pipeline_settings settings(bool framed = true) {
    return {.endpoint = "10.9.8.7:9160", .framed = framed, .frame_limit = 1024 * 1024, .max_in_flight = 8};
}

call_pipeline open_pipeline(pipeline_settings s = settings()) {
    call_pipeline p(std::move(s));
    p.open();
    return p;
}

template <codec::method M>
pipeline_actions submit(call_pipeline& p, test_call<M>& call, const typename M::args& args = {}) {
    return p.submit(call, [&](std::string& out, std::int32_t seqid) {
        codec::encode_call<M>(out, args, seqid, p.settings().framed);
    });
}

std::string version_reply(std::int32_t seqid, const std::string& version, bool framed = true) {
    std::string out;
    codec::encode_reply<methods::describe_version>(out, seqid, version, framed);
    return out;
}

// Puts `bytes` into the pipeline `chunk` bytes per read; the actions of every read, summed.
pipeline_actions feed(call_pipeline& p, std::string_view bytes, std::size_t chunk = std::string_view::npos) {
    pipeline_actions all;
    while (!bytes.empty()) {
        const std::size_t n = std::min(bytes.size(), chunk);
        const auto space = p.read_space();
        REQUIRE(space.size() >= n);
        std::memcpy(space.data(), bytes.data(), n);
        all += p.received(n);
        bytes.remove_prefix(n);
    }
    return all;
}

std::vector<pending_call*> drain(call_pipeline& p) {
    std::vector<pending_call*> out;
    while (pending_call* c = p.pop_completed())
        out.push_back(c);
    return out;
}

// The method names and seqids of the requests in `bytes` (framed).
std::vector<std::pair<std::string, std::int32_t>> requests_in(std::string_view bytes) {
    std::vector<std::pair<std::string, std::int32_t>> out;
    while (auto size = codec::complete_message_size(bytes, true, 1 << 20)) {
        codec::binary_reader r(codec::message_body(bytes.substr(0, *size), true));
        const auto header = codec::read_call_header(r);
        out.emplace_back(std::string(header.name), header.seqid);
        bytes.remove_prefix(*size);
    }
    REQUIRE(bytes.empty());
    return out;
}

template <class E>
std::string message_of_error(const std::exception_ptr& error) {
    REQUIRE(error);
    try {
        std::rethrow_exception(error);
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("unexpected exception: " << e.what());
    }
    return {};
}

}  // namespace

TEST_CASE("calls take consecutive seqids and their requests queue back to back until written") {
    auto p = open_pipeline();
    version_call a, b;
    const auto first = submit<methods::describe_version>(p, a);
    CHECK(first.write);
    submit<methods::describe_version>(p, b);
    CHECK(p.in_flight() == 2);
    const auto requests = requests_in(p.unsent());
    REQUIRE(requests.size() == 2);
    CHECK(requests[0] == std::pair<std::string, std::int32_t>{"describe_version", 1});
    CHECK(requests[1] == std::pair<std::string, std::int32_t>{"describe_version", 2});
    const std::size_t total = p.unsent().size();
    p.sent(5);
    CHECK(p.unsent().size() == total - 5);
    p.sent(total - 5);
    CHECK(p.unsent().empty());
}

TEST_CASE("replies complete their calls in request order, a reply split at every byte only once whole") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    const std::string both = version_reply(1, "19.39.0") + version_reply(2, "20.1.0");
    const auto actions = feed(p, both, 1);
    CHECK(actions.resume);
    CHECK(actions.freed_slots == 2);
    CHECK(drain(p) == std::vector<pending_call*>{&a, &b});
    CHECK(a.result == "19.39.0");
    CHECK(b.result == "20.1.0");
    CHECK_FALSE(a.error);
    CHECK(p.in_flight() == 0);
    CHECK(p.is_open());
}

TEST_CASE("a half-arrived reply completes nothing") {
    auto p = open_pipeline();
    version_call a;
    submit<methods::describe_version>(p, a);
    const std::string reply = version_reply(1, "20.1.0");
    const auto actions = feed(p, std::string_view(reply).substr(0, reply.size() - 1));
    CHECK_FALSE(actions.resume);
    CHECK(p.pop_completed() == nullptr);
    feed(p, std::string_view(reply).substr(reply.size() - 1));
    CHECK(drain(p) == std::vector<pending_call*>{&a});
}

TEST_CASE("the unframed transport finds each reply by walking it") {
    auto p = open_pipeline(settings(false));
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    feed(p, version_reply(1, "x", false) + version_reply(2, "y", false), 3);
    CHECK(drain(p).size() == 2);
    CHECK(a.result == "x");
    CHECK(b.result == "y");
}

TEST_CASE("a declared server exception fails only its call and the pipeline stays open") {
    auto p = open_pipeline();
    test_call<methods::get> missing;
    version_call after;
    submit<methods::get>(p, missing);
    submit<methods::describe_version>(p, after);
    std::string bytes;
    codec::encode_exception_reply<methods::get>(bytes, 1, cppcassa::thrift::NotFoundException{}, true);
    bytes += version_reply(2, "20.1.0");
    feed(p, bytes);
    CHECK(drain(p).size() == 2);
    CHECK_THAT(message_of_error<cppcassa::not_found>(missing.error), Catch::Contains("10.9.8.7:9160"));
    CHECK(after.result == "20.1.0");
    CHECK(p.is_open());
}

TEST_CASE("a reply out of sequence fails the head call with protocol_error and the others with connection_closed") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    const auto actions = feed(p, version_reply(7, "20.1.0"));
    CHECK(actions.closed);
    CHECK_FALSE(p.is_open());
    CHECK(drain(p) == std::vector<pending_call*>{&a, &b});
    message_of_error<cppcassa::protocol_error>(a.error);
    CHECK_THAT(message_of_error<cppcassa::connection_closed>(b.error),
               Catch::Contains("malformed reply") && Catch::Contains("may have been applied"));
}

TEST_CASE("a reply when no call waits closes the pipeline") {
    auto p = open_pipeline();
    const auto actions = feed(p, version_reply(1, "20.1.0"));
    CHECK(actions.closed);
    CHECK_THAT(p.closed_reason(), Catch::Contains("a reply to no call"));
}

TEST_CASE("a frame announced beyond the frame limit fails the call from its 4-byte prefix") {
    auto p = open_pipeline();
    version_call a;
    submit<methods::describe_version>(p, a);
    const std::string prefix("\x7f\x00\x00\x00", 4);
    const auto actions = feed(p, prefix);
    CHECK(actions.closed);
    CHECK(drain(p) == std::vector<pending_call*>{&a});
    message_of_error<cppcassa::frame_too_large>(a.error);
}

TEST_CASE("the timer moves only for an earlier deadline, and re-arms for the next one when nothing is due") {
    auto p = open_pipeline();
    version_call late, soon;
    late.deadline = t0 + 10s;
    soon.deadline = t0 + 1s;
    CHECK(submit<methods::describe_version>(p, late).arm_timer == t0 + 10s);
    CHECK(submit<methods::describe_version>(p, soon).arm_timer == t0 + 1s);
    version_call later;
    later.deadline = t0 + 20s;
    CHECK(submit<methods::describe_version>(p, later).arm_timer == clock_type::time_point::max());

    // `late` and `soon` are answered; only `later` still waits.
    feed(p, version_reply(1, "a") + version_reply(2, "b"));
    drain(p);
    const auto actions = p.expire(t0 + 1s);  // soon's deadline: it was answered, nothing is due
    CHECK_FALSE(actions.closed);
    CHECK(actions.arm_timer == t0 + 20s);
    CHECK(p.is_open());
}

TEST_CASE("a call past its deadline fails with call_timeout and the others with connection_closed naming it") {
    auto p = open_pipeline();
    version_call slow, behind;
    slow.deadline = t0 + 1s;
    slow.timeout = 1000ms;
    behind.deadline = t0 + 60s;
    submit<methods::describe_version>(p, slow);
    submit<methods::describe_version>(p, behind);
    CHECK_FALSE(p.expire(t0 + 999ms).closed);
    const auto actions = p.expire(t0 + 1s);
    CHECK(actions.closed);
    CHECK(drain(p).size() == 2);
    CHECK_THAT(message_of_error<cppcassa::call_timeout>(slow.error),
               Catch::Contains("describe_version on 10.9.8.7:9160: no reply within 1000 ms"));
    const auto other = message_of_error<cppcassa::connection_closed>(behind.error);
    CHECK_THAT(other, Catch::Contains("timed out, which leaves the reply stream out of sync"));
    CHECK(cppcassa::connection_closed("x").retryable());
}

TEST_CASE("cancelling a waiting call fails it with the caller's error and closes the stream") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    const auto actions = p.cancel(b, std::make_exception_ptr(cppcassa::call_cancelled("given up")));
    CHECK(actions.closed);
    CHECK(drain(p).size() == 2);
    CHECK_THAT(message_of_error<cppcassa::connection_closed>(a.error), Catch::Contains("was cancelled"));
    CHECK_THAT(message_of_error<cppcassa::call_cancelled>(b.error), Catch::Equals("given up"));
}

TEST_CASE("the calls a cancellation closes the stream under blame the cancelled call, not the server") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    p.cancel(a, std::make_exception_ptr(cppcassa::call_cancelled("given up")));
    drain(p);
    REQUIRE(b.error);
    try {
        std::rethrow_exception(b.error);
    } catch (const cppcassa::connection_closed& e) {
        CHECK(e.caused_by_request);  // a pool retries it without marking the server down
        CHECK(e.retryable());
    }
}

TEST_CASE("a call on a closed pipeline completes at once with connection_closed and writes nothing") {
    auto p = open_pipeline();
    p.close("the connection was closed by close()");
    version_call a;
    const auto actions = submit<methods::describe_version>(p, a);
    CHECK(actions.resume);
    CHECK_FALSE(actions.write);
    CHECK(p.unsent().empty());
    CHECK(drain(p) == std::vector<pending_call*>{&a});
    CHECK_THAT(message_of_error<cppcassa::connection_closed>(a.error),
               Catch::Contains("the connection is closed (the connection was closed by close())"));
    CHECK(p.close("again").closed == false);  // idempotent
}

TEST_CASE("a call before the pipeline opened fails as closed") {
    call_pipeline p(settings());
    version_call a;
    submit<methods::describe_version>(p, a);
    CHECK_THAT(message_of_error<cppcassa::connection_closed>(a.error), Catch::Contains("connect() was not called"));
}

TEST_CASE("an asynchronous write keeps its bytes while later requests queue behind it") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    p.sent(3);  // a partial synchronous send, then the rest asynchronously
    const auto in_write = p.begin_write();
    const std::string copy(in_write);
    CHECK(p.writing());
    CHECK(p.unsent().empty());
    CHECK_FALSE(submit<methods::describe_version>(p, b).write);  // the write in progress sends it later
    CHECK(in_write == copy);                                     // untouched by the new request
    CHECK(requests_in(p.unsent()).size() == 1);
    CHECK(p.end_write().write);
    CHECK_FALSE(p.writing());
}

TEST_CASE("a failed write fails every waiting call with connection_closed") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    p.begin_write();
    const auto actions = p.write_failed("Broken pipe");
    CHECK(actions.closed);
    CHECK(drain(p).size() == 2);
    CHECK_THAT(message_of_error<cppcassa::connection_closed>(a.error),
               Catch::Contains("writing to 10.9.8.7:9160 failed: Broken pipe"));
    message_of_error<cppcassa::connection_closed>(b.error);
}

TEST_CASE("the end of the stream in the middle of a reply says how much of it arrived") {
    auto p = open_pipeline();
    version_call a;
    submit<methods::describe_version>(p, a);
    feed(p, version_reply(1, "20.1.0").substr(0, 6));
    CHECK(p.end_of_stream().closed);
    CHECK_THAT(message_of_error<cppcassa::connection_closed>(a.error),
               Catch::Contains("closed the connection in the middle of a reply (6 bytes of it received)"));
}

TEST_CASE("each reply frees one in-flight slot") {
    auto p = open_pipeline();
    std::vector<version_call> calls(8);
    for (auto& c : calls)
        submit<methods::describe_version>(p, c);
    CHECK_FALSE(p.has_free_slot());
    const auto actions = feed(p, version_reply(1, "a"));
    CHECK(actions.freed_slots == 1);
    CHECK(p.has_free_slot());
}

TEST_CASE("seqids wrap from INT32_MAX to 1 instead of overflowing") {
    auto s = settings();
    s.first_seqid = std::numeric_limits<std::int32_t>::max();
    auto p = open_pipeline(s);
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    CHECK(a.seqid == std::numeric_limits<std::int32_t>::max());
    CHECK(b.seqid == 1);
    feed(p, version_reply(a.seqid, "a") + version_reply(1, "b"));
    CHECK(drain(p).size() == 2);
    CHECK(b.result == "b");
}

TEST_CASE("a request over the request limit is refused with request_too_large, unsent, and the calls around it go on") {
    auto s = settings();
    s.request_limit = 200;
    auto p = open_pipeline(s);
    version_call before;
    submit<methods::describe_version>(p, before);
    const std::size_t queued = p.unsent().size();

    test_call<methods::insert> big;
    cppcassa::thrift::insert_args args;
    args.key = "k";
    args.column_parent.column_family = "Standard1";
    args.column.name = "c";
    args.column.value = std::string(300, 'v');
    args.column.timestamp = 1;
    const auto refused = submit<methods::insert>(p, big, args);
    CHECK(refused.resume);
    CHECK_FALSE(refused.write);
    CHECK(p.unsent().size() == queued);  // nothing of it was queued
    CHECK(p.in_flight() == 1);
    REQUIRE(drain(p) == std::vector<pending_call*>{&big});
    REQUIRE(big.error);
    try {
        std::rethrow_exception(big.error);
    } catch (const cppcassa::request_too_large& e) {
        CHECK(e.method == "insert");
        CHECK(e.size > 300);
        CHECK(e.limit == 200);
        CHECK_FALSE(e.retryable());
        CHECK_THAT(std::string(e.what()), Catch::Contains("insert on 10.9.8.7:9160") &&
                                              Catch::Contains("over the connection's request limit of 200 bytes") &&
                                              Catch::Contains("not sent"));
    }
    CHECK(p.is_open());

    // The pipeline goes on: the calls before and after the refused one are answered in order.
    version_call after;
    submit<methods::describe_version>(p, after);
    const auto requests = requests_in(p.unsent());
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].first == "describe_version");
    p.sent(p.unsent().size());
    feed(p, version_reply(requests[0].second, "19.39.0") + version_reply(requests[1].second, "20.1.0"));
    CHECK(drain(p) == std::vector<pending_call*>{&before, &after});
    CHECK_FALSE(before.error);
    CHECK_FALSE(after.error);
}

TEST_CASE("a request of exactly the request limit is sent") {
    auto p = open_pipeline();
    version_call probe;
    submit<methods::describe_version>(p, probe);
    const std::size_t message = p.unsent().size() - 4;  // without the frame prefix

    auto s = settings();
    s.request_limit = message;
    auto exact = open_pipeline(s);
    version_call a;
    const auto actions = submit<methods::describe_version>(exact, a);
    CHECK(actions.write);
    CHECK(exact.in_flight() == 1);
    CHECK_FALSE(a.error);
}

TEST_CASE("an encoder that throws leaves nothing of its request queued") {
    auto p = open_pipeline();
    version_call before;
    submit<methods::describe_version>(p, before);
    const std::string queued(p.unsent());
    version_call broken;
    CHECK_THROWS_AS(p.submit(broken,
                             [](std::string& out, std::int32_t) {
                                 out.append("half a request");
                                 throw cppcassa::protocol_error("cannot encode");
                             }),
                    cppcassa::protocol_error);
    CHECK(p.unsent() == queued);
    CHECK(p.in_flight() == 1);
}

TEST_CASE("a server closing the stream on an oversized request fails that request with request_too_large, not as the server's fault") {
    // A request limit raised past Cassandra's default 15 MiB frame: the server may close on it.
    auto s = settings();
    s.request_limit = 64 * 1024 * 1024;
    for (const int how : {0, 1, 2}) {
        auto p = open_pipeline(s);
        version_call small;
        submit<methods::describe_version>(p, small);
        test_call<methods::insert> big;
        cppcassa::thrift::insert_args args;
        args.key = "k";
        args.column_parent.column_family = "Standard1";
        args.column.name = "c";
        args.column.value = std::string(16 * 1024 * 1024, 'v');
        args.column.timestamp = 1;
        submit<methods::insert>(p, big, args);
        const auto actions = how == 0   ? p.end_of_stream()
                             : how == 1 ? p.read_failed("Connection reset by peer")
                                        : p.write_failed("Broken pipe");
        CHECK(actions.closed);
        const auto done = drain(p);
        REQUIRE(done.size() == 2);
        REQUIRE(big.error);
        try {
            std::rethrow_exception(big.error);
        } catch (const cppcassa::request_too_large& e) {
            CHECK(e.method == "insert");
            CHECK(e.size > 16u * 1024 * 1024);
            CHECK_THAT(std::string(e.what()), Catch::Contains("thrift_framed_transport_size_in_mb"));
        }
        REQUIRE(small.error);
        try {
            std::rethrow_exception(small.error);
        } catch (const cppcassa::connection_closed& e) {
            CHECK(e.caused_by_request);
            CHECK(e.retryable());
            CHECK_THAT(std::string(e.what()), Catch::Contains("-byte insert request"));
        }
    }
}

TEST_CASE("a stream closed with no oversized request in flight fails its calls as the server's connection_closed") {
    auto p = open_pipeline();
    version_call a;
    submit<methods::describe_version>(p, a);
    p.end_of_stream();
    drain(p);
    REQUIRE(a.error);
    try {
        std::rethrow_exception(a.error);
    } catch (const cppcassa::connection_closed& e) {
        CHECK_FALSE(e.caused_by_request);
    }
}

TEST_CASE("a TLS alert as the first bytes fails the call with tls_error saying the port requires TLS") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    // A TLS 1.2 fatal alert (unexpected_message), arriving a byte at a time.
    const std::string alert("\x15\x03\x03\x00\x02\x02\x0a", 7);
    const auto actions = feed(p, alert, 1);
    CHECK(actions.closed);
    CHECK(drain(p) == std::vector<pending_call*>{&a, &b});
    CHECK_THAT(message_of_error<cppcassa::tls_error>(a.error),
               Catch::Contains("10.9.8.7:9160") && Catch::Contains("requires TLS") &&
                   Catch::Contains("connection_config::tls"));
    CHECK_THAT(message_of_error<cppcassa::connection_closed>(b.error), Catch::Contains("answered with TLS"));
}

TEST_CASE("bytes that look like a TLS record inside a reply are Thrift's") {
    auto p = open_pipeline();
    version_call a, b;
    submit<methods::describe_version>(p, a);
    submit<methods::describe_version>(p, b);
    feed(p, version_reply(1, "20.1.0"));
    // The second reply arrives in two reads, the second of them starting like a TLS alert.
    const std::string tls_like("\x15\x03\x03", 3);
    const std::string reply = version_reply(2, tls_like);
    feed(p, std::string_view(reply).substr(0, reply.size() - 3));
    const auto actions = feed(p, std::string_view(reply).substr(reply.size() - 3));
    CHECK_FALSE(actions.closed);
    CHECK(drain(p) == std::vector<pending_call*>{&a, &b});
    CHECK_FALSE(b.error);
    CHECK(*b.result == tls_like);
}
