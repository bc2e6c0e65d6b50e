// What Cassandra's AbstractType.validate says about bytes that do not fit a marshal type, so a
// bad name or value is refused with the same message ("Expected 8 or 0 byte long (3)").
#pragma once

#include <cppcassa/types/marshal_type.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace cppcassa::testing::detail {

// nullopt when `bytes` is valid for `type`, else Cassandra 3.11's MarshalException message.
std::optional<std::string> marshal_problem(const marshal_type& type, std::string_view bytes);

}  // namespace cppcassa::testing::detail
