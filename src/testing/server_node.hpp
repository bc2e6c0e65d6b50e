// One embedded node on Asio: accepts connections, finds whole calls with the codec's
// message_scanner, answers them in order through dispatch.hpp, and applies its faults.
#pragma once

#include "testing/dispatch.hpp"
#include "testing/store.hpp"

#include <cppcassa/testing/cluster.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cppcassa::testing::detail {

// What the nodes share: the data, the options, and the executor they all run on.
struct cluster_state {
    boost::asio::any_io_executor executor;
    cluster_options options;
    store data;
    bool own_thread = false;

    cluster_state(boost::asio::any_io_executor ex, cluster_options opts)
        : executor(std::move(ex)), options(opts), data(std::move(opts)) {}
};

struct failure_rule {
    std::string method;  // empty: every method
    injected_failure failure;
    std::optional<std::int32_t> acknowledged_by;
};

class node_impl : public std::enable_shared_from_this<node_impl> {
public:
    using tcp = boost::asio::ip::tcp;

    node_impl(std::shared_ptr<cluster_state> state, std::string host) : state_(std::move(state)), host_(std::move(host)) {}

    // Binds host:port (0: an ephemeral one) and starts accepting; throws on failure.
    void listen(std::uint16_t port);
    void close_listener();
    void close_connections();
    [[nodiscard]] bool listening() const { return acceptor_ != nullptr; }
    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] const std::string& host() const { return host_; }

    bool silent = false;
    std::chrono::milliseconds latency{0};
    std::optional<std::size_t> reset_after;
    std::vector<failure_rule> rules;
    std::atomic<std::size_t> calls{0};
    std::atomic<std::size_t> accepted{0};

private:
    boost::asio::awaitable<void> accept_loop(std::shared_ptr<tcp::acceptor> acceptor);
    boost::asio::awaitable<void> serve(std::shared_ptr<tcp::socket> socket);
    std::optional<injected_error> injected_for(std::string_view method) const;

    std::shared_ptr<cluster_state> state_;
    std::string host_;
    std::uint16_t port_ = 0;
    std::shared_ptr<tcp::acceptor> acceptor_;
    std::set<std::shared_ptr<tcp::socket>> sockets_;
};

}  // namespace cppcassa::testing::detail
