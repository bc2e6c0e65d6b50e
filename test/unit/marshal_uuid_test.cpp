// cppcassa::uuid: text and byte forms, version 1 times, and TimeUUIDType's order.
#include <cppcassa/errors.hpp>
#include <cppcassa/types/uuid.hpp>

#include "support/catch.hpp"

#include <algorithm>
#include <vector>

namespace {

using cppcassa::uuid;
using namespace std::chrono_literals;
using sys_ms = std::chrono::sys_time<std::chrono::milliseconds>;

// 2013-01-01 00:00:00 UTC.
constexpr sys_ms new_year_2013{1356998400000ms};

TEST_CASE("a uuid round-trips through its canonical text and its 16 bytes") {
    const uuid u = uuid::parse("DDC6118E-a003-11df-8abf-00234d21610a");
    CHECK(u.to_string() == "ddc6118e-a003-11df-8abf-00234d21610a");
    CHECK(u.to_bytes() == std::string("\xdd\xc6\x11\x8e\xa0\x03\x11\xdf\x8a\xbf\x00\x23\x4d\x21\x61\x0a", 16));
    CHECK(uuid::from_bytes(u.to_bytes()) == u);
    CHECK(uuid().to_string() == "00000000-0000-0000-0000-000000000000");
    CHECK(uuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff").to_bytes() == std::string(16, '\xff'));
}

TEST_CASE("malformed uuid text and byte strings of the wrong size are marshal errors") {
    CHECK_THROWS_AS(uuid::parse(""), cppcassa::marshal_error);
    CHECK_THROWS_AS(uuid::parse("ddc6118e-a003-11df-8abf-00234d21610"), cppcassa::marshal_error);
    CHECK_THROWS_AS(uuid::parse("ddc6118e_a003-11df-8abf-00234d21610a"), cppcassa::marshal_error);
    CHECK_THROWS_AS(uuid::parse("gdc6118e-a003-11df-8abf-00234d21610a"), cppcassa::marshal_error);
    CHECK_THROWS_WITH(uuid::from_bytes("short"), Catch::Contains("16 bytes, got 5"));
}

TEST_CASE("the time of a version 1 uuid is read back to the 100 ns tick") {
    // pycassa's TIME1: 2010-08-04 20:07:11.0495630 UTC.
    const uuid time1 = uuid::parse("ddc6118e-a003-11df-8abf-00234d21610a");
    CHECK(time1.version() == 1);
    CHECK(time1.time().time_since_epoch() == 1280952431049563000ns);
    CHECK(time1.clock_seq() == 2751);
    CHECK(time1.node() == 0x00234d21610a);
    CHECK_THROWS_AS(uuid::generate_random().time(), cppcassa::marshal_error);
}

TEST_CASE("a time-based uuid holds the time, clock sequence and node it was built from") {
    const auto t = std::chrono::system_clock::time_point(1356998400123456700ns);
    const uuid u = uuid::time_based(t, 0x1234, 0xa1b2c3d4e5f6);
    CHECK(u.version() == 1);
    CHECK(u.time() == t);
    CHECK(u.clock_seq() == 0x1234);
    CHECK(u.node() == 0xa1b2c3d4e5f6);
    CHECK((u.bytes()[8] & 0xc0) == 0x80);  // RFC 4122 variant
    // Before 1970 too.
    const auto old = std::chrono::system_clock::time_point(-86400s);
    CHECK(uuid::time_based(old).time() == old);
}

TEST_CASE("random uuids are version 4 and differ") {
    const uuid a = uuid::generate_random();
    const uuid b = uuid::generate_random();
    CHECK(a.version() == 4);
    CHECK(a != b);
    CHECK(uuid::generate_time_based().version() == 1);
}

TEST_CASE("time bounds are the bytes of CQL's minTimeuuid and maxTimeuuid") {
    CHECK(uuid::time_bound(new_year_2013, cppcassa::time_uuid_bound::lowest).to_string() ==
          "2f6ec000-53a6-11e2-8080-808080808080");
    // maxTimeuuid covers its whole millisecond: the last 100 ns tick of it.
    CHECK(uuid::time_bound(new_year_2013 + 1ms - 100ns, cppcassa::time_uuid_bound::highest).to_string() ==
          "2f6ee70f-53a6-11e2-7f7f-7f7f7f7f7f7f");
}

TEST_CASE("every uuid made at a time sorts between that time's lowest and highest bound") {
    const auto t = std::chrono::system_clock::time_point(new_year_2013);
    const uuid low = uuid::time_bound(t, cppcassa::time_uuid_bound::lowest);
    const uuid high = uuid::time_bound(t, cppcassa::time_uuid_bound::highest);
    for (int i = 0; i < 2000; ++i) {
        const uuid u = uuid::time_based(t);
        CHECK(cppcassa::compare_time_uuids(low, u) < 0);
        CHECK(cppcassa::compare_time_uuids(u, high) < 0);
    }
    for (std::uint16_t seq : {std::uint16_t{0}, std::uint16_t{0x3fff}})
        for (std::uint64_t node : {std::uint64_t{0}, std::uint64_t{0xffffffffffff}}) {
            CHECK(cppcassa::compare_time_uuids(low, uuid::time_based(t, seq, node)) <= 0);
            CHECK(cppcassa::compare_time_uuids(uuid::time_based(t, seq, node), high) <= 0);
        }
}

TEST_CASE("time uuids order by time first, whatever their bytes say") {
    std::vector<std::chrono::system_clock::time_point> times;
    for (std::int64_t ns : {-5'000'000'000'000'000'000LL, -100LL, 0LL, 100LL, 1'000'000LL, 1'356'998'400'000'000'000LL,
                            4'000'000'000'000'000'000LL})
        times.emplace_back(std::chrono::nanoseconds(ns));
    std::vector<uuid> uuids;
    for (auto t : times)
        uuids.push_back(uuid::time_based(t));
    std::vector<uuid> sorted = uuids;
    std::reverse(sorted.begin(), sorted.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const uuid& a, const uuid& b) { return cppcassa::compare_time_uuids(a, b) < 0; });
    CHECK(sorted == uuids);
    // Byte order disagrees: time_low comes first in the bytes, time_hi last.
    const uuid earlier = uuid::parse("f0000000-0000-1000-8000-000000000000");
    const uuid later = uuid::parse("10000000-0001-1000-8000-000000000000");
    CHECK(cppcassa::compare_time_uuids(earlier, later) < 0);
    CHECK(later < earlier);
    // Same time: the clock sequence and node bytes compare as signed bytes.
    const uuid low_node = uuid::parse("10000000-0001-1000-8000-000000000080");
    const uuid high_node = uuid::parse("10000000-0001-1000-8000-00000000007f");
    CHECK(cppcassa::compare_time_uuids(low_node, high_node) < 0);
}

}  // namespace
