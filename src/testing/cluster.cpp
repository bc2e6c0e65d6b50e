// cppcassa::testing::cluster and node: start the nodes, hand control calls to the executor.
#include "testing/server_node.hpp"

#include <cppcassa/testing/cluster.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <future>
#include <stdexcept>
#include <thread>

namespace cppcassa::testing {

namespace detail {

// The io_context and thread of a cluster that runs on its own.
struct own_thread {
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
    std::thread thread;

    own_thread() : thread([this] { io.run(); }) {}
    // Every socket and acceptor is closed by then: the loops end and run() returns by itself.
    ~own_thread() {
        work.reset();
        if (thread.joinable())
            thread.join();
    }
};

namespace {

// Runs `f` where the nodes live: inline on the caller's executor, or on the cluster's own thread
// (waiting for it), so the nodes and the store are only ever touched from one thread.
template <class F>
auto on_executor(cluster_state& state, F&& f) -> decltype(f()) {
    if (!state.own_thread)
        return f();
    std::packaged_task<decltype(f())()> task(std::forward<F>(f));
    auto done = task.get_future();
    boost::asio::post(state.executor, [&task] { task(); });
    return done.get();
}

}  // namespace
}  // namespace detail

// ---- node ----

node::node(std::shared_ptr<detail::node_impl> impl, std::shared_ptr<detail::cluster_state> state)
    : impl_(std::move(impl)), state_(std::move(state)), host_(impl_->host()), port_(impl_->port()) {}

std::string node::address() const { return fmt::format("{}:{}", host_, port_); }

void node::refuse_connections() {
    detail::on_executor(*state_, [&] { impl_->close_listener(); });
}

void node::accept_connections() {
    detail::on_executor(*state_, [&] {
        if (!impl_->listening())
            impl_->listen(port_);
    });
}

void node::stop() {
    detail::on_executor(*state_, [&] {
        impl_->close_listener();
        impl_->close_connections();
    });
}

void node::start() { accept_connections(); }

bool node::running() const {
    return detail::on_executor(*state_, [&] { return impl_->listening(); });
}

void node::set_silent(bool silent) {
    detail::on_executor(*state_, [&] { impl_->silent = silent; });
}

void node::set_latency(std::chrono::milliseconds latency) {
    detail::on_executor(*state_, [&] { impl_->latency = latency; });
}

void node::reset_after_calls(std::optional<std::size_t> n) {
    detail::on_executor(*state_, [&] { impl_->reset_after = n; });
}

void node::fail_calls(std::string method, injected_failure failure, std::optional<std::int32_t> acknowledged_by) {
    detail::on_executor(*state_, [&] { impl_->rules.push_back({std::move(method), failure, acknowledged_by}); });
}

void node::clear_faults() {
    detail::on_executor(*state_, [&] {
        impl_->silent = false;
        impl_->latency = std::chrono::milliseconds{0};
        impl_->reset_after.reset();
        impl_->rules.clear();
    });
}

std::size_t node::calls_received() const { return impl_->calls.load(); }
std::size_t node::connections_accepted() const { return impl_->accepted.load(); }

// ---- cluster ----

cluster::cluster(boost::asio::any_io_executor executor, cluster_options options)
    : state_(std::make_shared<detail::cluster_state>(std::move(executor), std::move(options))) {
    start_nodes();
}

cluster::cluster(cluster_options options) : thread_(std::make_unique<detail::own_thread>()) {
    state_ = std::make_shared<detail::cluster_state>(thread_->io.get_executor(), std::move(options));
    state_->own_thread = true;
    detail::on_executor(*state_, [this] { start_nodes(); });
}

cluster::~cluster() {
    detail::on_executor(*state_, [this] {
        for (auto& n : nodes_) {
            n.impl_->close_listener();
            n.impl_->close_connections();
        }
    });
    thread_.reset();
}

void cluster::start_nodes() {
    const std::size_t count = state_->options.nodes == 0 ? 1 : state_->options.nodes;
    std::vector<std::shared_ptr<detail::node_impl>> impls;
    if (!state_->options.distinct_hosts) {
        for (std::size_t i = 0; i < count; ++i) {
            impls.push_back(std::make_shared<detail::node_impl>(state_, "127.0.0.1"));
            impls.back()->listen(0);
        }
    } else {
        // One port for all: the first node's ephemeral port, retried if another host has it taken.
        for (int attempt = 0; impls.size() < count; ++attempt) {
            if (attempt == 20)
                throw std::runtime_error("cppcassa::testing: no port free on every 127.0.0.N host");
            for (auto& n : impls)
                n->close_listener();
            impls.clear();
            try {
                for (std::size_t i = 0; i < count; ++i) {
                    impls.push_back(std::make_shared<detail::node_impl>(state_, fmt::format("127.0.0.{}", i + 1)));
                    impls.back()->listen(i == 0 ? 0 : impls.front()->port());
                }
            } catch (const boost::system::system_error&) {
                continue;
            }
        }
    }
    std::vector<detail::ring_member> ring;
    for (std::size_t i = 0; i < count; ++i) {
        nodes_.push_back(node(impls[i], state_));
        nodes_.back().token_ = detail::even_token(i, count);
        ring.push_back({impls[i]->host(), impls[i]->port(), nodes_.back().token_});
    }
    state_->data.set_ring(std::move(ring));
}

std::vector<std::string> cluster::servers() const {
    std::vector<std::string> out;
    for (const auto& n : nodes_)
        out.push_back(n.address());
    return out;
}

void cluster::set_clock(clock_function clock) {
    detail::on_executor(*state_, [&] { state_->data.set_clock(std::move(clock)); });
}

bool embedded_backend_requested() {
    const char* backend = std::getenv("CPPCASSA_BACKEND");
    return backend != nullptr && std::string_view(backend) == "embedded";
}

}  // namespace cppcassa::testing
