# FindRapidJSON: the SDK's JSON library, found like every other dependency (find_package)
# and used through an imported target, RapidJSON::RapidJSON. A header search rather than
# RapidJSON's own CMake file, which differs between its packagings (some set only
# RAPIDJSON_INCLUDE_DIRS, some a target). Header-only: nothing to link.
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/reader.h DOC "RapidJSON headers (rapidjson-dev)")
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(RapidJSON REQUIRED_VARS RAPIDJSON_INCLUDE_DIR)
mark_as_advanced(RAPIDJSON_INCLUDE_DIR)
if(RapidJSON_FOUND AND NOT TARGET RapidJSON::RapidJSON)
  add_library(RapidJSON::RapidJSON INTERFACE IMPORTED)
  # Imported include paths are system paths: RapidJSON's own warnings stay out of -Werror.
  set_target_properties(RapidJSON::RapidJSON PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${RAPIDJSON_INCLUDE_DIR}")
endif()
