// The client_errc a refused call throws, for tests that check both the type (usage_error, not a
// std:: exception) and the rule that refused it. nullopt when nothing, or something else, is thrown.
#pragma once

#include <cppcassa/errors.hpp>

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <utility>

namespace cppcassa::test {

template <class F>
std::optional<client_errc> usage_code(F&& f) {
    try {
        std::forward<F>(f)();
    } catch (const usage_error& e) {
        return e.code;
    } catch (...) {
    }
    return std::nullopt;
}

// The same for an awaitable call (Catch's macros cannot hold a co_await).
template <class T>
boost::asio::awaitable<std::optional<client_errc>> usage_code_of(boost::asio::awaitable<T> op) {
    try {
        co_await std::move(op);
    } catch (const usage_error& e) {
        co_return e.code;
    } catch (...) {
    }
    co_return std::nullopt;
}

}  // namespace cppcassa::test
