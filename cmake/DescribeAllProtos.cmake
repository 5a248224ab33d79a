# cmake -DPROTOC=... -DPROTO_DIR=... -DOUT=... -P DescribeAllProtos.cmake
# Writes one descriptor set of every .proto file below PROTO_DIR (the list is only known
# after generation, hence a script rather than a configure-time list).
file(GLOB_RECURSE protos RELATIVE ${PROTO_DIR} ${PROTO_DIR}/*.proto)
list(SORT protos)
execute_process(COMMAND ${PROTOC} -I${PROTO_DIR} --include_imports --descriptor_set_out=${OUT} ${protos}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "protoc failed on ${PROTO_DIR}")
endif()
