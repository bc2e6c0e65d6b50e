# Compiles every public header on its own (cmake -P; see CMakeLists.txt for the arguments): each
# must include what it uses, so a user can include any one of them first.
file(GLOB_RECURSE headers RELATIVE ${include_dir} ${include_dir}/cppcassa/*.hpp)
list(SORT headers)
separate_arguments(flags UNIX_COMMAND "${flags}")
set(failed)
foreach(header IN LISTS headers)
    file(WRITE ${work}/check.cpp "#include <${header}>\n")
    execute_process(
        COMMAND ${cxx} ${flags} -fsyntax-only -I${include_dir} ${work}/check.cpp
        RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT status EQUAL 0)
        message("${header} does not compile on its own:\n${out}")
        list(APPEND failed ${header})
    endif()
endforeach()
list(LENGTH headers total)
if(failed)
    list(LENGTH failed n)
    message(FATAL_ERROR "${n} of ${total} public headers do not compile on their own: ${failed}")
endif()
message("${total} public headers compile on their own")
