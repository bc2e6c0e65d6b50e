#include "run_apache_peer.hpp"

#include "apache_types.hpp"
#include "consistency.hpp"
#include "data.hpp"
#include "error_kind.hpp"
#include "metrics.hpp"
#include "run_profile.hpp"

#include <fmt/format.h>

#include <thrift/Thrift.h>
#include <thrift/TApplicationException.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>
#include <thrift/transport/TTransportException.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace cppcassa::bench {

namespace {

namespace tt = apache::thrift::transport;
namespace tp = apache::thrift::protocol;
using steady = std::chrono::steady_clock;

enum class plan_op : std::uint8_t { get, insert, multiget, range };

struct plan_entry {
    plan_op op = plan_op::get;
    std::vector<std::string> keys;
    std::size_t value_size = 0;  // insert
    std::int32_t rows = 0;       // range
};

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find(sep, pos), text.size());
        out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

std::vector<plan_entry> read_plan(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error(fmt::format("cannot read the plan {}", path));
    std::vector<plan_entry> plan;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        const auto f = split(line, ' ');
        plan_entry e;
        if (f.size() == 2 && f[0] == "get") {
            e.keys = {f[1]};
        } else if (f.size() == 3 && f[0] == "insert") {
            e.op = plan_op::insert;
            e.value_size = std::stoul(f[1]);
            e.keys = split(f[2], ',');
        } else if (f.size() == 2 && f[0] == "multiget") {
            e.op = plan_op::multiget;
            e.keys = split(f[1], ',');
        } else if (f.size() == 3 && f[0] == "range") {
            e.op = plan_op::range;
            e.keys = {f[1]};
            e.rows = static_cast<std::int32_t>(std::stol(f[2]));
        } else {
            throw std::runtime_error(fmt::format("{}:{}: not an operation: '{}'", path, n, line));
        }
        plan.push_back(std::move(e));
    }
    return plan;
}

struct endpoint {
    std::string host;
    int port = 9160;
};

endpoint endpoint_of(const std::string& h) {
    const std::size_t colon = h.rfind(':');
    if (colon == std::string::npos)
        return {h, 9160};
    std::string host = h.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return {host, std::stoi(h.substr(colon + 1))};
}

// One thread's connection; reopened after a failure, since a blocking client's stream is out of
// step with its replies once a call failed midway (a timeout, a reset).
class apache_connection {
public:
    apache_connection(endpoint e, const run_profile& p) : endpoint_(std::move(e)), profile_(p) {}

    ac::CassandraClient& client() {
        if (!client_)
            open();
        return *client_;
    }
    void drop() {
        if (transport_)
            try {
                transport_->close();
            } catch (...) {
            }
        client_.reset();
        transport_.reset();
    }
    [[nodiscard]] std::string name() const { return fmt::format("{}:{}", endpoint_.host, endpoint_.port); }

private:
    void open() {
        auto socket = std::make_shared<tt::TSocket>(endpoint_.host, endpoint_.port);
        const int ms = static_cast<int>(profile_.timeout.count());
        socket->setConnTimeout(ms);
        socket->setRecvTimeout(ms);
        socket->setSendTimeout(ms);
        socket->setNoDelay(true);
        transport_ = std::make_shared<tt::TFramedTransport>(socket);
        transport_->open();
        client_ = std::make_unique<ac::CassandraClient>(std::make_shared<tp::TBinaryProtocol>(transport_));
        if (profile_.user) {
            ac::AuthenticationRequest auth;
            const char* password = std::getenv(run_password_variable);
            auth.credentials = {{"username", *profile_.user}, {"password", password ? password : ""}};
            client_->login(auth);
        }
        client_->set_keyspace(profile_.keyspace);
    }

    endpoint endpoint_;
    const run_profile& profile_;
    std::shared_ptr<tt::TTransport> transport_;
    std::unique_ptr<ac::CassandraClient> client_;
};

struct op_result {
    std::uint64_t index = 0;
    std::uint64_t intended_us = 0;
    std::uint64_t start_us = 0;
    std::uint64_t end_us = 0;
    const char* kind = nullptr;  // nullptr: ok
    std::string host;
    std::string message;
};

class apache_peer {
public:
    apache_peer(run_profile p, std::vector<plan_entry> plan) : p_(std::move(p)), plan_(std::move(plan)) {
        parent_.column_family = p_.column_family;
        ac::SliceRange range;
        range.__set_count(p_.columns);
        predicate_.__set_slice_range(range);
        read_cl_ = to_apache(consistency_of(p_.read_cl, "read_cl").level);
        write_cl_ = to_apache(consistency_of(p_.write_cl, "write_cl").level);
        rng r(7);
        value_source_ = random_bytes(r, 1 << 20);
    }

    void run() {
        const std::size_t threads =
            std::max<std::size_t>(1, p_.rate ? std::min(p_.connections, p_.max_in_flight) : p_.concurrency);
        std::vector<std::unique_ptr<apache_connection>> conns;
        for (std::size_t i = 0; i < threads; ++i) {
            conns.push_back(std::make_unique<apache_connection>(endpoint_of(p_.hosts[i % p_.hosts.size()]), p_));
            conns.back()->client();  // connected, logged in, keyspace set before the clock starts
        }
        warm_up(conns);
        results_.resize(threads);
        const double cpu_at_t0 = process_cpu_seconds();
        t0_ = steady::now();
        std::vector<std::thread> workers;
        for (std::size_t i = 0; i < threads; ++i)
            workers.emplace_back([this, i, &conns] { work(*conns[i], results_[i]); });
        for (auto& w : workers)
            w.join();
        run_cpu_s_ = process_cpu_seconds() - cpu_at_t0;
    }

    void write_results() const {
        std::ofstream out(p_.results);
        out << "# run_cpu_s " << run_cpu_s_ << '\n';
        for (const auto& rs : results_)
            for (const auto& r : rs) {
                out << r.index << ' ' << r.intended_us << ' ' << r.start_us << ' ' << r.end_us << ' ';
                if (!r.kind)
                    out << "ok\n";
                else
                    out << r.kind << ' ' << (r.host.empty() ? "-" : r.host) << ' ' << r.message << '\n';
            }
        if (!out)
            throw std::runtime_error(fmt::format("cannot write {}", p_.results));
    }

private:
    // The plan's first reads, one after another over the connections in turn, unmeasured.
    void warm_up(std::vector<std::unique_ptr<apache_connection>>& conns) {
        std::uint64_t done = 0;
        for (std::size_t i = 0; i < plan_.size() && done < p_.warmup_ops; ++i) {
            if (plan_[i].op == plan_op::insert)
                continue;
            op_result ignored;
            execute(*conns[done % conns.size()], plan_[i], ignored);
            ++done;
        }
    }

    std::uint64_t since_t0_us(steady::time_point t) const {
        return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(t - t0_).count());
    }

    // Each thread takes the next operation when it is free: in the open loop it waits for the
    // operation's intended start if that is still ahead, so at most `threads` are in flight and
    // the rest start late, counted from when they were due.
    void work(apache_connection& conn, std::vector<op_result>& out) {
        const auto end = t0_ + p_.duration;
        const auto last_start = end + p_.grace;
        for (;;) {
            const std::uint64_t i = next_.fetch_add(1, std::memory_order_relaxed);
            steady::time_point intended;
            if (p_.rate) {
                if (i >= plan_.size())
                    return;
                intended = t0_ + std::chrono::duration_cast<steady::duration>(
                                     std::chrono::duration<double>(static_cast<double>(i) / *p_.rate));
                if (intended > steady::now())
                    std::this_thread::sleep_until(intended);
                if (steady::now() > last_start)
                    return;
            } else {
                if (steady::now() >= end || (!p_.plan_cycles && i >= plan_.size()))
                    return;
                intended = steady::now();
            }
            const auto start = steady::now();
            op_result r;
            r.index = i;
            r.intended_us = since_t0_us(intended);
            r.start_us = since_t0_us(start);
            execute(conn, plan_[i % plan_.size()], r);
            r.end_us = since_t0_us(steady::now());
            out.push_back(std::move(r));
        }
    }

    void execute(apache_connection& conn, const plan_entry& e, op_result& r) {
        auto fail = [&](const char* kind, std::string message, bool drop) {
            r.kind = kind;
            r.host = conn.name();
            std::replace(message.begin(), message.end(), '\n', ' ');
            r.message = std::move(message);
            if (drop)
                conn.drop();
        };
        try {
            call(conn.client(), e);
        } catch (const ac::TimedOutException&) {
            fail("timeout", "TimedOutException", false);
        } catch (const ac::UnavailableException&) {
            fail("unavailable", "UnavailableException", false);
        } catch (const ac::InvalidRequestException& x) {
            fail("other", "InvalidRequestException: " + x.why, false);
        } catch (const tt::TTransportException& x) {
            const bool timed_out = x.getType() == tt::TTransportException::TIMED_OUT;
            fail(timed_out ? "client_timeout" : "connection", x.what(), true);
        } catch (const std::exception& x) {
            fail("other", x.what(), true);
        }
    }

    void call(ac::CassandraClient& c, const plan_entry& e) {
        switch (e.op) {
        case plan_op::get: {
            std::vector<ac::ColumnOrSuperColumn> out;
            c.get_slice(out, e.keys[0], parent_, predicate_, read_cl_);
            return;
        }
        case plan_op::multiget: {
            std::map<std::string, std::vector<ac::ColumnOrSuperColumn>> out;
            c.multiget_slice(out, e.keys, parent_, predicate_, read_cl_);
            return;
        }
        case plan_op::range: {
            std::vector<ac::KeySlice> out;
            ac::KeyRange range;
            range.__set_start_key(e.keys[0]);
            range.__set_end_key("");
            range.__set_count(e.rows);
            c.get_range_slices(out, parent_, predicate_, range, read_cl_);
            return;
        }
        case plan_op::insert: {
            const auto timestamp =
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                    .count();
            std::map<std::string, std::map<std::string, std::vector<ac::Mutation>>> mutations;
            for (const auto& key : e.keys) {
                auto& list = mutations[key][p_.column_family];
                list.reserve(static_cast<std::size_t>(p_.columns));
                for (int col = 0; col < p_.columns; ++col) {
                    ac::Column column;
                    column.__set_name(column_name(col));
                    column.__set_value(value_source_.substr(static_cast<std::size_t>(col) * 131 % (value_source_.size() - e.value_size),
                                                            e.value_size));
                    column.__set_timestamp(timestamp);
                    ac::ColumnOrSuperColumn cosc;
                    cosc.__set_column(column);
                    ac::Mutation m;
                    m.__set_column_or_supercolumn(cosc);
                    list.push_back(std::move(m));
                }
            }
            c.batch_mutate(mutations, write_cl_);
            return;
        }
        }
    }

    run_profile p_;
    std::vector<plan_entry> plan_;
    ac::ColumnParent parent_;
    ac::SlicePredicate predicate_;
    ac::ConsistencyLevel::type read_cl_{};
    ac::ConsistencyLevel::type write_cl_{};
    std::string value_source_;
    steady::time_point t0_;
    std::atomic<std::uint64_t> next_{0};
    std::vector<std::vector<op_result>> results_;
    double run_cpu_s_ = 0;
};

}  // namespace

int run_apache_peer(const std::string& profile_path) {
    try {
        std::ifstream in(profile_path);
        if (!in)
            throw std::runtime_error(fmt::format("cannot read the profile {}", profile_path));
        std::stringstream text;
        text << in.rdbuf();
        run_profile profile = parse_profile(text.str());
        auto plan = read_plan(profile.plan);
        if (plan.empty())
            throw std::runtime_error("the plan has no operation");
        apache_peer peer(std::move(profile), std::move(plan));
        peer.run();
        peer.write_results();
        return 0;
    } catch (const apache::thrift::TException& e) {
        fmt::print(stderr, "apache-sync: {}\n", e.what());
    } catch (const std::exception& e) {
        fmt::print(stderr, "apache-sync: {}\n", e.what());
    }
    return 1;
}

}  // namespace cppcassa::bench
