// Bulk loading a CSV file through a batch mutator (cppcassa::make_batch), with back-pressure:
// the reader queues rows while up to two batch_mutate calls are in flight.
//
//   batch_ingest [host] [port] [file.csv]        (default 127.0.0.1 9160, a generated file)
//
// The file's first line names the columns; the first column is the row key, and every line
// has as many fields as the header (plain comma-separated text, no quoting). Without a file,
// 2,000 generated lines are written to a temporary file first (removed at the end). Rows go to
// the column family rows of the keyspace cppcassa_example_batch (created when missing). Prints
// a progress line every 500 rows, a summary, then reads two rows back and ends with
// "batch_ingest: ok".
#include "example_support.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/column_family.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/this_coro.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace asio = boost::asio;

namespace {

const std::string keyspace = "cppcassa_example_batch";
const std::string table = "rows";
constexpr std::size_t progress_every = 500;  // rows between two progress lines

std::vector<std::string> split(std::string line) {
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
        fields.push_back(line.substr(start, comma - start));
    fields.push_back(line.substr(start));
    return fields;
}

std::filesystem::path write_sample_file(std::size_t lines) {
    const auto path = std::filesystem::temp_directory_path() /
                      fmt::format("cppcassa_batch_ingest_{}.csv", std::random_device{}());
    std::ofstream out(path);
    out << "key,name,email,score\n";
    for (std::size_t i = 0; i < lines; ++i)
        out << fmt::format("user{:05},User {},user{}@example.com,{}\n", i, i, i, (i * 37) % 1000);
    if (!out.flush())
        throw std::runtime_error("cannot write the sample file " + path.string());
    return path;
}

asio::awaitable<void> ingest(std::string server, std::filesystem::path file) {
    co_await example::ensure_column_family(server, keyspace, table);
    const auto executor = co_await asio::this_coro::executor;
    cppcassa::pool pool(executor, {.servers = {server}, .keyspace = keyspace});
    auto cf = co_await cppcassa::column_family::open(pool, table);

    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line))
        throw std::runtime_error("cannot read a header line from " + file.string());
    const std::vector<std::string> header = split(line);
    if (header.size() < 2)
        throw std::runtime_error(file.string() + ": the header needs a key column and at least one other");

    // 100 mutations (columns) per batch_mutate, two in flight while the reader goes on.
    cppcassa::batch_options options;
    options.queue_size = 100;
    options.max_in_flight_flushes = 2;
    auto b = cppcassa::make_batch(cf, options);

    const auto start = std::chrono::steady_clock::now();
    const auto per_second = [&](std::size_t rows) {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        return elapsed.count() > 0 ? static_cast<double>(rows) / elapsed.count() : 0.0;
    };
    const std::size_t per_row = header.size() - 1;  // mutations per row: one per column
    std::vector<std::vector<std::string>> samples;   // the first and the last row, to read back
    std::size_t rows = 0;
    for (std::size_t number = 2; std::getline(in, line); ++number) {
        if (line.empty() || line == "\r")
            continue;
        auto fields = split(line);
        if (fields.size() != header.size())
            throw std::runtime_error(fmt::format("{} line {}: {} fields, the header has {}", file.string(),
                                                 number, fields.size(), header.size()));
        cppcassa::column_values columns;
        for (std::size_t i = 1; i < fields.size(); ++i)
            columns.emplace_back(header[i], fields[i]);
        b.insert(fields[0], columns);  // queued only; packed now with the schema's types
        co_await b.flush_if_full();     // a full queue leaves as a background flush; waits only when two are in flight
        ++rows;
        if (samples.size() < 2)
            samples.push_back(std::move(fields));
        else
            samples.back() = std::move(fields);
        if (rows % progress_every == 0)
            fmt::print("progress: {} rows read, {} sent, {:.0f} rows/s\n", rows,
                       rows - b.pending() / per_row, per_second(rows));
    }
    co_await b.send();  // the rest, then waits for every flush; batch_error keeps what failed
    fmt::print("sent {} rows ({} columns) in {} batch_mutate calls, {:.0f} rows/s\n", rows, rows * per_row,
               b.flushes(), per_second(rows));

    // Read back the first and the last row.
    if (samples.empty())
        throw std::runtime_error(file.string() + " has no data line");
    for (const auto& fields : samples) {
        const cppcassa::row row = co_await cf.get(fields[0]);
        for (std::size_t i = 1; i < fields.size(); ++i)
            if (row[header[i]].as<std::string>() != fields[i])
                throw std::runtime_error(fmt::format("row {} column {} reads back as '{}', not '{}'", fields[0],
                                                     header[i], row[header[i]].as<std::string>(), fields[i]));
        fmt::print("read back {}: {} columns as written\n", fields[0], row.size());
    }
    pool.close();
}

// A batch_error also tells how many mutations were not applied; the message carries the count.
asio::awaitable<void> ingest_counting_unapplied(std::string server, std::filesystem::path file) {
    try {
        co_await ingest(std::move(server), std::move(file));
    } catch (const cppcassa::batch_error& e) {
        throw std::runtime_error(fmt::format("{} ({} mutations not applied)", e.what(), e.unapplied_count()));
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path file;
    bool generated = false;
    try {
        if (argc > 3) {
            file = argv[3];
        } else {
            file = write_sample_file(2000);
            generated = true;
            fmt::print("wrote 2000 sample rows to {}\n", file.string());
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "batch_ingest failed: {}\n", e.what());
        return 1;
    }

    const int status = example::run_example("batch_ingest", argc, argv, [&file](std::string server) {
        return ingest_counting_unapplied(std::move(server), file);
    });
    if (generated) {
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
    }
    return status;
}
