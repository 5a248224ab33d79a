#!/usr/bin/env bash
# Debian packages: builds them (cpack -G DEB on the build folder), checks what each holds and
# declares, installs them, builds and runs the consumer program of tests/consumer/ against the
# installed files (scripts/consumer_test.sh), runs the installed tools, and removes the
# packages again.
# usage: scripts/deb_test.sh [build dir] [--no-build]
#   --no-build   package the build folder as it is (ctest's check: the suite's build made it)
# As root the packages are installed with dpkg -i and purged at the end. Otherwise, or with
# LIVEKIT_DEB_TEST_ROOT=1, they are extracted (dpkg-deb -x) into a temporary root instead and
# nothing outside it changes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$(cd "${1:-build}" && pwd)
no_build=0
[[ ${2:-} == --no-build ]] && no_build=1
work=$(mktemp -d)
installed=()
cleanup() {
  if ((${#installed[@]})); then
    echo "deb: removing ${installed[*]}"
    dpkg --purge "${installed[@]}" >/dev/null || echo "deb: dpkg --purge failed" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "deb: $*" >&2; exit 1; }
start=$SECONDS
step() { echo "deb: $1 ($((SECONDS - start)) s)"; }

[[ -f $build/CPackConfig.cmake ]] || fail "$build is not a configured build folder"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)

# One compiler cache for every build folder, as the Makefile sets it.
: "${CCACHE_BASEDIR:=$root}" "${CCACHE_NOHASHDIR:=1}"
export CCACHE_BASEDIR CCACHE_NOHASHDIR
if ((!no_build)) && [[ ! -f $build/build.ninja ]]; then
  step "building the build folder (not a Ninja one: everything)"
  nice cmake --build "$build" >/dev/null
elif ((!no_build)); then
  step "building what the install rules copy from the build folder"
  # The files the install scripts take from the build folder that Ninja makes (libraries,
  # tools), and nothing else: not the tests, benchmarks or examples.
  mapfile -t targets < <(comm -12 \
    <(grep -rho --include=cmake_install.cmake --exclude-dir=_CPack_Packages \
        "\"$build/[^\"]*\"" "$build" | sed "s|^\"$build/||; s|\"$||" | sort -u) \
    <(ninja -C "$build" -t targets all | sed 's/: [^:]*$//' | sort -u))
  ((${#targets[@]})) || fail "no installed file is built by $build/build.ninja"
  echo "deb:   ${targets[*]}"
  nice cmake --build "$build" --target "${targets[@]}" >/dev/null
fi

step "cpack -G DEB"
# With Ninja, cpack installs what is built and builds nothing itself; the packages are made in
# a temporary folder, not the build folder.
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/packages" \
  >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
mapfile -t debs < <(ls "$work/packages"/*.deb)
declare -A deb_of=()
for deb in "${debs[@]}"; do
  deb_of[$(dpkg-deb -f "$deb" Package)]=$deb
  printf 'deb:   %s (%s KiB)\n' "$(basename "$deb")" "$(($(stat -c %s "$deb") / 1024))"
done
runtime=
for name in "${!deb_of[@]}"; do
  [[ $name =~ ^liblivekit-server-sdk[0-9]+$ ]] && runtime=$name
done
dev=liblivekit-server-sdk-dev
tools=livekit-server-sdk-tools
[[ -n $runtime ]] || fail "no runtime package (liblivekit-server-sdk<soversion>)"
[[ -n ${deb_of[$dev]:-} ]] || fail "no $dev package"
[[ -n ${deb_of[$tools]:-} ]] || fail "no $tools package"

step "package metadata (dpkg-deb -I)"
field() { dpkg-deb -f "${deb_of[$1]}" "$2"; }
# Depends must mention each pattern (names from dpkg-shlibdeps differ between releases:
# libprotobuf32 on Debian 12, libprotobuf32t64 on Ubuntu 24.04).
expect_depends() {
  local name=$1 depends
  shift
  depends=$(field "$name" Depends)
  for want in "$@"; do
    [[ $depends =~ $want ]] || fail "$name: Depends has no $want: '$depends'"
  done
}
for name in "${!deb_of[@]}"; do
  dpkg-deb -I "${deb_of[$name]}" >/dev/null
  [[ $(field "$name" Version) == "$version" ]] ||
    fail "$name: version $(field "$name" Version), not $version"
  [[ $(field "$name" Architecture) == "$arch" ]] || fail "$name: architecture is not $arch"
done
shared_deps=(libc6 "libstdc\\+\\+6" "libprotobuf[0-9a-z]+ " "libcurl(4|3-gnutls)" "libssl[0-9]")
expect_depends "$runtime" "${shared_deps[@]}"
expect_depends "$tools" "${shared_deps[@]}"
expect_depends "$dev" "$runtime \\(= $version\\)" libprotobuf-dev libcurl4-openssl-dev libssl-dev
dpkg-deb --ctrl-tarfile "${deb_of[$runtime]}" | tar -xO ./shlibs |
  grep -q "^liblivekit_server_sdk [0-9]* $runtime " ||
  fail "$runtime: no shlibs entry for liblivekit_server_sdk"

step "package contents (dpkg-deb --contents)"
# Every file of a package matches its pattern (so no test program, object file or build
# folder slips in); an extra package (a new install component) gets the union.
lib='\./usr/lib/([a-z0-9_]+-linux-gnu[a-z0-9_]*/)?'
declare -A allowed=(
  [$runtime]="^${lib}liblivekit_server_sdk\\.so\\.[0-9.]+$"
  [$dev]="^(\\./usr/include/livekit/.+\\.(h|inc)|${lib}lib[a-z0-9_]+\\.(a|so)|\
${lib}cmake/LiveKitServerSDK/[A-Za-z0-9_-]+\\.cmake|${lib}pkgconfig/[a-z0-9_-]+\\.pc)$"
  [$tools]='^\./usr/bin/(lkcpp|lk-mock-server)$'
)
union="(${allowed[$runtime]})|(${allowed[$dev]})|(${allowed[$tools]})"
for name in "${!deb_of[@]}"; do
  pattern=${allowed[$name]:-$union}
  # "perms owner size date time path[ -> target]": directories end with '/'
  dpkg-deb --contents "${deb_of[$name]}" | awk '{print $6}' | grep -v '/$' >"$work/$name.files.pkg"
  if grep -Ev "$pattern" "$work/$name.files.pkg" >"$work/unexpected"; then
    fail "$name holds unexpected files: $(head -5 "$work/unexpected" | tr '\n' ' ')"
  fi
  [[ -s $work/$name.files.pkg ]] || fail "$name is empty"
done
has() { grep -Eq "$2" "$work/$1.files.pkg" || fail "$1 has no file matching $2"; }
has "$runtime" "^${lib}liblivekit_server_sdk\\.so\\.$version$"
has "$dev" '^\./usr/include/livekit/livekit_api\.h$'
has "$dev" '^\./usr/include/livekit/version\.h$'
has "$dev" '^\./usr/include/livekit/protocol/livekit_room\.pb\.h$'
has "$dev" "^${lib}liblivekit_server_sdk\\.a$"
has "$dev" "^${lib}liblivekit_server_sdk\\.so$"
for f in LiveKitServerSDKConfig LiveKitServerSDKConfigVersion LiveKitServerSDKTargets; do
  has "$dev" "^${lib}cmake/LiveKitServerSDK/$f\\.cmake$"
done
has "$dev" "^${lib}pkgconfig/livekit-server-sdk\\.pc$"
has "$tools" '^\./usr/bin/lkcpp$'
has "$tools" '^\./usr/bin/lk-mock-server$'
# Together the packages hold exactly what `cmake --install` installs: no install rule is lost
# to a component that makes no package.
cmake --install "$build" --prefix "$work/plain/usr" >/dev/null
(cd "$work/plain" && find . ! -type d | sort) >"$work/plain.files"
sort -u "$work"/*.files.pkg >"$work/packaged.files"
if ! diff "$work/plain.files" "$work/packaged.files" >"$work/lost"; then
  fail "packages and cmake --install differ: $(grep '^[<>]' "$work/lost" | head -5 | tr '\n' ' ')"
fi
rm -rf "$work/plain"

step "no build paths, no run paths, headers need only the -dev dependencies"
mkdir "$work/root"
for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$work/root"; done
if grep -rlF -e "$build" -e "$root/" "$work/root" >"$work/leaks"; then
  fail "files holding a path of the build machine:" \
    "$(sed "s|$work/root||" "$work/leaks" | head -5 | tr '\n' ' ')"
fi
# Libraries (static ones too, as Debian's own) and programs are stripped of debug information.
while IFS= read -r -d '' f; do
  readelf -h "$f" >/dev/null 2>&1 || continue
  if readelf -d "$f" 2>/dev/null | grep -Eq '\((RPATH|RUNPATH)\)'; then
    fail "${f#"$work/root"} has a run path"
  fi
  if readelf -S "$f" 2>/dev/null | grep -q '\.debug_info'; then
    fail "${f#"$work/root"} keeps its debug information"
  fi
done < <(find "$work/root" -type f -print0)
# Public headers include the standard library, protobuf and the SDK's own headers only: the
# -dev package's Depends cover nothing else.
grep -rhoE '^#include [<"][^>"]+' "$work/root/usr/include" | sed 's/^#include [<"]//' | sort -u |
  grep -Ev '^([a-z_]+|google/protobuf/.+|livekit/.+|(agent/)?livekit_[a-z_]+\.pb\.h)$' >"$work/foreign" &&
  fail "public headers include files of other packages: $(tr '\n' ' ' <"$work/foreign")"

if [[ $(id -u) == 0 && -z ${LIVEKIT_DEB_TEST_ROOT:-} ]]; then
  step "dpkg -i"
  for name in "${!deb_of[@]}"; do
    if dpkg-query -W -f '${Status}' "$name" 2>/dev/null | grep -q ' installed$'; then
      fail "$name is already installed: remove it first (dpkg -r $name), or LIVEKIT_DEB_TEST_ROOT=1"
    fi
  done
  installed=("${!deb_of[@]}")
  dpkg -i "${debs[@]}" >"$work/dpkg.log" 2>&1 || {
    cat "$work/dpkg.log" >&2
    fail "dpkg -i failed (missing dependencies: scripts/setup.sh installs them)"
  }
  # The linker and the loader find the shared library with no hint (no -L, no run path).
  echo 'int main() { return 0; }' |
    g++ -x c++ - -o "$work/needs_sdk" -Wl,--no-as-needed -llivekit_server_sdk ||
    fail "g++ -llivekit_server_sdk does not find the installed library"
  "$work/needs_sdk" || fail "a program linked with the installed shared library does not start"
  prefix=/usr
else
  step "extracted into a temporary root (no system install)"
  prefix=$work/root/usr
fi

step "installed tools"
for tool in lkcpp lk-mock-server; do
  "$prefix/bin/$tool" --help >"$work/help" 2>&1 || fail "$prefix/bin/$tool --help failed"
  grep -qi usage "$work/help" || fail "$prefix/bin/$tool --help printed no usage"
done

step "consumer program against the installed files"
LIVEKIT_CONSUMER_PREFIX=$prefix scripts/consumer_test.sh "$build" --skip-subdirectory |
  sed 's/^/deb:   /'

if ((${#installed[@]})); then
  step "dpkg --purge"
  dpkg --purge "${installed[@]}" >/dev/null
  for name in "${installed[@]}"; do
    if dpkg-query -W -f '${Status}' "$name" 2>/dev/null | grep -Eq ' (installed|config-files)$'
    then
      fail "$name is still on the machine after dpkg --purge"
    fi
  done
  installed=()
  for name in "${!deb_of[@]}"; do
    while IFS= read -r f; do
      [[ ! -e ${f#.} && ! -L ${f#.} ]] || fail "${f#.} is left behind after dpkg --purge"
    done <"$work/$name.files.pkg"
  done
fi
step "all passed"
