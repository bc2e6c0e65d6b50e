# Configures the consumer project (which adds cppcassa's source tree as a subdirectory), then
# compiles its one source file: the library itself is not built, so this stays a quick test.
# Invoked by ctest with -D arguments (see CMakeLists.txt).
file(REMOVE_RECURSE ${work})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${consumer} -B ${work} -G Ninja
        -DCPPCASSA_SOURCE_DIR=${source} -DCMAKE_CXX_COMPILER=${cxx}
    COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${work} --target CMakeFiles/consumer.dir/consumer.cpp.o
    COMMAND_ERROR_IS_FATAL ANY)
