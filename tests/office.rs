//! Office and PDF readers: blocks, kinds, locators and errors on the fixtures of
//! `fixtures/tender/office/` (made by `make_fixtures.py` there), and the limits against hostile
//! containers.

use clausier::consultation::Analyzed;
use clausier::error::{Limit, ReadError};
use clausier::i18n::Lang;
use clausier::normalize::fold_document;
use clausier::read::{self, BlockKind, Document};
use clausier::report::human::locator_text;
use std::path::{Path, PathBuf};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/tender/office")
        .join(name)
}

fn fixture(name: &str) -> Document {
    read::read_path(&fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `kind | locator | text` for every block.
fn dump(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .map(|b| {
            format!(
                "{:?} | {} | {}",
                b.kind,
                locator_text(&b.locator, Lang::En),
                b.text(&d.source)
            )
        })
        .collect()
}

/// What the rich `.docx` and `.odt` fixtures hold, in order.
const OFFICE_BLOCKS: &[&str] = &[
    "HeaderFooter | header, paragraph 1 | CCAP – Portail des aides – version 3",
    "HeaderFooter | footer, paragraph 1 | Page 1",
    "Paragraph | body, paragraph 1 | Cahier des clauses administratives particulières",
    "Heading(1) | body, paragraph 2 | Article 1 – Objet du marché",
    "Paragraph | body, paragraph 3 | Le marché porte sur la refonte{SPACES}du portail\tdes aides agricoles & rurales.",
    "Heading(1) | body, paragraph 4 | Article 8 – Propriété intellectuelle",
    "Heading(2) | body, paragraph 5 | 8.7 Droits sur les résultats",
    "Paragraph | body, paragraph 6 | Les résultats sont diffusés sous une licence libre choisie par l’acheteur.",
    "Note | footnote, paragraph 1 | La licence retenue est compatible avec l'EUPL.",
    "Paragraph | body, paragraph 7 | Les codes sources livrés restent confidentiels jusqu'à la réception.",
    "ListItem | body, paragraph 8 | Le titulaire remet un inventaire des composants.",
    "ListItem | body, paragraph 9 | Le titulaire signale les dépendances tierces.",
    "Heading(1) | body, paragraph 10 | Article 9 – Livrables",
    "TableCell | body, table 1, row 1, cell 1 | Livrable",
    "TableCell | body, table 1, row 1, cell 2 | Conditions",
    "TableCell | body, table 1, row 2, cell 1 | Code source",
    "TableCell | body, table 1, row 2, cell 2 | Remis dans un dépôt public sous licence libre.",
    "Paragraph | body, paragraph 11 | Fin du cahier.",
];

fn expected(spaces: &str) -> Vec<String> {
    OFFICE_BLOCKS.iter().map(|s| s.replace("{SPACES}", spaces)).collect()
}

#[test]
fn docx_blocks_kinds_and_locators() {
    let d = fixture("ccap-clauses.docx");
    assert_eq!(d.format, read::Format::Docx);
    // the run break and the tab of paragraph 3 are a space and a tab; a word split across three
    // runs and a character reference are joined
    assert_eq!(dump(&d), expected(" "));
    // one block per line, each block a verbatim range of the source
    assert_eq!(d.source.lines().count(), d.blocks.len());
    for b in &d.blocks {
        assert_eq!(b.pieces.len(), 1);
        assert_eq!(b.pieces[0].src, b.range);
        assert!(!d.source[b.range.clone()].contains('\n'));
    }
}

#[test]
fn odt_blocks_kinds_and_locators() {
    let d = fixture("ccap-clauses.odt");
    assert_eq!(d.format, read::Format::Odt);
    // `<text:s text:c="3"/>` is three spaces
    assert_eq!(dump(&d), expected("   "));
}

#[test]
fn tracked_deletions_and_comments_are_not_read() {
    for name in ["ccap-clauses.docx", "ccap-clauses.odt"] {
        let d = fixture(name);
        // the deleted open-licence clause
        assert!(!d.source.contains("EUPL-1.2"), "{name}: tracked deletion read");
        // the reviewer's comment
        assert!(
            !d.source.contains("Relecteur") && !d.source.contains("relecteur"),
            "{name}: comment read"
        );
        // the insertion that replaced it is read
        assert!(
            d.source.contains("Les codes sources livrés restent confidentiels"),
            "{name}"
        );
    }
}

#[test]
fn footnote_and_table_cell_carry_the_heading_path() {
    for name in ["ccap-clauses.docx", "ccap-clauses.odt"] {
        let a = Analyzed::new(fixture(name), None);
        let note = a
            .doc
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Note)
            .expect("a note");
        assert_eq!(
            a.heading_path_source(note),
            vec!["Article 8 – Propriété intellectuelle", "8.7 Droits sur les résultats"],
            "{name}"
        );
        let cell = a.doc.blocks.len() - 2;
        assert_eq!(a.doc.blocks[cell].kind, BlockKind::TableCell);
        assert_eq!(a.heading_path_source(cell), vec!["Article 9 – Livrables"], "{name}");
        // headers and footers belong to no section
        assert!(a.heading_path_source(0).is_empty());
    }
}

#[test]
fn pdf_pages_lines_running_headers_and_page_break() {
    let d = fixture("ccap-pages.pdf");
    assert_eq!(d.format, read::Format::Pdf);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let blocks = dump(&d);
    assert_eq!(
        blocks,
        vec![
            "Heading(1) | page 1, line 2 | Article 1 – Objet du marché",
            "Paragraph | page 1, line 3 | Le marché porte sur la refonte du portail des aides agricoles et rurales, y compris sa\ndocumentation.",
            "Paragraph | page 1, line 5 | Le titulaire tient un journal des anomalies et le transmet chaque mois au service gesti-\nonnaire, qui le verse au dossier du marché avec ses observations.",
            "Paragraph | page 1, line 7 | Le titulaire tient un journal des anomalies et le transmet chaque mois au service gesti-\nonnaire, qui le verse au dossier du marché avec ses observations.",
            "Heading(1) | page 1, line 9 | Article 8 – Propriété intellectuelle",
            "Paragraph | page 1, line 10 | Les résultats sont diffusés sous une licence libre choisie par l'acheteur, avec leur\ndocumentation d'installation et d'exploitation.",
            // cut by the page break: one block whose pieces span pages 1 and 2
            "Paragraph | page 1, line 12 | Les codes sources remis par le titulaire au terme de chaque lot demeurent\nstrictement confidentiels jusqu'à la réception définitive des prestations.",
            "Heading(1) | page 2, line 3 | Article 9 – Livrables",
            "Paragraph | page 2, line 4 | Le titulaire livre un inventaire des composants logiciels et de leurs licen-\nces respectives, mis à jour à chaque version.",
            "Heading(1) | page 3, line 2 | Article 10 – Réversibilité",
            "Paragraph | page 3, line 3 | En fin de marché, le titulaire assiste l'acheteur dans la reprise des données.",
        ]
    );
    // running header and page numbers are not text
    assert!(!d.source.contains("Portail des aides"));
    assert!(!d.source.contains("sur 3"));
    // hyphenation at a line end is repaired by the folding, and the clause reads across the page
    let f = fold_document(&d);
    assert!(f.text.contains("leurs licences respectives"), "{}", f.text);
    assert!(f.text.contains("chaque lot demeurent strictement confidentiels"));
    let at = f.text.find("demeurent strictement").unwrap();
    let r = f.source_range(at..at + "demeurent strictement".len());
    assert_eq!(&d.source[r], "demeurent\nstrictement");
}

#[test]
fn encrypted_textless_and_truncated_files_are_clear_errors() {
    let err = |name: &str| read::read_path(&fixture_path(name)).expect_err(name);
    let e = err("encrypted.pdf");
    assert!(matches!(e, ReadError::Encrypted { .. }), "{e}");
    assert_eq!(e.code(), "E005");
    let e = err("scanned.pdf");
    assert!(matches!(e, ReadError::NoText { .. }), "{e}");
    assert_eq!(e.code(), "E006");
    assert!(e.to_string().contains("no text layer: OCR the file first"));
    let e = err("truncated.docx");
    assert!(matches!(e, ReadError::Malformed { .. }), "{e}");
    assert_eq!(e.code(), "E004");
    // garbage under a PDF name
    let e = read::read_bytes(Path::new("x.pdf"), b"%PDF-1.7\nnot really").expect_err("garbage");
    assert!(
        matches!(e, ReadError::Malformed { .. } | ReadError::NoText { .. }),
        "{e}"
    );
    let e = read::read_bytes(Path::new("x.odt"), b"PK\x03\x04 broken").expect_err("broken odt");
    assert!(matches!(e, ReadError::Malformed { .. }), "{e}");
}

#[test]
fn a_bad_file_does_not_stop_the_run() {
    let loaded = clausier::consultation::load(&[fixture_path("encrypted.pdf"), fixture_path("ccap-clauses.docx")]);
    assert_eq!(loaded.consultation.docs.len(), 1);
    assert_eq!(loaded.errors.len(), 1);
}

// ---------------------------------------------------------------- limits

mod common;
use common::zip_of;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn docx_with(body: &str) -> Vec<u8> {
    let xml = format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

fn limit_of(e: ReadError) -> Limit {
    match e {
        ReadError::Limit { limit, .. } => limit,
        e => panic!("not a limit: {e}"),
    }
}

#[test]
fn zip_bomb_is_stopped_while_inflating() {
    // 70 MB of paragraphs inflate from a few hundred kilobytes
    let para = "<w:p><w:r><w:t>Le titulaire livre les sources.</w:t></w:r></w:p>";
    let body = para.repeat(70 * 1024 * 1024 / para.len());
    let bytes = docx_with(&body);
    assert!(bytes.len() < 2 * 1024 * 1024);
    let e = read::read_bytes(Path::new("bomb.docx"), &bytes).expect_err("bomb");
    assert_eq!(e.code(), "E003");
    assert_eq!(limit_of(e), Limit::DecompressedSize);
}

#[test]
fn too_much_text_is_a_limit() {
    // under the decompression cap, over the text cap
    let para = "<w:p><w:r><w:t>Le titulaire livre les sources sous une licence libre.</w:t></w:r></w:p>";
    let body = para.repeat(12 * 1024 * 1024 / 50);
    let e = read::read_bytes(Path::new("big.docx"), &docx_with(&body)).expect_err("big");
    assert_eq!(limit_of(e), Limit::ExtractedTextSize);
}

#[test]
fn too_many_entries_is_a_limit() {
    let names: Vec<String> = (0..10_001).map(|i| format!("media/{i}.bin")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let e = read::read_bytes(Path::new("many.docx"), &zip_of(&entries)).expect_err("many");
    assert_eq!(limit_of(e), Limit::ZipEntries);
}

#[test]
fn deep_xml_is_a_limit() {
    let body = format!(
        "<w:p>{}<w:r><w:t>x</w:t></w:r>{}</w:p>",
        "<w:sdt>".repeat(400),
        "</w:sdt>".repeat(400)
    );
    let e = read::read_bytes(Path::new("deep.odt"), &docx_with(&body)).expect_err("deep");
    // an .odt name with Word content: no content.xml
    assert!(matches!(e, ReadError::Malformed { .. }));
    let e = read::read_bytes(Path::new("deep.docx"), &docx_with(&body)).expect_err("deep");
    assert_eq!(limit_of(e), Limit::XmlDepth);
}

#[test]
fn entities_declared_in_a_doctype_do_not_expand() {
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY a "hahahahahahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<w:document {W}><w:body><w:p><w:r><w:t>avant &c; après &amp; &#233;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
    let d = read::read_bytes(Path::new("lol.docx"), &bytes).expect("reads");
    assert_eq!(d.source, "avant  après & é");
}

#[test]
fn hostile_pdfs_give_errors_not_panics() {
    let good = std::fs::read(fixture_path("ccap-pages.pdf")).unwrap();
    for cut in [10, 100, good.len() / 2, good.len() - 30] {
        let _ = read::read_bytes(Path::new("cut.pdf"), &good[..cut]);
    }
    let mut flipped = good.clone();
    for i in (0..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5a;
    }
    let _ = read::read_bytes(Path::new("flipped.pdf"), &flipped);
}

// ---------------------------------------------------------------- same consultation, four formats

#[test]
fn the_same_consultation_gets_the_same_verdicts_in_every_format() {
    use clausier::clause::Registry;
    use clausier::engine::Engine;
    let reg = Registry::builtin().expect("built-in packs load");
    let engine = Engine::new(&reg).expect("built-in patterns compile");
    let mut results = Vec::new();
    for ext in ["md", "docx", "odt", "pdf"] {
        let loaded = clausier::consultation::load(&[fixture_path(&format!("same/ccap.{ext}"))]);
        assert!(loaded.errors.is_empty(), "{ext}: {:?}", loaded.errors);
        let c = &loaded.consultation;
        let findings = engine.run(&reg, c);
        let verdicts = clausier::verdict::decide(&reg, &engine, c, &findings);
        let mut found: Vec<(String, String)> = findings
            .iter()
            .map(|f| {
                let text = &c.docs[f.doc].folded.text[f.folded.clone()];
                (reg.rules[f.rule].id.clone(), text.to_string())
            })
            .collect();
        found.sort();
        let v: Vec<(String, String)> = verdicts
            .iter()
            .map(|v| (reg.categories[v.category].id.clone(), v.status.name().to_string()))
            .collect();
        results.push((ext, v, found));
    }
    let (_, v0, f0) = &results[0];
    // the consultation declares the sources confidential: SRC001 must fire
    assert!(f0.iter().any(|(id, _)| id == "SRC001"), "{f0:?}");
    assert!(
        v0.iter().any(|(c, s)| c == "source-delivery" && s == "violated"),
        "{v0:?}"
    );
    for (ext, v, f) in &results[1..] {
        assert_eq!(v, v0, "verdicts of .{ext} differ from .md");
        assert_eq!(f, f0, "findings of .{ext} differ from .md");
    }
}

#[test]
fn a_page_without_text_is_a_warning_shown_in_the_report() {
    let d = fixture("partly-scanned.pdf");
    assert_eq!(d.blocks.len(), 2);
    assert_eq!(
        d.warnings,
        vec!["page(s) 2 have no text layer (scanned?): OCR them first, their clauses cannot be checked"]
    );
    let out = assert_cmd::Command::cargo_bin("clausier")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--color",
            "never",
            "--lang",
            "en",
            "tender",
            "fixtures/tender/office/partly-scanned.pdf",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W001")
        .expect("a W001 diagnostic");
    assert_eq!(w["severity"], "warning");
    assert!(w["message"].as_str().unwrap().contains("page(s) 2 have no text layer"));
}
