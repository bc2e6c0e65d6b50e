// codec::mutation_batch and mutation_groups: mutations encoded as they are queued must give, for
// any order of rows, column families and kinds of mutation, exactly the bytes of encoding the
// equivalent thrift::batch_mutate_args map, and come back from their bytes unchanged.
#include "codec/binary_writer.hpp"
#include "codec/cassandra_methods.hpp"
#include "codec/mutation_batch.hpp"
#include "codec/mutation_groups.hpp"
#include "codec/struct_codec.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

namespace thrift = cppcassa::thrift;
namespace codec = cppcassa::codec;
using codec::mutation_batch;
using codec::mutation_groups;
using codec::mutation_map;

constexpr auto level = thrift::ConsistencyLevel::QUORUM;

thrift::Mutation column_mutation(std::string name, std::string value, std::int64_t timestamp,
                                 std::optional<std::int32_t> ttl) {
    thrift::Column c;
    c.name = std::move(name);
    c.value = std::move(value);
    c.timestamp = timestamp;
    c.ttl = ttl;
    thrift::ColumnOrSuperColumn cosc;
    cosc.column = std::move(c);
    thrift::Mutation m;
    m.column_or_supercolumn = std::move(cosc);
    return m;
}

thrift::Mutation super_mutation(const std::string& name, int columns) {
    thrift::SuperColumn sc;
    sc.name = name;
    for (int i = 0; i < columns; ++i) {
        thrift::Column c;
        c.name = "sub" + std::to_string(i);
        c.value = std::string(static_cast<std::size_t>(i), 'v');
        c.timestamp = i;
        sc.columns.push_back(c);
    }
    thrift::ColumnOrSuperColumn cosc;
    cosc.super_column = std::move(sc);
    thrift::Mutation m;
    m.column_or_supercolumn = std::move(cosc);
    return m;
}

thrift::Mutation deletion(std::int64_t timestamp, bool with_predicate) {
    thrift::Deletion d;
    d.timestamp = timestamp;
    if (with_predicate) {
        thrift::SlicePredicate p;
        p.column_names = std::vector<std::string>{"a", "bb"};
        d.predicate = p;
    }
    thrift::Mutation m;
    m.deletion = d;
    return m;
}

// A standard column written in place, the way the batch's insert writes it.
void write_column(mutation_batch& b, std::string_view name, std::string_view value, std::int64_t timestamp,
                  std::optional<std::int32_t> ttl) {
    codec::column_writer w(b);
    w.name_bytes().append(name);
    CHECK(w.name() == name);
    w.value_bytes().append(value);
    w.finish(timestamp, ttl);
}

std::string encoded_map(const mutation_map& map) {
    thrift::batch_mutate_args args;
    args.mutation_map = map;
    args.consistency_level = level;
    std::string out;
    codec::binary_writer w(out);
    codec::encode(w, args);
    return out;
}

std::string encoded_groups(const mutation_groups& groups, std::span<const std::size_t> rows = {}) {
    std::string out;
    codec::binary_writer w(out);
    codec::encoded_batch_args args;
    args.groups = &groups;
    args.rows = rows;
    args.consistency_level = level;
    codec::encode(w, args);
    return out;
}

// The same random mutations into a batch and into the map batch_mutate would take.
struct random_batch {
    mutation_batch batch;
    std::vector<std::pair<std::pair<std::string, std::string>, thrift::Mutation>> arrivals;

    explicit random_batch(unsigned seed, int count) {
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        for (int i = 0; i < count; ++i) {
            std::string key = "row" + std::to_string(pick(6));
            if (pick(5) == 0)
                key.assign(static_cast<std::size_t>(20 + pick(30)), static_cast<char>('a' + pick(3)));  // past SSO
            const std::string cf = pick(3) == 0 ? "Super1" : "Standard1";
            batch.begin_row(key, cf);
            // A row's columns usually arrive together.
            const int run = 1 + pick(4);
            for (int j = 0; j < run; ++j) {
                thrift::Mutation m;
                switch (pick(4)) {
                case 0:
                case 1: {
                    const std::string name = "c" + std::to_string(i) + "_" + std::to_string(j);
                    const std::string value(static_cast<std::size_t>(pick(40)), 'x');
                    const std::optional<std::int32_t> ttl = pick(2) ? std::optional<std::int32_t>(pick(1000)) : std::nullopt;
                    write_column(batch, name, value, 1000 + i, ttl);
                    m = column_mutation(name, value, 1000 + i, ttl);
                    break;
                }
                case 2:
                    m = super_mutation("s" + std::to_string(i), pick(3));
                    batch.add(m);
                    break;
                default:
                    m = deletion(2000 + i, pick(2) == 0);
                    batch.add(m);
                    break;
                }
                arrivals.push_back({{key, cf}, std::move(m)});
            }
        }
    }

    [[nodiscard]] mutation_map map_of(std::size_t from, std::size_t to) const {
        mutation_map map;
        for (std::size_t i = from; i < to; ++i)
            map[arrivals[i].first.first][arrivals[i].first.second].push_back(arrivals[i].second);
        return map;
    }
};

}  // namespace

TEST_CASE("A column written in place has the bytes of the generic encoding of its Mutation") {
    for (const auto ttl : {std::optional<std::int32_t>{}, std::optional<std::int32_t>{86400}}) {
        mutation_batch b;
        b.begin_row("k", "cf");
        write_column(b, "name", "value", 1234567890123456, ttl);
        std::string expected;
        codec::binary_writer w(expected);
        codec::encode(w, column_mutation("name", "value", 1234567890123456, ttl));
        CHECK(b.mutation_bytes(0, 1) == expected);
        CHECK(b.decode_mutation(0) == column_mutation("name", "value", 1234567890123456, ttl));
    }
}

TEST_CASE("Grouped mutations encode exactly as batch_mutate_args of the same map") {
    for (unsigned seed = 1; seed <= 40; ++seed) {
        random_batch r(seed, 30);
        mutation_groups groups;
        groups.build(r.batch);
        const auto map = r.map_of(0, r.arrivals.size());
        CHECK(groups.rows() == map.size());
        CHECK(encoded_groups(groups) == encoded_map(map));
        CHECK(groups.decode({}) == map);
        CHECK(r.batch.encoded_bound() >= encoded_map(map).size());
    }
}

TEST_CASE("A subset of the rows encodes as the map of only those rows") {
    random_batch r(7, 40);
    mutation_groups groups;
    groups.build(r.batch);
    const auto map = r.map_of(0, r.arrivals.size());
    REQUIRE(groups.rows() >= 3);
    const std::vector<std::size_t> rows{0, 2};
    mutation_map part;
    for (const std::size_t row : rows) {
        const std::string key(groups.key(row));
        part[key] = map.at(key);
    }
    CHECK(encoded_groups(groups, rows) == encoded_map(part));
    CHECK(groups.decode(rows) == part);
}

TEST_CASE("split_off keeps the first mutations and moves the rest, each still encoding its own map") {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        random_batch r(seed, 20);
        const std::size_t total = r.batch.size();
        for (const std::size_t n : {std::size_t{0}, std::size_t{1}, total / 3, total / 2, total - 1, total}) {
            random_batch copy(seed, 20);
            mutation_batch rest;
            rest.begin_row("stale", "cf");  // emptied first
            copy.batch.split_off(n, rest);
            CHECK(copy.batch.size() == n);
            CHECK(rest.size() == total - n);
            mutation_groups front, back;
            front.build(copy.batch);
            back.build(rest);
            CHECK(encoded_groups(front) == encoded_map(r.map_of(0, n)));
            CHECK(encoded_groups(back) == encoded_map(r.map_of(n, total)));
            // The kept part goes on growing as a batch.
            copy.batch.begin_row("later", "cf");
            write_column(copy.batch, "x", "y", 1, std::nullopt);
            CHECK(copy.batch.size() == n + 1);
        }
    }
}

TEST_CASE("rollback removes everything written after the mark") {
    random_batch r(3, 10);
    mutation_groups before;
    before.build(r.batch);
    const std::string expected = encoded_groups(before);
    const auto mark = r.batch.position();
    const std::size_t bound = r.batch.encoded_bound();
    r.batch.begin_row("a new row with a long key", "NewFamily");
    write_column(r.batch, "c", "v", 1, 5);
    r.batch.begin_row("row1", "Standard1");
    r.batch.add(deletion(1, true));
    {
        codec::column_writer half_written(r.batch);  // a value that failed to pack
        half_written.name_bytes().append("name");
    }
    r.batch.rollback(mark);
    CHECK(r.batch.encoded_bound() == bound);
    mutation_groups after;
    after.build(r.batch);
    CHECK(encoded_groups(after) == expected);
}

TEST_CASE("prefix_within bounds a batch by count and by encoded size, and always takes one") {
    mutation_batch b;
    for (int i = 0; i < 10; ++i) {
        b.begin_row("row" + std::to_string(i / 3), "cf");
        write_column(b, "c" + std::to_string(i), std::string(1000, 'v'), i, std::nullopt);
    }
    CHECK(b.prefix_within(0, 1 << 30) == 10);
    CHECK(b.prefix_within(4, 1 << 30) == 4);
    CHECK(b.prefix_within(0, 1) == 1);
    for (std::size_t max_bytes : {2500u, 4000u, 7777u}) {
        const std::size_t n = b.prefix_within(0, max_bytes);
        mutation_batch copy = b;
        mutation_batch rest;
        copy.split_off(n, rest);
        CHECK(copy.encoded_bound() <= max_bytes);
        if (n < 10) {
            mutation_batch one_more = b;
            one_more.split_off(n + 1, rest);
            CHECK(one_more.encoded_bound() > max_bytes);
        }
    }
}
