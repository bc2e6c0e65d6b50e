// The link-time marker of the recycling cache size this library was built with
// (include/cppcassa/detail/asio_recycling_cache.hpp): only the one a matching program refers to.
#include <cppcassa/detail/asio_recycling_cache.hpp>

namespace cppcassa::detail {

extern const int CPPCASSA_DETAIL_RECYCLING_MARKER(BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE) = 1;

}  // namespace cppcassa::detail
