#!/usr/bin/env bash
# Packaging check: a small program outside the tree builds and runs against (1) the installed
# package (find_package and pkg-config) and (2) the source tree (add_subdirectory).
# usage: scripts/consumer_test.sh [build dir] [--skip-subdirectory]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
echo "consumer: installed tools"
for tool in lkcpp lk-mock-server; do
  [[ -x $work/prefix/bin/$tool ]] || { echo "consumer: $tool is not installed in bin/" >&2; exit 1; }
done
"$work/prefix/bin/lkcpp" --version >/dev/null
"$work/prefix/bin/lk-mock-server" --help >/dev/null

echo "consumer: installed package"
# The SDK's private dependencies (header-only JSON libraries) and the tools' and tests' ones
# are hidden: a consumer needs only protobuf, libcurl, OpenSSL and threads.
hidden=()
for name in nlohmann_json RapidJSON CLI11 Boost GTest benchmark; do
  hidden+=("-DCMAKE_DISABLE_FIND_PACKAGE_$name=ON")
done
cmake -S tests/consumer/installed -B "$work/installed" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" --no-warn-unused-cli \
  "${hidden[@]}" >/dev/null
cmake --build "$work/installed" >/dev/null
"$work/installed/consumer"
LD_LIBRARY_PATH="$work/prefix/lib" "$work/installed/consumer_shared"

echo "consumer: pkg-config"
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
# shellcheck disable=SC2046
g++ -std=c++17 tests/consumer/main.cc -o "$work/consumer_pc" $(pkg-config --cflags --libs livekit-server-sdk) \
  -Wl,-rpath,"$work/prefix/lib"
"$work/consumer_pc"

if [[ ${2:-} != --skip-subdirectory ]]; then
  echo "consumer: add_subdirectory of the source tree"
  # Building the SDK from source needs RapidJSON (its headers, found by path), not nlohmann.
  cmake -S tests/consumer/subdirectory -B "$work/subdirectory" -G Ninja -DLIVEKIT_SDK_SOURCE_DIR="$root" \
    --no-warn-unused-cli "${hidden[@]}" >/dev/null
  cmake --build "$work/subdirectory" --target consumer >/dev/null
  "$work/subdirectory/consumer"
fi
echo "consumer: all passed"
