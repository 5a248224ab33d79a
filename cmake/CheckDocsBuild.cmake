# Script (cmake -P) behind the test docs.reference_builds_without_warning: runs Doxygen with
# docs/Doxyfile exactly as the `docs` target does (README.md, docs/*.md and the public headers)
# and fails listing every warning, e.g. a link to a file the reference does not include.
# Inputs: -DDOXYGEN=<doxygen> -DSOURCE_DIR=<source tree> -DWORK_DIR=<scratch folder>.
foreach(var DOXYGEN SOURCE_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "CheckDocsBuild.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(log ${WORK_DIR}/warnings.txt)
file(WRITE ${WORK_DIR}/Doxyfile.check
"@INCLUDE               = ${SOURCE_DIR}/docs/Doxyfile
OUTPUT_DIRECTORY       = ${WORK_DIR}
WARN_LOGFILE           = ${log}
")

set(ENV{LIVEKIT_SOURCE_DIR} ${SOURCE_DIR})
set(ENV{LIVEKIT_DOCS_OUTPUT} ${WORK_DIR})
set(ENV{LIVEKIT_VERSION} check)
execute_process(COMMAND ${DOXYGEN} ${WORK_DIR}/Doxyfile.check
                WORKING_DIRECTORY ${SOURCE_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "doxygen failed (${rc}):\n${out}${err}")
endif()

file(READ ${log} warnings)
string(STRIP "${warnings}" warnings)
if(NOT warnings STREQUAL "")
  string(REPLACE "${SOURCE_DIR}/" "" warnings "${warnings}")
  message(FATAL_ERROR "Doxygen warnings in the API reference (`cmake --build <dir> --target docs`):\n${warnings}")
endif()
message(STATUS "API reference: built with no Doxygen warning")
