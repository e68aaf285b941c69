#!/usr/bin/env bash
# Runs every fuzz target until it has made 10 million executions or run one hour, whichever comes
# first, JOBS targets at a time at the lowest CPU priority, and prints a summary line per target.
# Usage: fuzz/run-all.sh [target...]   (default: all). Needs `cargo fuzz build -s none -O` first.
set -u
cd "$(dirname "$0")"
JOBS=${JOBS:-2}
RUNS=${RUNS:-10000000}
SECONDS_MAX=${SECONDS_MAX:-3600}
mkdir -p logs corpus
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)

seed() {
  local t=$1 glob=$2
  mkdir -p "corpus/$t"
  find ../fixtures -name "$glob" -size -2M -exec cp --backup=numbered {} "corpus/$t/" \; 2>/dev/null
}
seed read_docx '*.docx'; seed read_odt '*.odt'; seed read_pdf '*.pdf'; seed read_html '*.html'
seed read_text '*.md'; seed licence_identify 'LICEN[CS]E*'; seed config 'clausier.toml'
seed manifest 'package.json'; seed manifest 'Cargo.toml'; seed manifest 'pom.xml'

run() {
  local t=$1
  mkdir -p "corpus/$t" "artifacts/$t"
  nice -n 19 "target/x86_64-unknown-linux-gnu/release/$t" "corpus/$t" \
    -runs="$RUNS" -max_total_time="$SECONDS_MAX" -rss_limit_mb=2048 -timeout=20 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"logs/$t.log" 2>&1
  echo "$t exit=$? $(grep -E '^stat::number_of_executed_units' "logs/$t.log") \
$(grep -E '^stat::peak_rss_mb' "logs/$t.log") $(grep -Eo 'cov: [0-9]+' "logs/$t.log" | tail -1) \
corpus=$(ls "corpus/$t" | wc -l) artifacts=$(ls "artifacts/$t" | wc -l)"
}
export -f run
export RUNS SECONDS_MAX
printf '%s\n' "${targets[@]}" | xargs -P "$JOBS" -I{} bash -c 'run {}'
