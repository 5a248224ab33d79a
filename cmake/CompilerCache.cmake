# Generated protocol code takes the better part of a minute to compile: cache it.
find_program(LIVEKIT_CCACHE ccache)
if(LIVEKIT_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER ${LIVEKIT_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${LIVEKIT_CCACHE})
endif()
