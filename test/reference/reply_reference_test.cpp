// Every method's replies, success and each declared exception: what our server side writes is
// what Apache's server writes, our client reads Apache's replies, and Apache's client reads ours.
#include "codec/message.hpp"
#include "reference/apache_calls.hpp"
#include "reference/apache_io.hpp"
#include "reference/reference_test.hpp"

#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace cppcassa::reference {
namespace {

template <class M>
std::string apache_reply(std::int32_t seqid, const typename apache_method<M>::result& result) {
    return apache_message(M::name, at::protocol::T_REPLY, seqid, result);
}

template <class M>
void success_matches_apache(value_generator& gen, int i) {
    using apache = apache_method<M>;
    constexpr bool is_void = std::is_same_v<typename M::result, codec::void_result>;
    const std::string name(M::name);
    const std::int32_t seqid = gen.seqid();
    typename M::result value{};
    typename apache::result expected;
    if constexpr (!is_void) {
        value = gen.template make<typename M::result>(optionals_for(i), large_for(i));
        expected.success = to_apache<decltype(expected.success)>(value);
        expected.__isset.success = true;
    }
    std::string ours;
    codec::encode_reply<M>(ours, seqid, value, false);
    const std::string theirs = apache_reply<M>(seqid, expected);
    require_same_bytes(ours, theirs, name + " success reply");

    const auto reply = codec::decode_reply<M>(theirs, seqid);
    REQUIRE(reply.index() == 0);
    REQUIRE(std::get<0>(reply) == value);

    // Apache's client reads our reply; what it got, written back by Apache, is our bytes again.
    apache_client client(ours);
    if constexpr (is_void) {
        (client.client.*apache::recv)();
    } else {
        typename apache::result got;
        got.success = recv_value(client.client, apache::recv);
        got.__isset.success = true;
        require_same_bytes(ours, apache_reply<M>(seqid, got), name + " success reply read by Apache's client");
    }
    REQUIRE(client.in.consumed());

    std::string framed;
    codec::encode_reply<M>(framed, seqid, value, true);
    REQUIRE(std::string_view(framed).substr(4) == ours);
}

template <class M, std::size_t I>
void exception_matches_apache(value_generator& gen, int i) {
    using apache = apache_method<M>;
    using E = typename std::tuple_element_t<I, typename M::exceptions>::type;
    const std::string what = std::string(M::name) + " reply raising " + std::string(codec::struct_info<E>::name);
    const std::int32_t seqid = gen.seqid();
    const E value = gen.template make<E>(optionals_for(i), large_for(i));
    std::string ours;
    codec::encode_exception_reply<M, E>(ours, seqid, value, false);
    typename apache::result expected;
    set_exception(expected, to_apache<apache_t<E>>(value));
    const std::string theirs = apache_reply<M>(seqid, expected);
    require_same_bytes(ours, theirs, what);

    const auto reply = codec::decode_reply<M>(theirs, seqid);
    REQUIRE(reply.index() == I + 1);
    REQUIRE(std::get<I + 1>(reply) == value);

    // Apache's client throws the exception it read from our reply.
    apache_client client(ours);
    try {
        recv_value(client.client, apache::recv);
        FAIL(what << ": Apache's client returned instead of throwing");
    } catch (const apache_t<E>& thrown) {
        typename apache::result got;
        set_exception(got, thrown);
        require_same_bytes(ours, apache_reply<M>(seqid, got), what + " read by Apache's client");
    }
    REQUIRE(client.in.consumed());
}

template <class M>
void replies_match_apache() {
    constexpr std::size_t exceptions = std::tuple_size_v<typename M::exceptions>;
    const std::string name(M::name);
    auto gen = generator_for(name + " reply");
    INFO("base seed " << base_seed() << " (set CPPCASSA_REFERENCE_SEED to replay)");
    for (int i = 0; i < values_per_type(); ++i) {
        INFO(name << " reply " << i);
        success_matches_apache<M>(gen, i);
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (exception_matches_apache<M, I>(gen, i), ...);
        }(std::make_index_sequence<exceptions>{});
    }
}

const bool replies_registered = [] {
    [&]<class... M>(std::tuple<M...>*) {
        (register_test(&replies_match_apache<M>,
                       std::string(M::name) +
                           " replies and declared exceptions are byte-identical to Apache's, both ways"),
         ...);
    }(static_cast<codec::all_methods*>(nullptr));
    return true;
}();

}  // namespace
}  // namespace cppcassa::reference
