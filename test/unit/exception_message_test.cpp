// The one helper that turns a caught exception into text for the messages that carry it.
#include "errors/exception_message.hpp"

#include <cppcassa/errors.hpp>

#include "support/catch.hpp"

#include <exception>
#include <stdexcept>

using cppcassa::detail::exception_message;

TEST_CASE("an exception's text is its what(), whatever its type") {
    CHECK(exception_message(std::make_exception_ptr(cppcassa::call_cancelled("get on a:1 was cancelled"))) ==
          "get on a:1 was cancelled");
    CHECK(exception_message(std::make_exception_ptr(std::runtime_error("disk full"))) == "disk full");
}

TEST_CASE("no exception and an exception of no std type still get a text") {
    CHECK(exception_message(nullptr) == "unknown cause");
    CHECK(exception_message(std::make_exception_ptr(42)) == "an exception not derived from std::exception");
}

TEST_CASE("maximum_retry's message carries its last cause through the same helper") {
    const cppcassa::maximum_retry e(std::make_exception_ptr(cppcassa::unavailable("not enough replicas")), 3);
    CHECK(std::string(e.what()).find("last error: not enough replicas") != std::string::npos);
    const cppcassa::maximum_retry none(nullptr, 1);
    CHECK(std::string(none.what()).find("last error: unknown cause") != std::string::npos);
}
