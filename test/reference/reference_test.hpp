// What every reference test shares: how many values, which seed, how a byte mismatch is shown,
// and how one Catch test case per struct or method gets its name.
#pragma once

#include "reference/random_value.hpp"

#include "support/catch.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace cppcassa::reference {

// Values checked per type (CPPCASSA_REFERENCE_VALUES overrides, e.g. for a longer soak).
int values_per_type();

// CPPCASSA_REFERENCE_SEED (decimal or 0x...) or a fixed default, so runs are reproducible.
std::uint64_t base_seed();

// A generator for one test: the base seed mixed with the test's name, so each test replays alone.
value_generator generator_for(std::string_view test_name);

// Value i of a run: the first few have every optional set or none, some carry one large string.
inline optionals optionals_for(int i) {
    return i % 10 == 0 ? optionals::all_set : i % 10 == 1 ? optionals::all_unset : optionals::random;
}
inline bool large_for(int i) { return i % 25 == 7; }

// Equal bytes, or a failure naming the first differing offset with hex around it on both sides
// (a raw dump of binary strings would be unreadable).
void require_same_bytes(std::string_view ours, std::string_view apache, std::string_view what);

// Registers `fn` as a Catch test case named at start-up (one per struct or method).
void register_test(void (*fn)(), const std::string& name);

}  // namespace cppcassa::reference
