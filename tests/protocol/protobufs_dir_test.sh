#!/usr/bin/env bash
# The LIVEKIT_PROTOBUFS_DIR option: a build pointed at a folder of .proto files (here the
# ones the npm path generated) must produce the same descriptors, without Node.js.
# usage: protobufs_dir_test.sh <source dir> <binary dir of the npm build>
set -euo pipefail
src=$1 npm_build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$npm_build/protocol/proto" "$work/protobufs"
# No node on PATH: the checkout path must not need it.
PATH=$(dirname "$(command -v cmake)") cmake -S "$src" -B "$work/build" -G Ninja \
  -DLIVEKIT_PROTOBUFS_DIR="$work/protobufs" -DLIVEKIT_BUILD_TESTS=OFF -DLIVEKIT_BUILD_TOOLS=OFF \
  -DLIVEKIT_BUILD_BENCH=OFF -DLIVEKIT_BUILD_EXAMPLES=OFF -DCMAKE_MAKE_PROGRAM="$(command -v ninja)" >/dev/null
cmake --build "$work/build" --target livekit_protocol_descriptors >/dev/null
for f in descriptors.pb descriptors_all.pb; do
  if ! cmp -s "$npm_build/protocol/$f" "$work/build/protocol/$f"; then
    echo "FAIL: $f differs between the npm package and LIVEKIT_PROTOBUFS_DIR builds"
    exit 1
  fi
done
echo "descriptors identical for LIVEKIT_PROTOBUFS_DIR and the npm package"
