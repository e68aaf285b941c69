//! The command line as a user meets it: exit codes, bad input, `explain`, `rules`.

use predicates::prelude::*;

mod common;
use common::clausier;

#[test]
fn exit_code_is_1_on_errors_and_0_when_the_fail_level_is_not_reached() {
    clausier()
        .args(["tender", "fixtures/tender/fr-noncompliant"])
        .assert()
        .code(1);
    clausier()
        .args(["tender", "fixtures/tender/fr-compliant"])
        .assert()
        .code(0);
    clausier()
        .args(["tender", "fixtures/tender/fr-noncompliant", "--fail-level", "never"])
        .assert()
        .code(0);
    // fr-compliant has no warning; fr-html has missing categories of severity warning
    clausier()
        .args(["tender", "fixtures/tender/fr-html", "--fail-level", "warning"])
        .assert()
        .code(1);
    clausier()
        .args(["tender", "fixtures/tender/fr-compliant", "--fail-level", "info"])
        .assert()
        .code(1);
}

#[test]
fn unreadable_and_binary_files_are_reported_and_the_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("scan.txt");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 0, 0]).unwrap();
    let missing = dir.path().join("absent.md");
    let out = clausier()
        .args(["tender", "fixtures/tender/fr-compliant/CCAP.md"])
        .arg(&bin)
        .arg(&missing)
        .args(["--format", "json"])
        .assert()
        .code(1) // the CCAP alone lacks clauses of the CCTP
        .stderr(predicate::str::contains("scan.txt").and(predicate::str::contains("binary data")))
        .stderr(predicate::str::contains("absent.md"))
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(v["errors"].as_array().unwrap().len(), 2);
    assert_eq!(v["summary"]["unreadable"], 2);
}

#[test]
fn nothing_readable_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    clausier()
        .arg("tender")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no document"));
    clausier()
        .args(["tender", "no/such/file.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.md"));
}

#[test]
fn usage_errors_exit_2() {
    clausier()
        .args(["tender", "fixtures/tender/fr-compliant", "--format", "yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("yaml"));
    clausier().args(["tender"]).assert().code(2);
    clausier().args(["frobnicate"]).assert().code(2);
}

#[test]
fn explain_by_code_and_by_name_in_both_languages() {
    clausier()
        .args(["explain", "SRC001", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("# sources-declared-confidential (SRC001)"))
        .stdout(predicate::str::contains("## Examples"));
    clausier()
        .args(["explain", "brand-required-without-equivalent", "--lang", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains("R2111-7"))
        .stdout(predicate::str::contains("Comment corriger"));
    clausier()
        .args(["explain", "ORS000"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Suggested clause"));
    clausier()
        .args(["explain", "SRC01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean").and(predicate::str::contains("SRC001")));
}

#[test]
fn rules_lists_every_rule_also_as_json() {
    let out = clausier()
        .args(["rules", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"BRD001") && codes.contains(&"ORS000"));
    clausier().args(["rules", "--category", "nope"]).assert().code(2);
}

#[test]
fn lang_defaults_from_the_environment() {
    clausier()
        .env("LANG", "fr_FR.UTF-8")
        .args(["tender", "fixtures/tender/fr-noncompliant", "--color", "never"])
        .assert()
        .stdout(predicate::str::contains("bilan"));
    clausier()
        .env("LANG", "en_US.UTF-8")
        .args(["tender", "fixtures/tender/fr-noncompliant", "--color", "never"])
        .assert()
        .stdout(predicate::str::contains("summary"));
}

#[test]
fn extra_clause_pack_adds_a_rule_without_rust() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("open-formats");
    std::fs::create_dir_all(&cat).unwrap();
    std::fs::write(
        cat.join("FMT900-dwg-drawings-required.toml"),
        r#"id = "FMT900"
name = "dwg-drawings-required"
category = "open-formats"
kind = "anti-pattern"
severity = "warning"
languages = ["fr"]
title = "Plans exigés au format DWG"
[reference]
source = "CRPA"
[match]
anchor = ['\bdwg\b']
[message]
en = "DWG drawings required"
fr = "plans exigés au format DWG"
[label]
en = "DWG"
fr = "DWG"
[help]
en = "accept DXF or IFC"
fr = "accepter DXF ou IFC"
[explain]
what = "x"
why = "y"
fix = "z"
[[example]]
expect = "fail"
text = "Les plans sont remis au format DWG."
[[example]]
expect = "pass"
text = "Les plans sont remis au format IFC."
"#,
    )
    .unwrap();
    let doc = dir.path().join("CCTP.md");
    std::fs::write(&doc, "Les plans de récolement sont remis au format DWG.\n").unwrap();
    clausier()
        .arg("tender")
        .arg(&doc)
        .arg("--clauses")
        .arg(dir.path())
        .args(["--lang", "fr", "--color", "never"])
        .assert()
        .stdout(predicate::str::contains("warning[FMT900]"));
}
