# Warning and sanitizer flags for cppcassa's own targets only: nothing here leaks to consumers.
add_library(cppcassa_build_flags INTERFACE)
target_compile_options(cppcassa_build_flags INTERFACE -Wall -Wextra -Wpedantic
    $<$<BOOL:${CPPCASSA_WERROR}>:-Werror>
    # GCC 12 pairs the sized operator delete of Asio's coroutine frames (awaitable_frame_base) with
    # the wrong operator new once inlining starts (-O1 and up): a false positive on every coroutine.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>)
if(CPPCASSA_SANITIZE)
    target_compile_options(cppcassa_build_flags INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(cppcassa_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# Tests, examples and bench link this to get the project's flags.
function(cppcassa_target_defaults target)
    target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:cppcassa_build_flags>)
    target_compile_features(${target} PRIVATE cxx_std_20)
endfunction()
