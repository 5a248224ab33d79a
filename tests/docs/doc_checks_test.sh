#!/usr/bin/env bash
# scripts/check_user_docs.sh and scripts/check_doc_snippets.sh on small trees: each passes on
# good docs and fails, naming the line, on the mistake it exists to catch.
#
#   tests/docs/doc_checks_test.sh <scripts dir>
set -euo pipefail
scripts=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() {  # expect <exit code> <text in output> <command...>
  local want=$1 text=$2 out rc=0
  shift 2
  out=$("$@" 2>&1) || rc=$?
  if [[ $rc -ne $want || $out != *"$text"* ]]; then
    echo "FAIL: $*: expected exit $want and \"$text\", got exit $rc: $out" >&2
    failures=$((failures + 1))
  else
    echo "ok: $*: exit $rc"
  fi
}
tree() {  # a fresh tree with a README, a guide with one snippet, and its source
  rm -rf "$work/t"
  mkdir -p "$work/t/docs" "$work/t/examples" "$work/t/include/livekit"
  printf '# SDK\nFailover retries another region.\n' >"$work/t/README.md"
  printf '/// A documented header.\n' >"$work/t/include/livekit/a.h"
  cat >"$work/t/docs/guide.md" <<'MD'
# Guide
<!-- snippet: examples/demo.cc -->
```cpp
int Answer() { return 42; }
```
MD
  cat >"$work/t/examples/demo.cc" <<'CC'
// snippet-begin docs/guide.md
int Answer() { return 42; }
// snippet-end
int main() { return Answer() == 42 ? 0 : 1; }
CC
}

tree
expect 0 "no citation" "$scripts/check_user_docs.sh" "$work/t"
expect 0 "1 snippet(s) match" "$scripts/check_doc_snippets.sh" "$work/t"

for cite in 'The contract is `spec/failover.md`.' 'See ../shared/design.md.' 'Skipped by the guard (A3).' \
            'Health memory, B2, routes calls.' 'Calls it (spec: api-surface.md).'; do
  tree
  printf '%s\n' "$cite" >>"$work/t/docs/guide.md"
  expect 1 "docs/guide.md:6:" "$scripts/check_user_docs.sh" "$work/t"
done
tree
printf '/// Retries (failover.md A14).\n' >>"$work/t/include/livekit/a.h"
expect 1 "include/livekit/a.h:2:" "$scripts/check_user_docs.sh" "$work/t"
tree
printf 'Built with -O1 and -O2; HTTP/2; ABI; B2B is not a rule.\n' >>"$work/t/README.md"
expect 0 "no citation" "$scripts/check_user_docs.sh" "$work/t"

tree
sed -i 's/return 42; }$/return 43; }/' "$work/t/examples/demo.cc"
expect 1 "docs/guide.md:2: the block differs" "$scripts/check_doc_snippets.sh" "$work/t"
tree
sed -i 's/snippet-begin docs\/guide.md/snippet-begin docs\/other.md/' "$work/t/examples/demo.cc"
expect 1 "has no '// snippet-begin docs/guide.md' region" "$scripts/check_doc_snippets.sh" "$work/t"
tree
sed -i 's/examples\/demo.cc/examples\/gone.cc/' "$work/t/docs/guide.md"
expect 1 "does not exist" "$scripts/check_doc_snippets.sh" "$work/t"

[[ $failures -eq 0 ]] || { echo "$failures case(s) failed" >&2; exit 1; }
