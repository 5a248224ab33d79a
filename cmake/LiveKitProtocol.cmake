# The protocol: .proto files from the pinned npm package (or a protobufs/ checkout),
# compiled by protoc into C++ in the build tree. Nothing generated is committed.
set(LIVEKIT_PROTO_DIR ${PROJECT_BINARY_DIR}/protocol/proto)
set(LIVEKIT_PROTO_CPP_DIR ${PROJECT_BINARY_DIR}/protocol/cpp)
set(LIVEKIT_PROTO_REFLECTION ${PROJECT_BINARY_DIR}/protocol/reflection.json)

# The files the server API needs, with everything they import.
set(LIVEKIT_PROTO_FILES
  livekit_models livekit_metrics livekit_rtc livekit_agent livekit_agent_dispatch
  livekit_room livekit_egress livekit_ingress livekit_sip livekit_webhook
  livekit_connector livekit_connector_twilio livekit_connector_whatsapp livekit_phone_number
  # LiveKit Cloud's agent services and the standard token endpoint.
  agent/livekit_agent_session livekit_cloud_agent livekit_agent_simulation livekit_agentdb
  livekit_token_source)

set(_proto_paths "")
set(_proto_srcs "")
set(_proto_hdrs "")
foreach(name IN LISTS LIVEKIT_PROTO_FILES)
  list(APPEND _proto_paths ${LIVEKIT_PROTO_DIR}/${name}.proto)
  list(APPEND _proto_srcs ${LIVEKIT_PROTO_CPP_DIR}/${name}.pb.cc)
  list(APPEND _proto_hdrs ${LIVEKIT_PROTO_CPP_DIR}/${name}.pb.h)
endforeach()

if(LIVEKIT_PROTOBUFS_DIR)
  # A checkout of LiveKit's protocol: copy its .proto files, no Node.js needed.
  file(GLOB_RECURSE _checkout_protos RELATIVE ${LIVEKIT_PROTOBUFS_DIR} ${LIVEKIT_PROTOBUFS_DIR}/*.proto)
  if(NOT _checkout_protos)
    message(FATAL_ERROR "LIVEKIT_PROTOBUFS_DIR=${LIVEKIT_PROTOBUFS_DIR} holds no .proto files")
  endif()
  set(_copy_cmds "")
  set(_checkout_deps "")
  foreach(rel IN LISTS _checkout_protos)
    list(APPEND _copy_cmds COMMAND ${CMAKE_COMMAND} -E copy_if_different
         ${LIVEKIT_PROTOBUFS_DIR}/${rel} ${LIVEKIT_PROTO_DIR}/${rel})
    list(APPEND _checkout_deps ${LIVEKIT_PROTOBUFS_DIR}/${rel})
  endforeach()
  add_custom_command(
    OUTPUT ${_proto_paths}
    ${_copy_cmds}
    DEPENDS ${_checkout_deps}
    COMMENT "Copying LiveKit .proto files from ${LIVEKIT_PROTOBUFS_DIR}")
  set(LIVEKIT_PROTO_REFLECTION "")
else()
  find_program(LIVEKIT_NODE node REQUIRED)
  set(_pkg ${PROJECT_SOURCE_DIR}/protocol/node_modules/@livekit/protocol/package.json)
  if(NOT EXISTS ${_pkg})
    message(FATAL_ERROR "protocol/node_modules is missing: run scripts/setup.sh (or npm ci in protocol/)")
  endif()
  add_custom_command(
    OUTPUT ${_proto_paths} ${LIVEKIT_PROTO_REFLECTION}
    COMMAND ${LIVEKIT_NODE} ${PROJECT_SOURCE_DIR}/protocol/generate.mjs ${LIVEKIT_PROTO_DIR}
            --reflection ${LIVEKIT_PROTO_REFLECTION}
    DEPENDS ${PROJECT_SOURCE_DIR}/protocol/generate.mjs ${PROJECT_SOURCE_DIR}/protocol/package-lock.json ${_pkg}
    COMMENT "Generating LiveKit .proto files from @livekit/protocol")
endif()

add_custom_command(
  OUTPUT ${_proto_srcs} ${_proto_hdrs}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${LIVEKIT_PROTO_CPP_DIR}
  COMMAND protobuf::protoc -I${LIVEKIT_PROTO_DIR} --cpp_out=${LIVEKIT_PROTO_CPP_DIR} ${_proto_paths}
  DEPENDS ${_proto_paths} protobuf::protoc
  COMMENT "Compiling LiveKit .proto files to C++")

# Descriptor sets: the files the SDK compiles (with imports), and every file of the folder.
# The fidelity test compares them with the npm package's reflection, and the
# LIVEKIT_PROTOBUFS_DIR plumbing test compares them between the two sources.
set(LIVEKIT_PROTO_DESCRIPTORS ${PROJECT_BINARY_DIR}/protocol/descriptors.pb)
set(LIVEKIT_PROTO_DESCRIPTORS_ALL ${PROJECT_BINARY_DIR}/protocol/descriptors_all.pb)
add_custom_command(
  OUTPUT ${LIVEKIT_PROTO_DESCRIPTORS} ${LIVEKIT_PROTO_DESCRIPTORS_ALL}
  COMMAND protobuf::protoc -I${LIVEKIT_PROTO_DIR} --include_imports
          --descriptor_set_out=${LIVEKIT_PROTO_DESCRIPTORS} ${_proto_paths}
  COMMAND ${CMAKE_COMMAND} -DPROTOC=$<TARGET_FILE:protobuf::protoc> -DPROTO_DIR=${LIVEKIT_PROTO_DIR}
          -DOUT=${LIVEKIT_PROTO_DESCRIPTORS_ALL} -P ${PROJECT_SOURCE_DIR}/cmake/DescribeAllProtos.cmake
  DEPENDS ${_proto_paths} protobuf::protoc ${PROJECT_SOURCE_DIR}/cmake/DescribeAllProtos.cmake
  COMMENT "Writing LiveKit descriptor sets")
add_custom_target(livekit_protocol_descriptors ALL
  DEPENDS ${LIVEKIT_PROTO_DESCRIPTORS} ${LIVEKIT_PROTO_DESCRIPTORS_ALL})

# Its own target, so that editing SDK code never recompiles generated code.
add_library(livekit_protocol OBJECT ${_proto_srcs})
target_include_directories(livekit_protocol SYSTEM PUBLIC
  $<BUILD_INTERFACE:${LIVEKIT_PROTO_CPP_DIR}> $<INSTALL_INTERFACE:include/livekit/protocol>)
target_link_libraries(livekit_protocol PUBLIC protobuf::libprotobuf)
# Plain flags only (no sanitizer, no warnings): identical objects in every configuration,
# shared through the compiler cache...
set_property(TARGET livekit_protocol PROPERTY COMPILE_OPTIONS -w -Wno-deprecated-declarations)
if(LIVEKIT_SANITIZE MATCHES "thread")
  # ...except under ThreadSanitizer, which changes the layout of protobuf's map fields
  # (map_field.h adds members under __SANITIZE_THREAD__): the generated code must then be
  # compiled like the code that uses it.
  set_property(TARGET livekit_protocol APPEND PROPERTY COMPILE_OPTIONS -fsanitize=thread)
endif()
set(LIVEKIT_PROTO_HEADERS ${_proto_hdrs})
