// The embedded server's data model, called directly (sans-io): schema, slices, counts, ranges,
// paging, tombstones against timestamps, TTL with a fake clock, super and counter columns,
// batches, index queries, login, and Cassandra's error messages.
#include "testing/store.hpp"

#include <cppcassa/types/marshal.hpp>

#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace {

namespace thrift = cppcassa::thrift;
using cppcassa::testing::detail::session;
using cppcassa::testing::detail::store;
using cppcassa::testing::detail::thrift_failure;

thrift::CfDef cf(std::string name, std::string comparator = "BytesType") {
    thrift::CfDef def;
    def.keyspace = "ks";
    def.name = std::move(name);
    def.comparator_type = std::move(comparator);
    return def;
}

struct fixture {
    std::chrono::system_clock::time_point now = std::chrono::system_clock::time_point{} + std::chrono::hours(500000);
    store st{cppcassa::testing::cluster_options{.clock = [this] { return now; }}};
    session s;

    fixture() {
        thrift::system_add_keyspace_args ks;
        ks.ks_def.name = "ks";
        ks.ks_def.strategy_class = "SimpleStrategy";
        ks.ks_def.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
        auto standard = cf("Standard", "UTF8Type");
        auto longs = cf("Longs", "LongType");
        auto super = cf("Super", "UTF8Type");
        super.column_type = "Super";
        super.subcomparator_type = "LongType";
        auto counters = cf("Counters", "UTF8Type");
        counters.default_validation_class = "CounterColumnType";
        auto indexed = cf("Indexed", "UTF8Type");
        indexed.column_metadata = std::vector<thrift::ColumnDef>{
            thrift::ColumnDef{.name = "age", .validation_class = "LongType", .index_type = thrift::IndexType::KEYS,
                              .index_name = std::string("age_idx"), .index_options = std::nullopt}};
        ks.ks_def.cf_defs = {standard, longs, super, counters, indexed};
        st.serve(s, ks);
        thrift::set_keyspace_args use{"ks"};
        st.serve(s, use);
    }

    void insert(const std::string& key, const std::string& cf_name, const std::string& name, const std::string& value,
                std::int64_t ts = 1, std::optional<std::int32_t> ttl = std::nullopt,
                std::optional<std::string> super_column = std::nullopt) {
        thrift::insert_args a;
        a.key = key;
        a.column_parent.column_family = cf_name;
        a.column_parent.super_column = std::move(super_column);
        a.column = thrift::Column{.name = name, .value = value, .timestamp = ts, .ttl = ttl};
        st.serve(s, a);
    }

    std::vector<std::string> names(const std::string& key, const std::string& cf_name, thrift::SliceRange range = {},
                                   std::optional<std::string> super_column = std::nullopt) {
        thrift::get_slice_args a;
        a.key = key;
        a.column_parent.column_family = cf_name;
        a.column_parent.super_column = std::move(super_column);
        a.predicate.slice_range = range;
        std::vector<std::string> out;
        for (const auto& c : st.serve(s, a)) {
            if (c.column)
                out.push_back(c.column->name);
            else if (c.super_column)
                out.push_back(c.super_column->name);
            else if (c.counter_column)
                out.push_back(c.counter_column->name);
        }
        return out;
    }

    std::optional<std::string> value(const std::string& key, const std::string& cf_name, const std::string& name) {
        thrift::get_args a;
        a.key = key;
        a.column_path.column_family = cf_name;
        a.column_path.column = name;
        try {
            return st.serve(s, a).column->value;
        } catch (const thrift_failure& f) {
            REQUIRE(std::holds_alternative<thrift::NotFoundException>(f.error));
            return std::nullopt;
        }
    }

    void remove(const std::string& key, const std::string& cf_name, std::optional<std::string> column, std::int64_t ts,
                std::optional<std::string> super_column = std::nullopt) {
        thrift::remove_args a;
        a.key = key;
        a.column_path.column_family = cf_name;
        a.column_path.column = std::move(column);
        a.column_path.super_column = std::move(super_column);
        a.timestamp = ts;
        st.serve(s, a);
    }

    std::vector<std::string> range_keys(thrift::KeyRange range, const std::string& cf_name = "Standard") {
        thrift::get_range_slices_args a;
        a.column_parent.column_family = cf_name;
        a.predicate.slice_range = thrift::SliceRange{};
        a.range = std::move(range);
        std::vector<std::string> out;
        for (const auto& ks : st.serve(s, a))
            out.push_back(ks.key);
        return out;
    }
};

// The `why` of the InvalidRequestException `f` throws.
template <class F>
std::string invalid_why(F&& f) {
    try {
        f();
    } catch (const thrift_failure& e) {
        if (const auto* ire = std::get_if<thrift::InvalidRequestException>(&e.error))
            return ire->why;
        return "(another exception)";
    }
    return "(no exception)";
}

std::string be64(std::int64_t v) { return cppcassa::pack(cppcassa::marshal_type(cppcassa::type_kind::int64), v); }

}  // namespace

TEST_CASE("a keyspace added with its column families is described back with Cassandra's defaults", "[store]") {
    fixture f;
    thrift::describe_keyspace_args a{"ks"};
    const auto ks = f.st.serve(f.s, a);
    REQUIRE(ks.cf_defs.size() == 5);
    CHECK(ks.cf_defs[0].name == "Counters");
    const auto& standard = ks.cf_defs[3];
    CHECK(standard.name == "Standard");
    CHECK(standard.comparator_type == "org.apache.cassandra.db.marshal.UTF8Type");
    CHECK(standard.column_type == "Standard");
    CHECK(standard.default_validation_class == "org.apache.cassandra.db.marshal.BytesType");
    const auto& indexed = ks.cf_defs[1];
    REQUIRE(indexed.column_metadata);
    CHECK(indexed.column_metadata->at(0).validation_class == "org.apache.cassandra.db.marshal.LongType");
    thrift::describe_keyspace_args missing{"nope"};
    CHECK_THROWS_AS(f.st.serve(f.s, missing), thrift_failure);
}

TEST_CASE("schema changes return a new schema version that describe_schema_versions reports", "[store]") {
    fixture f;
    thrift::describe_schema_versions_args v;
    const auto before = f.st.serve(f.s, v).begin()->first;
    thrift::system_add_column_family_args add{cf("Extra")};
    const auto version = f.st.serve(f.s, add);
    CHECK(version != before);
    CHECK(f.st.serve(f.s, v).begin()->first == version);
    CHECK(invalid_why([&] { f.st.serve(f.s, add); }) == "Cannot add already existing table \"Extra\" to keyspace \"ks\"");
    thrift::system_add_column_family_args bad{cf("Bad", "NoSuchType")};
    CHECK(invalid_why([&] { f.st.serve(f.s, bad); }) ==
          "Unable to find abstract-type class 'org.apache.cassandra.db.marshal.NoSuchType'");
    thrift::system_drop_column_family_args drop{"Extra"};
    f.st.serve(f.s, drop);
    CHECK(invalid_why([&] { f.insert("k", "Extra", "c", "v"); }) == "unconfigured table Extra");
    thrift::system_add_keyspace_args again;
    again.ks_def.name = "KS";
    again.ks_def.strategy_class = "SimpleStrategy";
    CHECK(invalid_why([&] { f.st.serve(f.s, again); }) ==
          "Keyspace names must be case-insensitively unique (\"KS\" conflicts with \"ks\")");
    thrift::system_drop_keyspace_args drop_ks{"ks"};
    f.st.serve(f.s, drop_ks);
    thrift::describe_keyspaces_args all;
    CHECK(f.st.serve(f.s, all).empty());
}

TEST_CASE("metadata calls answer as a Cassandra 3.11 node with Murmur3", "[store]") {
    fixture f;
    thrift::describe_version_args v;
    CHECK(f.st.serve(f.s, v) == "20.1.0");
    thrift::describe_partitioner_args p;
    CHECK(f.st.serve(f.s, p) == "org.apache.cassandra.dht.Murmur3Partitioner");
    thrift::describe_cluster_name_args n;
    CHECK(f.st.serve(f.s, n) == "Test Cluster");
    f.st.set_ring({{"127.0.0.1", 1000, -10}, {"127.0.0.2", 1000, 10}});
    thrift::describe_ring_args r{"ks"};
    const auto ring = f.st.serve(f.s, r);
    REQUIRE(ring.size() == 2);
    CHECK(ring[0].start_token == "10");
    CHECK(ring[0].end_token == "-10");
    CHECK(ring[1].endpoints == std::vector<std::string>{"127.0.0.2"});
    thrift::describe_token_map_args tm;
    CHECK(f.st.serve(f.s, tm).at("10") == "127.0.0.2");
}

TEST_CASE("a session without a keyspace and an unknown keyspace give Cassandra's messages", "[store]") {
    fixture f;
    session fresh;
    thrift::get_args get;
    get.key = "k";
    get.column_path.column_family = "Standard";
    get.column_path.column = std::string("c");
    CHECK(invalid_why([&] { f.st.serve(fresh, get); }) == "You have not set a keyspace for this session");
    thrift::set_keyspace_args use{"Nope"};
    CHECK(invalid_why([&] { f.st.serve(fresh, use); }) == "Keyspace 'Nope' does not exist");
    get.column_path.column_family = "NoSuchCf";
    CHECK(invalid_why([&] { f.st.serve(f.s, get); }) == "unconfigured table NoSuchCf");
}

TEST_CASE("columns come back in comparator order and slices honour start, finish, count and reversed", "[store]") {
    fixture f;
    for (const auto n : {5, -3, 100, 0, 42})
        f.insert("k", "Longs", be64(n), "v");
    CHECK(f.names("k", "Longs") == std::vector<std::string>{be64(-3), be64(0), be64(5), be64(42), be64(100)});
    CHECK(f.names("k", "Longs", thrift::SliceRange{.start = be64(0), .finish = be64(42), .reversed = false, .count = 100}) ==
          std::vector<std::string>{be64(0), be64(5), be64(42)});
    CHECK(f.names("k", "Longs", thrift::SliceRange{.start = "", .finish = "", .reversed = false, .count = 2}) ==
          std::vector<std::string>{be64(-3), be64(0)});
    CHECK(f.names("k", "Longs", thrift::SliceRange{.start = be64(42), .finish = be64(0), .reversed = true, .count = 100}) ==
          std::vector<std::string>{be64(42), be64(5), be64(0)});
    CHECK(f.names("k", "Longs", thrift::SliceRange{.start = "", .finish = "", .reversed = true, .count = 1}) ==
          std::vector<std::string>{be64(100)});
    CHECK_THAT(invalid_why([&] {
                   f.names("k", "Longs", thrift::SliceRange{.start = be64(5), .finish = be64(0), .reversed = false, .count = 1});
               }),
               Catch::Contains("range finish must come after start"));
    thrift::get_count_args count;
    count.key = "k";
    count.column_parent.column_family = "Longs";
    count.predicate.slice_range = thrift::SliceRange{.start = be64(1), .finish = "", .reversed = false, .count = 100};
    CHECK(f.st.serve(f.s, count) == 3);
    thrift::get_slice_args by_name;
    by_name.key = "k";
    by_name.column_parent.column_family = "Longs";
    by_name.predicate.column_names = std::vector<std::string>{be64(42), be64(7), be64(-3)};
    const auto got = f.st.serve(f.s, by_name);
    REQUIRE(got.size() == 2);
    CHECK(got[0].column->name == be64(-3));
    CHECK(got[1].column->name == be64(42));
}

TEST_CASE("the write with the latest timestamp wins, and a tombstone wins a tie", "[store]") {
    fixture f;
    f.insert("k", "Standard", "c", "new", 20);
    f.insert("k", "Standard", "c", "old", 10);
    CHECK(f.value("k", "Standard", "c") == "new");
    f.remove("k", "Standard", "c", 20);
    CHECK_FALSE(f.value("k", "Standard", "c"));
    f.insert("k", "Standard", "c", "older than the tombstone", 15);
    CHECK_FALSE(f.value("k", "Standard", "c"));
    f.insert("k", "Standard", "c", "after", 21);
    CHECK(f.value("k", "Standard", "c") == "after");
}

TEST_CASE("a row deletion shadows older cells only, and later writes live again", "[store]") {
    fixture f;
    f.insert("k", "Standard", "a", "1", 10);
    f.insert("k", "Standard", "b", "2", 30);
    f.remove("k", "Standard", std::nullopt, 20);
    CHECK(f.names("k", "Standard") == std::vector<std::string>{"b"});
    f.insert("k", "Standard", "a", "again, but too old", 19);
    CHECK(f.names("k", "Standard") == std::vector<std::string>{"b"});
    f.insert("k", "Standard", "a", "again", 21);
    CHECK(f.names("k", "Standard") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a range deletion in batch_mutate removes the covered columns older than it", "[store]") {
    fixture f;
    for (const auto* n : {"a", "b", "c", "d"})
        f.insert("k", "Standard", n, "v", 10);
    f.insert("k", "Standard", "c", "newer", 30);
    thrift::batch_mutate_args batch;
    thrift::Mutation del;
    del.deletion = thrift::Deletion{.timestamp = 20, .super_column = std::nullopt,
                                    .predicate = thrift::SlicePredicate{
                                        .column_names = std::nullopt,
                                        .slice_range = thrift::SliceRange{.start = "b", .finish = "c", .reversed = false, .count = 100}}};
    batch.mutation_map["k"]["Standard"] = {del};
    f.st.serve(f.s, batch);
    CHECK(f.names("k", "Standard") == std::vector<std::string>{"a", "c", "d"});
    f.insert("k", "Standard", "b", "old", 15);
    CHECK(f.names("k", "Standard") == std::vector<std::string>{"a", "c", "d"});
}

TEST_CASE("a column with a TTL expires when the clock passes it, and reports its ttl until then", "[store]") {
    fixture f;
    f.insert("k", "Standard", "short", "v", 1, 10);
    f.insert("k", "Standard", "forever", "v", 1);
    thrift::get_args get;
    get.key = "k";
    get.column_path.column_family = "Standard";
    get.column_path.column = std::string("short");
    CHECK(f.st.serve(f.s, get).column->ttl == 10);
    f.now += std::chrono::seconds(9);
    CHECK(f.names("k", "Standard") == std::vector<std::string>{"forever", "short"});
    f.now += std::chrono::seconds(1);
    CHECK(f.names("k", "Standard") == std::vector<std::string>{"forever"});
    CHECK_FALSE(f.value("k", "Standard", "short"));
}

TEST_CASE("key ranges list rows in token order from an inclusive start key, and token ranges wrap", "[store]") {
    fixture f;
    std::vector<std::string> keys;
    for (int i = 0; i < 10; ++i) {
        keys.push_back("key" + std::to_string(i));
        f.insert(keys.back(), "Standard", "c", "v");
    }
    thrift::KeyRange everything;
    everything.start_key = "";
    everything.end_key = "";
    const auto ordered = f.range_keys(everything);
    REQUIRE(ordered.size() == 10);
    // Paging as pycassa does it: the next page starts at the last key seen (inclusive).
    thrift::KeyRange page;
    page.start_key = ordered[3];
    page.end_key = "";
    page.count = 3;
    CHECK(f.range_keys(page) == std::vector<std::string>{ordered[3], ordered[4], ordered[5]});
    thrift::KeyRange bounded;
    bounded.start_key = ordered[2];
    bounded.end_key = ordered[4];
    CHECK(f.range_keys(bounded) == std::vector<std::string>{ordered[2], ordered[3], ordered[4]});
    bounded.start_key = ordered[4];
    bounded.end_key = ordered[2];
    CHECK_THAT(invalid_why([&] { f.range_keys(bounded); }), Catch::Contains("start key's token sorts after end key's token"));
    // A token range (start exclusive) that wraps past the end of the ring covers every row once.
    thrift::KeyRange whole;
    whole.start_token = "0";
    whole.end_token = "0";
    CHECK(f.range_keys(whole).size() == 10);
    thrift::KeyRange neither;
    CHECK_THAT(invalid_why([&] { f.range_keys(neither); }), Catch::Contains("exactly one each of"));
}

TEST_CASE("deleted rows stay in range reads as ghosts without columns, as in Cassandra 3.11", "[store]") {
    fixture f;
    f.insert("a", "Standard", "c", "v", 1);
    f.remove("a", "Standard", std::nullopt, 2);
    thrift::get_range_slices_args a;
    a.column_parent.column_family = "Standard";
    a.predicate.slice_range = thrift::SliceRange{};
    a.range.start_key = "";
    a.range.end_key = "";
    const auto rows = f.st.serve(f.s, a);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].key == "a");
    CHECK(rows[0].columns.empty());
}

TEST_CASE("get_paged_slice starts the first row at start_column and counts columns across rows", "[store]") {
    fixture f;
    thrift::KeyRange all;
    all.start_key = "";
    all.end_key = "";
    for (const auto* key : {"r1", "r2", "r3"})
        for (const auto* c : {"a", "b", "c"})
            f.insert(key, "Standard", c, "v");
    const auto order = f.range_keys(all);
    thrift::get_paged_slice_args a;
    a.column_family = "Standard";
    a.range.start_key = order[0];
    a.range.end_key = "";
    a.range.count = 5;
    a.start_column = "b";
    const auto pages = f.st.serve(f.s, a);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].columns.size() == 2);  // b, c of the first row
    CHECK(pages[0].columns[0].column->name == "b");
    CHECK(pages[1].columns.size() == 3);
}

TEST_CASE("super columns slice by super column name, and by sub column inside one", "[store]") {
    fixture f;
    f.insert("k", "Super", be64(2), "v", 1, std::nullopt, "sc2");
    f.insert("k", "Super", be64(1), "v", 1, std::nullopt, "sc2");
    f.insert("k", "Super", be64(1), "v", 1, std::nullopt, "sc1");
    CHECK(f.names("k", "Super") == std::vector<std::string>{"sc1", "sc2"});
    CHECK(f.names("k", "Super", {}, "sc2") == std::vector<std::string>{be64(1), be64(2)});
    thrift::get_args get;
    get.key = "k";
    get.column_path.column_family = "Super";
    get.column_path.super_column = std::string("sc2");
    const auto sc = f.st.serve(f.s, get);
    REQUIRE(sc.super_column);
    CHECK(sc.super_column->columns.size() == 2);
    f.remove("k", "Super", std::nullopt, 5, "sc2");
    CHECK(f.names("k", "Super") == std::vector<std::string>{"sc1"});
    CHECK_THAT(invalid_why([&] { f.insert("k", "Super", "c", "v"); }), Catch::Contains("supercolumn parameter is not optional"));
}

TEST_CASE("counters add up, read back as counter columns, and are removed with remove_counter", "[store]") {
    fixture f;
    thrift::add_args add;
    add.key = "k";
    add.column_parent.column_family = "Counters";
    add.column = thrift::CounterColumn{"hits", 5};
    f.st.serve(f.s, add);
    add.column.value = -2;
    f.st.serve(f.s, add);
    thrift::get_args get;
    get.key = "k";
    get.column_path.column_family = "Counters";
    get.column_path.column = std::string("hits");
    CHECK(f.st.serve(f.s, get).counter_column->value == 3);
    thrift::remove_counter_args rm;
    rm.key = "k";
    rm.path = get.column_path;
    f.st.serve(f.s, rm);
    CHECK_THROWS_AS(f.st.serve(f.s, get), thrift_failure);
    CHECK_THAT(invalid_why([&] { f.insert("k", "Counters", "c", "v"); }), Catch::Contains("invalid operation for commutative table"));
    add.column_parent.column_family = "Standard";
    CHECK_THAT(invalid_why([&] { f.st.serve(f.s, add); }), Catch::Contains("invalid operation for non commutative table"));
}

TEST_CASE("batch_mutate applies inserts and deletions over several rows and column families", "[store]") {
    fixture f;
    f.insert("k2", "Standard", "gone", "v", 1);
    thrift::batch_mutate_args batch;
    thrift::Mutation ins;
    ins.column_or_supercolumn = thrift::ColumnOrSuperColumn{};
    ins.column_or_supercolumn->column = thrift::Column{.name = "c", .value = std::string("v"), .timestamp = 5, .ttl = std::nullopt};
    thrift::Mutation del;
    del.deletion = thrift::Deletion{.timestamp = 5, .super_column = std::nullopt,
                                    .predicate = thrift::SlicePredicate{.column_names = std::vector<std::string>{"gone"},
                                                                        .slice_range = std::nullopt}};
    batch.mutation_map["k1"]["Standard"] = {ins};
    batch.mutation_map["k2"]["Standard"] = {del};
    batch.mutation_map["k1"]["Indexed"] = {ins};
    f.st.serve(f.s, batch);
    CHECK(f.value("k1", "Standard", "c") == "v");
    CHECK_FALSE(f.value("k2", "Standard", "gone"));
    batch.mutation_map["k1"]["NoSuchCf"] = {ins};
    CHECK(invalid_why([&] { f.st.serve(f.s, batch); }) == "unconfigured table NoSuchCf");
}

TEST_CASE("get_indexed_slices needs an EQ on an indexed column and filters with the other operators", "[store]") {
    fixture f;
    f.insert("ann", "Indexed", "age", be64(30));
    f.insert("bob", "Indexed", "age", be64(40));
    f.insert("bob", "Indexed", "city", "Paris");
    f.insert("cid", "Indexed", "age", be64(30));
    f.insert("cid", "Indexed", "city", "Rome");
    thrift::get_indexed_slices_args a;
    a.column_parent.column_family = "Indexed";
    a.column_predicate.slice_range = thrift::SliceRange{};
    a.index_clause.expressions = {thrift::IndexExpression{"age", thrift::IndexOperator::EQ, be64(30)}};
    std::vector<std::string> keys;
    for (const auto& row : f.st.serve(f.s, a))
        keys.push_back(row.key);
    std::sort(keys.begin(), keys.end());
    CHECK(keys == std::vector<std::string>{"ann", "cid"});
    a.index_clause.expressions.push_back(thrift::IndexExpression{"city", thrift::IndexOperator::GT, "Q"});
    const auto filtered = f.st.serve(f.s, a);
    REQUIRE(filtered.size() == 1);
    CHECK(filtered[0].key == "cid");
    a.index_clause.expressions = {thrift::IndexExpression{"age", thrift::IndexOperator::GT, be64(1)}};
    CHECK(invalid_why([&] { f.st.serve(f.s, a); }) == "No indexed columns present in index clause with operator EQ");
}

TEST_CASE("truncate empties a column family and keeps its definition", "[store]") {
    fixture f;
    f.insert("k", "Standard", "c", "v");
    thrift::truncate_args t{"Standard"};
    f.st.serve(f.s, t);
    CHECK(f.names("k", "Standard").empty());
    f.insert("k", "Standard", "c", "v");
    CHECK(f.names("k", "Standard").size() == 1);
}

TEST_CASE("a batch_mutate with one invalid mutation applies none of its mutations", "[store]") {
    fixture f;
    thrift::Mutation good;
    good.column_or_supercolumn = thrift::ColumnOrSuperColumn{};
    good.column_or_supercolumn->column =
        thrift::Column{.name = "c", .value = std::string("v"), .timestamp = 5, .ttl = std::nullopt};
    thrift::Mutation bad;  // a 3-byte name under a LongType comparator
    bad.column_or_supercolumn = thrift::ColumnOrSuperColumn{};
    bad.column_or_supercolumn->column =
        thrift::Column{.name = "abc", .value = std::string("v"), .timestamp = 5, .ttl = std::nullopt};
    thrift::batch_mutate_args batch;
    batch.mutation_map["k1"]["Standard"] = {good};   // "k1" < "k2": applied first if not checked
    batch.mutation_map["k2"]["Longs"] = {bad};
    CHECK(invalid_why([&] { f.st.serve(f.s, batch); }) == "Expected 8 or 0 byte long (3)");
    CHECK_FALSE(f.value("k1", "Standard", "c"));
}

TEST_CASE("writes are validated as Cassandra does: key, name and value bytes, timestamp", "[store]") {
    fixture f;
    CHECK(invalid_why([&] { f.insert("", "Standard", "c", "v"); }) == "Key may not be empty");
    CHECK(invalid_why([&] { f.insert("k", "Standard", "", "v"); }) == "column name must not be empty");
    CHECK(invalid_why([&] { f.insert("k", "Longs", "abc", "v"); }) == "Expected 8 or 0 byte long (3)");
    CHECK(invalid_why([&] { f.insert("k", "Standard", std::string("\xff"), "v"); }) == "String didn't validate.");
    // A value checked against its column's validator (age is LongType in Indexed).
    CHECK(invalid_why([&] { f.insert("k", "Indexed", "age", "abc"); }) ==
          "(Expected 8 or 0 byte long (3)) [ks][Indexed][age] failed validation");
    thrift::insert_args a;
    a.key = "k";
    a.column_parent.column_family = "Standard";
    a.column = thrift::Column{.name = "c", .value = std::string("v"), .timestamp = std::nullopt, .ttl = std::nullopt};
    CHECK(invalid_why([&] { f.st.serve(f.s, a); }) == "Column timestamp is required");
}

TEST_CASE("with a user table, calls need a login and a bad password is an AuthenticationException", "[store]") {
    store st{cppcassa::testing::cluster_options{.users = {{"alice", "secret"}}}};
    session s;
    thrift::describe_keyspaces_args ks;
    CHECK(invalid_why([&] { st.serve(s, ks); }) == "You have not logged in");
    thrift::login_args bad;
    bad.auth_request.credentials = {{"username", "alice"}, {"password", "wrong"}};
    try {
        st.serve(s, bad);
        FAIL("login with a bad password succeeded");
    } catch (const thrift_failure& e) {
        const auto* auth = std::get_if<thrift::AuthenticationException>(&e.error);
        REQUIRE(auth != nullptr);
        CHECK(auth->why == "Provided username alice and/or password are incorrect");
    }
    thrift::login_args good;
    good.auth_request.credentials = {{"username", "alice"}, {"password", "secret"}};
    st.serve(s, good);
    CHECK(st.serve(s, ks).empty());
}

TEST_CASE("a consistency level needing more replicas than the replication factor is unavailable", "[store]") {
    fixture f;  // replication_factor 1, one node
    thrift::get_args get;
    get.key = "k";
    get.column_path.column_family = "Standard";
    get.column_path.column = std::string("c");
    get.consistency_level = thrift::ConsistencyLevel::THREE;
    try {
        f.st.serve(f.s, get);
        FAIL("a read at THREE with replication factor 1 was served");
    } catch (const thrift_failure& e) {
        CHECK(std::holds_alternative<thrift::UnavailableException>(e.error));
    }
    thrift::insert_args ins;
    ins.key = "k";
    ins.column_parent.column_family = "Standard";
    ins.column = thrift::Column{.name = "c", .value = std::string("v"), .timestamp = 1, .ttl = std::nullopt};
    ins.consistency_level = thrift::ConsistencyLevel::QUORUM;  // quorum of 1 is 1
    f.st.serve(f.s, ins);
    ins.consistency_level = thrift::ConsistencyLevel::ALL;
    f.st.serve(f.s, ins);
    ins.consistency_level = thrift::ConsistencyLevel::TWO;
    CHECK_THROWS_AS(f.st.serve(f.s, ins), thrift_failure);
    get.consistency_level = thrift::ConsistencyLevel::ANY;
    CHECK(invalid_why([&] { f.st.serve(f.s, get); }) == "ANY ConsistencyLevel is only supported for writes");
}

TEST_CASE("cas applies when the expected columns match and otherwise returns the current ones", "[store]") {
    fixture f;
    thrift::cas_args cas;
    cas.key = "k";
    cas.column_family = "Standard";
    cas.updates = {thrift::Column{.name = "owner", .value = std::string("alice"), .timestamp = 1, .ttl = std::nullopt}};
    CHECK(f.st.serve(f.s, cas).success);  // nothing expected: the row must not exist
    const auto again = f.st.serve(f.s, cas);
    CHECK_FALSE(again.success);
    REQUIRE(again.current_values);
    CHECK(again.current_values->at(0).value == "alice");
    cas.expected = {thrift::Column{.name = "owner", .value = std::string("alice"), .timestamp = std::nullopt, .ttl = std::nullopt}};
    cas.updates = {thrift::Column{.name = "owner", .value = std::string("bob"), .timestamp = 2, .ttl = std::nullopt}};
    CHECK(f.st.serve(f.s, cas).success);
    CHECK(f.value("k", "Standard", "owner") == "bob");
    CHECK_FALSE(f.st.serve(f.s, cas).success);  // still expecting alice
}

TEST_CASE("get_multi_slice returns the columns of several ranges in order, up to count", "[store]") {
    fixture f;
    for (const auto* n : {"a", "b", "c", "d", "e", "f"})
        f.insert("k", "Standard", n, "v");
    thrift::get_multi_slice_args a;
    a.request.key = "k";
    a.request.column_parent = thrift::ColumnParent{.column_family = "Standard", .super_column = std::nullopt};
    a.request.column_slices = std::vector<thrift::ColumnSlice>{{std::string("a"), std::string("b")},
                                                               {std::string("e"), std::nullopt}};
    std::vector<std::string> names;
    for (const auto& c : f.st.serve(f.s, a))
        names.push_back(c.column->name);
    CHECK(names == std::vector<std::string>{"a", "b", "e", "f"});
    a.request.reversed = true;
    a.request.count = 2;
    a.request.column_slices = std::vector<thrift::ColumnSlice>{{std::string("d"), std::string("b")}};
    names.clear();
    for (const auto& c : f.st.serve(f.s, a))
        names.push_back(c.column->name);
    CHECK(names == std::vector<std::string>{"d", "c"});
}
