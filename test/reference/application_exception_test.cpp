// Failures outside the IDL (TApplicationException in a message of type `exception`): our writer
// matches Apache's, our client raises application_error, Apache's client reads ours.
#include "codec/message.hpp"
#include "reference/apache_calls.hpp"
#include "reference/apache_io.hpp"
#include "reference/reference_test.hpp"

#include <cppcassa/errors.hpp>

#include <thrift/TApplicationException.h>

#include <string>
#include <string_view>
#include <tuple>

namespace cppcassa::reference {
namespace {

template <class M>
void application_exception_matches_apache() {
    using apache = apache_method<M>;
    const std::string name(M::name);
    auto gen = generator_for(name + " application exception");
    INFO("base seed " << base_seed() << " (set CPPCASSA_REFERENCE_SEED to replay)");
    for (int i = 0; i < values_per_type(); ++i) {
        INFO(name << " application exception " << i);
        // Apache's types run from UNKNOWN (0) to UNSUPPORTED_CLIENT_TYPE (10).
        const auto type = static_cast<std::int32_t>(gen.next() % 11);
        const auto message = gen.template make<std::string>(optionals::random, large_for(i));
        const std::int32_t seqid = gen.seqid();
        std::string ours;
        codec::encode_application_exception(ours, name, seqid, type, message, false);
        const at::TApplicationException error(static_cast<at::TApplicationException::TApplicationExceptionType>(type),
                                              message);
        const std::string theirs = apache_message(name, at::protocol::T_EXCEPTION, seqid, error);
        require_same_bytes(ours, theirs, name + " application exception");

        try {
            codec::decode_reply<M>(theirs, seqid);
            FAIL("decode_reply returned for a TApplicationException");
        } catch (const application_error& e) {
            REQUIRE(e.type == type);
            // what() is a C string: a binary message shows up to its first NUL.
            if (!message.empty())
                REQUIRE(std::string_view(e.what()) == message.c_str());
        }

        apache_client client(ours);
        try {
            recv_value(client.client, apache::recv);
            FAIL("Apache's client returned for a TApplicationException");
        } catch (const at::TApplicationException& e) {
            REQUIRE(e.getType() == type);
            if (!message.empty())
                REQUIRE(std::string_view(e.what()) == message.c_str());
        }
    }
}

const bool application_exceptions_registered = [] {
    [&]<class... M>(std::tuple<M...>*) {
        (register_test(&application_exception_matches_apache<M>,
                       std::string(M::name) + " application exception is byte-identical to Apache's, both ways"),
         ...);
    }(static_cast<codec::all_methods*>(nullptr));
    return true;
}();

}  // namespace
}  // namespace cppcassa::reference
