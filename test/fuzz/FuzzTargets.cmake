# The libFuzzer target, shared by test/fuzz/CMakeLists.txt (the whole tree configured with clang)
# and test/fuzz/standalone/ (scripts/fuzz.sh: the codec alone, so nothing else need build with clang).
#
# The codec sources are compiled into the fuzzer itself rather than linked from the cppcassa
# library, so every object carries the fuzzer's coverage instrumentation and sanitizers while the
# library's own flags stay untouched.

set(CPPCASSA_FUZZ_SECONDS 60 CACHE STRING "How long the fuzz test runs the fuzzer, in seconds")

function(cppcassa_add_decode_fuzzer root)
    set(dir ${root}/test/fuzz)
    add_executable(cppcassa-fuzz-decode
        ${dir}/decode_reply_fuzzer.cpp
        ${root}/src/errors/errors.cpp
        ${root}/src/errors/client_errc.cpp
        ${root}/src/errors/exception_message.cpp
        ${root}/src/codec/binary_reader.cpp
        ${root}/src/codec/framing.cpp
        ${root}/src/codec/message.cpp
        ${root}/src/codec/skip.cpp
        ${root}/src/codec/struct_codec.cpp)
    cppcassa_target_defaults(cppcassa-fuzz-decode)
    target_include_directories(cppcassa-fuzz-decode PRIVATE ${root}/include ${root}/src)
    target_link_libraries(cppcassa-fuzz-decode PRIVATE fmt::fmt)
    # No recovery: a UBSan report must stop the run like an ASan one, or libFuzzer never sees it.
    set(sanitizers -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_compile_options(cppcassa-fuzz-decode PRIVATE ${sanitizers} -g)
    target_link_options(cppcassa-fuzz-decode PRIVATE ${sanitizers})

    # libFuzzer writes what it learns into the first directory and only reads the seeds, so the
    # sources stay as committed; the copy accumulates across runs of the same build tree.
    # ctest's default timeout (and scripts/test.sh's --timeout) would cut a long run short.
    math(EXPR timeout "${CPPCASSA_FUZZ_SECONDS} + 300")
    set(work_corpus ${CMAKE_CURRENT_BINARY_DIR}/fuzz-corpus)
    file(MAKE_DIRECTORY ${work_corpus})
    add_test(NAME "fuzz: decoder runs ${CPPCASSA_FUZZ_SECONDS} s without a crash"
        COMMAND cppcassa-fuzz-decode -max_total_time=${CPPCASSA_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048
            -max_len=8192 -print_final_stats=1 -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/
            ${work_corpus} ${dir}/corpus)
    set_tests_properties("fuzz: decoder runs ${CPPCASSA_FUZZ_SECONDS} s without a crash" PROPERTIES
        LABELS fuzz
        TIMEOUT ${timeout})
endfunction()
