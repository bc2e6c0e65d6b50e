# Warning and sanitizer flags for cppcassa's own targets only: nothing here leaks to consumers.
add_library(cppcassa_build_flags INTERFACE)
set(CPPCASSA_LIBRARY_SOURCE_DIR "${PROJECT_SOURCE_DIR}/src")
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
    # UBSan's alignment and null checks instrument every member access of every inlined template
    # at -O0: one integration test file takes GCC 12 64 s to compile under ASan with them and
    # 42 s without. The library's own sources (src/) keep every check; the code that drives them
    # (tests, bench, examples) drops those two, and ASan still stops on a null dereference.
    get_target_property(dir ${target} SOURCE_DIR)
    cmake_path(IS_PREFIX CPPCASSA_LIBRARY_SOURCE_DIR "${dir}" in_library)
    if(CPPCASSA_SANITIZE AND NOT in_library)
        target_compile_options(${target} PRIVATE -fno-sanitize=alignment,null)
    endif()
    # Compiling a target's files in batches shares what they instantiate alike (Asio's coroutine
    # machinery, Catch2, cppcassa's templates): three integration test files take 38 s of CPU
    # together against 71 s apart, and the library 102 s against 308 s (clang 14). A batch can
    # hide a missing include behind an earlier file's, so builds without the option (the
    # default) are the ones that prove each file includes what it uses.
    if(CPPCASSA_UNITY_BUILD)
        set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
        # GCC takes a batched file for a header, and then warns that a template of cppcassa's
        # instantiated with one of that file's lambdas has a member without linkage: true of every
        # such instantiation, harmless, and silent when the file is compiled on its own.
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
            target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
        endif()
    endif()
endfunction()
