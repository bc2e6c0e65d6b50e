// Apache objects built field by field from ours, through the generated __set_x setters.
//
// The generic tests let Apache *read* our bytes before writing its own, which cannot catch a
// mistake both readers share. These builders take no bytes at all: for the structs every data
// call sends (columns, predicates, ranges, mutations) and the schema definitions, Apache writes
// from an object set up the way an Apache user would, and the bytes must still be ours.
#pragma once

#include "reference/apache_types.hpp"

namespace cppcassa::reference {

ac::Column build_apache(const thrift::Column& v);
ac::SuperColumn build_apache(const thrift::SuperColumn& v);
ac::CounterColumn build_apache(const thrift::CounterColumn& v);
ac::CounterSuperColumn build_apache(const thrift::CounterSuperColumn& v);
ac::ColumnOrSuperColumn build_apache(const thrift::ColumnOrSuperColumn& v);
ac::SliceRange build_apache(const thrift::SliceRange& v);
ac::SlicePredicate build_apache(const thrift::SlicePredicate& v);
ac::IndexExpression build_apache(const thrift::IndexExpression& v);
ac::KeyRange build_apache(const thrift::KeyRange& v);
ac::Deletion build_apache(const thrift::Deletion& v);
ac::Mutation build_apache(const thrift::Mutation& v);
ac::ColumnDef build_apache(const thrift::ColumnDef& v);
ac::TriggerDef build_apache(const thrift::TriggerDef& v);
ac::CfDef build_apache(const thrift::CfDef& v);
ac::KsDef build_apache(const thrift::KsDef& v);
ac::ColumnParent build_apache(const thrift::ColumnParent& v);
ac::ColumnSlice build_apache(const thrift::ColumnSlice& v);
ac::MultiSliceRequest build_apache(const thrift::MultiSliceRequest& v);

}  // namespace cppcassa::reference
