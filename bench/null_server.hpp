// In-process servers that do (almost) nothing, so a client's own cost shows:
//   null_server   speaks framed Thrift: every call gets a canned reply at once (get_slice: a
//                 pre-encoded 10-column row; anything else: an empty result). All the calls
//                 found in one read are answered with one write, so a pipelining client is
//                 never held back by the server.
//   echo_server   for the syscall floor: reads one request of a known size, writes one canned
//                 reply, over and over; one read + one write per operation on its side too.
// Each runs on its own thread, whose allocations are not counted and whose CPU can be read
// (cpu_seconds) to take it off the process's figure.
#pragma once

#include <pthread.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace cppcassa::bench {

class null_server {
public:
    // `get_slice_reply`: a whole framed get_slice reply (seqid patched per call).
    explicit null_server(std::string get_slice_reply);
    ~null_server();
    null_server(const null_server&) = delete;
    null_server& operator=(const null_server&) = delete;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    // CPU seconds its thread has used so far.
    [[nodiscard]] double cpu_seconds() const;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
    std::uint16_t port_ = 0;
};

// A connected TCP pair on 127.0.0.1: `client_fd` for the measuring loop, the other end served
// by a thread that answers each `request_size`-byte read with `reply`.
class echo_server {
public:
    echo_server(std::size_t request_size, std::string reply);
    ~echo_server();
    echo_server(const echo_server&) = delete;
    echo_server& operator=(const echo_server&) = delete;

    [[nodiscard]] int client_fd() const { return client_fd_; }
    [[nodiscard]] double cpu_seconds() const;

private:
    int client_fd_ = -1;
    int server_fd_ = -1;
    std::thread thread_;
    pthread_t handle_{};
};

}  // namespace cppcassa::bench
