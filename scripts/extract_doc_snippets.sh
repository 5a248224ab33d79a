#!/usr/bin/env bash
# Writes every ```cpp block of README.md and docs/*.md that is a complete example (its first
# line an #include) to a source file of its own, so that the build compiles the C++ the docs
# show (tests/docs/CMakeLists.txt). A block that defines no function (statements, as a quick
# example shows them) is compiled as the body of one; its #include lines stay at file scope.
# A block not starting with #include is an excerpt that uses names from the text around it
# (`rooms`, `options`) and is not compiled.
#
#   scripts/extract_doc_snippets.sh <source dir> <output dir>
#
# Output: <output dir>/<doc>_<line>.cc (e.g. docs_services.md_23.cc), each starting with a
# #line naming the doc, so a compile error points at the doc's line. Files of blocks that
# are gone are removed. Prints the files written, one a line.
set -euo pipefail
root=$1
out=$2
mkdir -p "$out"
rm -f "$out"/*.cc
cd "$root"
for doc in README.md docs/*.md; do
  [[ -f $doc ]] || continue
  awk -v doc="$doc" -v out="$out" '
    function flush(   i, has_function, file) {
      if (n == 0 || lines[1] !~ /^#include/) return
      has_function = 0
      for (i = 1; i <= n; i++) {
        # A definition at file scope: "type name(...) {", "int main() try {", "... const {".
        if (lines[i] ~ /^[A-Za-z_].*\)( const)?( try)? \{$/) has_function = 1
      }
      name = doc
      gsub(/\//, "_", name)
      file = out "/" name "_" start ".cc"
      print "// Extracted from " doc ":" start " by scripts/extract_doc_snippets.sh." > file
      if (has_function) {
        print "#line " (start + 1) " \"" doc "\"" > file
        for (i = 1; i <= n; i++) print lines[i] > file
      } else {
        for (i = 1; i <= n; i++) if (lines[i] ~ /^#include/) print lines[i] > file
        print "void DocSnippet_" start "() {" > file
        print "#line " (start + 1) " \"" doc "\"" > file
        for (i = 1; i <= n; i++) print (lines[i] ~ /^#include/ ? "" : lines[i]) > file
        print "}" > file
      }
      close(file)
      print file
    }
    inside && /^```/ { inside = 0; flush(); next }
    inside { lines[++n] = $0; next }
    /^```cpp[ \t]*$/ { inside = 1; n = 0; start = NR }
  ' "$doc"
done
