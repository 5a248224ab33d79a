# Strict warnings for the project's own code; generated code is compiled without them.
function(livekit_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wnull-dereference -Werror)
endfunction()
