#!/usr/bin/env bash
# Times `clausier repo` on a synthetic tree (20k files, a mix of languages, 30 % with SPDX
# headers) against `rg -c SPDX-License-Identifier` and, when installed, `reuse lint`; prints
# files/s and peak RSS, and compares clausier's coverage with reuse's.
# Usage: bench/repo.sh [N_FILES] (run from the repository root after `cargo build --release`).
set -euo pipefail
N=${1:-20000}
BIN=${CLAUSIER:-target/release/clausier}
TREE=${TREE:-/tmp/clausier-bench-repo}
if [ ! -d "$TREE" ]; then
  python3 - "$TREE" "$N" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
kinds = [("rs", "//"), ("c", "//"), ("py", "#"), ("js", "//"), ("ts", "//"), ("java", "//"),
         ("go", "//"), ("rb", "#"), ("sh", "#"), ("css", "/*"), ("txt", None)]
os.makedirs(os.path.join(root, "LICENSES"), exist_ok=True)
open(os.path.join(root, "LICENSES", "MIT.txt"), "w").write("MIT License\n")
open(os.path.join(root, "LICENSE"), "w").write("MIT License\n")
body = "x = 1\n" * 200
for i in range(n):
    ext, c = random.choice(kinds)
    d = os.path.join(root, "d%02d" % (i % 50), "s%02d" % (i % 17))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.%s" % (i, ext)), "w") as f:
        if c and random.random() < 0.3:
            end = " */" if c == "/*" else ""
            f.write(f"{c} SPDX-FileCopyrightText: 2024 Bench{end}\n{c} SPDX-License-Identifier: MIT{end}\n")
        f.write(body)
PY
fi
tm() { /usr/bin/time -f "%e s  %M KB" "$@" 2>&1 >/dev/null | tail -1; }
echo "files: $(find "$TREE" -type f | wc -l)"
echo "rg:        $(tm rg -c SPDX-License-Identifier "$TREE")"
echo "clausier:  $(tm "$BIN" repo "$TREE" -f json --fail-level never)"
"$BIN" repo "$TREE" -f json --fail-level never | python3 -c 'import json,sys; c=json.load(sys.stdin)["coverage"]; print("clausier coverage:", c)'
if command -v reuse >/dev/null; then
  echo "reuse lint: $(tm reuse --root "$TREE" lint)"
  reuse --root "$TREE" lint 2>/dev/null | grep -i "files with" || true
fi
