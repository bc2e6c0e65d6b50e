// Fan-out's split and merge without a pool: keys grouped by replica, replies merged back into
// the caller's key order, mutation maps split without losing a row.
#include "api/fan_out_plan.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace {

namespace detail = cppcassa::detail;
using groups_t = std::vector<std::vector<std::size_t>>;

TEST_CASE("a repeated key is kept once, at its first position") {
    CHECK(detail::unique_keys({"b", "a", "b", "c", "a"}) == std::vector<std::string>{"b", "a", "c"});
    CHECK(detail::unique_keys({}).empty());
}

TEST_CASE("replies merge back in the caller's key order, not Thrift's map order") {
    const std::vector<std::string> keys = {"zeta", "alpha", "mid", "beta"};
    const groups_t groups = {{0, 2}, {1, 3}};  // two replicas
    std::vector<std::map<std::string, std::int32_t>> replies = {{{"mid", 3}, {"zeta", 1}},
                                                                {{"alpha", 2}, {"beta", 4}}};
    const auto merged = detail::merge_in_order(keys, groups, replies);
    const cppcassa::in_key_order<std::int32_t> expected = {{"zeta", 1}, {"alpha", 2}, {"mid", 3}, {"beta", 4}};
    CHECK(merged == expected);
}

TEST_CASE("a key missing from its group's reply merges as an empty value") {
    const std::vector<std::string> keys = {"a", "b"};
    const groups_t groups = {{1}, {0}};
    std::vector<std::map<std::string, std::vector<std::string>>> replies = {{{"b", {"x"}}}, {}};
    const auto merged = detail::merge_in_order(keys, groups, replies);
    REQUIRE(merged.size() == 2);
    CHECK(merged[0].first == "a");
    CHECK(merged[0].second.empty());
    CHECK(merged[1] == std::pair<std::string, std::vector<std::string>>{"b", {"x"}});
}

TEST_CASE("each group's keys are listed in the group's index order") {
    const std::vector<std::string> keys = {"k0", "k1", "k2", "k3"};
    const auto parts = detail::keys_of_groups(keys, {{1, 3}, {0}, {2}});
    CHECK(parts == std::vector<std::vector<std::string>>{{"k1", "k3"}, {"k0"}, {"k2"}});
}

TEST_CASE("a mutation map is split by group with every row in exactly one part") {
    std::map<std::string, int> all = {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}};
    const std::vector<std::string> keys = {"a", "b", "c", "d"};
    const auto parts = detail::split_mutation_map(std::move(all), keys, {{0, 3}, {1}, {2}});
    REQUIRE(parts.size() == 3);
    CHECK(parts[0] == std::map<std::string, int>{{"a", 1}, {"d", 4}});
    CHECK(parts[1] == std::map<std::string, int>{{"b", 2}});
    CHECK(parts[2] == std::map<std::string, int>{{"c", 3}});
}

TEST_CASE("a grouping that drops, repeats or invents a key is reported before anything is sent") {
    CHECK(detail::check_partition(3, {{0, 2}, {1}}).empty());
    CHECK(detail::check_partition(3, {{0, 2}}) == "key index 1 in no replica group");
    CHECK(detail::check_partition(2, {{0, 1}, {1}}) == "key index 1 in two replica groups");
    CHECK(detail::check_partition(2, {{0, 1, 2}}) == "key index 2 out of 2 keys");
    CHECK(detail::check_partition(1, {{0}, {}}) == "an empty replica group");
}

TEST_CASE("partial_batch_error names what was applied and what failed") {
    const auto cause = std::make_exception_ptr(cppcassa::timed_out("batch_mutate on 127.0.0.2:9160 timed out", 0,
                                                                   std::nullopt, std::nullopt));
    const cppcassa::partial_batch_error e(cause, {"a", "b"}, {"c"}, 3, 1);
    const std::string what = e.what();
    CHECK(what.find("1 of 3 replica groups failed") != std::string::npos);
    CHECK(what.find("2 row keys applied, 1 in failed groups") != std::string::npos);
    CHECK(what.find("timed out") != std::string::npos);
    CHECK(e.failed_keys == std::vector<std::string>{"c"});
    CHECK_THROWS_AS(std::rethrow_exception(e.first_cause), cppcassa::timed_out);
}

}  // namespace
