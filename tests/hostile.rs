//! Hostile and broken input (issue 6): a corpus generated at test time (nothing downloaded), each
//! case run through the real binary with a timeout guard. Each case must end with a clear per-file
//! diagnostic (tool code, file, reason, limit), the other files still checked, exit code 2 only when
//! nothing could be checked, no panic and no hang.
//!
//! `HOSTILE_CORPUS_DIR=dir cargo test --test hostile -- --ignored write_corpus` writes the full
//! corpus (with the 100 MB single-line text) to `dir`, for `bench/hostile.sh` (peak RSS and time).

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

const GOOD: &str = "fixtures/tender/fr-compliant/CCAP.md";

mod common;
use common::zip_of;

fn clausier() -> Command {
    let mut c = common::clausier();
    c.timeout(Duration::from_secs(120));
    c
}

// ---------------------------------------------------------------- generators

/// A zip with one entry of `n` repeated bytes, written in chunks (no n-byte buffer).
fn zip_repeated(extra: &[(&str, &[u8])], name: &str, head: &[u8], byte: u8, n: usize, tail: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (e, data) in extra {
        w.start_file(*e, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.start_file(name, opts).unwrap();
    w.write_all(head).unwrap();
    let chunk = vec![byte; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        w.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    w.write_all(tail).unwrap();
    w.finish().unwrap().into_inner()
}

const CT: &[u8] =
    br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;

fn docx_with(document_xml: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CT),
        ("word/document.xml", document_xml.as_bytes()),
    ])
}

fn odt_with(content_xml: &str) -> Vec<u8> {
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content_xml.as_bytes()),
    ])
}

fn w_body(inner: &str) -> String {
    format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}</w:body></w:document>"#
    )
}

fn w_para(t: &str) -> String {
    format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>")
}

const LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
"#;

fn odt_body(inner: &str) -> String {
    format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{inner}</office:text></office:body></office:document-content>"#
    )
}

/// A PDF from object bodies (object `i + 1` is `objs[i]`) and a trailer dictionary body, with a
/// correct cross-reference table.
fn pdf_of(objs: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

fn simple_pdf_objs(content: &[u8]) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ]
}

fn zlib(data_byte: u8, n: usize) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![data_byte; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        e.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    e.finish().unwrap()
}

/// One case of the corpus: a file name and its bytes.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
}

/// The corpus of hostile files. `full`: the sizes of the issue (100 MB single-line text); else
/// the big text is generated at a size that still trips the same limit quickly.
fn corpus(full: bool) -> Vec<Case> {
    let mut v = Vec::new();
    let mut add = |name: &'static str, bytes: Vec<u8>| v.push(Case { name, bytes });

    // --- zip bombs
    // deep: one part of 1 GiB of spaces inside <w:t> (about 1 MB compressed)
    let head = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#;
    let tail = b"</w:t></w:r></w:p></w:body></w:document>";
    add(
        "bomb-deep.docx",
        zip_repeated(
            &[("[Content_Types].xml", CT)],
            "word/document.xml",
            head,
            b' ',
            1 << 30,
            tail,
        ),
    );
    // wide: 20 000 entries
    {
        let names: Vec<String> = (0..20_000).map(|i| format!("word/media/p{i}.xml")).collect();
        let mut entries: Vec<(&str, &[u8])> = vec![("[Content_Types].xml", CT)];
        entries.extend(names.iter().map(|n| (n.as_str(), &b"<x/>"[..])));
        add("bomb-wide.docx", zip_of(&entries));
    }
    // wide in size: many parts read (headers), each 16 MB, together over the decompression cap
    {
        let big = vec![b' '; 16 << 20];
        let mut hdr = Vec::new();
        hdr.extend_from_slice(br#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><!--"#);
        hdr.extend_from_slice(&big);
        hdr.extend_from_slice(b"--></w:hdr>");
        let doc = w_body(&w_para("Article 1"));
        add(
            "bomb-wide-parts.docx",
            zip_of(&[
                ("[Content_Types].xml", CT),
                ("word/document.xml", doc.as_bytes()),
                ("word/header1.xml", &hdr),
                ("word/header2.xml", &hdr),
                ("word/header3.xml", &hdr),
                ("word/header4.xml", &hdr),
                ("word/header5.xml", &hdr),
            ]),
        );
    }
    // nested: a bomb zipped inside the document (nested containers are never opened)
    {
        let inner = zip_repeated(&[], "inner.xml", b"", b'0', 256 << 20, b"");
        let doc = w_body(&w_para("Article 1 — objet du marché"));
        add(
            "bomb-nested.docx",
            zip_of(&[
                ("[Content_Types].xml", CT),
                ("word/document.xml", doc.as_bytes()),
                ("word/embeddings/inner.zip", &inner),
            ]),
        );
    }
    // odt bomb
    add(
        "bomb-deep.odt",
        zip_repeated(
            &[("mimetype", b"application/vnd.oasis.opendocument.text")],
            "content.xml",
            br#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>"#,
            b'a',
            1 << 30,
            b"</text:p></office:text></office:body></office:document-content>",
        ),
    );

    // --- XML attacks
    add(
        "laughs.docx",
        docx_with(&format!("{LAUGHS}{}", w_body(&w_para("&lol9; &lol9; début")))),
    );
    add(
        "xxe.docx",
        docx_with(&format!("{LAUGHS}{}", w_body(&w_para("secret: &xxe; fin")))),
    );
    add(
        "laughs.odt",
        odt_with(&format!("{LAUGHS}{}", odt_body("<text:p>&lol9; &xxe; début</text:p>"))),
    );
    add("deep-xml.docx", docx_with(&w_body(&"<w:p>".repeat(100_000))));
    add("deep-xml.odt", odt_with(&odt_body(&"<text:span>".repeat(100_000))));
    add("unclosed.docx", docx_with(&w_body("<w:p><w:r><w:t>texte</w:r>")));
    add(
        "not-utf8-part.docx",
        zip_of(&[
            ("[Content_Types].xml", CT),
            ("word/document.xml", b"<w:document>\xc3\x28</w:document>"),
        ]),
    );

    // --- broken zips
    {
        let ok = docx_with(&w_body(&w_para("Article 1 — objet du marché")));
        add("truncated.docx", ok[..ok.len() / 2].to_vec());
        let mut bad = ok.clone();
        // flip bytes of the compressed data of the document part (after its local header)
        let name = b"word/document.xml";
        let at = bad.windows(name.len()).position(|w| w == name).unwrap() + name.len();
        for b in bad.iter_mut().skip(at + 4).take(24) {
            *b ^= 0x5a;
        }
        add("corrupted.docx", bad);
        let okt = odt_with(&odt_body("<text:p>Article 1</text:p>"));
        add("truncated.odt", okt[..okt.len() - 30].to_vec());
        add("empty.docx", Vec::new());
        add(
            "random.odt",
            (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect(),
        );
    }

    // --- PDFs
    {
        // encrypted (standard security handler, unknown password)
        let mut objs = simple_pdf_objs(b"BT /F1 12 Tf 72 712 Td (Article 1) Tj ET");
        objs.push(
            format!(
                "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{}> /U <{}> >>",
                "a1".repeat(32),
                "b2".repeat(32)
            )
            .into_bytes(),
        );
        add(
            "encrypted.pdf",
            pdf_of(
                &objs,
                "/Root 1 0 R /Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
            ),
        );
        // loops: the page tree is its own kid, a page is its own parent, a reference cycle
        let objs = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
            b"<< /Type /Page /Parent 3 0 R /Contents 4 0 R /Resources 5 0 R >>".to_vec(),
            b"4 0 R".to_vec(),
            b"5 0 R".to_vec(),
        ];
        add("loop.pdf", pdf_of(&objs, "/Root 1 0 R"));
        // huge stream: 1 GiB of zeros deflated (about 1 MB)
        let mut objs = simple_pdf_objs(b"");
        objs[3] = stream("/Filter /FlateDecode", &zlib(b' ', 1 << 30));
        add("huge-stream.pdf", pdf_of(&objs, "/Root 1 0 R"));
        // deep nesting of arrays (parser recursion)
        let mut objs = simple_pdf_objs(b"BT /F1 12 Tf 72 712 Td (Article 1) Tj ET");
        objs[4] = format!("<< /Type /Font /W {}{} >>", "[".repeat(200_000), "]".repeat(200_000)).into_bytes();
        add("deep-array.pdf", pdf_of(&objs, "/Root 1 0 R"));
        // deep nesting inside a content stream
        let content = format!(
            "BT /F1 12 Tf 72 712 Td {}(x){} TJ ET",
            "[".repeat(200_000),
            "]".repeat(200_000)
        );
        add(
            "deep-content.pdf",
            pdf_of(&simple_pdf_objs(content.as_bytes()), "/Root 1 0 R"),
        );
        // a million objects
        let mut objs = simple_pdf_objs(b"BT /F1 12 Tf 72 712 Td (Article 1) Tj ET");
        objs.extend((0..1_000_000).map(|i| format!("<< /N {i} >>").into_bytes()));
        add("many-objects.pdf", pdf_of(&objs, "/Root 1 0 R"));
        // one page of 20 MB of operators
        let mut objs = simple_pdf_objs(b"");
        objs[3] = stream("/Filter /FlateDecode", &{
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(&b"0 0 m\n".repeat(3 << 20)).unwrap();
            e.finish().unwrap()
        });
        add("ops-bomb.pdf", pdf_of(&objs, "/Root 1 0 R"));
        // garbage after the header, truncated, no xref
        add(
            "garbage.pdf",
            b"%PDF-1.7\n\x00\xff\xfe garbage 1 0 obj << /Type".to_vec(),
        );
        let ok = pdf_of(
            &simple_pdf_objs(b"BT /F1 12 Tf 72 712 Td (Article 1) Tj ET"),
            "/Root 1 0 R",
        );
        add("truncated.pdf", ok[..ok.len() / 2].to_vec());
        // huge number of operators in a page (bounded by the extracted-text cap)
        let many = "BT /F1 12 Tf 72 712 Td (clause de reversibilite) Tj ET\n".repeat(400_000);
        let mut objs = simple_pdf_objs(b"");
        objs[3] = stream("/Filter /FlateDecode", &{
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(many.as_bytes()).unwrap();
            e.finish().unwrap()
        });
        add("many-ops.pdf", pdf_of(&objs, "/Root 1 0 R"));
    }

    // --- text
    add(
        "invalid-utf8.txt",
        b"Article 1 \xff\xfe\xc3\x28 objet du march\xe9\n".to_vec(),
    );
    add(
        "utf16-nobom.txt",
        "Article 1 — Objet du marché\nLe titulaire cède les droits.\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect(),
    );
    add("nul.md", vec![0u8; 1 << 20]);
    add(
        "binary.html",
        (0..65536u32).map(|i| (i.wrapping_mul(2654435761) >> 7) as u8).collect(),
    );
    add(
        "deep.html",
        format!("<html><body>{}texte</body></html>", "<div>".repeat(200_000)).into_bytes(),
    );
    add(
        "huge-attr.html",
        format!(
            "<html><body><p title=\"{}\">texte</p></body></html>",
            "x".repeat(6 << 20)
        )
        .into_bytes(),
    );
    // one single line: 100 MB in full (over the file-size cap), else 65 MB (over it too)
    let n = if full { 100 << 20 } else { (64 << 20) + 1 };
    add("one-line.txt", vec![b'a'; n]);
    // under the file-size cap, over the text cap
    add("one-line-60mb.md", b"word ".repeat(12 << 20));
    // just under the text cap: read, folded and matched
    add("one-line-8mb.md", b"mot ".repeat((8 << 20) / 4 - 1));
    drop(add);
    v
}

fn write_corpus(dir: &Path, full: bool) -> Vec<PathBuf> {
    corpus(full)
        .into_iter()
        .map(|c| {
            let p = dir.join(c.name);
            std::fs::write(&p, &c.bytes).unwrap();
            p
        })
        .collect()
}

/// Writes the full corpus to `$HOSTILE_CORPUS_DIR` (for `bench/hostile.sh`).
#[test]
#[ignore]
fn write_full_corpus() {
    let dir = PathBuf::from(std::env::var_os("HOSTILE_CORPUS_DIR").expect("HOSTILE_CORPUS_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    write_corpus(&dir, true);
}

// ---------------------------------------------------------------- expectations

/// What a case must give: `Some((code, words))` a file error with that tool code whose message
/// holds the file name and each of the words; `None` the file is read and checked.
fn expected(name: &str) -> Option<(&'static str, &'static [&'static str])> {
    Some(match name {
        "bomb-deep.docx" | "bomb-wide-parts.docx" | "bomb-deep.odt" => {
            ("E003", &["decompressed size exceeded", "bytes"])
        }
        "bomb-wide.docx" => ("E003", &["zip entry count exceeded", "20001 entries > 10000"]),
        "deep-xml.docx" | "deep-xml.odt" => ("E003", &["XML nesting depth exceeded", "256"]),
        "unclosed.docx" => ("E004", &["XML error"]),
        "not-utf8-part.docx" => ("E004", &["is not UTF-8 text"]),
        "truncated.docx" | "truncated.odt" | "empty.docx" | "random.odt" => ("E004", &["zip container"]),
        "corrupted.docx" => ("E004", &["cannot inflate word/document.xml"]),
        "encrypted.pdf" => ("E005", &["encrypted document"]),
        "huge-stream.pdf" => ("E003", &["PDF stream size exceeded", "33554432"]),
        "many-objects.pdf" => ("E003", &["PDF object count exceeded", "100000"]),
        "many-ops.pdf" | "ops-bomb.pdf" => ("E003", &["PDF page content size exceeded", "2097152"]),
        // a cyclic page tree, a font or content nested 200 000 deep, half a file: no text comes out
        "loop.pdf" | "deep-array.pdf" | "deep-content.pdf" | "truncated.pdf" => ("E006", &["no text layer"]),
        "garbage.pdf" => ("E004", &["not a readable PDF"]),
        "one-line-60mb.md" => ("E003", &["text size exceeded", "8388608"]),
        "nul.md" | "binary.html" => ("E002", &["binary data"]),
        "one-line.txt" => ("E003", &["maximum file size exceeded", "67108864 bytes"]),
        _ => return None,
    })
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(out)))
}

/// Each case alone: a file error (exit 2) or a report (exit 0 or 1); never a panic or a hang.
#[test]
fn each_hostile_file_alone_gives_its_diagnostic_or_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_corpus(dir.path(), false);
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let out = clausier().args(["tender", "--format", "json"]).arg(f).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        let code = out.status.code();
        if stderr.contains("panicked") || code.is_none() {
            failures.push(format!("{name}: crashed ({:?}): {stderr}", out.status));
            continue;
        }
        let v = json_of(&out.stdout);
        let errors = v["errors"].as_array().cloned().unwrap_or_default();
        match expected(name) {
            Some((tool, words)) => {
                let ok = code == Some(2)
                    && errors.len() == 1
                    && errors[0]["code"] == tool
                    && stderr.contains(&format!("[{tool}]"))
                    && stderr.contains(name)
                    && words.iter().all(|w| stderr.contains(w));
                if !ok {
                    failures.push(format!(
                        "{name}: expected {tool} {words:?}, got exit {code:?}: {stderr}"
                    ));
                }
            }
            None => {
                if !(code == Some(0) || code == Some(1)) || !errors.is_empty() {
                    failures.push(format!("{name}: expected to be read, got exit {code:?}: {stderr}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// All the cases together with one good document: every bad file reported, the good one checked.
#[test]
fn the_run_goes_on_past_every_hostile_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_corpus(dir.path(), false);
    let bad = files
        .iter()
        .filter(|f| expected(f.file_name().unwrap().to_str().unwrap()).is_some())
        .count();
    let out = clausier()
        .args(["tender", "--format", "json", GOOD])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let v = json_of(&out.stdout);
    assert_eq!(
        v["errors"].as_array().unwrap().len(),
        bad,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(v["documents"].as_array().unwrap().len(), 1 + files.len() - bad);
}

/// In French (`--lang fr`) every file error is in French, and each `E003` names its limit by a
/// stable id in JSON whatever the language.
#[test]
fn file_errors_are_in_the_report_language_and_name_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path(), false);
    let out = clausier()
        .args(["--lang", "fr", "tender", "--format", "json", GOOD])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let v = json_of(&out.stdout);
    let errors = v["errors"].as_array().unwrap();
    assert!(errors.len() > 20, "{stderr}");
    for e in errors {
        let m = e["message"].as_str().unwrap();
        assert!(
            m.starts_with("impossible de lire ") && !m.contains("cannot read"),
            "{m}"
        );
        assert_eq!(e["limit"].is_string(), e["code"] == "E003", "{e}");
    }
    assert!(
        !stderr.contains("cannot read") && stderr.contains("impossible de lire"),
        "{stderr}"
    );
    let limit_of = |file: &str| error_of(&v, file).map(|e| e["limit"].clone());
    for (file, limit, words) in [
        ("bomb-wide.docx", "zip-entries", "20001 entrées > 10000 entrées"),
        (
            "bomb-deep.docx",
            "decompressed-size",
            "plus de 67108864 octets, dans word/document.xml",
        ),
        ("deep-xml.odt", "xml-depth", "profondeur d'imbrication XML"),
        ("one-line.txt", "file-size", "taille maximale de fichier"),
        ("one-line-60mb.md", "text-size", "taille du texte"),
        ("huge-stream.pdf", "pdf-stream-size", "taille de flux PDF"),
        ("many-objects.pdf", "pdf-objects", "nombre d'objets PDF"),
        ("ops-bomb.pdf", "pdf-page-content", "contenu d'une page PDF"),
    ] {
        assert_eq!(limit_of(file), Some(serde_json::json!(limit)), "{file}");
        let m = error_of(&v, file).unwrap()["message"].as_str().unwrap().to_string();
        assert!(m.contains(words) && m.contains("dépassée"), "{file}: {m}");
    }
    for (file, words) in [
        ("nul.md", "données binaires"),
        ("encrypted.pdf", "document chiffré"),
        ("loop.pdf", "pas de couche texte"),
        ("not-utf8-part.docx", "n'est pas du texte UTF-8"),
        ("truncated.odt", "pas un texte OpenDocument valide (conteneur zip)"),
    ] {
        let m = error_of(&v, file).unwrap()["message"].as_str().unwrap().to_string();
        assert!(m.contains(words), "{file}: {m}");
    }
    // the same run in English names the same limits
    let out = clausier()
        .args(["--lang", "en", "tender", "--format", "json"])
        .arg(dir.path().join("bomb-wide.docx"))
        .output()
        .unwrap();
    let v = json_of(&out.stdout);
    assert_eq!(v["errors"][0]["limit"], "zip-entries");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("zip entry count exceeded (20001 entries > 10000 entries)")
    );
}

/// Entities are never expanded: no billion laughs, no file read through an external entity.
#[test]
fn xml_entities_are_not_expanded() {
    for c in corpus(false) {
        if !matches!(c.name, "laughs.docx" | "xxe.docx" | "laughs.odt") {
            continue;
        }
        let doc = clausier::read::read_bytes(Path::new(c.name), &c.bytes).unwrap();
        assert!(doc.source.len() < 100, "{}: {:?}", c.name, doc.source);
        assert!(
            !doc.source.contains("lollol") && !doc.source.contains("root:"),
            "{}",
            c.name
        );
        assert!(
            doc.source.contains("début") || doc.source.contains("fin"),
            "{}: {:?}",
            c.name,
            doc.source
        );
    }
}

/// The text readers' decoding of odd encodings.
#[test]
fn invalid_utf8_and_bomless_utf16_are_decoded() {
    for c in corpus(false) {
        match c.name {
            "invalid-utf8.txt" => {
                let doc = clausier::read::read_bytes(Path::new(c.name), &c.bytes).unwrap();
                assert_eq!(doc.encoding, "windows-1252");
                assert!(doc.source.contains("marché"));
            }
            "utf16-nobom.txt" => {
                let doc = clausier::read::read_bytes(Path::new(c.name), &c.bytes).unwrap();
                assert_eq!(doc.encoding, "utf-16le");
                assert!(doc.source.contains("Objet du marché"));
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------- the file system

fn error_of<'a>(v: &'a serde_json::Value, file: &str) -> Option<&'a serde_json::Value> {
    v["errors"]
        .as_array()?
        .iter()
        .find(|e| e["path"].as_str().is_some_and(|p| p.ends_with(file)))
}

/// A FIFO is never opened (it would block), neither given directly nor found in a folder.
#[test]
fn a_fifo_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let st = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !st.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable: FIFO case skipped");
        return;
    }
    clausier()
        .arg("tender")
        .arg(&fifo)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("[E002]").and(predicates::str::contains("pipe.md")))
        .stderr(predicates::str::contains("not a regular file"));
    std::fs::copy(GOOD, dir.path().join("CCAP.md")).unwrap();
    let out = clausier()
        .args(["tender", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let v = json_of(&out.stdout);
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let e = error_of(&v, "pipe.md").expect("the FIFO is reported");
    assert_eq!(e["code"], "E002");
    assert!(e["message"].as_str().unwrap().contains("named pipe"));
}

use predicates::prelude::PredicateBooleanExt;

/// Symbolic links in a folder are not followed: a loop ends, a link outside the folder is not
/// read; both are reported.
#[test]
fn symlink_loops_and_links_outside_the_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "Article 1 — secret hors du dossier\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dce");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::copy(GOOD, root.join("CCAP.md")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("self.md", root.join("self.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("outside.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("outdir")).unwrap();
    let out = clausier()
        .args(["tender", "--format", "json"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let v = json_of(&out.stdout);
    assert_eq!(v["documents"].as_array().unwrap().len(), 1, "{v}");
    for f in ["sub/loop", "self.md", "outside.md", "outdir"] {
        let e = error_of(&v, f).unwrap_or_else(|| panic!("{f} reported: {v}"));
        assert_eq!(e["code"], "E002");
        assert!(e["message"].as_str().unwrap().contains("symbolic link not followed"));
    }
    assert!(!String::from_utf8_lossy(&out.stdout).contains("secret hors"));
    // a self-referencing link given directly: an I/O error, not a hang
    clausier()
        .arg("tender")
        .arg(root.join("self.md"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("[E001]").and(predicates::str::contains("self.md")));
}

/// The clausier binary run as user `nobody` through `setpriv`, for the permission cases when the
/// tests run as root (where `chmod 000` does not prevent reading). `None` when that is not
/// possible here (no `setpriv`, or `nobody` cannot reach the binary or the fixtures).
fn clausier_as_nobody() -> Option<Command> {
    let bin = assert_cmd::cargo::cargo_bin("clausier");
    let as_nobody = |prog: &str| {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", prog]);
        c
    };
    let reachable = as_nobody("test")
        .args(["-x"])
        .arg(&bin)
        .args(["-a", "-r", GOOD])
        .status()
        .is_ok_and(|s| s.success());
    if !reachable {
        return None;
    }
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin)
        .timeout(Duration::from_secs(120));
    common::without_locale(&mut c);
    Some(c)
}

/// A file without read permission gives E001 and a folder that cannot be listed is named; the run
/// goes on. As root, permissions do not prevent reading: the binary is then run as `nobody`
/// (`setpriv`); only if that is impossible is the case skipped, saying so.
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let f = dir.path().join("locked.md");
    std::fs::write(&f, "Article 1\n").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    let sub = dir.path().join("closed");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("inside.md"), "Article 2\n").unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = || {
        if std::fs::File::open(&f).is_err() {
            return Some(clausier());
        }
        let c = clausier_as_nobody();
        if c.is_none() {
            eprintln!("running as root and cannot run as nobody with setpriv: permission case skipped");
        }
        c
    };
    let Some(mut c) = run() else { return };
    c.args(["tender", GOOD])
        .arg(&f)
        .assert()
        .code(predicates::ord::lt(2))
        .stderr(
            predicates::str::contains("[E001]")
                .and(predicates::str::contains("locked.md"))
                .and(predicates::str::contains("ermission")),
        );
    let Some(mut c) = run() else { return };
    c.args(["tender", GOOD])
        .arg(dir.path())
        .assert()
        .code(predicates::ord::lt(2))
        .stderr(
            predicates::str::contains("[E001]")
                .and(predicates::str::contains("locked.md"))
                .and(predicates::str::contains("closed")),
        );
    // Only unreadable files: nothing could be checked.
    let Some(mut c) = run() else { return };
    c.args(["tender"]).arg(&f).assert().code(2);
}

/// A path that is not UTF-8 is read and named (lossily) in diagnostics and JSON.
#[test]
fn a_path_with_invalid_utf8_bytes_is_read_and_named() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join(std::ffi::OsStr::from_bytes(b"CCAP-\xff\xfe.md"));
    std::fs::copy(GOOD, &good).unwrap();
    let bad = dir.path().join(std::ffi::OsStr::from_bytes(b"nul-\xc3\x28.md"));
    std::fs::write(&bad, [0u8; 64]).unwrap();
    for target in [vec![good.clone(), bad.clone()], vec![dir.path().to_path_buf()]] {
        let out = clausier()
            .args(["tender", "--format", "json"])
            .args(&target)
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        let v = json_of(&out.stdout);
        assert_eq!(v["documents"].as_array().unwrap().len(), 1);
        let e = error_of(&v, "nul-\u{fffd}(.md").expect("named lossily");
        assert_eq!(e["code"], "E002");
        assert!(String::from_utf8_lossy(&out.stderr).contains("nul-\u{fffd}(.md"));
    }
}

// ---------------------------------------------------------------- licence strings, packs, config

/// A 1 MB licence string: normalised without panic (library: one command-line argument is
/// limited to 128 KiB by Linux, so the command line gets a 100 KB one).
#[test]
fn a_one_megabyte_licence_string_is_normalised() {
    for s in [
        "MIT OR ".repeat(150_000),
        "(".repeat(1 << 20),
        "GPL-2.0+ WITH ".repeat(80_000),
        "a".repeat(1 << 20),
        "Licence Ouverte ".repeat(65_536),
    ] {
        let n = clausier::licence::expr::normalize(&s);
        assert_eq!(n.input.len(), s.len());
    }
    let text = "Apache License Version 2.0 ".repeat(40_000);
    let _ = clausier::licence::identify::identify(&text);
    clausier()
        .args(["licence", "normalize", "--format", "json", &"MIT OR ".repeat(14_000)])
        .assert()
        .code(predicates::ord::lt(3));
}

/// `licence identify` reads regular files only, and at most 8 MiB.
#[test]
fn licence_identify_refuses_fifos_and_huge_files() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "MIT License ".repeat(800_000)).unwrap();
    clausier()
        .args(["licence", "identify"])
        .arg(&big)
        .assert()
        .code(predicates::ord::lt(3))
        .stderr(predicates::str::contains("big.txt").and(predicates::str::contains("not a licence text")));
    let fifo = dir.path().join("pipe.txt");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        clausier()
            .args(["licence", "identify"])
            .arg(&fifo)
            .assert()
            .code(predicates::ord::lt(3))
            .stderr(predicates::str::contains("pipe.txt").and(predicates::str::contains("not a regular file")));
    }
}

fn pack_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// Broken clause packs: exit 2 with a diagnostic naming the file and the fault, no panic, no hang.
#[test]
fn broken_clause_packs_are_reported() {
    let cases: Vec<(tempfile::TempDir, &str)> = vec![
        (
            pack_dir(&[("x/XYZ001-bad.toml", "id = \"XYZ001\"\nname = [unclosed\n")]),
            "XYZ001-bad.toml",
        ),
        (pack_dir(&[("x/XYZ002-bad.toml", "\u{0}\u{0}\u{0}")]), "XYZ002-bad.toml"),
        (
            pack_dir(&[(
                "x/XYZ003-regex.toml",
                "id = \"XYZ003\"\nname = \"n\"\ncategory = \"reversibility\"\nkind = \"requirement\"\nseverity = \"info\"\nlanguages = [\"fr\"]\ntitle = { en = 't', fr = 't' }\n[match]\nanchor = ['(((((']\n[message]\nen = 'm'\nfr = 'm'\n",
            )]),
            "XYZ003-regex.toml",
        ),
        (
            pack_dir(&[(
                "x/XYZ004-deep.toml",
                &format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
            )]),
            "XYZ004-deep.toml",
        ),
    ];
    for (dir, file) in &cases {
        clausier()
            .args(["tender", GOOD, "--clauses"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicates::str::contains(*file));
    }
    // a folder link loop and a FIFO inside a pack
    let dir = pack_dir(&[]);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    clausier()
        .args(["tender", GOOD, "--clauses"])
        .arg(dir.path())
        .assert()
        .code(predicates::ord::lt(3));
    let fifo = dir.path().join("pipe.toml");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        clausier()
            .args(["tender", GOOD, "--clauses"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicates::str::contains("pipe.toml").and(predicates::str::contains("not a regular file")));
    }
}

/// Broken configuration files: a typed error naming the fault, no panic.
#[test]
fn broken_config_files_are_reported() {
    let reg = clausier::clause::Registry::builtin().unwrap();
    let p = Path::new("clausier.toml");
    for text in [
        "[rules\nselect = [",
        "[rules]\nselect = [\"NOPE999\"]",
        "\u{0}\u{1}",
        "[[waiver]]\nrule = \"REV001\"\npaths = [\"**\"]\nreason = \"\"\nuntil = \"2024-99-99\"",
        &format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
        &format!("x = \"{}\"", "a".repeat(1 << 20)),
    ] {
        let e = clausier::config::Config::parse(p, text.to_string(), &reg).expect_err(text.get(..40).unwrap_or(text));
        assert!(!e.message.is_empty());
    }
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("clausier.toml");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let e = clausier::config::Config::load(&fifo, &reg).unwrap_err();
        assert!(e.message.contains("not a regular file"));
    }
}

// ---------------------------------------------------------------- time budget

/// A file whose reading outlasts the per-file budget is reported (E003, "time budget") and the
/// others are still checked. A 1 ns budget is spent by the time any text is decoded.
#[test]
fn the_per_file_time_budget_stops_one_file_not_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("slow.md");
    std::fs::write(&f, "Article 1 — objet\n".repeat(1000)).unwrap();
    clausier()
        .args(["tender", "--file-time-budget", "0.000000001"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("[E003]").and(predicates::str::contains("slow.md")))
        .stderr(predicates::str::contains("time budget exceeded"));
    // the default budget lets it through
    clausier()
        .args(["tender"])
        .arg(&f)
        .assert()
        .code(predicates::ord::lt(2));
}

/// A delivered repository full of bad metadata: every bad file is named with its reason (REP024),
/// the scan finishes and the good files are still read.
#[test]
fn hostile_repository_files_are_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let w = |p: &str, b: &[u8]| {
        let p = root.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b).unwrap();
    };
    w("LICENSE", b"SPDX-License-Identifier: MIT\n");
    w(
        "src/good.rs",
        b"// SPDX-License-Identifier: MIT\n// SPDX-FileCopyrightText: 2024 A\nfn main() {}\n",
    );
    // a 1 MB licence string in package.json
    let big = format!(
        "{{\"name\":\"x\",\"version\":\"1.0.0\",\"license\":\"{}\"}}",
        "MIT OR ".repeat(150_000)
    );
    w("package.json", big.as_bytes());
    // nesting deeper than the JSON parser's limit
    w(
        "web/package.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    // binary garbage as a pom, truncated TOML, a lockfile over the size limit
    w("java/pom.xml", &[0u8, 0xff, 0xfe, b'<', 0, 0x80, 0x81]);
    w("rs/Cargo.toml", b"[package\nname = \"x");
    w("py/requirements.txt", &vec![b'a'; 5 * 1024 * 1024]);
    // a 20 MB single line without a newline, and a file of NUL bytes
    w("data/one-line.js", &vec![b'x'; 20 * 1024 * 1024]);
    w("data/nul.md", &vec![0u8; 1024 * 1024]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("/etc/passwd", root.join("COPYING")).unwrap();
        std::fs::create_dir_all(root.join("loop")).unwrap();
        symlink("..", root.join("loop/up")).unwrap();
        let fifo = root.join("NOTICE");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "mkfifo");
    }
    // the JSON report in a language, and its REP024 messages
    let scan = |lang: &str| {
        let out = clausier()
            .args(["--lang", lang, "repo"])
            .arg(root)
            .args(["-f", "json", "--fail-level", "never"])
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let v = json_of(&out.stdout);
        let rep024: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "REP024")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        (v, rep024)
    };
    let (v, rep024) = scan("en");
    for (file, why) in [
        ("web/package.json", "not valid package.json syntax"),
        ("java/pom.xml", "not valid pom.xml syntax"),
        ("rs/Cargo.toml", "not valid Cargo.toml syntax"),
        ("py/requirements.txt", "over the limit of 4194304 bytes"),
        #[cfg(unix)]
        ("NOTICE", "not a regular file"),
    ] {
        assert!(
            rep024.iter().any(|m| m.starts_with(file) && m.ends_with(why)),
            "{file}: {why} in {rep024:#?}"
        );
    }
    // the 1 MB licence string is read, refused as too long to be a licence, and cut in the message
    let rep004 = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "REP004" && d["labels"][0]["path"] == "package.json")
        .expect("REP004 on package.json");
    assert!(
        rep004["message"].as_str().unwrap().len() < 300,
        "{}",
        &rep004["message"].to_string()[..300]
    );
    assert!(rep004["notes"].to_string().contains("too long"), "{}", rep004["notes"]);
    assert!(v["project"]["expression"].is_null());
    // the same reasons in French
    let (_, rep024) = scan("fr");
    for (file, why) in [
        ("web/package.json", "n'a pas été lu : syntaxe package.json invalide"),
        ("py/requirements.txt", "au-delà de la limite de 4194304 octets"),
        #[cfg(unix)]
        ("NOTICE", "pas un fichier ordinaire"),
    ] {
        assert!(
            rep024.iter().any(|m| m.starts_with(file) && m.ends_with(why)),
            "{file}: {why} in {rep024:#?}"
        );
    }
    // the good file is still covered, the symlinks were not followed
    let files = v["files"].as_array().unwrap();
    let good = files.iter().find(|f| f["path"] == "src/good.rs").unwrap();
    assert_eq!(good["licences"], serde_json::json!(["MIT"]));
    assert!(
        !files
            .iter()
            .any(|f| f["path"].as_str().unwrap().starts_with("loop/up/"))
    );
}
