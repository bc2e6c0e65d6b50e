// Every struct and exception of proto/cassandra.thrift: our bytes are Apache's, both ways.
#include "reference/apache_builders.hpp"
#include "reference/apache_io.hpp"
#include "reference/reference_test.hpp"

#include <string>
#include <tuple>

namespace cppcassa::reference {
namespace {

// Apache reads our bytes and writes them again. It writes in its own field order with its own
// presence rules (__isset) and encodings, so any difference in ours shows up in the bytes; and we
// then read Apache's bytes back to the value we started from.
template <class T>
void struct_round_trips_through_apache() {
    const std::string name(codec::struct_info<T>::name);
    auto gen = generator_for(name + " struct");
    INFO("base seed " << base_seed() << " (set CPPCASSA_REFERENCE_SEED to replay)");
    for (int i = 0; i < values_per_type(); ++i) {
        INFO(name << " value " << i);
        const T value = gen.template make<T>(optionals_for(i), large_for(i));
        const std::string ours = our_encode(value);
        const std::string apache = apache_write(apache_read<apache_t<T>>(ours));
        require_same_bytes(ours, apache, name);
        REQUIRE(our_decode<T>(apache) == value);
    }
}

// Apache writes an object built through its setters, from no bytes of ours.
template <class T>
void struct_built_by_apache_matches() {
    const std::string name(codec::struct_info<T>::name);
    auto gen = generator_for(name + " built");
    gen.keep_apache_defaults(false);  // the builders can leave any field unset
    INFO("base seed " << base_seed() << " (set CPPCASSA_REFERENCE_SEED to replay)");
    for (int i = 0; i < values_per_type(); ++i) {
        INFO(name << " value " << i);
        const T value = gen.template make<T>(optionals_for(i), large_for(i));
        const std::string apache = apache_write(build_apache(value));
        require_same_bytes(our_encode(value), apache, name);
        REQUIRE(our_decode<T>(apache) == value);
    }
}

const bool structs_registered = [] {
    [&]<class... T>(std::tuple<T...>*) {
        (register_test(&struct_round_trips_through_apache<T>,
                       std::string(codec::struct_info<T>::name) +
                           " encodes to Apache's bytes and decodes them back"),
         ...);
    }(static_cast<codec::all_structs*>(nullptr));
    [&]<class... T>(std::tuple<T...>*) {
        (register_test(&struct_built_by_apache_matches<T>,
                       std::string(codec::struct_info<T>::name) +
                           " built with Apache's setters writes our bytes"),
         ...);
    }(static_cast<std::tuple<thrift::Column, thrift::ColumnOrSuperColumn, thrift::SlicePredicate,
                             thrift::KeyRange, thrift::Deletion, thrift::Mutation, thrift::CfDef,
                             thrift::KsDef,
                             thrift::MultiSliceRequest>*>(nullptr));
    return true;
}();

}  // namespace
}  // namespace cppcassa::reference
