# Debian and Ubuntu packages: `cpack -G DEB` in the build folder (scripts/deb_test.sh builds,
# checks, installs and uninstalls them). One package per install component; the install rules
# say where each file goes, and a rule that names no component is development material
# (CMAKE_INSTALL_DEFAULT_COMPONENT_NAME is dev, set before the install rules):
#   runtime  liblivekit-server-sdk<soversion>  the shared library
#   dev      liblivekit-server-sdk-dev         headers, static libraries (the SDK and its testing
#                                              library), the .so link, CMake and pkg-config files
#   tools    livekit-server-sdk-tools          lkcpp and lk-mock-server
# Included at the end of the top-level CMakeLists.txt, once every install rule exists.
include_guard(GLOBAL)

get_target_property(_livekit_soversion livekit_server_sdk_shared SOVERSION)
set(_livekit_runtime_package liblivekit-server-sdk${_livekit_soversion})

get_cmake_property(_livekit_components COMPONENTS)
if("Unspecified" IN_LIST _livekit_components)
  message(FATAL_ERROR "Packaging: an install rule has no component (set one, or keep "
                      "CMAKE_INSTALL_DEFAULT_COMPONENT_NAME before it)")
endif()

set(CPACK_PACKAGE_NAME livekit-server-sdk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "livekit-server-sdk-cpp")
# The Maintainer field: -DCPACK_PACKAGE_CONTACT="Name <address>" when configuring.
if(NOT DEFINED CPACK_PACKAGE_CONTACT)
  set(CPACK_PACKAGE_CONTACT "livekit-server-sdk-cpp maintainers")
endif()
if(NOT DEFINED CPACK_GENERATOR)
  set(CPACK_GENERATOR DEB)
endif()
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # name_version_arch.deb
# Installed binaries carry no debug information (nor the build's paths in it), as Debian's own
# packages; the static archives are handled below.
set(CPACK_STRIP_FILES ON)

# Run-time dependencies come from the binaries themselves (dpkg-shlibdeps, from dpkg-dev): the
# build machine's package names, e.g. libprotobuf32 and libcurl4 on Debian 12. The runtime
# package registers its soname (DEBIAN/shlibs) so that packages built on it get the same.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)  # dev -> runtime of the same version

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${_livekit_runtime_package})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "C++ server SDK for LiveKit (shared library)
Access tokens, webhook verification, every LiveKit server API over Twirp, and region
failover, for C++17 programs. This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME liblivekit-server-sdk-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# What a program built on the package needs: the headers include protobuf's, and the CMake
# package and the .pc file look for protobuf, libcurl and OpenSSL (the static library links
# them). RapidJSON is compiled into the library: not needed.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libprotobuf-dev, libcurl4-openssl-dev | libcurl-dev, libssl-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "cmake, pkg-config")
set(CPACK_DEBIAN_DEV_DESCRIPTION "C++ server SDK for LiveKit (development files)
Headers, the static library and the link to the shared one, the CMake package
(find_package(LiveKitServerSDK), target LiveKit::server_sdk) and the pkg-config file
(livekit-server-sdk) of the LiveKit C++ server SDK, and LiveKit::server_sdk_testing
(FakeLiveKit, an in-process server for unit tests).")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME livekit-server-sdk-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_TOOLS_DESCRIPTION "LiveKit command-line tool and mock server
lkcpp calls the LiveKit server API (rooms, participants, egress, ingress, SIP, agent
dispatch), creates access tokens and verifies webhooks; lk-mock-server is a multi-region
mock LiveKit server for tests.")

include(CPackComponent)
cpack_add_component(runtime DISPLAY_NAME "Shared library")
cpack_add_component(dev DISPLAY_NAME "Development files" DEPENDS runtime)
cpack_add_component(tools DISPLAY_NAME "lkcpp and lk-mock-server")

# Any other component gets a package of its own, named after it.
foreach(_livekit_component IN LISTS _livekit_components)
  string(TOUPPER ${_livekit_component} _livekit_upper)
  if(NOT DEFINED CPACK_DEBIAN_${_livekit_upper}_PACKAGE_NAME)
    set(CPACK_DEBIAN_${_livekit_upper}_PACKAGE_NAME livekit-server-sdk-${_livekit_component})
    set(CPACK_DEBIAN_${_livekit_upper}_DESCRIPTION
        "C++ server SDK for LiveKit (${_livekit_component})")
  endif()
endforeach()

# CMake's --strip (CPACK_STRIP_FILES) strips executables and shared libraries only; static
# archives lose their debug sections here, as dh_strip does. Only the archives this install
# has copied so far (the manifest, paths without DESTDIR), never other files of the prefix.
string(CONFIGURE [[
  if(CMAKE_INSTALL_DO_STRIP AND NOT "@CMAKE_STRIP@" STREQUAL "")
    foreach(_livekit_file IN LISTS CMAKE_INSTALL_MANIFEST_FILES)
      if(_livekit_file MATCHES "\\.a$")
        execute_process(COMMAND "@CMAKE_STRIP@" --strip-debug --enable-deterministic-archives
                                "$ENV{DESTDIR}${_livekit_file}" COMMAND_ERROR_IS_FATAL ANY)
      endif()
    endforeach()
  endif()
]] _livekit_strip_archives @ONLY)
install(CODE "${_livekit_strip_archives}" COMPONENT dev)

include(CPack)

# The packages' check without a system install (extracted into a temporary root): cpack on
# this build folder, the consumer program against the extracted files, the installed tools.
# Not in sanitizer or fuzzing builds (their binaries are not what a package ships).
if(LIVEKIT_BUILD_TESTS AND LIVEKIT_BUILD_TOOLS AND NOT LIVEKIT_SANITIZE AND NOT LIVEKIT_FUZZ)
  find_program(LIVEKIT_DPKG_DEB dpkg-deb)
  find_program(LIVEKIT_DPKG_SHLIBDEPS dpkg-shlibdeps)
  if(LIVEKIT_DPKG_DEB AND LIVEKIT_DPKG_SHLIBDEPS)
    add_test(NAME packaging.deb_packages
             COMMAND ${PROJECT_SOURCE_DIR}/scripts/deb_test.sh ${PROJECT_BINARY_DIR} --no-build)
    set_tests_properties(packaging.deb_packages PROPERTIES LABELS packaging
                         ENVIRONMENT LIVEKIT_DEB_TEST_ROOT=1 TIMEOUT 600)
  else()
    message(STATUS "dpkg-deb or dpkg-shlibdeps (dpkg-dev) not found: no .deb packaging test")
  endif()
endif()
