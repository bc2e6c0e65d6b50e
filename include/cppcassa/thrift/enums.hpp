// The enums of Cassandra's Thrift API. Thrift sends an enum as its i32 value, so the values here
// are the wire and must never be renumbered.
#pragma once

#include <cstdint>

namespace cppcassa::thrift {

// How many replicas must answer. W + R > RF gives read-your-writes. LOCAL_* and EACH_QUORUM need
// NetworkTopologyStrategy; SERIAL and LOCAL_SERIAL are only for cas(); ANY is for writes only.
enum class ConsistencyLevel : std::int32_t {
    ONE = 1,
    QUORUM = 2,
    LOCAL_QUORUM = 3,
    EACH_QUORUM = 4,
    ALL = 5,
    ANY = 6,
    TWO = 7,
    THREE = 8,
    SERIAL = 9,
    LOCAL_SERIAL = 10,
    LOCAL_ONE = 11,
};

// Comparison in an IndexExpression. The IDL leaves the values implicit, so they count from 0.
enum class IndexOperator : std::int32_t {
    EQ = 0,
    GTE = 1,
    GT = 2,
    LTE = 3,
    LT = 4,
};

// Kind of secondary index in a ColumnDef (implicit values, from 0).
enum class IndexType : std::int32_t {
    KEYS = 0,
    CUSTOM = 1,
    COMPOSITES = 2,
};

// Compression of a CQL query string; NONE is the usual choice. There is no 0.
enum class Compression : std::int32_t {
    GZIP = 1,
    NONE = 2,
};

// Which members of a CqlResult are filled. There is no 0.
enum class CqlResultType : std::int32_t {
    ROWS = 1,
    VOID = 2,
    INT = 3,
};

}  // namespace cppcassa::thrift
