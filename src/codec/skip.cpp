#include "codec/skip.hpp"

namespace cppcassa::codec {
void skip(binary_reader& r, wire_type t) {
    switch (t) {
    case wire_type::bool_:
    case wire_type::byte:
    case wire_type::double_:
    case wire_type::i16:
    case wire_type::i32:
    case wire_type::i64:
        r.skip_bytes(min_wire_size(t));
        return;
    case wire_type::string:
        r.read_binary();
        return;
    case wire_type::struct_: {
        auto depth = r.nest();
        for (auto f = r.read_field_begin(); f.type != wire_type::stop; f = r.read_field_begin())
            skip(r, f.type);
        return;
    }
    case wire_type::set:
    case wire_type::list: {
        auto depth = r.nest();
        const auto h = t == wire_type::list ? r.read_list_begin() : r.read_set_begin();
        if (is_fixed_size(h.elem)) {
            // The header check already proved the bytes are there.
            r.skip_bytes(static_cast<std::size_t>(h.size) * min_wire_size(h.elem));
            return;
        }
        for (std::int32_t i = 0; i < h.size; ++i)
            skip(r, h.elem);
        return;
    }
    case wire_type::map: {
        auto depth = r.nest();
        const auto h = r.read_map_begin();
        for (std::int32_t i = 0; i < h.size; ++i) {
            skip(r, h.key);
            skip(r, h.value);
        }
        return;
    }
    case wire_type::stop:
        break;
    }
    // Callers only pass tags the reader validated; stop is not a value.
    throw protocol_error("cannot skip a Thrift value of type stop");
}

}  // namespace cppcassa::codec
