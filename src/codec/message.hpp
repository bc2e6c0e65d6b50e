// Whole Thrift messages: a call as the client sends it, a reply as the server sends it back.
//
// Byte-for-byte what Apache Thrift's generated C++ writes: a call carries the "<method>_args"
// struct with every field; a reply carries the "<method>_result" struct with exactly one field
// (0 for the return value, or the id of the declared exception raised), and a failure outside the
// IDL travels as a message of type `exception` holding a TApplicationException.
#pragma once

#include "codec/binary_reader.hpp"
#include "codec/binary_writer.hpp"
#include "codec/descriptors.hpp"
#include "codec/skip.hpp"
#include "codec/struct_codec.hpp"
#include "codec/wire_type.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace cppcassa::codec {

// TApplicationException type codes used here (Apache's TApplicationExceptionType).
inline constexpr std::int32_t app_unknown_method = 1;
inline constexpr std::int32_t app_missing_result = 5;
inline constexpr std::int32_t app_internal_error = 6;

namespace detail {

template <class Tuple>
struct reply_variant;
template <class... Throws>
struct reply_variant<std::tuple<Throws...>> {
    template <class Result>
    using type = std::variant<Result, typename Throws::type...>;
};

// Framed transport: a 4-byte big-endian length before each message. The placeholder is written
// first and patched once the message's size is known, so encoding needs no second buffer.
inline std::size_t begin_message(std::string& out, bool framed) {
    const std::size_t start = out.size();
    if (framed)
        out.append(4, '\0');
    return start;
}
void end_message(std::string& out, std::size_t start, bool framed);

void check_reply_header(const message_header& h, std::string_view name, std::int32_t expected_seqid);
[[noreturn]] void throw_application_exception(binary_reader& r, std::string_view method);
[[noreturn]] void throw_missing_result(std::string_view method);

}  // namespace detail

// What a call can come back with: M's result (void_result for a void method) or one of its
// declared exceptions, in the order of M::exceptions.
template <method M>
using reply_of = typename detail::reply_variant<typename M::exceptions>::template type<typename M::result>;

// ---- Client side ----

// Appends one whole call message of method M (with its 4-byte length prefix when `framed`).
template <method M>
void encode_call(std::string& out, const typename M::args& args, std::int32_t seqid, bool framed) {
    const std::size_t start = detail::begin_message(out, framed);
    binary_writer w(out);
    w.write_message_begin(M::name, message_type::call, seqid);
    encode(w, args);
    detail::end_message(out, start, framed);
}

namespace detail {

// Reads a reply to a call of M and decodes the field it carries into `slot(index)`: index 0 for
// the result, i + 1 for M's i-th declared exception. Returns the index decoded, or npos for a
// reply with no field set. When a (malformed) result sets several fields, the one Apache's client
// checks first wins: success, then exceptions in IDL order.
template <method M, class Slot>
std::size_t read_reply(std::string_view message, std::int32_t expected_seqid, Slot&& slot) {
    using exceptions = typename M::exceptions;
    constexpr bool is_void = std::is_same_v<typename M::result, void_result>;
    binary_reader r(message);
    const message_header h = r.read_message_begin();
    check_reply_header(h, M::name, expected_seqid);
    if (h.type == message_type::exception)
        throw_application_exception(r, M::name);

    std::size_t have = std::variant_npos;
    auto take = [&]<std::size_t I>(std::integral_constant<std::size_t, I> index) {
        if constexpr (I > 0) {
            if (have != std::variant_npos && have < I) {
                skip(r, wire_type::struct_);  // exceptions are always structs
                return;
            }
        }
        read_value(r, slot(index));
        have = I;
    };
    auto depth = r.nest();
    for (auto f = r.read_field_begin(); f.type != wire_type::stop; f = r.read_field_begin()) {
        bool known = false;
        if constexpr (!is_void) {
            if (f.id == 0 && f.type == wire_type_of<typename M::result>) {
                take(std::integral_constant<std::size_t, 0>{});
                known = true;
            }
        }
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((!known && f.id == std::tuple_element_t<I, exceptions>::id && f.type == wire_type::struct_
                  ? (take(std::integral_constant<std::size_t, I + 1>{}), known = true)
                  : false),
             ...);
        }(std::make_index_sequence<std::tuple_size_v<exceptions>>{});
        if (!known)
            skip(r, f.type);
    }
    return have;
}

}  // namespace detail

// Decodes the reply to a call of M sent with `expected_seqid`; `message` has no frame prefix.
// A declared exception is returned (as its alternative), not thrown: the caller maps it to a
// cppcassa exception with its own context. Throws application_error for a TApplicationException
// or a result with no field set, protocol_error for anything malformed or out of sync.
template <method M>
reply_of<M> decode_reply(std::string_view message, std::int32_t expected_seqid) {
    reply_of<M> reply;
    const std::size_t have = detail::read_reply<M>(
        message, expected_seqid,
        [&]<std::size_t I>(std::integral_constant<std::size_t, I>) -> auto& { return reply.template emplace<I>(); });
    if (have == std::variant_npos) {
        if constexpr (std::is_same_v<typename M::result, void_result>)
            return reply_of<M>{std::in_place_index<0>};
        else
            detail::throw_missing_result(M::name);
    }
    return reply;
}

// What a reply decoded in place can come back with besides its result: nothing (monostate, the
// result is in the caller's object) or one of M's declared exceptions.
template <method M>
using failure_of = typename detail::reply_variant<typename M::exceptions>::template type<std::monostate>;

// decode_reply for the reuse form of reads: the result is decoded over `out`, reusing the memory
// its strings and vectors already hold, so reading the same shape again allocates nothing. Throws
// as decode_reply does; after a throw or a declared exception `out`'s contents are unspecified.
template <method M>
failure_of<M> decode_reply_into(std::string_view message, std::int32_t expected_seqid, typename M::result& out) {
    static_assert(!std::is_same_v<typename M::result, void_result>, "a void method has no result to reuse");
    failure_of<M> failure;
    const std::size_t have = detail::read_reply<M>(
        message, expected_seqid, [&]<std::size_t I>(std::integral_constant<std::size_t, I>) -> auto& {
            if constexpr (I == 0) {
                failure.template emplace<0>();
                return out;
            } else {
                return failure.template emplace<I>();
            }
        });
    if (have == std::variant_npos)
        detail::throw_missing_result(M::name);
    return failure;
}

// ---- Server side (the in-process test server, the bench's null server) ----

// Reads a message header and checks it is a call (or oneway).
message_header read_call_header(binary_reader& r);

// Reads the "<method>_args" struct following a call header.
template <method M>
typename M::args decode_call_args(binary_reader& r) {
    typename M::args args{};
    decode(r, args);
    return args;
}

// Appends a successful reply: the result struct with field 0 (nothing for a void method).
template <method M>
void encode_reply(std::string& out, std::int32_t seqid, const typename M::result& result, bool framed) {
    const std::size_t start = detail::begin_message(out, framed);
    binary_writer w(out);
    w.write_message_begin(M::name, message_type::reply, seqid);
    if constexpr (!std::is_same_v<typename M::result, void_result>) {
        w.write_field_begin(wire_type_of<typename M::result>, 0);
        write_value(w, result);
    }
    w.write_field_stop();
    detail::end_message(out, start, framed);
}

// Appends a reply raising the declared exception E of M: the result struct holding only that field.
template <method M, class E>
void encode_exception_reply(std::string& out, std::int32_t seqid, const E& e, bool framed) {
    constexpr std::int16_t id = []<class... T>(std::tuple<T...>*) {
        static_assert((std::is_same_v<typename T::type, E> || ...), "E is not a declared exception of M");
        std::int16_t found = 0;
        (void)((std::is_same_v<typename T::type, E> ? (found = T::id, true) : false) || ...);
        return found;
    }(static_cast<typename M::exceptions*>(nullptr));
    const std::size_t start = detail::begin_message(out, framed);
    binary_writer w(out);
    w.write_message_begin(M::name, message_type::reply, seqid);
    w.write_field_begin(wire_type::struct_, id);
    encode(w, e);
    w.write_field_stop();
    detail::end_message(out, start, framed);
}

// Appends a message of type `exception` carrying a TApplicationException (message, type).
void encode_application_exception(std::string& out, std::string_view name, std::int32_t seqid,
                                  std::int32_t type, std::string_view message, bool framed);

}  // namespace cppcassa::codec
