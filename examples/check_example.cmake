# Runs one of the small examples against the real server and checks that it exited 0 and ended
# with its "<name>: ok" line. Usage:
#   cmake -DEXAMPLE=<path> -DNAME=<name> -P check_example.cmake
# The node is the launcher's node 1 on CPPCASSA_NET (127.0.0.1 by default), port 9160, as the
# quickstart's check finds it.
set(net "127.0.0")
if(DEFINED ENV{CPPCASSA_NET} AND NOT "$ENV{CPPCASSA_NET}" STREQUAL "")
    set(net "$ENV{CPPCASSA_NET}")
endif()
execute_process(COMMAND "${EXAMPLE}" "${net}.1" 9160 RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 300)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NAME} exited with ${status}\n${out}\n${err}")
endif()
if(NOT out MATCHES "(^|\n)${NAME}: ok\n")
    message(FATAL_ERROR "${NAME} did not print '${NAME}: ok'\n--- output ---\n${out}\n${err}")
endif()
# A sanitizer that reports and lets the program go on leaves its exit status alone.
if(err MATCHES "runtime error:|AddressSanitizer|LeakSanitizer")
    message(FATAL_ERROR "${NAME} passed, but a sanitizer reported:\n${err}")
endif()
message(STATUS "${NAME}: ok")
