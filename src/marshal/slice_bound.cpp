#include "marshal/composite_codec.hpp"

#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal.hpp>

#include <fmt/format.h>

namespace cppcassa {

namespace {

// `lower`: the bound is the low end of the slice in the order of `type` (after any ReversedType
// above it flipped it). `inclusive`: the names equal to the bound belong to the slice.
struct bound_position {
    bool lower;
    bool inclusive;
};

// A time given for a TimeUUIDType bound stands for its whole millisecond. The bound takes the
// lowest UUID of that millisecond or the highest, whichever keeps (inclusive) or drops
// (exclusive) the whole millisecond on that side.
std::string time_uuid_bound(date t, bound_position at) {
    if (at.lower == at.inclusive)
        return uuid::time_bound(t, time_uuid_bound::lowest).to_bytes();
    const auto last_tick = uuid::clock::time_point(t) + std::chrono::milliseconds(1) - std::chrono::nanoseconds(100);
    return uuid::time_bound(last_tick, time_uuid_bound::highest).to_bytes();
}

// One value (not a composite) as a bound: a time on TimeUUIDType becomes a UUID bound, anything
// else packs as usual.
std::string pack_plain_bound(const marshal_type& type, const value& v, bound_position at) {
    const marshal_type& base = type.base();
    if (base.kind() == type_kind::time_uuid && v.kind() == value_kind::date) {
        // A reversed component orders latest first: its low end is the latest time.
        bool reversed = false;
        for (const marshal_type* t = &type; t->kind() == type_kind::reversed; t = &t->inner())
            reversed = !reversed;
        const bound_position natural{at.lower != reversed, at.inclusive};
        return time_uuid_bound(std::get<date>(v.get()), natural);
    }
    return pack(type, v);
}

std::string pack_bound(const marshal_type& type, const value& v, bound_position at) {
    if (type.kind() == type_kind::reversed)
        return pack_bound(type.inner(), v, {!at.lower, at.inclusive});
    if (type.kind() == type_kind::composite) {
        if (v.kind() != value_kind::composite)
            throw marshal_error(fmt::format("cannot pack {} as a slice bound of {}: expects a cppcassa::composite "
                                            "prefix of its components",
                                            v.describe(), type.short_name()));
        const auto& components = std::get<composite>(v.get()).components;
        if (components.size() > type.components().size())
            throw marshal_error(fmt::format("cannot pack {} as a slice bound of {}: {} components given, the type has {}",
                                            v.describe(), type.short_name(), components.size(),
                                            type.components().size()));
        std::string out;
        for (std::size_t i = 0; i < components.size(); ++i) {
            const bool last = i + 1 == components.size();
            // Only the last component's end-of-component byte may be non-zero (Cassandra refuses
            // others): -1 sorts before every name with this prefix, 1 after all of them.
            const std::uint8_t end_of_component = !last ? 0x00 : at.lower == at.inclusive ? 0xff : 0x01;
            detail::append_component(out, type, i, pack_plain_bound(type.components()[i], components[i], at),
                                             end_of_component);
        }
        return out;
    }
    if (!at.inclusive && !(type.kind() == type_kind::time_uuid && v.kind() == value_kind::date))
        throw marshal_error(fmt::format(
            "cannot pack {} as an exclusive slice bound of {}: Thrift slices include their ends; exclusive "
            "bounds need a CompositeType name or a time on TimeUUIDType",
            v.describe(), type.short_name()));
    return pack_plain_bound(type, v, at);
}

}  // namespace

std::string pack_slice_bound(const marshal_type& type, const value& v, slice_end end, bound_kind kind,
                             slice_order order) {
    if (v.empty())
        return {};  // an open end
    const bool lower = (end == slice_end::start) == (order == slice_order::forward);
    return pack_bound(type, v, {lower, kind == bound_kind::inclusive});
}

}  // namespace cppcassa
