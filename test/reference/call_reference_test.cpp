// Every method's call message: what our client sends is what Apache's client sends, and what
// Apache's server reads; our server side reads Apache's calls.
#include "codec/message.hpp"
#include "reference/apache_calls.hpp"
#include "reference/apache_io.hpp"
#include "reference/reference_test.hpp"

#include <string>
#include <tuple>

namespace cppcassa::reference {
namespace {

std::uint32_t frame_length(std::string_view framed) {
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
        n = (n << 8) | static_cast<unsigned char>(framed[static_cast<std::size_t>(i)]);
    return n;
}

template <class M>
void call_matches_apache() {
    using apache = apache_method<M>;
    const std::string name(M::name);
    auto gen = generator_for(name + " call");
    INFO("base seed " << base_seed() << " (set CPPCASSA_REFERENCE_SEED to replay)");
    for (int i = 0; i < values_per_type(); ++i) {
        INFO(name << " call " << i);
        const auto args = gen.template make<typename M::args>(optionals_for(i), large_for(i));
        const std::int32_t seqid = gen.seqid();
        std::string ours;
        codec::encode_call<M>(ours, args, seqid, false);

        // Apache's server side reads our call, header and args, then writes the same message.
        apache_input in(ours);
        std::string read_name;
        at::protocol::TMessageType read_type{};
        std::int32_t read_seqid = 0;
        in.protocol->readMessageBegin(read_name, read_type, read_seqid);
        REQUIRE(read_name == name);
        REQUIRE(read_type == at::protocol::T_CALL);
        REQUIRE(read_seqid == seqid);
        typename apache::args apache_args;
        apache_args.read(in.protocol.get());
        in.protocol->readMessageEnd();
        REQUIRE(in.consumed());
        const std::string theirs = apache_message(name, at::protocol::T_CALL, seqid, apache_args);
        require_same_bytes(ours, theirs, name + " call");

        // Apache's client sends the same parameters through its own _pargs writer. It numbers
        // every call 0 (CassandraClient is not the concurrent client).
        apache_client client;
        apply_parameters<std::tuple_size_v<typename codec::struct_info<typename M::args>::fields>>(
            apache_args, [&](const auto&... p) { (client.client.*apache::send)(p...); });
        std::string ours_seqid0;
        codec::encode_call<M>(ours_seqid0, args, 0, false);
        require_same_bytes(ours_seqid0, client.out.bytes(), name + " call by Apache's client");

        // Framed transport: a 4-byte big-endian length, then the very same message.
        std::string framed;
        codec::encode_call<M>(framed, args, seqid, true);
        REQUIRE(framed.size() == ours.size() + 4);
        REQUIRE(frame_length(framed) == ours.size());
        REQUIRE(std::string_view(framed).substr(4) == ours);

        // Our server side reads Apache's call back to the arguments we started from.
        codec::binary_reader r(theirs);
        const auto header = codec::read_call_header(r);
        REQUIRE(header.name == name);
        REQUIRE(header.type == codec::message_type::call);
        REQUIRE(header.seqid == seqid);
        REQUIRE(codec::decode_call_args<M>(r) == args);
        REQUIRE(r.remaining() == 0);
    }
}

const bool calls_registered = [] {
    [&]<class... M>(std::tuple<M...>*) {
        (register_test(&call_matches_apache<M>,
                       std::string(M::name) + " call is byte-identical to Apache's client and server"),
         ...);
    }(static_cast<codec::all_methods*>(nullptr));
    return true;
}();

}  // namespace
}  // namespace cppcassa::reference
