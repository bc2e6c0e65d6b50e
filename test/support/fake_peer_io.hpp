// What a scripted peer needs to take Thrift requests off a socket and answer them with our codec.
#pragma once

#include "codec/binary_reader.hpp"
#include "codec/framing.hpp"
#include "codec/message.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace cppcassa::test {

struct received_call {
    std::string name;
    std::int32_t seqid;
    std::string body;  // the whole message, without the frame prefix
};

// Reads one whole request, or nullopt when the client closed the connection.
inline boost::asio::awaitable<std::optional<received_call>> read_call(boost::asio::ip::tcp::socket& socket,
                                                                      std::string& buffered, bool framed) {
    for (;;) {
        if (auto size = codec::complete_message_size(buffered, framed, 16 * 1024 * 1024)) {
            received_call call;
            call.body = std::string(codec::message_body(std::string_view(buffered).substr(0, *size), framed));
            buffered.erase(0, *size);
            codec::binary_reader reader(call.body);
            const auto header = codec::read_call_header(reader);
            call.name = std::string(header.name);
            call.seqid = header.seqid;
            co_return call;
        }
        char chunk[4096];
        boost::system::error_code ec;
        const std::size_t n = co_await socket.async_read_some(
            boost::asio::buffer(chunk), boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        if (ec)
            co_return std::nullopt;
        buffered.append(chunk, n);
    }
}

inline boost::asio::awaitable<void> send(boost::asio::ip::tcp::socket& socket, const std::string& bytes) {
    co_await boost::asio::async_write(socket, boost::asio::buffer(bytes), boost::asio::use_awaitable);
}

}  // namespace cppcassa::test
