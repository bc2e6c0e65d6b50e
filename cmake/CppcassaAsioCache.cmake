# How many freed blocks of each kind Asio keeps per thread for reuse (coroutine frames, handlers,
# posted functions), instead of returning them to malloc.
#
# Asio's default of 2 is too few for a pooled call: an operation holds its own frame, the
# connection call's and the small one Asio makes to wait for the reply, and when one read brings
# several replies, their callers free and allocate those frames in a row, so a cache of two keeps
# missing. With 16 blocks every frame of a steady-state pipelined get is reused (the bench's
# `null` workload: 11 allocations per get, the result the caller owns, and none with the reuse
# form; 14 and 3 with Asio's default).
#
# BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE sizes an array in Asio's per-thread state, so every
# translation unit of a program must agree on it: it is a PUBLIC compile definition of the
# cppcassa target, which the installed package carries to its consumers, and a translation unit
# compiled with another value fails to link with a message naming CPPCASSA_ASIO_RECYCLING_CACHE
# (include/cppcassa/detail/asio_recycling_cache.hpp). A program that links other code built with
# Asio's default sets 2 here.
set(CPPCASSA_ASIO_RECYCLING_CACHE "16" CACHE STRING
    "Blocks of each kind Asio's per-thread recycling allocator keeps (BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE; Asio's default is 2)")

function(cppcassa_apply_asio_recycling_cache target)
    if(NOT CPPCASSA_ASIO_RECYCLING_CACHE MATCHES "^[1-9][0-9]*$" OR CPPCASSA_ASIO_RECYCLING_CACHE GREATER 255)
        message(FATAL_ERROR "CPPCASSA_ASIO_RECYCLING_CACHE must be a whole number from 1 to 255, "
                            "not '${CPPCASSA_ASIO_RECYCLING_CACHE}'")
    endif()
    target_compile_definitions(${target} PUBLIC BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE=${CPPCASSA_ASIO_RECYCLING_CACHE})
    message(STATUS "cppcassa: Asio keeps ${CPPCASSA_ASIO_RECYCLING_CACHE} freed blocks of each kind per thread "
                   "(CPPCASSA_ASIO_RECYCLING_CACHE)")
endfunction()
