// The store's schema side: keyspaces and column families (system_*), describe_*, login and
// set_keyspace. Messages follow Cassandra 3.11's where a user might match on them.
#include "routing/murmur3.hpp"
#include "testing/store_model.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <utility>

namespace cppcassa::testing::detail {

namespace {

constexpr std::string_view marshal_package = "org.apache.cassandra.db.marshal.";

// Marshal classes Cassandra 3.11 has that cppcassa handles as opaque bytes.
bool is_known_opaque(std::string_view name) {
    static constexpr std::string_view known[] = {
        "DynamicCompositeType", "InetAddressType", "SimpleDateType", "TimeType", "ByteType", "ShortType",
        "DurationType", "ListType", "SetType", "MapType", "TupleType", "UserType", "FrozenType",
        "ColumnToCollectionType", "EmptyType", "LocalByPartionerType", "PartitionerDefinedOrder"};
    return std::find(std::begin(known), std::end(known), name) != std::end(known);
}

// Every opaque class inside `t` must be one Cassandra knows (TypeParser refuses the others).
void check_known(const marshal_type& t) {
    if (t.kind() == type_kind::opaque) {
        std::string name = t.to_string();
        name = name.substr(0, name.find('('));
        const std::string short_name = name.starts_with(marshal_package) ? name.substr(marshal_package.size()) : name;
        if (!is_known_opaque(short_name))
            invalid(fmt::format("Unable to find abstract-type class '{}'",
                                name.find('.') == std::string::npos ? fmt::format("{}{}", marshal_package, name) : name));
    }
    for (const auto& c : t.components())
        check_known(c);
    if (t.kind() == type_kind::reversed)
        check_known(t.inner());
}

std::shared_ptr<const marshal_type> parse_type(const std::optional<std::string>& text, std::string_view what) {
    std::shared_ptr<const marshal_type> parsed;
    try {
        parsed = std::make_shared<const marshal_type>(marshal_type::parse(text.value_or("")));
    } catch (const cppcassa::error& e) {
        invalid(fmt::format("Invalid {} '{}': {}", what, text.value_or(""), e.what()));
    }
    check_known(*parsed);
    return parsed;
}

std::string full_name(const std::optional<std::string>& text, std::string_view fallback) {
    if (!text || text->empty())
        return fmt::format("{}{}", marshal_package, fallback);
    return marshal_type::parse(*text).to_string();
}

bool is_valid_name(const std::string& name) {
    return !name.empty() && name.size() <= 48 &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
           });
}

// Fills the defaults Cassandra reports back in describe_keyspace, and the parsed comparators.
column_family make_table(thrift::CfDef def, std::int32_t id) {
    column_family cf;
    const std::string kind = def.column_type.value_or("Standard");
    if (kind != "Standard" && kind != "Super")
        invalid(fmt::format("Invalid column type {}", kind));
    cf.super = kind == "Super";
    cf.names.type = parse_type(def.comparator_type, "comparator");
    if (cf.super)
        cf.subnames.type = parse_type(def.subcomparator_type, "subcomparator");
    cf.default_validator = parse_type(def.default_validation_class, "default validator");
    cf.counter = cf.default_validator->kind() == type_kind::counter;
    if (def.column_metadata) {
        for (auto& col : *def.column_metadata) {
            cf.validators[col.name] = parse_type(col.validation_class, "validator");
            col.validation_class = full_name(col.validation_class, "BytesType");
            if (col.index_type && !col.index_name) {  // CFMetaData.getDefaultIndexName
                std::string name = def.name + "_" + col.name + "_idx";
                std::erase_if(name, [](char c) {
                    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
                });
                col.index_name = std::move(name);
            }
        }
    }

    if (cf.super && def.column_metadata) {
        // Cassandra 3.11 keeps no validators for sub-columns (a super column family is a map
        // column there): accepted, then listed as none.
        def.column_metadata->clear();
        cf.validators.clear();
    }
    def.column_type = kind;
    def.comparator_type = full_name(def.comparator_type, "BytesType");
    if (cf.super)
        def.subcomparator_type = full_name(def.subcomparator_type, "BytesType");
    def.default_validation_class = full_name(def.default_validation_class, "BytesType");
    def.key_validation_class = full_name(def.key_validation_class, "BytesType");
    if (!def.id)
        def.id = id;
    if (!def.gc_grace_seconds)
        def.gc_grace_seconds = 864000;
    if (!def.default_time_to_live)
        def.default_time_to_live = 0;
    if (!def.comment)
        def.comment = "";
    cf.def = std::move(def);
    return cf;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

std::int64_t token_of_key(const std::string& key) { return routing::murmur3_token(key); }

}  // namespace

void invalid(std::string why) { throw thrift_failure{thrift::InvalidRequestException{std::move(why)}}; }

partition_key position_of(const std::string& key) { return {token_of_key(key), key}; }

std::int64_t even_token(std::size_t index, std::size_t count) {
    // Spread over the whole signed range: node i owns (token(i-1), token(i)].
    const auto step = static_cast<std::uint64_t>(-1) / (count == 0 ? 1 : count);
    const auto offset = step * (index + 1);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::min()) + offset);
}

std::int64_t store::impl::now_seconds() const {
    const auto now = options.clock ? options.clock() : std::chrono::system_clock::now();
    return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
}

void store::impl::new_schema_version() {
    ++schema_changes;
    // A version 1 shaped UUID, distinct per change, the same on every node (they share the schema).
    schema_version = fmt::format("{:08x}-{:04x}-1{:03x}-8000-{:012x}", static_cast<std::uint32_t>(schema_changes),
                                 0xcafe, 0x123, 0x0cca55a0ULL + schema_changes);
}

void store::impl::require_login(const session& s) const {
    if (!options.users.empty() && !s.user)
        invalid("You have not logged in");
}

keyspace& store::impl::current_keyspace(const session& s) {
    require_login(s);
    if (s.keyspace.empty())
        invalid("You have not set a keyspace for this session");
    auto it = keyspaces.find(s.keyspace);
    if (it == keyspaces.end())
        invalid(fmt::format("Keyspace '{}' does not exist", s.keyspace));
    return it->second;
}

column_family& store::impl::table(const session& s, const std::string& name) {
    keyspace& ks = current_keyspace(s);
    auto it = ks.tables.find(name);
    if (it == ks.tables.end())
        invalid(fmt::format("unconfigured table {}", name));
    return it->second;
}

store::store(cluster_options options) : impl_(std::make_unique<impl>()) {
    impl_->options = std::move(options);
    impl_->new_schema_version();
}

store::~store() = default;

void store::set_ring(std::vector<ring_member> members) {
    ring_ = std::move(members);
    impl_->ring_size = std::max<std::size_t>(1, ring_.size());
}

column_family& store::impl::checked_table(const session& s, const std::string& name, thrift::ConsistencyLevel level,
                                          bool write) {
    column_family& cf = table(s, name);
    check_consistency(s, level, write);
    return cf;
}

void store::impl::check_consistency(const session& s, thrift::ConsistencyLevel level, bool write) {
    using cl = thrift::ConsistencyLevel;
    const keyspace& ks = current_keyspace(s);
    if (!write && level == cl::ANY)
        invalid("ANY ConsistencyLevel is only supported for writes");
    if (level == cl::SERIAL || level == cl::LOCAL_SERIAL)
        invalid(write ? "You must use conditional updates for serializable writes"
                      : "SERIAL/LOCAL_SERIAL consistency may only be requested for one partition at a time");
    // SimpleStrategy: replication_factor; NetworkTopologyStrategy: the sum of the datacenters'.
    std::size_t rf = 0;
    for (const auto& [option, value] : ks.def.strategy_options.value_or(std::map<std::string, std::string>{}))
        if (option == "replication_factor" || ks.def.strategy_class.find("NetworkTopology") != std::string::npos)
            rf += static_cast<std::size_t>(std::max(0, std::atoi(value.c_str())));
    if (rf == 0)
        rf = 1;
    std::size_t needed = 1;
    switch (level) {
    case cl::TWO: needed = 2; break;
    case cl::THREE: needed = 3; break;
    case cl::QUORUM:
    case cl::LOCAL_QUORUM:
    case cl::EACH_QUORUM: needed = rf / 2 + 1; break;
    case cl::ALL: needed = rf; break;
    default: break;
    }
    if (needed > std::min(rf, ring_size))
        throw thrift_failure{thrift::UnavailableException{}};
}
void store::set_clock(clock_function clock) { impl_->options.clock = std::move(clock); }

// ---- session ----

void store::serve(session& s, const thrift::login_args& a) {
    const auto& creds = a.auth_request.credentials;
    if (impl_->options.users.empty()) {
        s.user = creds.contains("username") ? creds.at("username") : std::string("anonymous");
        return;
    }
    const auto user = creds.find("username");
    const auto password = creds.find("password");
    if (user == creds.end())
        throw thrift_failure{thrift::AuthenticationException{"Required key 'username' is missing"}};
    if (password == creds.end())
        throw thrift_failure{
            thrift::AuthenticationException{fmt::format("Required key 'password' is missing for provided username {}", user->second)}};
    const auto known = impl_->options.users.find(user->second);
    if (known == impl_->options.users.end() || known->second != password->second)
        throw thrift_failure{thrift::AuthenticationException{
            fmt::format("Provided username {} and/or password are incorrect", user->second)}};
    s.user = user->second;
}

void store::serve(session& s, const thrift::set_keyspace_args& a) {
    impl_->require_login(s);
    if (!impl_->keyspaces.contains(a.keyspace))
        invalid(fmt::format("Keyspace '{}' does not exist", a.keyspace));
    s.keyspace = a.keyspace;
}

// ---- metadata ----

std::map<std::string, std::vector<std::string>> store::serve(session&, const thrift::describe_schema_versions_args&) {
    std::vector<std::string> hosts;
    for (const auto& m : ring_)
        hosts.push_back(m.host);
    if (hosts.empty())
        hosts.push_back("127.0.0.1");
    return {{impl_->schema_version, hosts}};
}

std::vector<thrift::KsDef> store::serve(session& s, const thrift::describe_keyspaces_args&) {
    impl_->require_login(s);
    std::vector<thrift::KsDef> out;
    for (const auto& [name, ks] : impl_->keyspaces) {
        thrift::describe_keyspace_args one{name};
        out.push_back(serve(s, one));
    }
    return out;
}

std::string store::serve(session&, const thrift::describe_cluster_name_args&) { return impl_->options.cluster_name; }
std::string store::serve(session&, const thrift::describe_version_args&) { return "20.1.0"; }
std::string store::serve(session&, const thrift::describe_partitioner_args&) {
    return "org.apache.cassandra.dht.Murmur3Partitioner";
}
std::string store::serve(session&, const thrift::describe_snitch_args&) {
    return "org.apache.cassandra.locator.SimpleSnitch";
}

std::vector<thrift::TokenRange> store::serve(session& s, const thrift::describe_ring_args& a) {
    impl_->require_login(s);
    // Tests discover the ring with a system keyspace (system_traces, on every line).
    static const std::set<std::string> system_keyspaces{"system", "system_auth", "system_distributed",
                                                        "system_schema", "system_traces"};
    if (!impl_->keyspaces.contains(a.keyspace) && !system_keyspaces.contains(a.keyspace))
        invalid(fmt::format("There is no ring for the keyspace: {}", a.keyspace));
    std::vector<thrift::TokenRange> out;
    for (std::size_t i = 0; i < ring_.size(); ++i) {
        const auto& prev = ring_[(i + ring_.size() - 1) % ring_.size()];
        const auto& m = ring_[i];
        thrift::TokenRange r;
        r.start_token = std::to_string(prev.token);
        r.end_token = std::to_string(m.token);
        r.endpoints = {m.host};
        r.rpc_endpoints = std::vector<std::string>{m.host};
        r.endpoint_details = std::vector<thrift::EndpointDetails>{
            thrift::EndpointDetails{.host = m.host, .datacenter = "datacenter1", .rack = std::string("rack1")}};
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<thrift::TokenRange> store::serve(session& s, const thrift::describe_local_ring_args& a) {
    thrift::describe_ring_args all{a.keyspace};
    return serve(s, all);
}

std::map<std::string, std::string> store::serve(session&, const thrift::describe_token_map_args&) {
    std::map<std::string, std::string> out;
    for (const auto& m : ring_)
        out[std::to_string(m.token)] = m.host;
    return out;
}

thrift::KsDef store::serve(session& s, const thrift::describe_keyspace_args& a) {
    impl_->require_login(s);
    const auto it = impl_->keyspaces.find(a.keyspace);
    if (it == impl_->keyspaces.end())
        throw thrift_failure{thrift::NotFoundException{}};
    thrift::KsDef def = it->second.def;
    def.cf_defs.clear();
    for (const auto& [name, cf] : it->second.tables)
        def.cf_defs.push_back(cf.def);
    return def;
}

// ---- schema ----

std::string store::serve(session& s, const thrift::system_add_keyspace_args& a) {
    impl_->require_login(s);
    const thrift::KsDef& def = a.ks_def;
    if (!is_valid_name(def.name))
        invalid(fmt::format("\"{}\" is not a valid keyspace name", def.name));
    for (const auto& [existing, ks] : impl_->keyspaces)
        if (equal_ignoring_case(existing, def.name))
            invalid(fmt::format("Keyspace names must be case-insensitively unique (\"{}\" conflicts with \"{}\")",
                                def.name, existing));
    keyspace ks;
    ks.def = def;
    ks.def.cf_defs.clear();
    if (!ks.def.durable_writes)
        ks.def.durable_writes = true;
    for (auto cf : def.cf_defs) {
        cf.keyspace = def.name;
        const std::string name = cf.name;
        ks.tables.emplace(name, make_table(std::move(cf), impl_->next_cf_id++));
    }
    impl_->keyspaces.emplace(def.name, std::move(ks));
    impl_->new_schema_version();
    return impl_->schema_version;
}

std::string store::serve(session& s, const thrift::system_drop_keyspace_args& a) {
    impl_->require_login(s);
    if (impl_->keyspaces.erase(a.keyspace) == 0)
        invalid(fmt::format("Cannot drop non existing keyspace '{}'.", a.keyspace));
    impl_->new_schema_version();
    return impl_->schema_version;
}

std::string store::serve(session& s, const thrift::system_update_keyspace_args& a) {
    impl_->require_login(s);
    const auto it = impl_->keyspaces.find(a.ks_def.name);
    if (it == impl_->keyspaces.end())
        invalid(fmt::format("Cannot update non existing keyspace '{}'.", a.ks_def.name));
    if (!a.ks_def.cf_defs.empty())
        invalid("Keyspace update must not contain any table definitions.");
    it->second.def = a.ks_def;
    if (!it->second.def.durable_writes)
        it->second.def.durable_writes = true;
    impl_->new_schema_version();
    return impl_->schema_version;
}

std::string store::serve(session& s, const thrift::system_add_column_family_args& a) {
    keyspace& ks = impl_->current_keyspace(s);
    if (a.cf_def.keyspace != s.keyspace)
        invalid("CfDef (" + a.cf_def.name + ") had a keyspace definition that did not match KsDef");
    if (!is_valid_name(a.cf_def.name))
        invalid(fmt::format("\"{}\" is not a valid table name", a.cf_def.name));
    if (ks.tables.contains(a.cf_def.name))
        invalid(fmt::format("Cannot add already existing table \"{}\" to keyspace \"{}\"", a.cf_def.name, s.keyspace));
    ks.tables.emplace(a.cf_def.name, make_table(a.cf_def, impl_->next_cf_id++));
    impl_->new_schema_version();
    return impl_->schema_version;
}

std::string store::serve(session& s, const thrift::system_drop_column_family_args& a) {
    keyspace& ks = impl_->current_keyspace(s);
    if (ks.tables.erase(a.column_family) == 0)
        invalid(fmt::format("Cannot drop non existing table '{}' in keyspace '{}'.", a.column_family, s.keyspace));
    impl_->new_schema_version();
    return impl_->schema_version;
}

std::string store::serve(session& s, const thrift::system_update_column_family_args& a) {
    keyspace& ks = impl_->current_keyspace(s);
    const auto it = ks.tables.find(a.cf_def.name);
    if (it == ks.tables.end())
        invalid(fmt::format("Could not find table definition to modify"));
    thrift::CfDef wanted = a.cf_def;
    // Cassandra 3.11 accepts a new default validator but keeps the old one (the value column of
    // a compact table keeps its type).
    wanted.default_validation_class = it->second.def.default_validation_class;
    column_family updated = make_table(std::move(wanted), it->second.def.id.value_or(0));
    if (updated.def.comparator_type != it->second.def.comparator_type || updated.super != it->second.super)
        invalid("Cannot modify the comparator or column type of a table");
    updated.rows = std::move(it->second.rows);
    it->second = std::move(updated);
    impl_->new_schema_version();
    return impl_->schema_version;
}

}  // namespace cppcassa::testing::detail
