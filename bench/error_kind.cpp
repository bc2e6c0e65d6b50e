#include "error_kind.hpp"

#include <cppcassa/errors.hpp>

namespace cppcassa::bench {

classified_error classify(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const maximum_retry& m) {
        if (m.last_cause)
            return classify(m.last_cause);
        return {error_kind::other, m.what()};
    } catch (const timed_out& x) {
        return {error_kind::timeout, x.what()};
    } catch (const unavailable& x) {
        return {error_kind::unavailable, x.what()};
    } catch (const call_timeout& x) {  // before transport_error, which it derives from
        return {error_kind::client_timeout, x.what()};
    } catch (const transport_error& x) {
        return {error_kind::connection, x.what()};
    } catch (const protocol_error& x) {  // the stream is out of sync: the connection closes
        return {error_kind::connection, x.what()};
    } catch (const no_server_available& x) {
        return {error_kind::no_server_available, x.what()};
    } catch (const std::exception& x) {
        return {error_kind::other, x.what()};
    } catch (...) {
        return {error_kind::other, "unknown exception"};
    }
}

}  // namespace cppcassa::bench
