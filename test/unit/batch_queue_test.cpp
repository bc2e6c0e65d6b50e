// The sans-io batch queue: grouping by key and column family, splits by count and by estimated
// bytes, and the estimate checked against the real Thrift encoding.
#include "api/batch_queue.hpp"
#include "codec/binary_writer.hpp"
#include "codec/cassandra_methods.hpp"
#include "codec/struct_codec.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {

namespace thrift = cppcassa::thrift;
using cppcassa::api::batch_queue;

thrift::Mutation column_mutation(std::string name, std::string value, std::optional<std::int32_t> ttl = {}) {
    thrift::Column c;
    c.name = std::move(name);
    c.value = std::move(value);
    c.timestamp = 1234567890123456;
    c.ttl = ttl;
    thrift::ColumnOrSuperColumn cosc;
    cosc.column = std::move(c);
    thrift::Mutation m;
    m.column_or_supercolumn = std::move(cosc);
    return m;
}

std::size_t encoded_size(const cppcassa::batch_mutation_map& map) {
    thrift::batch_mutate_args args;
    args.mutation_map = map;
    std::string out;
    cppcassa::codec::binary_writer w(out);
    cppcassa::codec::encode(w, args);
    return out.size();
}

}  // namespace

TEST_CASE("The batch queue groups mutations by row key then column family, in arrival order") {
    batch_queue q;
    q.push("a", "cf1", column_mutation("c1", "v1"));
    q.push("b", "cf1", column_mutation("c2", "v2"));
    q.push("a", "cf2", column_mutation("c3", "v3"));
    q.push("a", "cf1", column_mutation("c4", "v4"));
    CHECK(q.size() == 4);
    const auto map = q.take(0, 1'000'000);
    REQUIRE(map.size() == 2);
    REQUIRE(map.at("a").at("cf1").size() == 2);
    CHECK(map.at("a").at("cf1")[0].column_or_supercolumn->column->name == "c1");
    CHECK(map.at("a").at("cf1")[1].column_or_supercolumn->column->name == "c4");
    CHECK(map.at("a").at("cf2").size() == 1);
    CHECK(map.at("b").at("cf1").size() == 1);
    CHECK(cppcassa::api::mutation_count(map) == 4);
    CHECK(q.empty());
    CHECK(q.bytes() == 0);
}

TEST_CASE("The batch queue hands out at most max_count mutations and keeps the rest in order") {
    batch_queue q;
    for (int i = 0; i < 5; ++i)
        q.push("k" + std::to_string(i), "cf", column_mutation("c", "v"));
    const auto first = q.take(2, 1'000'000);
    CHECK(cppcassa::api::mutation_count(first) == 2);
    CHECK(first.count("k0") == 1);
    CHECK(first.count("k1") == 1);
    CHECK(q.size() == 3);
    const auto second = q.take(2, 1'000'000);
    CHECK(second.count("k2") == 1);
    CHECK(second.count("k3") == 1);
    const auto third = q.take(2, 1'000'000);
    CHECK(cppcassa::api::mutation_count(third) == 1);
    CHECK(third.count("k4") == 1);
    CHECK(q.empty());
    CHECK(q.take(2, 1'000'000).empty());
}

TEST_CASE("The batch queue splits by estimated bytes but always hands out at least one mutation") {
    batch_queue q;
    for (int i = 0; i < 4; ++i)
        q.push("k", "cf", column_mutation("c" + std::to_string(i), std::string(1000, 'x')));
    const std::size_t one = cppcassa::api::estimated_bytes("k", "cf", column_mutation("c0", std::string(1000, 'x')));
    CHECK(q.bytes() == 4 * one);
    const auto two = q.take(100, 2 * one + one / 2);
    CHECK(cppcassa::api::mutation_count(two) == 2);
    CHECK(q.bytes() == 2 * one);
    const auto alone = q.take(100, 10);
    CHECK(cppcassa::api::mutation_count(alone) == 1);
    CHECK(q.size() == 1);
}

TEST_CASE("The byte estimate is never below the Thrift encoding of the batch_mutate arguments") {
    std::vector<std::pair<std::string, thrift::Mutation>> mutations;
    mutations.emplace_back("row1", column_mutation("name", "value", 15));
    mutations.emplace_back("row1", column_mutation(std::string(300, 'n'), std::string(5000, 'v')));
    {
        thrift::SuperColumn sc;
        sc.name = "super";
        thrift::Column c;
        c.name = "sub";
        c.value = "subvalue";
        c.timestamp = 1;
        sc.columns = {c, c, c};
        thrift::ColumnOrSuperColumn cosc;
        cosc.super_column = sc;
        thrift::Mutation m;
        m.column_or_supercolumn = cosc;
        mutations.emplace_back("row2", m);
    }
    {
        thrift::Deletion d;
        d.timestamp = 2;
        d.super_column = "super";
        thrift::SlicePredicate p;
        p.column_names = std::vector<std::string>{"a", "bb", "ccc"};
        d.predicate = p;
        thrift::Mutation m;
        m.deletion = d;
        mutations.emplace_back("row3", m);
    }
    {
        thrift::Deletion d;
        d.timestamp = 3;
        thrift::SlicePredicate p;
        thrift::SliceRange r;
        r.start = "from";
        r.finish = "to";
        p.slice_range = r;
        d.predicate = p;
        thrift::Mutation m;
        m.deletion = d;
        mutations.emplace_back("row4", m);
    }
    {
        thrift::Deletion whole_row;
        whole_row.timestamp = 4;
        thrift::Mutation m;
        m.deletion = whole_row;
        mutations.emplace_back(std::string(200, 'k'), m);
    }
    // Each alone (the estimate counts key and column family per mutation) and all together.
    batch_queue all;
    for (const auto& [key, m] : mutations) {
        batch_queue one;
        one.push(key, "Standard1", m);
        all.push(key, "Standard1", m);
        const std::size_t estimate = one.bytes();
        CHECK(encoded_size(one.take(0, estimate)) <= estimate);
    }
    const std::size_t estimate = all.bytes();
    const auto map = all.take(0, estimate);
    CHECK(cppcassa::api::mutation_count(map) == mutations.size());
    CHECK(encoded_size(map) <= estimate);
    // Not absurdly pessimistic either: a split by bytes should not send tiny batches.
    CHECK(estimate < 2 * encoded_size(map) + 1024);
}
