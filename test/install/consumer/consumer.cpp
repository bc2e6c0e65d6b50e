// Uses the installed headers and library: connecting to a closed port must fail with connect_error.
#include <cppcassa/connection.hpp>
#include <cppcassa/errors.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdio>

int main() {
    boost::asio::io_context io;
    cppcassa::connection conn(io.get_executor(), {.host = "127.0.0.1", .port = 1});
    int status = 1;
    boost::asio::co_spawn(io, conn.connect(), [&](std::exception_ptr e) {
        try {
            if (e)
                std::rethrow_exception(e);
        } catch (const cppcassa::connect_error& error) {
            std::printf("as expected: %s\n", error.what());
            status = 0;
        } catch (...) {
        }
    });
    io.run();
    return status;
}
