# Installs the build tree into a fresh prefix, then configures, builds and runs a consumer project
# that only knows `find_package(cppcassa)`. Invoked by ctest with -D arguments (see CMakeLists.txt).
file(REMOVE_RECURSE ${work})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${build} --prefix ${work}/prefix
    COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} -S ${consumer} -B ${work}/build -G Ninja
        -DCMAKE_PREFIX_PATH=${work}/prefix -DCMAKE_CXX_COMPILER=${cxx} "-DCMAKE_CXX_FLAGS=${flags}"
        -DCMAKE_EXE_LINKER_FLAGS=${flags}
    COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${work}/build COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${work}/build/consumer COMMAND_ERROR_IS_FATAL ANY)
