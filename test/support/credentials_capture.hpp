// Collects every text the library produces around a login (exception messages and the causes
// they carry, every argument of every listener hook, the pool's stats) so a test can check that
// a password never shows in any of it.
#pragma once

#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/pool_listener.hpp>

#include <boost/asio/awaitable.hpp>

#include "support/catch.hpp"
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace cppcassa::test {

// Recognisable anywhere: in a message, a hex dump or a log line.
inline const std::string secret_password = "Pw-7f3a9c-never-printed";

struct credentials_capture {
    std::vector<std::string> texts;
    std::size_t authentication_errors = 0;

    // Every hook, every argument.
    struct full_listener : pool_listener {
        explicit full_listener(credentials_capture& c) : capture(c) {}
        credentials_capture& capture;
        void add(std::string line) { capture.texts.push_back(std::move(line)); }
        void connection_created(const std::string& e) override { add("created " + e); }
        void connection_failed(const std::string& e, const std::string& reason) override {
            add(fmt::format("failed {} {}", e, reason));
        }
        void checked_out(const std::string& e) override { add("out " + e); }
        void checked_in(const std::string& e) override { add("in " + e); }
        void connection_disposed(const std::string& e, dispose_reason why) override {
            add(fmt::format("disposed {} {}", e, to_string(why)));
        }
        void server_marked_down(const std::string& e, const std::string& reason) override {
            add(fmt::format("down {} {}", e, reason));
        }
        void server_marked_up(const std::string& e) override { add("up " + e); }
        void pool_at_max() override { add("at max"); }
        void pool_closed() override { add("closed"); }
    };

    void record(const std::exception& e) {
        texts.emplace_back(e.what());
        if (const auto* auth = dynamic_cast<const authentication_error*>(&e)) {
            ++authentication_errors;
            texts.push_back(auth->why);
        }
        if (const auto* none = dynamic_cast<const no_server_available*>(&e))
            for (const auto& server : none->servers)
                texts.push_back(server.endpoint + " " + server.reason);
        if (const auto* retried = dynamic_cast<const maximum_retry*>(&e); retried && retried->last_cause) {
            try {
                std::rethrow_exception(retried->last_cause);
            } catch (const std::exception& cause) {
                record(cause);
            }
        }
    }

    void record(const pool_stats& stats) {
        texts.push_back(stats.ring_error);
        for (const auto& host : stats.hosts)
            texts.push_back(host.endpoint + " " + host.last_error);
    }

    // connect() with `config` (its login included), then one call when it connected.
    boost::asio::awaitable<void> connect(boost::asio::any_io_executor executor, connection_config config) {
        connection conn(executor, std::move(config));
        try {
            co_await conn.connect();
            const std::string version = co_await conn.describe_version();
            texts.push_back(version);
        } catch (const error& e) {
            record(e);
        }
    }

    // One operation through a pool that logs in as `user` with the secret password, every hook
    // and the stats recorded.
    boost::asio::awaitable<void> pool_operation(boost::asio::any_io_executor executor, pool_config config,
                                                std::string user) {
        config.credentials = credentials{std::move(user), secret_password};
        config.max_retries = 1;
        auto listener = std::make_shared<full_listener>(*this);
        config.listener = listener;
        pool p(executor, config);
        auto version = [](connection& c) { return c.describe_version(); };
        try {
            const std::string answer = co_await p.execute(version);
            texts.push_back(answer);
        } catch (const error& e) {
            record(e);
        }
        record(p.stats());
        p.close();
    }

    [[nodiscard]] bool mentions(const std::string& part) const {
        for (const auto& t : texts)
            if (t.find(part) != std::string::npos)
                return true;
        return false;
    }

    // Something was captured, and none of it holds the password.
    void check_no_password() const {
        REQUIRE_FALSE(texts.empty());
        for (const auto& t : texts) {
            INFO(t);
            CHECK(t.find(secret_password) == std::string::npos);
        }
    }
};

}  // namespace cppcassa::test
