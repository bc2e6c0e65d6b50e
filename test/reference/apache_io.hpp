// Both codecs as plain functions of bytes: ours (struct_codec) and Apache's (TBinaryProtocol over
// a TMemoryBuffer), so a test reads as "ours wrote X, Apache wrote Y, X == Y".
#pragma once

#include "codec/binary_reader.hpp"
#include "codec/binary_writer.hpp"
#include "codec/struct_codec.hpp"
#include "reference/apache_types.hpp"

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include "support/catch.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace cppcassa::reference {

namespace at = ::apache::thrift;
using memory_buffer = at::transport::TMemoryBuffer;
using binary_protocol = at::protocol::TBinaryProtocol;

// ---- Ours ----

template <codec::described_struct T>
std::string our_encode(const T& v) {
    std::string out;
    codec::binary_writer w(out);
    codec::encode(w, v);
    return out;
}

// Decodes exactly `bytes`: trailing bytes would mean the two sides disagree on where it ends.
template <codec::described_struct T>
T our_decode(std::string_view bytes) {
    codec::binary_reader r(bytes);
    T v{};
    codec::decode(r, v);
    REQUIRE(r.remaining() == 0);
    return v;
}

// ---- Apache's ----

// A protocol writing into a fresh memory buffer.
struct apache_output {
    std::shared_ptr<memory_buffer> buffer = std::make_shared<memory_buffer>();
    std::shared_ptr<binary_protocol> protocol = std::make_shared<binary_protocol>(buffer);

    [[nodiscard]] std::string bytes() const { return buffer->getBufferAsString(); }
};

// A protocol reading a copy of `bytes`.
struct apache_input {
    explicit apache_input(std::string_view bytes)
        : buffer(bytes.empty() ? std::make_shared<memory_buffer>()
                               : std::make_shared<memory_buffer>(
                                     reinterpret_cast<std::uint8_t*>(const_cast<char*>(bytes.data())),
                                     static_cast<std::uint32_t>(bytes.size()), memory_buffer::COPY)),
          protocol(std::make_shared<binary_protocol>(buffer)) {}

    [[nodiscard]] bool consumed() const { return buffer->available_read() == 0; }

    std::shared_ptr<memory_buffer> buffer;
    std::shared_ptr<binary_protocol> protocol;
};

template <class A>
std::string apache_write(const A& a) {
    apache_output out;
    a.write(out.protocol.get());
    return out.bytes();
}

// Reads exactly `bytes` with A::read.
template <class A>
A apache_read(std::string_view bytes) {
    apache_input in(bytes);
    A a;
    a.read(in.protocol.get());
    REQUIRE(in.consumed());
    return a;
}

// A whole message as Apache's generated server and client write it.
template <class A>
std::string apache_message(std::string_view name, at::protocol::TMessageType type, std::int32_t seqid,
                           const A& body) {
    apache_output out;
    out.protocol->writeMessageBegin(std::string(name), type, seqid);
    body.write(out.protocol.get());
    out.protocol->writeMessageEnd();
    return out.bytes();
}

// Our value as the Apache type A. Scalars and containers are converted directly; a struct
// crosses as bytes (ours written, Apache's read), which the struct tests prove equivalent.
template <class A, class O>
A to_apache(const O& v) {
    namespace d = codec::detail;
    if constexpr (codec::described_struct<O>) {
        return apache_read<A>(our_encode(v));
    } else if constexpr (std::is_enum_v<O>) {
        return static_cast<A>(static_cast<std::int32_t>(v));
    } else if constexpr (d::is_vector<O>::value) {
        A out;
        for (const auto& e : v)
            out.push_back(to_apache<typename A::value_type>(e));
        return out;
    } else if constexpr (d::is_set<O>::value) {
        A out;
        for (const auto& e : v)
            out.insert(to_apache<typename A::value_type>(e));
        return out;
    } else if constexpr (d::is_map<O>::value) {
        A out;
        for (const auto& [key, value] : v)
            out.emplace(to_apache<typename A::key_type>(key), to_apache<typename A::mapped_type>(value));
        return out;
    } else {
        return A(v);
    }
}

// Puts a declared exception in a method's result struct, the way Apache's server does (the
// generated result classes declare __set_x but never define it). The IDL names each exception the
// same in every method that throws it.
template <class R> void set_exception(R& r, const ac::NotFoundException& e) { r.nfe = e; r.__isset.nfe = true; }
template <class R> void set_exception(R& r, const ac::InvalidRequestException& e) { r.ire = e; r.__isset.ire = true; }
template <class R> void set_exception(R& r, const ac::UnavailableException& e) { r.ue = e; r.__isset.ue = true; }
template <class R> void set_exception(R& r, const ac::TimedOutException& e) { r.te = e; r.__isset.te = true; }
template <class R> void set_exception(R& r, const ac::AuthenticationException& e) { r.authnx = e; r.__isset.authnx = true; }
template <class R> void set_exception(R& r, const ac::AuthorizationException& e) { r.authzx = e; r.__isset.authzx = true; }
template <class R> void set_exception(R& r, const ac::SchemaDisagreementException& e) { r.sde = e; r.__isset.sde = true; }

// Apache's generated client reading from `incoming` and writing into `outgoing`.
struct apache_client {
    explicit apache_client(std::string_view incoming = {}) : in(incoming), client(in.protocol, out.protocol) {}

    apache_input in;
    apache_output out;
    ac::CassandraClient client;
};

}  // namespace cppcassa::reference
