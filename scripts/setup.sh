#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 (as root, or with sudo).
# Idempotent and quiet when all is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  dpkg-dev file
  clang libclang-rt-14-dev
  protobuf-compiler libprotobuf-dev
  libcurl4-openssl-dev libssl-dev
  libboost1.81-dev
  libcli11-dev nlohmann-json3-dev rapidjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk curl ca-certificates openssl nghttp2-proxy valgrind
  doxygen
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere (with npm bundled); Debian's packages only when absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Pinned npm packages: the protocol definitions, and the official Node SDK used as
# the reference of interoperability tests and benchmarks.
for dir in protocol tools/node_sdk; do
  [[ -f "$dir/package-lock.json" ]] || continue
  stamp="$dir/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done
