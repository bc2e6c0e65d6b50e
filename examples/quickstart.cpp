// pycassa's tutorial (its README) in C++, step by step, against a real Cassandra.
//
// This is what the README's first command runs. Each step prints the pycassa line it mirrors
// (`>>> ...`) and the result in pycassa's notation, so the output reads like pycassa's README.
//
//   quickstart [host] [port]        (default 127.0.0.1 9160)
//
// It drops and recreates Keyspace1 (Standard1, Super1, Test, TestSuper and Typed1) so every run prints the same.
//
// GCC 12 (Debian 12's compiler) destroys a braced temporary inside a `co_await` expression
// twice: options and column lists are built as named variables first, then passed by name.
#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/column_family_map.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asio = boost::asio;
using cppcassa::value;

namespace {

// ---- printing in pycassa's notation ----

std::string py(const value& v) {
    switch (v.kind()) {
    case cppcassa::value_kind::text:
    case cppcassa::value_kind::bytes:
        return fmt::format("'{}'", v.as<std::string>());
    case cppcassa::value_kind::int64:
    case cppcassa::value_kind::int32:
        return fmt::format("{}", v.as<std::int64_t>());
    case cppcassa::value_kind::float64:
        return fmt::format("{}", v.as<double>());
    case cppcassa::value_kind::boolean:
        return v.as<bool>() ? "True" : "False";
    case cppcassa::value_kind::date: {
        using namespace std::chrono;
        const auto t = v.as<cppcassa::date>();
        const auto day = floor<days>(t);
        const year_month_day ymd{day};
        const hh_mm_ss time{floor<seconds>(t - day)};
        return fmt::format("datetime.datetime({}, {}, {}, {}, {}, {})", static_cast<int>(ymd.year()),
                           static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                           time.hours().count(), time.minutes().count(), time.seconds().count());
    }
    default:
        return v.describe();
    }
}

std::string py(const cppcassa::column_list& columns) {
    std::vector<std::string> items;
    for (const auto& c : columns)
        items.push_back(fmt::format("{}: {}", py(c.name), py(c.value)));
    return fmt::format("{{{}}}", fmt::join(items, ", "));
}

std::string py(const cppcassa::row& r) {
    if (r.super_columns.empty())
        return py(r.columns);
    std::vector<std::string> items;
    for (const auto& s : r.super_columns)
        items.push_back(fmt::format("{}: {}", py(s.name), py(s.columns)));
    return fmt::format("{{{}}}", fmt::join(items, ", "));
}

std::string py(const cppcassa::row_list& rows) {
    std::vector<std::string> items;
    for (const auto& r : rows)
        items.push_back(fmt::format("{}: {}", py(r.key), py(r)));
    return fmt::format("{{{}}}", fmt::join(items, ", "));
}

std::string py(const std::vector<cppcassa::row>& rows) {
    std::vector<std::string> items;
    for (const auto& r : rows)
        items.push_back(fmt::format("({}, {})", py(r.key), py(r)));
    return fmt::format("[{}]", fmt::join(items, ", "));
}

// A step of the tutorial: the pycassa line, then (when it prints something) its result.
void show(std::string_view python) { fmt::print(">>> {}\n", python); }
void show(std::string_view python, const std::string& result) { fmt::print(">>> {}\n{}\n", python, result); }
void section(std::string_view title) { fmt::print("\n{}\n\n", title); }

// list(cf.get_range(...)): every row of the range, page by page.
asio::awaitable<std::vector<cppcassa::row>> list(cppcassa::row_range& range) {
    std::vector<cppcassa::row> rows;
    while (auto r = co_await range.next())
        rows.push_back(std::move(*r));
    co_return rows;
}

// ---- the schema pycassa's tutorial assumes ----

const std::string keyspace = "Keyspace1";

asio::awaitable<void> create_schema(cppcassa::system_manager& sys) {
    const auto existing = co_await sys.list_keyspaces();
    if (std::find(existing.begin(), existing.end(), keyspace) != existing.end())
        co_await sys.drop_keyspace(keyspace);  // start empty: every run prints the same

    // >>> sys.create_keyspace('Keyspace1', SIMPLE_STRATEGY, {'replication_factor': '1'})
    const cppcassa::keyspace_options simple{.strategy_class = "SimpleStrategy",
                                            .strategy_options = {{"replication_factor", "1"}}};
    co_await sys.create_keyspace(keyspace, simple);
    show("sys.create_keyspace('Keyspace1', SIMPLE_STRATEGY, {'replication_factor': '1'})");

    // >>> sys.create_column_family('Keyspace1', 'Standard1', comparator_type=UTF8_TYPE, ...)
    const std::string standard1 = "Standard1";
    const cppcassa::column_family_options text{.comparator_type = "UTF8Type",
                                               .key_validation_class = "UTF8Type",
                                               .default_validation_class = "UTF8Type"};
    co_await sys.create_column_family(keyspace, standard1, text);
    show("sys.create_column_family('Keyspace1', 'Standard1', comparator_type=UTF8_TYPE, "
         "key_validation_class=UTF8_TYPE, default_validation_class=UTF8_TYPE)");

    const std::string super1 = "Super1";
    cppcassa::column_family_options super_text = text;
    super_text.kind = cppcassa::column_family_kind::super;
    super_text.subcomparator_type = "UTF8Type";
    co_await sys.create_column_family(keyspace, super1, super_text);
    show("sys.create_column_family('Keyspace1', 'Super1', super=True, comparator_type=UTF8_TYPE, "
         "subcomparator_type=UTF8_TYPE, key_validation_class=UTF8_TYPE, default_validation_class=UTF8_TYPE)");

    // The class mapping's column families: the mapping packs values with its own column types,
    // so their values are BytesType (a UTF8Type default would refuse Float64's bytes).
    const std::string test = "Test";
    const cppcassa::column_family_options mapped_values{.comparator_type = "UTF8Type",
                                                        .key_validation_class = "UTF8Type"};
    co_await sys.create_column_family(keyspace, test, mapped_values);
    show("sys.create_column_family('Keyspace1', 'Test', comparator_type=UTF8_TYPE, key_validation_class=UTF8_TYPE)");
    const std::string test_super = "TestSuper";
    cppcassa::column_family_options super_mapped_values = mapped_values;
    super_mapped_values.kind = cppcassa::column_family_kind::super;
    super_mapped_values.subcomparator_type = "UTF8Type";
    co_await sys.create_column_family(keyspace, test_super, super_mapped_values);
    show("sys.create_column_family('Keyspace1', 'TestSuper', super=True, comparator_type=UTF8_TYPE, "
         "subcomparator_type=UTF8_TYPE, key_validation_class=UTF8_TYPE)");

    // The types of the tutorial's class-mapping example, declared in the schema instead.
    const std::string typed1 = "Typed1";
    const cppcassa::column_family_options typed{
        .comparator_type = "UTF8Type",
        .key_validation_class = "UTF8Type",
        .default_validation_class = "UTF8Type",
        .column_validation_classes = {{"int_column", "LongType"},
                                      {"float_column", "DoubleType"},
                                      {"datetime_column", "DateType"}}};
    co_await sys.create_column_family(keyspace, typed1, typed);
    show("sys.create_column_family('Keyspace1', 'Typed1', comparator_type=UTF8_TYPE, key_validation_class=UTF8_TYPE, "
         "default_validation_class=UTF8_TYPE, column_validation_classes={'int_column': LONG_TYPE, "
         "'float_column': DOUBLE_TYPE, 'datetime_column': DATE_TYPE})");
}

// ---- "Basic Usage" ----

asio::awaitable<void> basic_usage(cppcassa::pool& pool) {
    section("Basic Usage");
    // >>> cf = pycassa.ColumnFamily(pool, 'Standard1')
    auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
    show("cf = pycassa.ColumnFamily(pool, 'Standard1')");

    // >>> cf.insert('foo', {'column1': 'val1'})       (returns the timestamp it used)
    const cppcassa::column_values val1{{"column1", "val1"}};
    co_await cf.insert("foo", val1);
    show("cf.insert('foo', {'column1': 'val1'})");
    // >>> cf.get('foo')
    const auto foo = co_await cf.get("foo");
    show("cf.get('foo')", py(foo));

    // Insert also acts to update values.
    const cppcassa::column_values val2{{"column1", "val2"}};
    co_await cf.insert("foo", val2);
    show("cf.insert('foo', {'column1': 'val2'})");
    const auto updated = co_await cf.get("foo");
    show("cf.get('foo')", py(updated));

    // You may insert multiple columns at once.
    const cppcassa::column_values bar_columns{{"column1", "val3"}, {"column2", "val4"}};
    co_await cf.insert("bar", bar_columns);
    show("cf.insert('bar', {'column1': 'val3', 'column2': 'val4'})");
    const std::vector<value> foo_bar{"foo", "bar"};
    const auto rows = co_await cf.multiget(foo_bar);
    show("cf.multiget(['foo', 'bar'])", py(rows));
    const auto count = co_await cf.get_count("bar");
    show("cf.get_count('bar')", fmt::format("{}", count));

    // Slices of a row: by name, by range, the first n, from the end.
    cppcassa::read_options by_name;
    by_name.columns = std::vector<value>{"column2"};
    const auto named = co_await cf.get("bar", by_name);
    show("cf.get('bar', columns=['column2'])", py(named));
    cppcassa::read_options by_range;
    by_range.column_start = "column1";
    by_range.column_finish = "column1";
    const auto ranged = co_await cf.get("bar", by_range);
    show("cf.get('bar', column_start='column1', column_finish='column1')", py(ranged));
    cppcassa::read_options first;
    first.column_count = 1;
    const auto first_one = co_await cf.get("bar", first);
    show("cf.get('bar', column_count=1)", py(first_one));
    cppcassa::read_options last = first;
    last.column_reversed = true;
    const auto last_one = co_await cf.get("bar", last);
    show("cf.get('bar', column_count=1, column_reversed=True)", py(last_one));

    // get_range() pages through the rows (in the partitioner's token order).
    auto everything = cf.get_range();
    const auto all_rows = co_await list(everything);
    show("list(cf.get_range())", py(all_rows));
    cppcassa::range_options one_row;
    one_row.row_count = 1;
    auto just_one = cf.get_range(one_row);
    const auto first_row = co_await list(just_one);
    show("list(cf.get_range(row_count=1))", py(first_row));

    // You can remove entire keys or just a certain column.
    cppcassa::remove_options column1;
    column1.columns = std::vector<value>{"column1"};
    co_await cf.remove("bar", column1);
    show("cf.remove('bar', columns=['column1'])");
    const auto rest = co_await cf.get("bar");
    show("cf.get('bar')", py(rest));
    co_await cf.remove("bar");
    show("cf.remove('bar')");
    std::string missing;
    try {
        co_await cf.get("bar");
    } catch (const cppcassa::not_found& e) {
        missing = fmt::format("cppcassa::not_found: {}", e.what());
    }
    show("cf.get('bar')", missing);

    // Removed rows stay in range reads ("range ghosts") until Cassandra purges them; like
    // pycassa (filter_empty=True) get_range skips them unless asked not to.
    co_await cf.remove("foo");
    show("cf.remove('foo')");
    auto after_removal = cf.get_range();
    const auto no_rows = co_await list(after_removal);
    show("list(cf.get_range())", py(no_rows));
    cppcassa::range_options with_ghosts;
    with_ghosts.filter_empty = false;
    auto ghosts = cf.get_range(with_ghosts);
    const auto ghost_rows = co_await list(ghosts);
    show("list(cf.get_range(filter_empty=False))", py(ghost_rows));
}

// ---- "Class Mapping" ----

// >>> class Test(object):
// ...     string_column       = pycassa.String(default='Your Default')
// ...     int_str_column      = pycassa.IntString(default=5)
// ...     float_str_column    = pycassa.FloatString(default=8.0)
// ...     float_column        = pycassa.Float64(default=0.0)
// ...     datetime_str_column = pycassa.DateTimeString() # default=None
struct test_object {
    std::string key;
    std::string super_column;  // used by the super column family mapping only
    std::string string_column;
    std::int64_t int_str_column = 0;
    double float_str_column = 0;
    double float_column = 0;
    std::optional<std::chrono::sys_seconds> datetime_str_column;  // no default: missing stays empty
};

template <class Mapping>
Mapping with_test_columns(Mapping m) {
    namespace mapped = cppcassa::mapped;
    m.column("string_column", &test_object::string_column, mapped::string{}, "Your Default")
        .column("int_str_column", &test_object::int_str_column, mapped::int_string{}, 5)
        .column("float_str_column", &test_object::float_str_column, mapped::float_string{}, 8.0)
        .column("float_column", &test_object::float_column, mapped::float64{}, 0.0)
        .column("datetime_str_column", &test_object::datetime_str_column, mapped::datetime_string{});
    return m;
}

std::string py(const std::optional<std::chrono::sys_seconds>& when) {
    return when ? py(value(cppcassa::date(*when))) : std::string("None");
}

std::string py(const test_object& t) {
    const std::string when = py(t.datetime_str_column);
    return fmt::format("<Test key='{}' string_column='{}' int_str_column={} float_str_column={} float_column={} "
                       "datetime_str_column={}>",
                       t.key, t.string_column, t.int_str_column, t.float_str_column, t.float_column, when);
}

test_object tutorial_object(std::string key) {
    using namespace std::chrono;
    test_object t;
    t.key = std::move(key);
    t.string_column = "string test";
    t.int_str_column = 18;
    t.float_column = t.float_str_column = 35.8;
    t.datetime_str_column = sys_days{year{2009} / 12 / 23} + hours{17} + minutes{6} + seconds{3};
    return t;
}

asio::awaitable<void> class_mapping(cppcassa::pool& pool) {
    section("Class Mapping");
    auto cf = co_await cppcassa::column_family::open(pool, "Test");
    const auto mapping = with_test_columns(cppcassa::mapping(&test_object::key));
    cppcassa::column_family_map objects(cf, mapping);
    show("Test.objects = pycassa.ColumnFamilyMap(Test, cf)");

    const test_object t = tutorial_object("maptest");
    co_await objects.insert(t);
    show("t = Test(); t.key = 'maptest'; t.string_column = 'string test'; t.int_str_column = 18; "
         "t.float_column = t.float_str_column = 35.8; t.datetime_str_column = datetime.datetime(2009, 12, 23, 17, 6, 3)");
    show("Test.objects.insert(t)");
    const std::string key = t.key;
    const test_object got = co_await objects.get(key);
    show("Test.objects.get(t.key).string_column", fmt::format("'{}'", got.string_column));
    show("Test.objects.get(t.key).int_str_column", fmt::format("{}", got.int_str_column));
    show("Test.objects.get(t.key).float_column", fmt::format("{}", got.float_column));
    show("Test.objects.get(t.key).datetime_str_column", py(got.datetime_str_column));
    const std::vector<std::string> keys{key};
    const auto many = co_await objects.multiget(keys);
    std::vector<std::string> items;
    for (const auto& [k, object] : many)
        items.push_back(fmt::format("'{}': {}", k, py(object)));
    show("Test.objects.multiget([t.key])", fmt::format("{{{}}}", fmt::join(items, ", ")));
    auto range = objects.get_range();
    std::vector<std::string> listed;
    while (auto object = co_await range.next())
        listed.push_back(py(*object));
    show("list(Test.objects.get_range())", fmt::format("[{}]", fmt::join(listed, ", ")));
    const auto count = co_await objects.get_count(key);
    show("Test.objects.get_count(t.key)", fmt::format("{}", count));

    co_await objects.remove(t);
    show("Test.objects.remove(t)");
    std::string missing;
    try {
        co_await objects.get(key);
    } catch (const cppcassa::not_found& e) {
        missing = fmt::format("cppcassa::not_found: {}", e.what());
    }
    show("Test.objects.get(t.key)", missing);
    // The removed row is a range ghost: asked for, it comes back with every default.
    cppcassa::range_options with_ghosts;
    with_ghosts.filter_empty = false;
    auto ghosts = objects.get_range(with_ghosts);
    const auto ghost = co_await ghosts.next();
    show("list(Test.objects.get_range(filter_empty=False))[0].string_column",
         ghost ? fmt::format("'{}'", ghost->string_column) : std::string("(no row)"));

    // The super column family form: one object per super column.
    auto scf = co_await cppcassa::column_family::open(pool, "TestSuper");
    const auto super_mapping =
        with_test_columns(cppcassa::mapping(&test_object::key).super_column(&test_object::super_column));
    cppcassa::column_family_map super_objects(scf, super_mapping);
    show("Test.objects = pycassa.ColumnFamilyMap(Test, scf)");
    test_object s = tutorial_object("key1");
    s.super_column = "super1";
    s.string_column = "foobar";
    s.int_str_column = 5;
    co_await super_objects.insert(s);
    show("t.key = 'key1'; t.super_column = 'super1'; t.string_column = 'foobar'; t.int_str_column = 5; ...");
    show("Test.objects.insert(t)");
    const std::string key1 = s.key;
    const auto supers = co_await super_objects.get(key1);
    std::vector<std::string> by_name;
    for (const auto& [name, object] : supers)
        by_name.push_back(fmt::format("'{}': {}", name, py(object)));
    show("Test.objects.get(t.key)", fmt::format("{{{}}}", fmt::join(by_name, ", ")));
    const std::vector<std::string> keys1{key1};
    const auto super_rows = co_await super_objects.multiget(keys1);
    std::vector<std::string> rows;
    for (const auto& [k, row] : super_rows) {
        std::vector<std::string> inner;
        for (const auto& [name, object] : row)
            inner.push_back(fmt::format("'{}': {}", name, py(object)));
        rows.push_back(fmt::format("'{}': {{{}}}", k, fmt::join(inner, ", ")));
    }
    show("Test.objects.multiget([t.key])", fmt::format("{{{}}}", fmt::join(rows, ", ")));
}

// ---- typed values: the schema's marshal types, packed and unpacked ----

asio::awaitable<void> typed_values(cppcassa::pool& pool) {
    section("Typed values");
    fmt::print("Typed values, packed with the schema's types (Typed1 above):\n");
    auto cf = co_await cppcassa::column_family::open(pool, "Typed1");
    show("cf = pycassa.ColumnFamily(pool, 'Typed1')");

    using namespace std::chrono;
    const sys_seconds when = sys_days{year{2009} / 12 / 23} + hours{17} + minutes{6} + seconds{3};
    const cppcassa::column_values maptest{{"string_column", "string test"},
                                          {"int_column", 18},
                                          {"float_column", 35.8},
                                          {"datetime_column", when}};
    co_await cf.insert("maptest", maptest);
    show("cf.insert('maptest', {'string_column': 'string test', 'int_column': 18, 'float_column': 35.8, "
         "'datetime_column': datetime.datetime(2009, 12, 23, 17, 6, 3)})");
    const auto r = co_await cf.get("maptest");
    show("cf.get('maptest')", py(r));
    const std::int64_t n = r["int_column"].as<std::int64_t>();
    show("cf.get('maptest')['int_column'] + 1", fmt::format("{}", n + 1));

    // A value its validator refuses never reaches the server.
    const cppcassa::column_values wrong{{"int_column", "eighteen"}};
    std::string refused;
    try {
        co_await cf.insert("maptest", wrong);
    } catch (const cppcassa::marshal_error& e) {
        refused = fmt::format("cppcassa::marshal_error: {}", e.what());
    }
    show("cf.insert('maptest', {'int_column': 'eighteen'})", refused);
}

// ---- "SuperColumns" ----

asio::awaitable<void> super_columns(cppcassa::pool& pool) {
    section("SuperColumns");
    // The super-ness comes from the schema (pycassa's super=True).
    auto cf = co_await cppcassa::column_family::open(pool, "Super1");
    show("cf = pycassa.ColumnFamily(pool, 'Super1', super=True)");

    const cppcassa::super_column_values columns{{"1", {{"sub1", "val1"}, {"sub2", "val2"}}},
                                                {"2", {{"sub3", "val3"}, {"sub4", "val4"}}}};
    co_await cf.insert("key1", columns);
    show("cf.insert('key1', {'1': {'sub1': 'val1', 'sub2': 'val2'}, '2': {'sub3': 'val3', 'sub4': 'val4'}})");
    const auto whole = co_await cf.get("key1");
    show("cf.get('key1')", py(whole));

    cppcassa::remove_options super1;
    super1.super_column = "1";
    co_await cf.remove("key1", super1);
    show("cf.remove('key1', super_column='1')");
    const auto rest = co_await cf.get("key1");
    show("cf.get('key1')", py(rest));

    cppcassa::read_options in2;
    in2.super_column = "2";
    const auto two = co_await cf.get("key1", in2);
    show("cf.get('key1', super_column='2')", py(two));
    const std::vector<value> key1{"key1"};
    const auto rows = co_await cf.multiget(key1, in2);
    show("cf.multiget(['key1'], super_column='2')", py(rows));
    cppcassa::range_options range2;
    range2.read.super_column = "2";
    auto range = cf.get_range(range2);
    const auto ranged = co_await list(range);
    show("list(cf.get_range(super_column='2'))", py(ranged));

    // Sub-columns by name.
    cppcassa::remove_options sub3;
    sub3.super_column = "2";
    sub3.columns = std::vector<value>{"sub3"};
    co_await cf.remove("key1", sub3);
    show("cf.remove('key1', columns=['sub3'], super_column='2')");
    const auto last = co_await cf.get("key1");
    show("cf.get('key1')", py(last));
}

// ---- "Batch Mutations" and "Meta API" ----

asio::awaitable<void> batch_mutations(cppcassa::pool& pool) {
    section("Batch Mutations");
    auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
    auto scf = co_await cppcassa::column_family::open(pool, "Super1");

    // Queuing is synchronous and chains; send() (or flush_if_full(), for a streaming producer)
    // is what is awaited.
    cppcassa::batch_options ten;
    ten.queue_size = 10;
    auto b = cppcassa::make_batch(cf, ten);
    show("b = cf.batch(queue_size=10)");
    const cppcassa::column_values key1_columns{{"col1", "value11"}, {"col2", "value21"}};
    const cppcassa::column_values key2_columns{{"col1", "value12"}, {"col2", "value22"}};
    cppcassa::write_options ttl15;
    ttl15.ttl = 15;
    cppcassa::remove_options only_col2;
    only_col2.columns = std::vector<value>{"col2"};
    b.insert("key1", key1_columns);
    show("b.insert('key1', {'col1':'value11', 'col2':'value21'})");
    b.insert("key2", key2_columns, ttl15);
    show("b.insert('key2', {'col1':'value12', 'col2':'value22'}, ttl=15)");
    b.remove("key1", only_col2);
    show("b.remove('key1', ['col2'])");
    b.remove("key2");
    show("b.remove('key2')");
    co_await b.send();
    show("b.send()");
    const std::vector<value> both{"key1", "key2"};
    const auto after = co_await cf.multiget(both);
    show("cf.multiget(['key1', 'key2'])", py(after));

    auto sb = cppcassa::make_batch(scf);
    show("b = scf.batch()");
    const cppcassa::super_column_values supers{{"supercol1", {{"colA", "value1a"}, {"colB", "value1b"}}},
                                               {"supercol2", {{"colA", "value2a"}, {"colB", "value2b"}}}};
    cppcassa::remove_options col_a_of_supercol1;
    col_a_of_supercol1.super_column = "supercol1";
    col_a_of_supercol1.columns = std::vector<value>{"colA"};
    sb.insert("key1", supers).remove("key1", col_a_of_supercol1);
    show("b.insert('key1', {'supercol1': {'colA':'value1a', 'colB':'value1b'}, "
         "'supercol2': {'colA':'value2a', 'colB':'value2b'}})");
    show("b.remove('key1', ['colA'], 'supercol1')");
    co_await sb.send();
    show("b.send()");
    const auto super_row = co_await scf.get("key1");
    show("scf.get('key1')", py(super_row));

    // client.batch(): one batch over several column families.
    cppcassa::batch multi(pool);
    show("b = client.batch()");
    const cppcassa::column_values columns{{"col1", "value1"}, {"col2", "value2"}};
    const cppcassa::super_column_values subkey1{{"subkey1", {{"col1", "value1"}, {"col2", "value2"}}}};
    multi.insert(cf, "key1", columns).insert(scf, "key1", subkey1);
    show("b.insert(cf, 'key1', {'col1':'value1', 'col2':'value2'})");
    show("b.insert(supercf, 'key1', {'subkey1': {'col1':'value1', 'col2':'value2'}})");
    co_await multi.send();
    show("b.send()");

    // `with cf.batch() as b:` -- with_batch sends when the body ends, even if it threw.
    auto body = [](cppcassa::column_family_batch& batch) -> asio::awaitable<void> {
        const cppcassa::column_values first{{"col1", "value11"}, {"col2", "value21"}};
        const cppcassa::column_values second{{"col1", "value12"}, {"col2", "value22"}};
        batch.insert("key1", first).insert("key2", second);
        co_return;
    };
    co_await cppcassa::with_batch(cf, body);
    show("with cf.batch() as b:\n...     b.insert('key1', {'col1':'value11', 'col2':'value21'})\n"
         "...     b.insert('key2', {'col1':'value12', 'col2':'value22'})");
    const auto written = co_await cf.multiget(both);
    show("cf.multiget(['key1', 'key2'])", py(written));

    auto chained = cppcassa::make_batch(cf);
    chained.remove("foo").remove("bar");  // GCC 12: no temporaries inside the co_await below
    co_await chained.send();
    show("cf.batch().remove('foo').remove('bar').send()");
}

asio::awaitable<void> meta_api(cppcassa::system_manager& sys) {
    section("Meta API");
    const auto version = co_await sys.describe_version();
    show("sys.describe_version()", py(version));
    const auto keyspaces = co_await sys.list_keyspaces();
    const bool listed = std::find(keyspaces.begin(), keyspaces.end(), keyspace) != keyspaces.end();
    show("'Keyspace1' in sys.list_keyspaces()", listed ? "True" : "False");
    const auto families = co_await sys.get_keyspace_column_families(keyspace);
    std::vector<std::string> items;
    for (const auto& [name, definition] : families)
        items.push_back(fmt::format("'{}': {{'Type': '{}', 'CompareWith': '{}'}}", name,
                                    definition.column_type.value_or("Standard"),
                                    definition.comparator_type.value_or("")));
    show("sys.get_keyspace_column_families('Keyspace1')", fmt::format("{{{}}}", fmt::join(items, ", ")));
}

asio::awaitable<void> tutorial(std::string server) {
    const auto executor = co_await asio::this_coro::executor;

    // Schema changes go through a system_manager (pycassa's SystemManager), on its own
    // connection; each returns once every node agrees on the new schema.
    cppcassa::system_manager_config manager_config;
    manager_config.pool.servers = {server};
    cppcassa::system_manager sys(executor, manager_config);
    const auto cluster = co_await sys.describe_cluster_name();
    fmt::print("connected to cluster '{}' at {}\n\n", cluster, server);
    show(fmt::format("sys = pycassa.SystemManager('{}')", server));
    co_await create_schema(sys);

    // >>> pool = pycassa.QueuePool(keyspace='Keyspace1', server_list=[...])
    // A queue pool (the default kind): failover, retries, health checks. The keyspace must
    // exist before the pool opens its connections, hence after create_schema.
    cppcassa::pool pool(executor, {.servers = {server}, .keyspace = keyspace});
    show(fmt::format("pool = pycassa.QueuePool(keyspace='Keyspace1', server_list=['{}'])", server));

    co_await basic_usage(pool);
    co_await class_mapping(pool);
    co_await typed_values(pool);
    co_await super_columns(pool);
    co_await batch_mutations(pool);
    co_await meta_api(sys);

    // The pool and the manager keep the io_context busy (health checks) until closed.
    pool.close();
    sys.close();
}

}  // namespace

int main(int argc, char** argv) {
    const std::string host = argc > 1 ? argv[1] : "127.0.0.1";
    const std::string port = argc > 2 ? argv[2] : "9160";
    asio::io_context io;
    int status = 0;
    asio::co_spawn(io, tutorial(host + ":" + port), [&](std::exception_ptr error) {
        if (!error)
            return;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            fmt::print(stderr, "quickstart failed: {}\n", e.what());
            status = 1;
        }
    });
    io.run();
    return status;
}
