//! Snapshots of `clausier tender` on a .docx and a .pdf fixture: the human and JSON outputs
//! show the locators (part, paragraph, table cell; page and line) and the heading paths.

use assert_cmd::Command;

fn tender(path: &str, format: &str) -> String {
    let out = Command::cargo_bin("clausier")
        .expect("binary built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--color", "never", "--lang", "en", "tender", path, "--format", format])
        .output()
        .expect("runs");
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    let err = String::from_utf8_lossy(&out.stderr);
    if !err.is_empty() {
        s.push_str("--- stderr\n");
        s.push_str(&err);
    }
    s
}

#[test]
fn docx_human() {
    insta::assert_snapshot!(tender("fixtures/tender/office/ccap-clauses.docx", "human"));
}

#[test]
fn docx_json() {
    insta::assert_snapshot!(tender("fixtures/tender/office/ccap-clauses.docx", "json"));
}

#[test]
fn pdf_human() {
    insta::assert_snapshot!(tender("fixtures/tender/office/ccap-pages.pdf", "human"));
}

#[test]
fn pdf_json() {
    insta::assert_snapshot!(tender("fixtures/tender/office/ccap-pages.pdf", "json"));
}
