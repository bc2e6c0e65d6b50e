# Tells users of a compiler with a known coroutine defect what to do, at configure time.
# Included by cppcassa's own build and by its installed package (cppcassaConfig.cmake).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    message(WARNING
        "GCC ${CMAKE_CXX_COMPILER_VERSION} destroys a brace-initialised temporary inside a co_await "
        "expression twice (some such expressions do not compile, others double-free at run time). "
        "cppcassa avoids them; in your code build arguments and option structs as named variables "
        "before co_await, e.g. `auto args = thrift::get_args{...}; co_await conn.get(args);` "
        "(docs/architecture.md, \"Toolchain pitfalls\").")
endif()
