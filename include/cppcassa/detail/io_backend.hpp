// Which Asio backend cppcassa was built for (CMake's CPPCASSA_IO_BACKEND), checked at link time.
//
// BOOST_ASIO_HAS_IO_URING and BOOST_ASIO_DISABLE_EPOLL change the layout of Asio's sockets and
// io_context, so a program whose translation units disagree with the library breaks in ways no
// compiler reports. Every translation unit that includes a cppcassa header refers to the marker
// of the backend it is compiled for, and the library defines only the marker of its own: a
// mismatch is an undefined reference whose name says what happened. (The cppcassa::cppcassa CMake
// target sets the macros for its consumers; only builds that bypass it can disagree.)
#pragma once

#include <boost/asio/detail/config.hpp>

namespace cppcassa::detail {

// Each name is what the linker prints when the library lacks it (src/net/io_backend.cpp).
extern const int program_uses_io_uring_but_cppcassa_was_built_for_epoll_see_CPPCASSA_IO_BACKEND;
extern const int program_uses_epoll_but_cppcassa_was_built_for_io_uring_see_CPPCASSA_IO_BACKEND;

#if defined(BOOST_ASIO_HAS_IO_URING_AS_DEFAULT)
inline constexpr const char* io_backend_name = "io_uring";
[[gnu::used]] static const int* const io_backend_marker =
    &program_uses_io_uring_but_cppcassa_was_built_for_epoll_see_CPPCASSA_IO_BACKEND;
#else
inline constexpr const char* io_backend_name = "epoll";
[[gnu::used]] static const int* const io_backend_marker =
    &program_uses_epoll_but_cppcassa_was_built_for_io_uring_see_CPPCASSA_IO_BACKEND;
#endif

}  // namespace cppcassa::detail
