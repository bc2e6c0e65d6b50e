// Class mapping: a plain C++ struct stored as a row, its columns described with Boost.Describe
// (cppcassa::described_mapping) and read and written through cppcassa::column_family_map.
//
//   class_mapping [host] [port]        (default 127.0.0.1 9160)
//
// Creates the keyspace cppcassa_example_mapping (column family subscribers, whose validators match
// the types the mapping infers, so other clients read typed columns) when it is missing; inserts
// and reads objects, shows a row missing columns reading the struct's defaults, and ends with
// "class_mapping: ok".
#include "example_support.hpp"

#include <cppcassa/column_family.hpp>
#include <cppcassa/column_family_map.hpp>
#include <cppcassa/errors.hpp>
#include <cppcassa/pool.hpp>
#include <cppcassa/system_manager.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/describe/class.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace std::chrono;

namespace {

const std::string keyspace = "cppcassa_example_mapping";
const std::string table = "subscribers";

// Every described member is a column named after it; `key` is the row key. Column types follow
// the member types (std::string: UTF8Type, std::int64_t: LongType, double: DoubleType, bool:
// BooleanType, a system_clock time point: DateType); the initializers are the defaults a row
// without that column reads as. An empty std::optional is not written.
struct subscriber {
    std::string key;
    std::string name = "anonymous";
    std::optional<system_clock::time_point> last_login;
    std::int64_t logins = 1;
    bool active = true;
    double rating = 0.5;
};
BOOST_DESCRIBE_STRUCT(subscriber, (), (key, name, last_login, logins, active, rating))

std::string to_text(const subscriber& v) {
    std::string seen = "never";
    if (v.last_login) {
        const auto day = floor<days>(*v.last_login);
        const year_month_day ymd{day};
        const hh_mm_ss time{floor<seconds>(*v.last_login - day)};
        seen = fmt::format("{}-{:02}-{:02} {:02}:{:02}", static_cast<int>(ymd.year()),
                           static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                           time.hours().count(), time.minutes().count());
    }
    return fmt::format("{{key={}, name={}, logins={}, rating={}, active={}, last_login={}}}", v.key, v.name, v.logins,
                       v.rating, v.active, seen);
}

// The validators match the types the mapping infers from subscriber's members, so other clients
// read typed columns too.
const cppcassa::column_family_options typed{.comparator_type = "UTF8Type",
                                            .key_validation_class = "UTF8Type",
                                            .column_validation_classes = {{"name", "UTF8Type"},
                                                                          {"logins", "LongType"},
                                                                          {"rating", "DoubleType"},
                                                                          {"active", "BooleanType"},
                                                                          {"last_login", "DateType"}}};

asio::awaitable<void> run(std::string server) {
    co_await example::ensure_column_family(server, keyspace, table, typed);
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::pool pool(executor, {.servers = {server}, .keyspace = keyspace});
    auto cf = co_await cppcassa::column_family::open(pool, table);
    cppcassa::column_family_map subscribers(cf, cppcassa::described_mapping<subscriber>());

    subscriber ann;
    ann.key = "ann";
    ann.name = "Ann";
    ann.logins = 42;
    ann.rating = 35.8;
    ann.last_login = sys_days{2026y / December / 8} + 9h + 30min;
    subscriber bob;
    bob.key = "bob";
    bob.name = "Bob";
    bob.active = false;  // last_login stays empty: that column is not written
    co_await subscribers.insert(ann);
    co_await subscribers.insert(bob);
    fmt::print("inserted {}\ninserted {}\n", to_text(ann), to_text(bob));

    const std::string ann_key = ann.key;
    const subscriber back = co_await subscribers.get(ann_key);
    fmt::print("get ann: {}\n", to_text(back));
    example::expect(back.name == ann.name && back.logins == 42 && back.rating == 35.8 && back.active &&
                        back.last_login == ann.last_login,
                    "ann reads back as written");

    // The caller's key order; rows that do not exist are left out.
    const std::vector<std::string> keys{"bob", "nobody", "ann"};
    const auto many = co_await subscribers.multiget(keys);
    for (const auto& [key, v] : many)
        fmt::print("multiget: {} -> {}\n", key, to_text(v));
    example::expect(many.size() == 2 && many.contains("bob") && !many["bob"].active, "multiget returns bob and ann");

    // A row written without the mapping, holding one column: the others read as the defaults.
    const std::string carl_key = "carl";
    const cppcassa::column_values name_only{{"name", "Carl"}};
    co_await cf.insert(carl_key, name_only);
    const subscriber carl = co_await subscribers.get(carl_key);
    fmt::print("get carl (only a name stored): {}\n", to_text(carl));
    example::expect(carl.name == "Carl" && carl.logins == 1 && carl.rating == 0.5 && carl.active && !carl.last_login,
                    "missing columns read as the struct's defaults");
    const std::int32_t stored = co_await subscribers.get_count(carl_key);
    fmt::print("mapped columns stored for carl: {}\n", stored);
    example::expect(stored == 1, "carl's row holds one mapped column");

    co_await subscribers.remove(bob);
    co_await cf.remove(carl_key);
    const std::string bob_key = bob.key;
    bool missing = false;
    try {
        co_await subscribers.get(bob_key);
    } catch (const cppcassa::not_found& e) {
        fmt::print("get bob after remove: cppcassa::not_found: {}\n", e.what());
        missing = true;
    }
    example::expect(missing, "a removed object is not found");
    pool.close();
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_example("class_mapping", argc, argv, run);
}
