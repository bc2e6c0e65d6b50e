// The Test class of pycassa's "Class Mapping" tutorial, for the column_family_map tests (unit and
// integration):
// pycassa.String(default='Your Default'), IntString(default=5), FloatString(default=8.0),
// Float64(default=0.0), DateTimeString() (default None).
#pragma once

#include <cppcassa/column_family_map.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace cppcassa::test {

struct test_row {
    std::string key;
    std::string super_column;   // used by the super column family form only
    std::string string_column;
    std::int64_t int_str_column = 0;
    double float_str_column = 0;
    double float_column = 0;
    std::optional<std::chrono::sys_seconds> datetime_str_column;
};

inline auto test_mapping() {
    return mapping(&test_row::key)
        .column("string_column", &test_row::string_column, mapped::string{}, "Your Default")
        .column("int_str_column", &test_row::int_str_column, mapped::int_string{}, 5)
        .column("float_str_column", &test_row::float_str_column, mapped::float_string{}, 8.0)
        .column("float_column", &test_row::float_column, mapped::float64{}, 0.0)
        .column("datetime_str_column", &test_row::datetime_str_column, mapped::datetime_string{});
}

}  // namespace cppcassa::test
