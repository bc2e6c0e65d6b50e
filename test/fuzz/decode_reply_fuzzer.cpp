// libFuzzer target for every codec entry point that reads bytes from a peer.
//
// An input is two selector bytes and a payload:
//   byte 0, bit 0     framed (1) or unframed (0) transport
//   byte 0, bits 1-2  what the payload is: 0 a reply, 1 a call, 2 a bare struct, 3 a reply read
//                     as the reply to the method chosen by byte 1 (mostly out of sync)
//   byte 0, bits 4-7  step of the incremental scan (bytes added per message_scanner::scan)
//   byte 1            a method of all_methods or a struct of all_structs (modulo their count)
// Seeds are written by make_seed_corpus.cpp in this layout.
//
// A cppcassa::error is the expected answer to bad bytes. Anything else escaping (bad_alloc,
// length_error, ...) aborts through libFuzzer, as does a sanitizer report or one of the
// properties below failing (they call std::abort so they hold in release builds too):
//   - framing: the incremental scanner agrees with the one-shot scan, and on unframed bytes the
//     scanner's message size is exactly what the decoder walks (else the stream desyncs);
//   - round trip: whatever decodes re-encodes to bytes that decode and re-encode to the same bytes.
#include "codec/cassandra_methods.hpp"
#include "codec/cassandra_structs.hpp"
#include "codec/framing.hpp"
#include "codec/message.hpp"

#include <cppcassa/errors.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>

namespace {

using namespace cppcassa::codec;

// Small enough that announced lengths reach it, large enough for every seed.
constexpr std::size_t frame_limit = 1024 * 1024;

[[noreturn]] void fail(const char* property, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz property violated: %s %.*s\n", property, static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

// Calls f.template operator()<T>() for T, the i-th type of Tuple.
template <class Tuple, class F>
void with_type_at(std::size_t i, F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        // (void): clang 14 warns that an unused fold over || has no effect (-Wunused-value).
        (void)((i == I ? (f.template operator()<std::tuple_element_t<I, Tuple>>(), true) : false) || ...);
    }(std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

// The index in all_methods of the method called `name`, or nullopt.
std::optional<std::size_t> method_index(std::string_view name) {
    std::optional<std::size_t> found;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)((std::tuple_element_t<I, all_methods>::name == name ? (found = I, true) : false) || ...);
    }(std::make_index_sequence<std::tuple_size_v<all_methods>>{});
    return found;
}

// With CPPCASSA_FUZZ_VERBOSE set, says what each input decoded to (to check that seeds reach
// the decoder they were written for).
void note(std::string_view what, std::string_view detail) {
    static const bool verbose = std::getenv("CPPCASSA_FUZZ_VERBOSE") != nullptr;
    if (verbose)
        std::fprintf(stderr, "  %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
                     static_cast<int>(detail.size()), detail.data());
}

// ---- Framing ----

// A scan's outcome: the message size, nullopt for "need more bytes", or an error.
struct scan_outcome {
    bool threw = false;
    std::optional<std::size_t> size;
};

scan_outcome scan_once(std::string_view data, bool framed) {
    try {
        return {false, complete_message_size(data, framed, frame_limit)};
    } catch (const cppcassa::error&) {
        return {true, std::nullopt};
    }
}

// Feeding the same bytes a few at a time must give the one-shot answer: the scanner resumes
// from saved state, and a bug there desyncs a connection whose replies arrive in pieces.
void check_incremental_scan(std::string_view data, bool framed, std::size_t step, const scan_outcome& whole) {
    message_scanner scanner(framed, frame_limit);
    for (std::size_t n = 0;; n = std::min(n + step, data.size())) {
        std::optional<std::size_t> got;
        try {
            got = scanner.scan(data.substr(0, n));
        } catch (const cppcassa::error& e) {
            if (!whole.threw)
                fail("incremental scan threw where the one-shot scan did not:", e.what());
            return;
        }
        if (got) {
            if (whole.threw || got != whole.size || *got > n)
                fail("incremental scan found another message size than the one-shot scan");
            return;
        }
        if (n == data.size()) {
            if (whole.threw || whole.size)
                fail("incremental scan still needs bytes the one-shot scan did not");
            return;
        }
    }
}

// Walks one unframed message with the decoder's reader; its size, or nullopt if it is invalid.
std::optional<std::size_t> reader_walk(std::string_view data) {
    try {
        binary_reader r(data);
        r.read_message_begin();
        skip(r, wire_type::struct_);
        return r.offset();
    } catch (const cppcassa::error&) {
        return std::nullopt;
    }
}

// On an unframed stream the scanner decides where the next message starts; it must agree with
// what the decoder reads, or the connection hands the decoder a cut or overlong message.
void check_scanner_matches_reader(std::string_view data, const scan_outcome& scanned) {
    const auto walked = reader_walk(data);
    if (scanned.size != walked)
        fail("unframed scanner and reader disagree on the message size");
    if (walked && reader_walk(data.substr(0, *walked)) != walked)
        fail("reader cannot walk the message the scanner delimited");
}

// ---- Round trips ----

template <described_struct T>
std::string encoded(const T& v) {
    std::string out;
    binary_writer w(out);
    encode(w, v);
    return out;
}

// encode(decode(encode(v))) == encode(v): a decoded value survives a round trip. Bytes are
// compared rather than values so a NaN double is not a false alarm.
template <described_struct T>
void check_struct_round_trip(const T& v) {
    const std::string first = encoded(v);
    T again{};
    try {
        binary_reader r(first);
        decode(r, again);
        if (r.remaining() != 0)
            fail("re-encoded struct leaves bytes unread:", struct_info<T>::name);
    } catch (const cppcassa::error& e) {
        fail("re-encoded struct does not decode:", e.what());
    }
    if (encoded(again) != first)
        fail("struct changes in a round trip:", struct_info<T>::name);
}

template <method M>
std::string encoded_reply(const reply_of<M>& reply, std::int32_t seqid) {
    std::string out;
    std::visit(
        [&]<class V>(const V& v) {
            if constexpr (std::is_same_v<V, typename M::result>)
                encode_reply<M>(out, seqid, v, false);
            else
                encode_exception_reply<M>(out, seqid, v, false);
        },
        reply);
    return out;
}

template <method M>
void check_reply_round_trip(const reply_of<M>& reply, std::int32_t seqid) {
    const std::string first = encoded_reply<M>(reply, seqid);
    std::optional<reply_of<M>> again;
    try {
        again = decode_reply<M>(first, seqid);
    } catch (const cppcassa::error& e) {
        fail("re-encoded reply does not decode:", e.what());
    }
    if (again->index() != reply.index())
        fail("reply changes alternative in a round trip:", M::name);
    if (encoded_reply<M>(*again, seqid) != first)
        fail("reply changes in a round trip:", M::name);
}

// ---- The decoders ----

void decode_as_reply(std::string_view body, std::size_t chosen, bool by_name) {
    std::int32_t seqid = 0;
    std::size_t index = chosen % std::tuple_size_v<all_methods>;
    try {
        binary_reader r(body);
        const auto h = r.read_message_begin();
        seqid = h.seqid;
        if (by_name)
            index = method_index(h.name).value_or(index);
    } catch (const cppcassa::error&) {
        // decode_reply below must reject it the same way.
    }
    with_type_at<all_methods>(index, [&]<class M>() {
        std::optional<reply_of<M>> reply;
        try {
            reply = decode_reply<M>(body, seqid);
        } catch (const cppcassa::error& e) {
            note(M::name, e.what());
            return;
        }
        note(M::name, reply->index() == 0 ? "reply decoded" : "declared exception decoded");
        check_reply_round_trip<M>(*reply, seqid);
    });
}

void decode_as_call(std::string_view body, std::size_t chosen) {
    binary_reader r(body);
    std::size_t index = chosen % std::tuple_size_v<all_methods>;
    try {
        const auto h = read_call_header(r);
        index = method_index(h.name).value_or(index);
    } catch (const cppcassa::error& e) {
        note("call", e.what());
        return;
    }
    with_type_at<all_methods>(index, [&]<class M>() {
        std::optional<typename M::args> args;
        try {
            args = decode_call_args<M>(r);
        } catch (const cppcassa::error& e) {
            note(M::name, e.what());
            return;
        }
        note(M::name, "call decoded");
        check_struct_round_trip(*args);
    });
}

void decode_as_struct(std::string_view payload, std::size_t chosen) {
    with_type_at<all_structs>(chosen % std::tuple_size_v<all_structs>, [&]<class T>() {
        T v{};
        try {
            binary_reader r(payload);
            decode(r, v);
        } catch (const cppcassa::error& e) {
            note(struct_info<T>::name, e.what());
            return;
        }
        note(struct_info<T>::name, "struct decoded");
        check_struct_round_trip(v);
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2)
        return 0;
    const bool framed = (data[0] & 1u) != 0;
    const unsigned kind = (data[0] >> 1) & 3u;
    const std::size_t step = 1 + (data[0] >> 4);
    const std::size_t chosen = data[1];
    const std::string_view payload(reinterpret_cast<const char*>(data) + 2, size - 2);

    // Both transports see every payload: framing is the first thing to touch peer bytes.
    const scan_outcome as_framed = scan_once(payload, true);
    const scan_outcome as_unframed = scan_once(payload, false);
    check_incremental_scan(payload, true, step, as_framed);
    check_incremental_scan(payload, false, step, as_unframed);
    check_scanner_matches_reader(payload, as_unframed);

    if (kind == 2) {
        decode_as_struct(payload, chosen);
        return 0;
    }
    const scan_outcome& scanned = framed ? as_framed : as_unframed;
    if (!scanned.size) {
        note("framing", scanned.threw ? "invalid" : "incomplete");
        return 0;
    }
    const std::string_view body = message_body(payload.substr(0, *scanned.size), framed);
    if (kind == 1)
        decode_as_call(body, chosen);
    else
        decode_as_reply(body, chosen, kind == 0);
    return 0;
}
