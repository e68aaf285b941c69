#!/usr/bin/env bash
# Times `clausier tender FILE --format json` on a 300-page .docx and a 300-page .pdf, generated
# outside the repository (in $OUT, /tmp/clausier-office-bench by default), and measures the peak
# memory on a 100 MB-decompressed .docx bomb (and a 60 MB one, under the inflate cap). Needs python3; uses hyperfine when installed
# (apt-get install -y hyperfine), else a loop; /usr/bin/time for the memory figure.
# Targets (release build): docx <= 100 ms, pdf <= 300 ms, bomb peak RSS <= ~200 MB.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/clausier-office-bench}
mkdir -p "$OUT"
cd "$ROOT"
cargo build --release --quiet
BIN="$ROOT/target/release/clausier"

python3 - "$OUT" <<'PY'
import os, sys, zipfile
sys.path.insert(0, "fixtures/tender/office")
import make_fixtures as m

out = sys.argv[1]
sentences = [
    "Le titulaire assure la maintenance corrective et évolutive du portail pendant toute la durée du marché.",
    "Les anomalies bloquantes sont corrigées dans un délai de deux jours ouvrés à compter de leur signalement.",
    "Chaque version livrée est accompagnée d'une note de version et d'un jeu de tests automatisés.",
    "Le comité de suivi se réunit chaque trimestre et rend compte de l'avancement des travaux.",
]
paras = []
article = 0
while len(paras) < 300 * 12:
    article += 1
    paras.append(("h1", f"Article {article} – Exécution des prestations, partie {article}"))
    for i in range(6):
        paras.append(("p", " ".join(sentences[(i + j) % 4] for j in range(3))))
paras.insert(40, ("p", "Les résultats sont publiés sous licence libre EUPL-1.2 sur la forge de l'acheteur."))
paras.insert(90, ("p", "Les codes sources remis par le titulaire sont confidentiels."))

style = {"h1": "Titre1", "p": None}
body = []
for n, (k, t) in enumerate(paras):
    body.append(m.simple(t, style[k]))
    if n % 100 == 99:
        body.append(m.table([["Livrable", "Délai"], ["Note de version", "À chaque livraison"]]))
m.write_docx(os.path.join(out, "ccap-300.docx"), "".join(body), header="CCAP – banc d'essai", footer="Page")
pages = m.layout([("p", t) for _, t in paras], header="CCAP – banc d'essai", footer="Page {n} sur {total}")
m.write_pdf(os.path.join(out, "ccap-300.pdf"), pages[:300])
print(f"pdf pages: {min(len(pages), 300)}")

# the bomb: 100 MB of paragraphs in word/document.xml
bomb = os.path.join(out, "bomb.docx")
with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", m.CONTENT_TYPES)
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(('<?xml version="1.0"?><w:document %s><w:body>' % m.W).encode())
        para = b"<w:p><w:r><w:t>Le titulaire livre les sources sous licence libre.</w:t></w:r></w:p>"
        chunk = para * 1000
        for _ in range(100 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
        f.write(b"</w:body></w:document>")
# just under the decompression cap: stopped by the extracted-text cap
with zipfile.ZipFile(os.path.join(out, "bomb60.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(('<?xml version="1.0"?><w:document %s><w:body>' % m.W).encode())
        for _ in range(60 * 1024 * 1024 // len(chunk)):
            f.write(chunk)
        f.write(b"</w:body></w:document>")
PY
ls -la "$OUT"

for f in ccap-300.docx ccap-300.pdf; do
  "$BIN" tender "$OUT/$f" --format json > "$OUT/$f.json" || true
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(sys.argv[1], 'errors:', j['errors'], 'violated:', j['summary']['violated'])" "$OUT/$f.json"
done
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 3 --runs 20 -i -N \
    "$BIN tender $OUT/ccap-300.docx --format json" \
    "$BIN tender $OUT/ccap-300.pdf --format json"
else
  for f in ccap-300.docx ccap-300.pdf; do
    start=$(date +%s%N)
    for _ in $(seq 10); do "$BIN" tender "$OUT/$f" --format json > /dev/null || true; done
    echo "$f: $(( ($(date +%s%N) - start) / 10000000 )) ms per run"
  done
fi
if [ -x /usr/bin/time ]; then
  for f in bomb.docx bomb60.docx; do
    /usr/bin/time -v "$BIN" tender "$OUT/$f" --format json > /dev/null 2> "$OUT/$f.time" || true
    echo "$f:"; grep -E "E003|Maximum resident" "$OUT/$f.time"
  done
fi
