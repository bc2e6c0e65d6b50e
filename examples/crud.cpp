// Create, read, update and delete through a column family: insert, get, multiget, get_count,
// remove, and the cppcassa::not_found a missing row raises.
//
//   crud [host] [port]        (default 127.0.0.1 9160)
//
// Creates the keyspace cppcassa_example_crud (column family users, UTF-8 names and values, a
// LongType "age") when it is missing; prints each result and ends with "crud: ok".
//
// GCC 12 destroys a braced temporary inside a `co_await` expression twice: column lists and key
// lists are named variables, passed by name.
#include "example_support.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

namespace asio = boost::asio;

namespace {

const std::string keyspace = "cppcassa_example_crud";
const std::string table = "users";

const cppcassa::column_family_options users{.comparator_type = "UTF8Type",
                                            .key_validation_class = "UTF8Type",
                                            .default_validation_class = "UTF8Type",
                                            .column_validation_classes = {{"age", "LongType"}}};

asio::awaitable<void> run(std::string server) {
    co_await example::ensure_column_family(server, keyspace, table, users);

    const auto executor = co_await asio::this_coro::executor;
    cppcassa::pool pool(executor, {.servers = {server}, .keyspace = keyspace});
    auto cf = co_await cppcassa::column_family::open(pool, table);  // types come from the schema

    // Create: insert returns the timestamp it wrote (microseconds since the epoch).
    const cppcassa::column_values jsmith{{"name", "John Smith"}, {"age", 42}};
    const std::int64_t written = co_await cf.insert("jsmith", jsmith);
    const cppcassa::column_values ann{{"name", "Ann"}, {"age", 37}, {"city", "Oslo"}};
    co_await cf.insert("ann", ann);
    fmt::print("insert: jsmith and ann (timestamp {})\n", written);

    // Read one row; values come back typed by the schema ("age" is a LongType).
    const cppcassa::row row = co_await cf.get("jsmith");
    const auto name = row["name"].as<std::string>();
    const auto age = row["age"].as<std::int64_t>();
    fmt::print("get jsmith: name={} age={}\n", name, age);
    example::expect(name == "John Smith" && age == 42, "get jsmith");

    // Update: an insert over existing columns replaces them.
    const cppcassa::column_values birthday{{"age", 43}};
    co_await cf.insert("jsmith", birthday);
    const cppcassa::row older = co_await cf.get("jsmith");
    fmt::print("after update: age={}\n", older["age"].as<std::int64_t>());
    example::expect(older["age"].as<std::int64_t>() == 43, "updated age");

    // Several rows at once, in the caller's key order; missing rows are left out.
    const std::vector<cppcassa::value> keys{"ann", "nobody", "jsmith"};
    const cppcassa::row_list rows = co_await cf.multiget(keys);
    for (const auto& r : rows)
        fmt::print("multiget: {} has {} columns\n", r.key.as<std::string>(), r.size());
    example::expect(rows.size() == 2, "multiget of 3 keys, one missing, returns 2 rows");

    const std::int32_t count = co_await cf.get_count("ann");
    fmt::print("get_count ann: {}\n", count);
    example::expect(count == 3, "get_count ann");

    // Delete one column, then whole rows.
    cppcassa::remove_options city;
    city.columns = std::vector<cppcassa::value>{"city"};
    co_await cf.remove("ann", city);
    const std::int32_t left = co_await cf.get_count("ann");
    fmt::print("after removing ann's city: {} columns\n", left);
    example::expect(left == 2, "get_count after removing a column");
    co_await cf.remove("ann");
    co_await cf.remove("jsmith");

    // A missing row is a typed exception naming the column family and the key.
    bool missing = false;
    try {
        co_await cf.get("jsmith");
    } catch (const cppcassa::not_found& e) {
        fmt::print("get jsmith after remove: cppcassa::not_found: {}\n", e.what());
        missing = true;
    }
    example::expect(missing, "get of a removed row throws not_found");

    pool.close();  // an open pool keeps io_context::run() busy (health checks)
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_example("crud", argc, argv, run);
}
