// Compiled, not linked, by the add_subdirectory test: what reaches this file is only what the
// cppcassa target passes on (include directories, definitions, C++20). Linking and running a
// consumer is the install test's job, which does not rebuild the library.
#include <cppcassa/column_family.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

boost::asio::awaitable<void> write_and_read(cppcassa::pool& pool) {
    auto cf = co_await cppcassa::column_family::open(pool, "Standard1");
    const cppcassa::column_values columns{{"name", "Jim"}};
    co_await cf.insert("jim", columns);
    const auto row = co_await cf.get("jim");
    (void)row;
}

int main() { return 0; }
