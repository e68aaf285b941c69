#!/usr/bin/env python3
"""Measures clausier's verdicts against a labelled corpus of consultations.

Usage: python3 bench/corpus.py [CORPUS_DIR] [--binary PATH] [--verbose]

CORPUS_DIR holds one folder per consultation and a labels.toml giving, per consultation, the
expected status of each category (default: ../shared/corpus/tenders beside the checkout).
Prints the agreement per category and overall, and the false `violated` verdicts.
"""
import json, os, subprocess, sys, tomllib

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = args[0] if args else os.path.join(here, "..", "..", "shared", "corpus", "tenders")
    binary = os.path.join(here, "..", "target", "release", "clausier")
    if "--binary" in sys.argv:
        binary = sys.argv[sys.argv.index("--binary") + 1]
    verbose = "--verbose" in sys.argv
    labels = tomllib.load(open(os.path.join(corpus, "labels.toml"), "rb"))
    total = agree = false_violated = 0
    per_cat = {}
    rows = []
    for name, lab in sorted(labels.items()):
        folder = os.path.join(corpus, name)
        if not os.path.isdir(folder):
            continue
        out = subprocess.run([binary, "tender", folder, "--format", "json", "--lang", "en"], capture_output=True, text=True)
        report = json.loads(out.stdout)
        got = {c["category"]: c for c in report["clauses"]}
        for cat, want in lab.items():
            if not isinstance(want, dict) or "status" not in want:
                continue
            g = got[cat]["status"]
            ok = g == want["status"]
            total += 1
            agree += ok
            pc = per_cat.setdefault(cat, [0, 0])
            pc[0] += ok
            pc[1] += 1
            if g == "violated" and want["status"] != "violated":
                false_violated += 1
            if not ok:
                ev = got[cat]["evidence"][:1]
                where = f'{ev[0]["path"].split("/")[-1]}:{ev[0]["line"]} "{ev[0]["text"][:60]}"' if ev else ""
                rows.append(f"  {name:28} {cat:22} want {want['status']:15} got {g:15} {where}")
    print(f"agreement: {agree}/{total} = {100.0 * agree / max(total, 1):.1f} %   false violated: {false_violated}")
    for cat, (a, n) in per_cat.items():
        print(f"  {cat:22} {a}/{n}")
    if verbose or rows:
        print("mismatches:")
        print("\n".join(rows))

if __name__ == "__main__":
    main()
