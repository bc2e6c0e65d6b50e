// How many freed blocks Asio's per-thread recycling allocator keeps (CMake's
// CPPCASSA_ASIO_RECYCLING_CACHE), checked at link time.
//
// BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE sizes an array in the state Asio keeps per thread, so
// a program whose translation units disagree on it writes past that array. Every translation unit
// that includes a cppcassa header refers to the marker named after the size it is compiled with,
// and the library defines only the marker of its own: a mismatch is an undefined reference whose
// name says what happened. (The cppcassa::cppcassa CMake target sets the macro for its consumers;
// only builds that bypass it can disagree. The macro must be a plain number for the name to form.)
#pragma once

#include <boost/asio/detail/thread_info_base.hpp>

#define CPPCASSA_DETAIL_RECYCLING_MARKER_NAME(blocks)                                                            \
    program_uses_an_asio_recycling_cache_of_##blocks##_blocks_but_cppcassa_was_built_with_another_see_CPPCASSA_ASIO_RECYCLING_CACHE
#define CPPCASSA_DETAIL_RECYCLING_MARKER(blocks) CPPCASSA_DETAIL_RECYCLING_MARKER_NAME(blocks)

namespace cppcassa::detail {

// Defined by the library for its own size only (src/net/asio_recycling_cache.cpp).
extern const int CPPCASSA_DETAIL_RECYCLING_MARKER(BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE);
[[gnu::used]] static const int* const asio_recycling_cache_marker =
    &CPPCASSA_DETAIL_RECYCLING_MARKER(BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE);

}  // namespace cppcassa::detail
