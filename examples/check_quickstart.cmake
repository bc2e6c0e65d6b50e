# Runs the quickstart against the real server and checks it printed the results of pycassa's tutorial,
# so the README's first command stays true. Usage:
#   cmake -DQUICKSTART=<path> [-DLAUNCHER=<scripts/cassandra.sh>] -P check_quickstart.cmake
# The node is the launcher's node 1 on CPPCASSA_NET (127.0.0.1 by default); its line, as the
# launcher's status tells, decides the API version describe_version prints.
set(net "127.0.0")
if(DEFINED ENV{CPPCASSA_NET} AND NOT "$ENV{CPPCASSA_NET}" STREQUAL "")
    set(net "$ENV{CPPCASSA_NET}")
endif()
set(api "20.1.0")
if(LAUNCHER)
    execute_process(COMMAND bash "${LAUNCHER}" status OUTPUT_VARIABLE status_out)
    if(status_out MATCHES "(^|\n)1 [^\n]* 2\\.[01]\\.[0-9]+")
        set(api "19.39.0")
    endif()
endif()
execute_process(COMMAND "${QUICKSTART}" "${net}.1" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 300)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "quickstart exited with ${status}\n${out}\n${err}")
endif()
# One result per section of pycassa's tutorial, each one the server had to produce.
set(expected
    "cf.get('foo')\n{'column1': 'val1'}"
    "Test.objects.get(t.key).string_column\n'string test'"
    "Test.objects.get(t.key).datetime_str_column\ndatetime.datetime(2009, 12, 23, 17, 6, 3)"
    "list(Test.objects.get_range(filter_empty=False))[0].string_column\n'Your Default'"
    "Test.objects.multiget([t.key])\n{'key1': {'super1': <Test key='key1' string_column='foobar'"
    "cf.get('key1', super_column='2')\n{'sub3': 'val3', 'sub4': 'val4'}"
    "cf.multiget(['key1', 'key2'])\n{'key1': {'col1': 'value11'}}"
    "scf.get('key1')\n{'2': {'sub4': 'val4'}, 'supercol1': {'colB': 'value1b'}, 'supercol2': {'colA': 'value2a', 'colB': 'value2b'}}"
    "cf.multiget(['key1', 'key2'])\n{'key1': {'col1': 'value11', 'col2': 'value21'}, 'key2': {'col1': 'value12', 'col2': 'value22'}}"
    "sys.describe_version()\n'${api}'")
foreach(line IN LISTS expected)
    string(FIND "${out}" "${line}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "quickstart output lacks:\n${line}\n--- output ---\n${out}")
    endif()
endforeach()
