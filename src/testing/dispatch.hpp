// One Thrift call in, its reply out: the server's protocol logic, without a socket.
//
// Decodes the call with the client's own codec (src/codec), runs it on the store, and encodes
// the reply (the result, a declared exception, or a TApplicationException as Apache's generated
// processor sends: UNKNOWN_METHOD for a method Cassandra does not have, PROTOCOL_ERROR for args
// that do not decode).
#pragma once

#include "testing/store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cppcassa::testing::detail {

// A failure a test asked for instead of running the call.
struct injected_error {
    enum class kind { timed_out, unavailable } what = kind::timed_out;
    std::optional<std::int32_t> acknowledged_by{};
};

// Asked with each call's method name; an engaged answer replaces the call's execution.
using injector = std::function<std::optional<injected_error>(std::string_view method)>;

struct dispatch_result {
    std::string method;
    bool replied = false;  // false for a oneway call (Cassandra has none; kept for completeness)
};

// Appends to `out` the reply to the call in `message` (without its frame prefix).
dispatch_result serve_message(store& st, session& s, std::string_view message, bool framed, std::string& out,
                              const injector& inject = {});

}  // namespace cppcassa::testing::detail
