//! Office and PDF readers: blocks, kinds, locators and errors on the fixtures of
//! `fixtures/tender/office/` (made by `make_fixtures.py` there).

use clausier::read::{self, BlockKind, Document, Locator};
use std::path::Path;

fn fixture(name: &str) -> Document {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/tender/office")
        .join(name);
    read::read_path(&p).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn dump(d: &Document) -> Vec<(BlockKind, String, Locator)> {
    d.blocks
        .iter()
        .map(|b| (b.kind, b.text(&d.source), b.locator.clone()))
        .collect()
}

#[test]
fn debug_dump() {
    for f in ["ccap-clauses.docx", "ccap-clauses.odt"] {
        let d = fixture(f);
        for b in dump(&d) {
            eprintln!("{b:?}");
        }
    }
}

#[test]
fn debug_pdf() {
    for f in ["ccap-pages.pdf"] {
        let d = fixture(f);
        eprintln!("{}\n---", d.source);
        for b in dump(&d) {
            eprintln!("{b:?}");
        }
        eprintln!("{:?}", d.warnings);
    }
    for f in ["encrypted.pdf", "scanned.pdf", "truncated.docx"] {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/tender/office")
            .join(f);
        eprintln!("{:?}", read::read_path(&p).err().map(|e| (e.code(), e.to_string())));
    }
}
