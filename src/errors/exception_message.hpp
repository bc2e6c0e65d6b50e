// The text of a caught exception, for messages that carry another failure (maximum_retry,
// batch_error, partial_batch_error, a server marked down, a listener event, the pool's stats).
// One helper, so every such message falls back the same way.
#pragma once

#include <exception>
#include <string>

namespace cppcassa::detail {

// what() of a std::exception; "unknown cause" for a null pointer; a fixed sentence for an
// exception of another type (a user's operation may throw anything).
[[nodiscard]] std::string exception_message(const std::exception_ptr& failure);

}  // namespace cppcassa::detail
