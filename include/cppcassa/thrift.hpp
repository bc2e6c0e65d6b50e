// Cassandra's Thrift API as plain C++ aggregates: every enum, struct, exception and method
// parameter list of proto/cassandra.thrift (API version 20.1.0, Cassandra 3.11).
//
// These types carry no behaviour and know nothing of the codec; src/codec describes their wire
// shape separately, so including this header costs only standard containers.
#pragma once

#include "cppcassa/thrift/auth.hpp"
#include "cppcassa/thrift/columns.hpp"
#include "cppcassa/thrift/cql.hpp"
#include "cppcassa/thrift/enums.hpp"
#include "cppcassa/thrift/exceptions.hpp"
#include "cppcassa/thrift/method_args.hpp"
#include "cppcassa/thrift/predicates.hpp"
#include "cppcassa/thrift/ring.hpp"
#include "cppcassa/thrift/schema.hpp"

namespace cppcassa::thrift {

// The API version this library speaks; describe_version() on a Cassandra 3.11 node returns it.
inline constexpr const char* api_version = "20.1.0";

}  // namespace cppcassa::thrift
