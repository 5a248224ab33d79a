#!/usr/bin/env bash
# Keeps the code shown in the docs identical to code the suite compiles and runs. A doc marks
# a block with a comment line right above its fence:
#
#   <!-- snippet: examples/testing_with_mock.cc -->
#   ```cpp
#
# and that file holds the same lines between `// snippet-begin <doc path>` and
# `// snippet-end`. Fails on any difference, and on a marker whose file or region is missing.
#
#   scripts/check_doc_snippets.sh [source dir]     (default: the repository of this script)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
checked=0
for doc in README.md docs/*.md; do
  [[ -f $doc ]] || continue
  # Each marker: its line number and the file it names.
  while IFS=: read -r line source; do
    checked=$((checked + 1))
    if [[ ! -f $source ]]; then
      echo "$doc:$line: snippet source $source does not exist" >&2
      status=1
      continue
    fi
    # The fenced block after the marker (the fence must be the very next line).
    awk -v start="$line" 'NR == start + 1 { if ($0 !~ /^```/) exit 3; inside = 1; next }
                          inside && /^```/ { exit 0 }
                          inside { print }' "$doc" >"$tmp/doc" || {
      echo "$doc:$line: the snippet marker must be followed by a \`\`\` fence" >&2
      status=1
      continue
    }
    awk -v doc="$doc" '$0 ~ "^[ \t]*// snippet-begin " doc "[ \t]*$" { inside = 1; found = 1; next }
                       inside && /^[ \t]*\/\/ snippet-end/ { inside = 0; next }
                       inside { print }
                       END { if (!found) exit 4 }' "$source" >"$tmp/src" || {
      echo "$doc:$line: $source has no '// snippet-begin $doc' region" >&2
      status=1
      continue
    }
    if ! diff -u --label "$doc:$line" --label "$source" "$tmp/doc" "$tmp/src" >&2; then
      echo "$doc:$line: the block differs from its source $source (above: - the doc, + the source)" >&2
      status=1
    fi
  done < <(grep -nE '^<!-- snippet: [^ ]+ -->$' "$doc" | sed -E 's/^([0-9]+):<!-- snippet: ([^ ]+) -->$/\1:\2/')
done
if [[ $status -eq 0 ]]; then
  if [[ $checked -eq 0 ]]; then
    echo "check_doc_snippets: no snippet marker found under $root" >&2
    exit 1
  fi
  echo "check_doc_snippets: $checked snippet(s) match their sources"
fi
exit $status
