# LIVEKIT_SANITIZE=address,undefined or thread instruments everything built here.
if(LIVEKIT_SANITIZE)
  add_compile_options(-fsanitize=${LIVEKIT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LIVEKIT_SANITIZE})
endif()
