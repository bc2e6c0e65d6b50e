// The non-template parts of column_family_map: the byte-valued copy of a column family and the
// packing of mapped names.
#include <cppcassa/column_family_map.hpp>

#include <fmt/format.h>


namespace cppcassa::detail {

column_family with_byte_values(const column_family& cf, bool super) {
    column_family_types types = cf.types();
    if (types.is_counter())
        throw usage_error(client_errc::wrong_column_family_kind,
                          "column_family_map cannot map the counter column family " + cf.name() +
                              ": its values are counters, not columns a codec writes");
    if (types.is_super() != super)
        throw usage_error(client_errc::wrong_column_family_kind,
                          fmt::format("column_family_map: {} is a {} column family but the mapping is for a {} one{}",
                                      cf.name(), types.is_super() ? "super" : "standard", super ? "super" : "standard",
                                      super ? "" : " (add .super_column(&T::member) to the mapping)"));
    // The mapping's codecs make the value bytes: BytesType passes them through unchanged, so a
    // column is stored as the mapping says whatever validator the schema names.
    types.default_value = marshal_type();
    types.values.clear();
    column_family out(cf.connection_pool(), cf.name(), std::move(types));
    out.set_read_consistency_level(cf.read_consistency_level());
    out.set_write_consistency_level(cf.write_consistency_level());
    out.set_clock([cf] { return cf.now(); });
    return out;
}

std::string pack_column_name(const column_family_types& types, std::string_view name) {
    const marshal_type& comparator = types.sub_name ? *types.sub_name : types.name;
    try {
        return pack(comparator, value(name));
    } catch (const marshal_error& e) {
        throw marshal_error(fmt::format("mapped column name \"{}\" cannot be packed with the comparator {}: {}",
                                        name, comparator.short_name(), e.what()));
    }
}

void rethrow_column_error(const marshal_error& e, std::string_view column, const value& key) {
    throw marshal_error(fmt::format("column \"{}\" of row {}: {}", column, key.describe(), e.what()));
}

}  // namespace cppcassa::detail
