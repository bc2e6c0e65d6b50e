// The link-time marker of the Asio backend this library was built for
// (include/cppcassa/detail/io_backend.hpp): only the one a matching program refers to.
#include <cppcassa/detail/io_backend.hpp>

namespace cppcassa::detail {

#if defined(BOOST_ASIO_HAS_IO_URING_AS_DEFAULT)
extern const int program_uses_io_uring_but_cppcassa_was_built_for_epoll_see_CPPCASSA_IO_BACKEND = 1;
#else
extern const int program_uses_epoll_but_cppcassa_was_built_for_io_uring_see_CPPCASSA_IO_BACKEND = 1;
#endif

}  // namespace cppcassa::detail
