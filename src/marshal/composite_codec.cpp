#include "marshal/composite_codec.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

namespace cppcassa::detail {

void append_component(std::string& out, const marshal_type& composite_type, std::size_t index,
                      const std::string& packed, std::uint8_t end_of_component) {
    if (packed.size() > 0xffff)
        throw marshal_error(fmt::format("cannot pack component {} of {}: {} bytes, a component holds at most 65535",
                                        index, composite_type.short_name(), packed.size()));
    out += static_cast<char>(packed.size() >> 8);
    out += static_cast<char>(packed.size() & 0xff);
    out += packed;
    out += static_cast<char>(end_of_component);
}

}  // namespace cppcassa::detail
