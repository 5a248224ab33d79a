# Script (cmake -P) behind the test docs.public_headers_documented: runs Doxygen with
# docs/Doxyfile over the public headers only and fails listing every warning (an
# undocumented public symbol, a broken doc command). Missing @param docs are allowed.
# Inputs: -DDOXYGEN=<doxygen> -DSOURCE_DIR=<source tree> -DWORK_DIR=<scratch folder>.
foreach(var DOXYGEN SOURCE_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "CheckPublicDocs.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(log ${WORK_DIR}/warnings.txt)
file(WRITE ${WORK_DIR}/Doxyfile.check
"@INCLUDE               = ${SOURCE_DIR}/docs/Doxyfile
INPUT                  = ${SOURCE_DIR}/include/livekit
USE_MDFILE_AS_MAINPAGE =
OUTPUT_DIRECTORY       = ${WORK_DIR}
GENERATE_HTML          = NO
GENERATE_XML           = YES
EXTRACT_ALL            = NO
WARN_IF_UNDOCUMENTED   = YES
WARN_IF_DOC_ERROR      = YES
WARN_NO_PARAMDOC       = NO
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
  string(REGEX MATCHALL "\n" lines "\n${warnings}")
  list(LENGTH lines count)
  message(FATAL_ERROR "${count} Doxygen warning(s) in the public headers "
                      "(document every public symbol with ///):\n${warnings}")
endif()
message(STATUS "public headers: every symbol documented, no Doxygen warning")
