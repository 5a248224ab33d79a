# LIVEKIT_SANITIZE=address,undefined or thread instruments everything built here except the
# generated protocol code (see LiveKitProtocol.cmake), which then compiles exactly as in the
# plain build and comes from the compiler cache.
if(LIVEKIT_SANITIZE)
  add_compile_options(-fsanitize=${LIVEKIT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LIVEKIT_SANITIZE})
  if(LIVEKIT_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ warns that Boost.Asio's atomic_thread_fence is not instrumented; not our code.
    add_compile_options(-Wno-tsan)
  endif()
endif()
