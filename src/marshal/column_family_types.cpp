#include <cppcassa/errors.hpp>
#include <cppcassa/types/column_family_types.hpp>

#include <fmt/format.h>

namespace cppcassa {

namespace {

marshal_type parse_field(const std::optional<std::string>& text, const thrift::CfDef& cf, std::string_view field) {
    if (!text)
        return {};
    try {
        return marshal_type::parse(*text);
    } catch (const marshal_error& e) {
        throw marshal_error(fmt::format("column family {}.{}: {}: {}", cf.keyspace, cf.name, field, e.what()));
    }
}

}  // namespace

column_family_types column_family_types::from_cf_def(const thrift::CfDef& cf) {
    column_family_types types;
    types.key = parse_field(cf.key_validation_class, cf, "key_validation_class");
    types.name = parse_field(cf.comparator_type, cf, "comparator_type");
    if (cf.column_type && *cf.column_type == "Super")
        types.sub_name = parse_field(cf.subcomparator_type, cf, "subcomparator_type");
    types.default_value = parse_field(cf.default_validation_class, cf, "default_validation_class");
    if (cf.column_metadata)
        for (const auto& column : *cf.column_metadata)
            types.values.insert_or_assign(column.name,
                                          parse_field(std::optional<std::string>(column.validation_class), cf, "column_metadata validation_class"));
    return types;
}

const marshal_type& column_family_types::value_type(std::string_view packed_name) const {
    const auto it = values.find(packed_name);
    return it == values.end() ? default_value : it->second;
}

}  // namespace cppcassa
