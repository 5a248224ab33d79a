#!/usr/bin/env bash
# Fails when a user doc points at something users do not have: our design notes (spec/...,
# ../shared) or their rule codes (A3, B2, ...). User docs are README.md, docs/*.md, the public
# headers (the API reference is built from them) and examples/; they describe behaviour instead.
#
#   scripts/check_user_docs.sh [source dir]     (default: the repository of this script)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

files=()
for f in README.md docs/*.md include/livekit/*.h examples/*.cc examples/*.h; do
  [[ -f $f ]] && files+=("$f")
done
if [[ ${#files[@]} -eq 0 ]]; then
  echo "check_user_docs: no user docs under $root" >&2
  exit 1
fi

# spec/x.md, "spec: x.md", ../shared, and rule codes: A or B followed by 1-2 digits, alone.
pattern='(^|[^A-Za-z0-9_./-])spec/|\(spec:|\.\./shared|/work/shared|(^|[^A-Za-z0-9_-])[AB][0-9]{1,2}([^A-Za-z0-9_-]|$)'
if hits=$(grep -nHE "$pattern" "${files[@]}"); then
  echo "User docs cite design notes or their rule codes; describe the behaviour instead:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check_user_docs: ${#files[@]} files, no citation of spec/, ../shared or rule codes"
