#include "testing/dispatch.hpp"

#include "codec/cassandra_methods.hpp"
#include "codec/message.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

#include <tuple>
#include <type_traits>
#include <utility>

namespace cppcassa::testing::detail {

namespace {

// TApplicationExceptionType::PROTOCOL_ERROR
constexpr std::int32_t app_protocol_error = 7;

template <class M, class E>
constexpr bool declares() {
    return []<class... T>(std::tuple<T...>*) {
        return (std::is_same_v<typename T::type, E> || ...);
    }(static_cast<typename M::exceptions*>(nullptr));
}

// Sends `e` as M's declared exception, or as an internal error when M does not declare it
// (Cassandra would have failed the same way: its processor turns undeclared exceptions into one).
template <class M, class E>
void reply_with(std::string& out, std::int32_t seqid, const E& e, bool framed) {
    if constexpr (declares<M, E>())
        codec::encode_exception_reply<M, E>(out, seqid, e, framed);
    else
        codec::encode_application_exception(out, M::name, seqid, codec::app_internal_error,
                                            fmt::format("Internal error processing {}", M::name), framed);
}

template <class M>
void serve_one(store& st, session& s, codec::binary_reader& r, std::int32_t seqid, bool framed, std::string& out,
               const injector& inject) {
    typename M::args args;
    try {
        args = codec::decode_call_args<M>(r);
    } catch (const cppcassa::error& e) {
        codec::encode_application_exception(out, M::name, seqid, app_protocol_error, e.what(), framed);
        return;
    }
    if (inject) {
        if (const auto fault = inject(M::name)) {
            if (fault->what == injected_error::kind::unavailable)
                reply_with<M>(out, seqid, thrift::UnavailableException{}, framed);
            else
                reply_with<M>(out, seqid,
                              thrift::TimedOutException{.acknowledged_by = fault->acknowledged_by,
                                                        .acknowledged_by_batchlog = std::nullopt,
                                                        .paxos_in_progress = std::nullopt},
                              framed);
            return;
        }
    }
    if constexpr (requires { st.serve(s, args); }) {
        try {
            if constexpr (std::is_void_v<decltype(st.serve(s, args))>) {
                st.serve(s, args);
                codec::encode_reply<M>(out, seqid, codec::void_result{}, framed);
            } else {
                const auto result = st.serve(s, args);
                codec::encode_reply<M>(out, seqid, result, framed);
            }
        } catch (const thrift_failure& f) {
            std::visit([&](const auto& e) { reply_with<M>(out, seqid, e, framed); }, f.error);
        } catch (const std::exception& e) {
            codec::encode_application_exception(out, M::name, seqid, codec::app_internal_error,
                                                fmt::format("Internal error processing {}: {}", M::name, e.what()),
                                                framed);
        }
    } else {
        // In the IDL but not modelled (CQL, cas, get_multi_slice, describe_splits, ...).
        const thrift::InvalidRequestException why{
            fmt::format("{} is not supported by the cppcassa::testing embedded server", M::name)};
        reply_with<M>(out, seqid, why, framed);
    }
}

}  // namespace

dispatch_result serve_message(store& st, session& s, std::string_view message, bool framed, std::string& out,
                              const injector& inject) {
    codec::binary_reader r(message);
    const codec::message_header h = codec::read_call_header(r);
    dispatch_result result{std::string(h.name), h.type != codec::message_type::oneway};
    bool known = false;
    [&]<class... M>(std::tuple<M...>*) {
        (void)((h.name == M::name ? (serve_one<M>(st, s, r, h.seqid, framed, out, inject), known = true) : false) ||
               ...);
    }(static_cast<codec::all_methods*>(nullptr));
    if (!known)
        codec::encode_application_exception(out, h.name, h.seqid, codec::app_unknown_method,
                                            fmt::format("Invalid method name: '{}'", h.name), framed);
    return result;
}

}  // namespace cppcassa::testing::detail
