# LIVEKIT_FUZZ=ON (clang only) builds the libFuzzer targets of tests/fuzz. Everything built in
# that tree is instrumented for coverage and checked by AddressSanitizer + UBSan, so a bug in
# SDK code reached from a fuzzer aborts the run instead of passing silently.
option(LIVEKIT_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang)" OFF)
if(LIVEKIT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "LIVEKIT_FUZZ=ON needs clang: configure with CC=clang CXX=clang++")
  endif()
  if(LIVEKIT_SANITIZE)
    message(FATAL_ERROR "LIVEKIT_FUZZ=ON already enables address,undefined: leave LIVEKIT_SANITIZE empty")
  endif()
  # The ignorelist names third-party code only (a known RapidJSON bug; see the file).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer
                      -fsanitize-ignorelist=${CMAKE_CURRENT_SOURCE_DIR}/tests/fuzz/sanitizer_ignorelist.txt)
  add_link_options(-fsanitize=address,undefined)
endif()

# livekit_add_fuzzer(name [LIBS ...]): tests/fuzz/<name>_fuzzer.cc as the executable <name>_fuzzer.
function(livekit_add_fuzzer name)
  cmake_parse_arguments(A "" "" "LIBS" ${ARGN})
  add_executable(${name}_fuzzer ${name}_fuzzer.cc)
  target_link_libraries(${name}_fuzzer PRIVATE livekit_sdk_internal ${A_LIBS})
  target_link_options(${name}_fuzzer PRIVATE -fsanitize=fuzzer)
  livekit_strict_warnings(${name}_fuzzer)
endfunction()
