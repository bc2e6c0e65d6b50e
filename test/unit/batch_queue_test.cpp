// The sans-io batch queue: grouping by key and column family, splits by count and by encoded
// bytes, memory reused from one batch to the next (codec_mutation_batch_test checks the bytes
// themselves). Then batch_flow: when
// flush_if_full() and send() start flushes, wait, and report merged failures.
#include "api/batch_flow.hpp"
#include "api/batch_queue.hpp"
#include "codec/mutation_groups.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace thrift = cppcassa::thrift;
using cppcassa::api::batch_queue;

thrift::Mutation queued_column(std::string name, std::string value, std::optional<std::int32_t> ttl = {}) {
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

// The queued mutation, as one mutation of row `key` in column family `cf`.
void push(batch_queue& q, const std::string& key, const std::string& cf, const thrift::Mutation& m) {
    q.back().begin_row(key, cf);
    q.back().add(m);
}

cppcassa::batch_mutation_map map_of(const cppcassa::codec::mutation_batch& b) {
    cppcassa::codec::mutation_groups groups;
    groups.build(b);
    return groups.decode({});
}

}  // namespace

TEST_CASE("The batch queue groups mutations by row key then column family, in arrival order") {
    batch_queue q;
    push(q, "a", "cf1", queued_column("c1", "v1"));
    push(q, "b", "cf1", queued_column("c2", "v2"));
    push(q, "a", "cf2", queued_column("c3", "v3"));
    push(q, "a", "cf1", queued_column("c4", "v4"));
    CHECK(q.size() == 4);
    const auto map = map_of(q.take(0, 1'000'000).mutations);
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
        push(q, "k" + std::to_string(i), "cf", queued_column("c", "v"));
    const auto first = map_of(q.take(2, 1'000'000).mutations);
    CHECK(cppcassa::api::mutation_count(first) == 2);
    CHECK(first.count("k0") == 1);
    CHECK(first.count("k1") == 1);
    CHECK(q.size() == 3);
    const auto second = map_of(q.take(2, 1'000'000).mutations);
    CHECK(second.count("k2") == 1);
    CHECK(second.count("k3") == 1);
    const auto third = map_of(q.take(2, 1'000'000).mutations);
    CHECK(cppcassa::api::mutation_count(third) == 1);
    CHECK(third.count("k4") == 1);
    CHECK(q.empty());
    CHECK(q.take(2, 1'000'000).mutations.empty());
}

TEST_CASE("The batch queue splits a row by bytes but always hands out at least one mutation") {
    batch_queue q;
    for (int i = 0; i < 4; ++i)
        push(q, "k", "cf", queued_column("c" + std::to_string(i), std::string(1000, 'x')));
    const std::size_t all = q.bytes();
    const auto two = q.take(100, all / 2 + 100);
    CHECK(two.mutations.size() == 2);
    CHECK(q.size() == 2);
    const auto alone = q.take(100, 10);
    CHECK(alone.mutations.size() == 1);
    CHECK(q.size() == 1);
    // What is left is the row's last column, still in its row.
    const auto last = map_of(q.take(0, 1'000'000).mutations);
    CHECK(last.at("k").at("cf").at(0).column_or_supercolumn->column->name == "c3");
}

TEST_CASE("The batch queue reuses a sent batch's memory for the next one") {
    batch_queue q;
    for (int i = 0; i < 100; ++i)
        push(q, "k" + std::to_string(i), "cf", queued_column("c", std::string(100, 'v')));
    auto first = q.take(0, 1'000'000);
    const std::size_t reserved = first.mutations.reserved_bytes();
    CHECK(reserved >= 100 * 100);
    q.recycle(std::move(first));
    push(q, "next", "cf", queued_column("c", "v"));
    // The queue went on in the spare it got when `first` left; the one after takes `first`'s memory.
    auto second = q.take(0, 1'000'000);
    CHECK(second.mutations.size() == 1);
    push(q, "after", "cf", queued_column("c", "v"));
    CHECK(q.back().reserved_bytes() == reserved);
}

namespace {

using cppcassa::api::batch_flow;
using action = batch_flow::action;
using mode = batch_flow::mode;

void push_n(batch_flow& flow, const std::string& prefix, int n) {
    for (int i = 0; i < n; ++i)
        push(flow.queue(), prefix + std::to_string(i), "cf", queued_column("c", "v"));
}

cppcassa::api::batch_failure failed_with(const cppcassa::api::taken_batch& batch) {
    cppcassa::api::batch_failure f;
    f.cause = std::make_exception_ptr(std::runtime_error("boom"));
    f.unapplied = map_of(batch.mutations);
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
    flow.finished(std::move(first.batch), first.mutations, {});
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
    flow.finished(std::move(first.batch), first.mutations, {});
    auto second = flow.next(mode::drain);
    REQUIRE(second.what == action::start);
    CHECK(second.mutations == 5);
    CHECK(flow.next(mode::drain).what == action::wait);
    flow.finished(std::move(second.batch), second.mutations, {});
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
    auto first_failure = failed_with(first.batch);
    flow.finished(std::move(first.batch), first.mutations, std::move(first_failure));
    // send: a failure is known, so no new flush starts; it waits for the other one...
    CHECK(flow.next(mode::drain).what == action::wait);
    CHECK(flow.unreported() == 2);
    auto second_failure = failed_with(second.batch);
    flow.finished(std::move(second.batch), second.mutations, std::move(second_failure));
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
    CHECK(map_of(rest.batch.mutations).count("c0") == 1);
}

TEST_CASE("flush_if_full reports a failure before starting anything else") {
    batch_flow flow(1, 1'000'000, 1);
    push_n(flow, "a", 1);
    auto first = flow.next(mode::fill);
    REQUIRE(first.what == action::start);
    push_n(flow, "b", 1);
    CHECK(flow.next(mode::fill).what == action::wait);
    auto first_failure = failed_with(first.batch);
    flow.finished(std::move(first.batch), first.mutations, std::move(first_failure));
    auto report = flow.next(mode::fill);
    REQUIRE(report.what == action::report);
    CHECK(report.failure.unapplied.count("a0") == 1);
    CHECK(flow.next(mode::fill).what == action::start);
}

TEST_CASE("wait_for_flushes starts nothing, waits for the flushes in flight, then reports their failures") {
    batch_flow flow(2, 1'000'000, 2);
    CHECK(flow.next(mode::settle).what == action::done);  // nothing in flight
    push_n(flow, "a", 2);
    auto first = flow.next(mode::fill);
    REQUIRE(first.what == action::start);
    push_n(flow, "b", 2);  // full, but settle starts nothing
    CHECK(flow.next(mode::settle).what == action::wait);
    auto first_failure = failed_with(first.batch);
    flow.finished(std::move(first.batch), first.mutations, std::move(first_failure));
    auto report = flow.next(mode::settle);
    REQUIRE(report.what == action::report);
    CHECK(report.failure.unapplied.count("a0") == 1);
    CHECK(flow.next(mode::settle).what == action::done);
    CHECK(flow.queue().size() == 2);
    CHECK(flow.flushes() == 1);
}

TEST_CASE("merge_mutations appends per row and column family") {
    cppcassa::batch_mutation_map into;
    into["k"]["cf"].push_back(queued_column("c1", "v"));
    cppcassa::batch_mutation_map from;
    from["k"]["cf"].push_back(queued_column("c2", "v"));
    from["k"]["cf2"].push_back(queued_column("c3", "v"));
    from["j"]["cf"].push_back(queued_column("c4", "v"));
    cppcassa::api::merge_mutations(into, std::move(from));
    CHECK(cppcassa::api::mutation_count(into) == 4);
    REQUIRE(into["k"]["cf"].size() == 2);
    CHECK(into["k"]["cf"][1].column_or_supercolumn->column->name == "c2");
}
