// Catch2 for every test: version 2's single header (Debian 12) or version 3 (Debian 13). The tests
// are written with version 2's names; under version 3 the few that moved are given back here, so
// a test reads the same whichever Catch2 the machine has.
#pragma once

#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>

#include <string>

namespace Catch {
// Version 2's Catch::Contains and friends matched strings; version 3 keeps them in Matchers, and
// calls the substring matcher ContainsSubstring (its Contains matches an element of a range).
inline auto Contains(const std::string& text, CaseSensitive cs = CaseSensitive::Yes) {
    return Matchers::ContainsSubstring(text, cs);
}
using Matchers::EndsWith;
using Matchers::Equals;
using Matchers::Matches;
using Matchers::StartsWith;
}  // namespace Catch

using Catch::Approx;
#else
#include <catch2/catch.hpp>
#endif
