#!/usr/bin/env bash
# Packaging check: a small program outside the tree builds and runs against (1) the installed
# package (find_package and pkg-config) and (2) the source tree (add_subdirectory).
# usage: scripts/consumer_test.sh [build dir] [--skip-subdirectory]
# LIVEKIT_CONSUMER_PREFIX=DIR checks the package already installed in DIR (scripts/deb_test.sh:
# the .deb files' /usr) instead of installing the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

prefix=${LIVEKIT_CONSUMER_PREFIX:-$work/prefix}
if [[ -z ${LIVEKIT_CONSUMER_PREFIX:-} ]]; then
  cmake --install "$build" --prefix "$prefix" >/dev/null
fi
echo "consumer: installed tools"
for tool in lkcpp lk-mock-server; do
  [[ -x $prefix/bin/$tool ]] || { echo "consumer: $tool is not installed in bin/" >&2; exit 1; }
done
"$prefix/bin/lkcpp" --version >/dev/null
"$prefix/bin/lk-mock-server" --help >/dev/null

echo "consumer: installed package"
# The SDK's private dependencies (header-only JSON libraries) and the tools' and tests' ones
# are hidden: a consumer of the installed package needs only protobuf, libcurl, OpenSSL and
# threads. Building the SDK from source (add_subdirectory) needs RapidJSON as well.
hidden=()
for name in nlohmann_json CLI11 Boost GTest benchmark; do
  hidden+=("-DCMAKE_DISABLE_FIND_PACKAGE_$name=ON")
done
cmake -S tests/consumer/installed -B "$work/installed" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" --no-warn-unused-cli \
  "${hidden[@]}" -DCMAKE_DISABLE_FIND_PACKAGE_RapidJSON=ON >/dev/null
cmake --build "$work/installed" >/dev/null
"$work/installed/consumer"
LD_LIBRARY_PATH="$prefix/lib" "$work/installed/consumer_shared"
"$work/installed/consumer_testing"  # LiveKit::server_sdk_testing (FakeLiveKit)

echo "consumer: pkg-config"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
g++ -std=c++17 tests/consumer/main.cc -o "$work/consumer_pc" $(pkg-config --cflags --libs livekit-server-sdk) \
  -Wl,-rpath,"$prefix/lib"
"$work/consumer_pc"

if [[ ${2:-} != --skip-subdirectory ]]; then
  echo "consumer: add_subdirectory of the source tree"
  # Building the SDK from source needs RapidJSON (find_package(RapidJSON)), not nlohmann.
  cmake -S tests/consumer/subdirectory -B "$work/subdirectory" -G Ninja -DLIVEKIT_SDK_SOURCE_DIR="$root" \
    --no-warn-unused-cli "${hidden[@]}" >/dev/null
  cmake --build "$work/subdirectory" --target consumer consumer_testing >/dev/null
  "$work/subdirectory/consumer"
  "$work/subdirectory/consumer_testing"
fi
echo "consumer: all passed"
