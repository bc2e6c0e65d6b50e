# Which of Asio's backends waits for cppcassa's sockets.
#
#   epoll     a reactor: the kernel reports readiness, then each read and each write is a system
#             call of its own.
#   io_uring  reads and writes are submitted to and completed in rings shared with the kernel,
#             many of them per system call (Debian's liburing-dev).
#
# The choice changes Asio's types (BOOST_ASIO_HAS_IO_URING, BOOST_ASIO_DISABLE_EPOLL), so every
# translation unit of a program must agree on it: the macros are PUBLIC compile definitions of
# the cppcassa target, which the installed package carries to its consumers, and a program
# built without them fails to link with a message naming CPPCASSA_IO_BACKEND
# (include/cppcassa/detail/io_backend.hpp).
# epoll is the default: Boost 1.81's io_uring backend destroys operations still pending on
# closed sockets after the services they refer to when an io_context is destroyed
# (chriskohlhoff/asio#1235), which a stopped program with open connections meets.
set(CPPCASSA_IO_BACKEND "epoll" CACHE STRING
    "Asio backend for sockets: epoll (default), io_uring, or auto (io_uring where liburing is installed and the kernel allows it)")
set_property(CACHE CPPCASSA_IO_BACKEND PROPERTY STRINGS auto epoll io_uring)

# Whether this machine can build for io_uring and its kernel runs it (containers often forbid
# io_uring_setup): one small program, compiled and run once per build tree.
function(cppcassa_io_uring_works out)
    find_library(CPPCASSA_LIBURING uring)
    find_path(CPPCASSA_LIBURING_INCLUDE liburing.h)
    if(NOT CPPCASSA_LIBURING OR NOT CPPCASSA_LIBURING_INCLUDE)
        set(${out} FALSE PARENT_SCOPE)
        return()
    endif()
    if(NOT DEFINED CACHE{CPPCASSA_IO_URING_RUNS})
        set(probe ${CMAKE_CURRENT_BINARY_DIR}/io_uring_probe.cpp)
        file(WRITE ${probe} [[
#include <liburing.h>
int main() {
    io_uring ring;
    if (io_uring_queue_init(8, &ring, 0) != 0)
        return 1;
    io_uring_queue_exit(&ring);
    return 0;
}
]])
        try_run(run_result compile_result ${CMAKE_CURRENT_BINARY_DIR}/io_uring_probe ${probe}
            LINK_LIBRARIES ${CPPCASSA_LIBURING})
        if(compile_result AND run_result EQUAL 0)
            set(CPPCASSA_IO_URING_RUNS TRUE CACHE INTERNAL "io_uring_queue_init works here")
        else()
            set(CPPCASSA_IO_URING_RUNS FALSE CACHE INTERNAL "io_uring_queue_init works here")
        endif()
    endif()
    set(${out} ${CPPCASSA_IO_URING_RUNS} PARENT_SCOPE)
endfunction()

# Sets CPPCASSA_IO_BACKEND_USED and applies it to `target`.
function(cppcassa_apply_io_backend target)
    set(backend ${CPPCASSA_IO_BACKEND})
    if(backend STREQUAL "auto" OR backend STREQUAL "io_uring")
        cppcassa_io_uring_works(uring_ok)
        if(backend STREQUAL "io_uring" AND NOT uring_ok)
            message(FATAL_ERROR "CPPCASSA_IO_BACKEND=io_uring, but liburing is not installed (Debian: liburing-dev) "
                                "or this kernel refuses io_uring_setup; use -DCPPCASSA_IO_BACKEND=epoll")
        endif()
        if(uring_ok)
            set(backend io_uring)
        else()
            set(backend epoll)
        endif()
    endif()
    if(backend STREQUAL "io_uring")
        target_compile_definitions(${target} PUBLIC BOOST_ASIO_HAS_IO_URING BOOST_ASIO_DISABLE_EPOLL)
        # By name, not path: the installed package links whatever liburing its consumer has.
        target_link_libraries(${target} PUBLIC uring)
    elseif(NOT backend STREQUAL "epoll")
        message(FATAL_ERROR "CPPCASSA_IO_BACKEND must be epoll, io_uring or auto, not '${backend}'")
    endif()
    set(CPPCASSA_IO_BACKEND_USED ${backend} PARENT_SCOPE)
    message(STATUS "cppcassa: sockets through Asio's ${backend} backend (CPPCASSA_IO_BACKEND=${CPPCASSA_IO_BACKEND})")
endfunction()
