#include "errors/exception_message.hpp"

namespace cppcassa::detail {

std::string exception_message(const std::exception_ptr& failure) {
    if (!failure)
        return "unknown cause";
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "an exception not derived from std::exception";
    }
}

}  // namespace cppcassa::detail
