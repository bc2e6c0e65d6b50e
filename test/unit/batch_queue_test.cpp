// The sans-io batch queue: grouping by key and column family, splits by count and by estimated
// bytes, and the estimate checked against the real Thrift encoding. Then batch_flow: when
// flush_if_full() and send() start flushes, wait, and report merged failures.
#include "api/batch_flow.hpp"
#include "api/batch_queue.hpp"
#include "codec/binary_writer.hpp"
#include "codec/cassandra_methods.hpp"
#include "codec/struct_codec.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
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

namespace {

using cppcassa::api::batch_flow;
using action = batch_flow::action;
using mode = batch_flow::mode;

void push_n(batch_flow& flow, const std::string& prefix, int n) {
    for (int i = 0; i < n; ++i)
        flow.queue().push(prefix + std::to_string(i), "cf", column_mutation("c", "v"));
}

cppcassa::api::batch_failure failed_with(cppcassa::batch_mutation_map map) {
    cppcassa::api::batch_failure f;
    f.cause = std::make_exception_ptr(std::runtime_error("boom"));
    f.unapplied = std::move(map);
    f.flushes = 1;
    return f;
}

}  // namespace

TEST_CASE("flush_if_full starts a flush per full batch while a slot is free, then waits") {
    batch_flow flow(10, 1'000'000, 2);
    push_n(flow, "a", 9);
    CHECK(flow.next(mode::fill).what == action::done);  // not full yet
    push_n(flow, "b", 1);
    auto first = flow.next(mode::fill);
    REQUIRE(first.what == action::start);
    CHECK(first.mutations == 10);
    CHECK(flow.queue().empty());
    CHECK(flow.next(mode::fill).what == action::done);  // the producer goes on filling
    push_n(flow, "c", 10);
    auto second = flow.next(mode::fill);
    REQUIRE(second.what == action::start);
    push_n(flow, "d", 10);
    CHECK(flow.next(mode::fill).what == action::wait);  // both slots busy: back-pressure
    CHECK(flow.in_flight() == 2);
    CHECK(flow.in_flight_mutations() == 20);
    CHECK(flow.queue().size() == 10);  // the bound: queue_size x (in flight + 1)
    flow.finished(first.mutations, {});
    auto third = flow.next(mode::fill);
    CHECK(third.what == action::start);
    CHECK(flow.peak_in_flight() == 2);
    CHECK(flow.flushes() == 3);
}

TEST_CASE("send starts the rest and waits until no flush is in flight") {
    batch_flow flow(10, 1'000'000, 1);
    push_n(flow, "a", 15);
    auto first = flow.next(mode::drain);
    REQUIRE(first.what == action::start);
    CHECK(first.mutations == 10);
    CHECK(flow.next(mode::drain).what == action::wait);
    flow.finished(first.mutations, {});
    auto second = flow.next(mode::drain);
    REQUIRE(second.what == action::start);
    CHECK(second.mutations == 5);
    CHECK(flow.next(mode::drain).what == action::wait);
    flow.finished(second.mutations, {});
    CHECK(flow.next(mode::drain).what == action::done);
}

TEST_CASE("Failed flushes are merged and reported once, and what is queued behind them stays queued") {
    batch_flow flow(2, 1'000'000, 2);
    push_n(flow, "a", 2);
    auto first = flow.next(mode::fill);
    push_n(flow, "b", 2);
    auto second = flow.next(mode::fill);
    REQUIRE(first.what == action::start);
    REQUIRE(second.what == action::start);
    push_n(flow, "c", 1);  // queued behind both
    flow.finished(first.mutations, failed_with(first.batch));
    // send: a failure is known, so no new flush starts; it waits for the other one...
    CHECK(flow.next(mode::drain).what == action::wait);
    CHECK(flow.unreported() == 2);
    flow.finished(second.mutations, failed_with(second.batch));
    // ...then reports both at once.
    auto report = flow.next(mode::drain);
    REQUIRE(report.what == action::report);
    CHECK(report.failure.flushes == 2);
    CHECK(cppcassa::api::mutation_count(report.failure.unapplied) == 4);
    CHECK(report.failure.unapplied.count("a0") == 1);
    CHECK(report.failure.unapplied.count("b1") == 1);
    CHECK(flow.unreported() == 0);
    CHECK(flow.queue().size() == 1);
    // The next send goes on with what was queued behind.
    auto rest = flow.next(mode::drain);
    REQUIRE(rest.what == action::start);
    CHECK(rest.batch.count("c0") == 1);
}

TEST_CASE("flush_if_full reports a failure before starting anything else") {
    batch_flow flow(1, 1'000'000, 1);
    push_n(flow, "a", 1);
    auto first = flow.next(mode::fill);
    REQUIRE(first.what == action::start);
    push_n(flow, "b", 1);
    CHECK(flow.next(mode::fill).what == action::wait);
    flow.finished(first.mutations, failed_with(first.batch));
    auto report = flow.next(mode::fill);
    REQUIRE(report.what == action::report);
    CHECK(report.failure.unapplied.count("a0") == 1);
    CHECK(flow.next(mode::fill).what == action::start);
}

TEST_CASE("merge_mutations appends per row and column family") {
    cppcassa::batch_mutation_map into;
    into["k"]["cf"].push_back(column_mutation("c1", "v"));
    cppcassa::batch_mutation_map from;
    from["k"]["cf"].push_back(column_mutation("c2", "v"));
    from["k"]["cf2"].push_back(column_mutation("c3", "v"));
    from["j"]["cf"].push_back(column_mutation("c4", "v"));
    cppcassa::api::merge_mutations(into, std::move(from));
    CHECK(cppcassa::api::mutation_count(into) == 4);
    REQUIRE(into["k"]["cf"].size() == 2);
    CHECK(into["k"]["cf"][1].column_or_supercolumn->column->name == "c2");
}
