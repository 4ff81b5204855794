#!/bin/sh
# Usage: Benchmarks/check-vs-graphql-js.sh [COUNT] [TYPES]
#
# Whole processes, side by side: `snowgate check` (release build) against the same check done with graphql-js
# (Debian's node-graphql, 16.x: buildSchema once, then parse + validate per file) and with GraphQLSwift (the
# GraphQLSwiftCheck executable of this package), over COUNT generated documents (default 3000) against a schema of
# TYPES object types (default 400). Uses hyperfine when it is installed (apt-get install hyperfine), otherwise
# times five runs of each and prints the median.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-3000}
types=${2:-400}
work=$(mktemp -d "${TMPDIR:-/tmp}/snowgate-check-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

echo "Building release binaries..."
(cd "$root" && swift build -c release --product snowgate >/dev/null)
(cd "$root" && swift build -c release --package-path Benchmarks --product GraphQLSwiftCheck >/dev/null)
(cd "$root" && swift build -c release --package-path Benchmarks --product GenerateCorpus >/dev/null)
snowgate="$root/.build/release/snowgate"
benchbin="$root/Benchmarks/.build/release"

"$benchbin/GenerateCorpus" "$work" "$count" "$types"

cat >"$work/check.js" <<'JS'
// The same check with graphql-js: the schema built once, each file parsed and validated, one line per error.
const fs = require('fs');
const { buildSchema, parse, validate, Source } = require('graphql');
const [schemaPath, ...files] = process.argv.slice(2);
const schema = buildSchema(fs.readFileSync(schemaPath, 'utf8'));
let out = '';
let errors = 0;
for (const file of files) {
  let body;
  try { body = fs.readFileSync(file, 'utf8'); } catch (e) { out += `${file}: error: ${e.message}\n`; errors++; continue; }
  let found;
  try { found = validate(schema, parse(new Source(body, file))); } catch (e) { found = [e]; }
  for (const error of found) {
    const location = error.locations && error.locations[0];
    out += `${file}:${location ? location.line + ':' + location.column : '0:0'}: ${error.message}\n`;
    errors++;
  }
}
process.stdout.write(out);
process.exitCode = errors > 0 ? 1 : 0;
JS

export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
node -e "require('graphql')" 2>/dev/null || { echo "graphql-js is missing: apt-get install node-graphql"; exit 1; }

ls "$work"/docs/*.graphql >"$work/files"
# All three must accept every generated document before they are timed.
"$snowgate" check --schema "$work/schema.graphql" $(cat "$work/files") >/dev/null 2>&1 || { echo "snowgate check found errors"; exit 1; }
node "$work/check.js" "$work/schema.graphql" $(cat "$work/files") >/dev/null || { echo "graphql-js found errors"; exit 1; }
"$benchbin/GraphQLSwiftCheck" --schema "$work/schema.graphql" $(cat "$work/files") >/dev/null || { echo "GraphQLSwift found errors"; exit 1; }

# The shell of each timed command expands the glob (cwd is the corpus folder): 3,000 names spelled out would pass
# Linux's 128 KiB limit on one argument, and hyperfine takes each command as one.
cd "$work/docs"
snowgate_cmd="$snowgate check --schema $work/schema.graphql *.graphql"
node_cmd="node $work/check.js $work/schema.graphql *.graphql"
swift_cmd="$benchbin/GraphQLSwiftCheck --schema $work/schema.graphql *.graphql"

echo "$count documents, schema of $types object types; $(nproc) cores"
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 5 --style basic \
        -n "snowgate check" "$snowgate_cmd >/dev/null 2>&1" \
        -n "graphql-js 16 (node)" "$node_cmd >/dev/null" \
        -n "GraphQLSwift 4.3.0" "$swift_cmd >/dev/null"
else
    median() { sort -n | sed -n 3p; }
    run() {
        name=$1; shift
        for _ in 1 2 3 4 5; do
            start=$(date +%s%N); sh -c "$*" >/dev/null 2>&1 || true; end=$(date +%s%N)
            echo $(( (end - start) / 1000000 ))
        done | median | sed "s/^/$name: /; s/$/ ms (median of 5)/"
    }
    run "snowgate check" "$snowgate_cmd"
    run "graphql-js 16 (node)" "$node_cmd"
    run "GraphQLSwift 4.3.0" "$swift_cmd"
fi
