# LIVEKIT_SANITIZE=address,undefined or thread instruments everything built here except the
# generated protocol code (see LiveKitProtocol.cmake), which then compiles exactly as in the
# plain build and comes from the compiler cache (under ThreadSanitizer it is compiled with
# -fsanitize=thread too: protobuf's headers change layout under it).
if(LIVEKIT_SANITIZE)
  # -O1 -g1 (line tables) after the build type's -O2 -g: the usual sanitizer settings, exact
  # stack traces, and about half the compile time of the CLI's and the tests' heavy files.
  add_compile_options(-O1 -g1 -fsanitize=${LIVEKIT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LIVEKIT_SANITIZE})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ 12's instrumentation makes -Wmaybe-uninitialized fire inside libstdc++ (std::regex,
    # std::function): false positives in system headers that the plain build does not show.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  if(LIVEKIT_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ warns that Boost.Asio's atomic_thread_fence is not instrumented; not our code.
    add_compile_options(-Wno-tsan)
  endif()
endif()
