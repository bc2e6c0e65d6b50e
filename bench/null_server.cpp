#include "null_server.hpp"

#include "alloc_counter.hpp"
#include "metrics.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace cppcassa::bench {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::uint32_t read_be32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}

void append_be32(std::string& out, std::uint32_t v) {
    v = __builtin_bswap32(v);
    out.append(reinterpret_cast<const char*>(&v), 4);
}

// Where the seqid sits in a framed strict-binary message: frame length, version|type, name.
std::size_t seqid_offset(std::string_view framed) { return 12 + read_be32(framed.data() + 8); }

// A framed strict-binary reply to `name` with `seqid` (4 bytes, as the call carried it) whose
// result struct is `result`.
void append_reply(std::string& out, std::string_view name, const char* seqid, std::string_view result) {
    append_be32(out, static_cast<std::uint32_t>(4 + 4 + name.size() + 4 + result.size()));
    append_be32(out, 0x80010002u);  // strict version 1, type reply
    append_be32(out, static_cast<std::uint32_t>(name.size()));
    out += name;
    out.append(seqid, 4);
    out += result;
}

// Answers every complete frame in `in` into `out`; returns the bytes consumed.
std::size_t answer(std::string_view in, const std::string& get_slice_reply, std::string& out) {
    std::size_t at = 0;
    while (in.size() - at >= 4) {
        const std::size_t len = read_be32(in.data() + at);
        if (in.size() - at - 4 < len)
            break;
        const std::string_view msg = in.substr(at + 4, len);
        if (len < 12)
            throw std::runtime_error("null server: short message");
        const std::uint32_t name_len = read_be32(msg.data() + 4);
        if (len < 12 + name_len)
            throw std::runtime_error("null server: truncated header");
        const std::string_view name = msg.substr(8, name_len);
        const char* seqid = msg.data() + 8 + name_len;
        if (name == "get_slice") {
            const std::size_t start = out.size();
            out += get_slice_reply;
            std::memcpy(out.data() + start + seqid_offset(get_slice_reply), seqid, 4);
        } else if (name == "describe_version") {
            // What a connection asks at connect (connection_config::learn_server_version): the
            // Thrift API version of Cassandra 3.11, field 0 (a string) of the result struct.
            constexpr std::string_view api = "20.1.0";
            std::string result("\x0b\0\0", 3);
            append_be32(result, static_cast<std::uint32_t>(api.size()));
            result += api;
            result.push_back('\0');
            append_reply(out, name, seqid, result);
        } else {
            // An empty result struct: right for void methods (set_keyspace, login), all the
            // null workload sends besides get_slice and describe_version.
            append_reply(out, name, seqid, std::string_view("\0", 1));
        }
        at += 4 + len;
    }
    return at;
}

asio::awaitable<void> session(tcp::socket socket, const std::string& reply) {
    socket.set_option(tcp::no_delay(true));
    std::string in, out;
    in.reserve(1 << 20);
    out.reserve(1 << 20);
    std::vector<char> buf(256 * 1024);
    for (;;) {
        boost::system::error_code ec;
        const std::size_t n =
            co_await socket.async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        in.append(buf.data(), n);
        const std::size_t used = answer(in, reply, out);
        in.erase(0, used);
        if (!out.empty()) {
            co_await asio::async_write(socket, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                co_return;
            out.clear();
        }
    }
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, const std::string& reply) {
    for (;;) {
        boost::system::error_code ec;
        tcp::socket s = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        asio::co_spawn(acceptor.get_executor(), session(std::move(s), reply), asio::detached);
    }
}

}  // namespace

struct null_server::impl {
    std::string reply;
    asio::io_context ctx{1};
    tcp::acceptor acceptor{ctx, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::thread thread;
    pthread_t handle{};
};

null_server::null_server(std::string get_slice_reply) : impl_(std::make_unique<impl>()) {
    impl_->reply = std::move(get_slice_reply);
    port_ = impl_->acceptor.local_endpoint().port();
    asio::co_spawn(impl_->ctx, accept_loop(impl_->acceptor, impl_->reply), asio::detached);
    impl_->thread = std::thread([this] {
        const uncounted_thread not_the_client;
        impl_->ctx.run();
    });
    impl_->handle = impl_->thread.native_handle();
}

null_server::~null_server() {
    impl_->ctx.stop();
    impl_->thread.join();
}

double null_server::cpu_seconds() const { return thread_cpu_seconds(impl_->handle); }

// ---- echo_server ----

echo_server::echo_server(std::size_t request_size, std::string reply) {
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener, 1) != 0 || ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("echo server: cannot listen on 127.0.0.1");
    client_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (::connect(client_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("echo server: cannot connect");
    server_fd_ = ::accept(listener, nullptr, nullptr);
    ::close(listener);
    const int one = 1;
    ::setsockopt(client_fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::setsockopt(server_fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    thread_ = std::thread([fd = server_fd_, request_size, reply = std::move(reply)] {
        const uncounted_thread not_the_client;
        std::vector<char> buf(request_size);
        for (;;) {
            std::size_t got = 0;
            while (got < request_size) {
                const auto n = ::read(fd, buf.data() + got, request_size - got);
                if (n <= 0)
                    return;
                got += static_cast<std::size_t>(n);
            }
            if (::write(fd, reply.data(), reply.size()) != static_cast<ssize_t>(reply.size()))
                return;
        }
    });
    handle_ = thread_.native_handle();
}

echo_server::~echo_server() {
    ::shutdown(client_fd_, SHUT_RDWR);
    thread_.join();
    ::close(client_fd_);
    ::close(server_fd_);
}

double echo_server::cpu_seconds() const { return thread_cpu_seconds(handle_); }

}  // namespace cppcassa::bench
