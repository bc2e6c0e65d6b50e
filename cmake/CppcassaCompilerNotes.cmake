# Tells users of a compiler with a known coroutine defect what to do, at configure time.
# Included by cppcassa's own build and by its installed package (cppcassaConfig.cmake); a project
# that finds cppcassa more than once sees the note once.
get_property(cppcassa_compiler_note_shown GLOBAL PROPERTY CPPCASSA_COMPILER_NOTE_SHOWN)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13
   AND NOT cppcassa_compiler_note_shown)
    set_property(GLOBAL PROPERTY CPPCASSA_COMPILER_NOTE_SHOWN TRUE)
    message(WARNING
        "GCC before 13 (this is GCC ${CMAKE_CXX_COMPILER_VERSION}) mishandles a brace-initialised "
        "temporary inside a co_await expression: some such expressions do not compile (\"array used "
        "as initializer\" at the coroutine's closing brace), others destroy the temporary twice at run "
        "time. The rule: no braced temporary inside co_await. The alternative: build arguments and "
        "option structs as named variables first, e.g. `cppcassa::read_options opts; "
        "opts.column_count = 2; co_await cf.get(key, opts);`. GCC 14, clang 14 and clang 19 were measured "
        "free of it (cppcassa's README, \"Compilers\").")
endif()
