// Column "c" of Standard1 in the test keyspace (test_keyspace.hpp): what the integration tests
// write and read back when the data itself is not under test.
#pragma once

#include "support/test_keyspace.hpp"

#include <cppcassa/thrift/method_args.hpp>

#include <string>

namespace cppcassa::test {

inline thrift::insert_args insert_c(const std::string& key, const std::string& value) {
    thrift::insert_args write;
    write.key = key;
    write.column_parent.column_family = "Standard1";
    write.column.name = "c";
    write.column.value = value;
    write.column.timestamp = now_micros();
    return write;
}

inline thrift::get_args get_c(const std::string& key) {
    thrift::get_args read;
    read.key = key;
    read.column_path.column_family = "Standard1";
    read.column_path.column = std::string("c");
    return read;
}

}  // namespace cppcassa::test
