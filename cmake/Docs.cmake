# The API reference (target `docs`, `make docs`): Doxygen over the public headers, README.md
# as the main page and docs/*.md as pages, into <build>/docs/html. With the tests, also the
# check docs.public_headers_documented: every public symbol has a doc comment.
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  message(STATUS "doxygen not found: no `docs` target (scripts/setup.sh installs it)")
  return()
endif()

add_custom_target(docs
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/docs
  COMMAND ${CMAKE_COMMAND} -E env LIVEKIT_SOURCE_DIR=${PROJECT_SOURCE_DIR}
          LIVEKIT_DOCS_OUTPUT=${PROJECT_BINARY_DIR}/docs LIVEKIT_VERSION=${PROJECT_VERSION}
          ${DOXYGEN_EXECUTABLE} ${PROJECT_SOURCE_DIR}/docs/Doxyfile
  COMMAND ${CMAKE_COMMAND} -E echo "API reference: ${PROJECT_BINARY_DIR}/docs/html/index.html"
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "Generating the API reference with Doxygen"
  VERBATIM)

if(LIVEKIT_BUILD_TESTS)
  add_test(NAME docs.public_headers_documented
    COMMAND ${CMAKE_COMMAND} -DDOXYGEN=${DOXYGEN_EXECUTABLE} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            -DWORK_DIR=${PROJECT_BINARY_DIR}/docs-check -P ${PROJECT_SOURCE_DIR}/cmake/CheckPublicDocs.cmake)
  set_tests_properties(docs.public_headers_documented PROPERTIES LABELS docs)
  add_test(NAME docs.reference_builds_without_warning
    COMMAND ${CMAKE_COMMAND} -DDOXYGEN=${DOXYGEN_EXECUTABLE} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            -DWORK_DIR=${PROJECT_BINARY_DIR}/docs-build-check -P ${PROJECT_SOURCE_DIR}/cmake/CheckDocsBuild.cmake)
  set_tests_properties(docs.reference_builds_without_warning PROPERTIES LABELS docs)
endif()
