#!/usr/bin/env python3
"""Regenerates data/licence-headers.txt (standard licence headers) from the SPDX
license-list-XML files (CC0-1.0): python3 scripts/extract-licence-headers.py ../shared/data/spdx/xml
Output format: a line `== <SPDX id>` followed by the header text (alt elements keep their default
text, optional elements are kept)."""
import html, os, re, sys

src = sys.argv[1]
out = []
for name in sorted(os.listdir(src)):
    if not name.endswith(".xml"):
        continue
    xml = open(os.path.join(src, name), encoding="utf-8").read()
    lid = name[:-4]
    # deprecated ids (GPL-2.0, GPL-2.0+, GFDL-1.3...) and GFDL variants repeat other headers
    if 'isDeprecated="true"' in xml or lid.endswith("+") or re.fullmatch(r"(A|L)?GPL-\d\.\d|GFDL-.*", lid):
        continue
    m = re.search(r"<standardLicenseHeader>(.*?)</standardLicenseHeader>", xml, re.S)
    if not m:
        continue
    body = m.group(1)
    # the "<one line to give the program's name…>" placeholder is not part of real headers
    body = re.sub(r'<alt name="description"[^>]*>.*?</alt>', " ", body, flags=re.S)
    body = re.sub(r"<(/?)(p|br|li|item)\b[^>]*>", "\n", body)
    body = re.sub(r"<[^>]+>", " ", body)
    body = html.unescape(body)
    lines = [re.sub(r"\s+", " ", l).strip() for l in body.split("\n")]
    text = "\n".join(l for l in lines if l)
    if len(text.split()) < 12:
        continue
    out.append("== " + name[:-4] + "\n" + text + "\n")
sys.stdout.write("".join(out))
