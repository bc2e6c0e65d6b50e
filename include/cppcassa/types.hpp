// Typed values: Cassandra's marshal types and the C++ values they pack from and unpack to
// (pycassa's autopacking, sans-io). See docs/types.md.
#pragma once

#include <cppcassa/errors.hpp>
#include <cppcassa/types/column_family_types.hpp>
#include <cppcassa/types/marshal.hpp>
#include <cppcassa/types/marshal_type.hpp>
#include <cppcassa/types/uuid.hpp>
#include <cppcassa/types/value.hpp>
#include <cppcassa/types/varint.hpp>
