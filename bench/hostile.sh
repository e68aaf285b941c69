#!/usr/bin/env bash
# Peak RSS and wall time of `clausier tender FILE --format json` on each case of the hostile-input
# corpus (tests/hostile.rs, full sizes: the 100 MB single-line text and a 60 MB one under the
# file-size cap), written outside the repository in $OUT (/tmp/clausier-hostile by default).
# Prints a Markdown table: case | exit | tool code | peak RSS (MB) | wall (s).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/clausier-hostile}
mkdir -p "$OUT"
cd "$ROOT"
cargo build --release --quiet
HOSTILE_CORPUS_DIR="$OUT" cargo test --release --quiet --test hostile -- --ignored write_full_corpus >/dev/null
BIN="$ROOT/target/release/clausier"
echo "| case | exit | code | peak RSS (MB) | wall (s) |"
echo "|---|---|---|---|---|"
for f in "$OUT"/*; do
  name=$(basename "$f")
  set +e
  /usr/bin/time -v -o "$OUT/.time" "$BIN" tender --format json "$f" >"$OUT/.out" 2>"$OUT/.err"
  code=$?
  set -e
  rss=$(awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$OUT/.time")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$OUT/.time")
  tool=$(grep -o '\[E0[0-9][0-9]\]' "$OUT/.err" | head -1 | tr -d '[]' || true)
  echo "| $name | $code | ${tool:--} | $rss | $wall |"
done
