//! Every output format on the same consultation; SARIF validated against the official schema;
//! GitLab Code Quality shape; configuration (waivers, overrides, selection) and baselines.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;

fn clausier() -> Command {
    let mut c = common::clausier();
    c.env("CLAUSIER_TODAY", "2026-11-23");
    c
}

fn output(args: &[&str]) -> String {
    String::from_utf8(clausier().args(args).output().unwrap().stdout).unwrap()
}

const CASES: [&str; 2] = ["fixtures/tender/fr-noncompliant", "fixtures/tender/en-compliant"];

#[test]
fn every_format_of_the_same_consultation_is_pinned() {
    for case in CASES {
        let name = case.rsplit('/').next().unwrap();
        for format in ["sarif", "gitlab", "github", "markdown"] {
            let out = output(&["tender", case, "--format", format, "--lang", "en", "--no-config"]);
            assert!(!out.is_empty() || format == "github", "{format} {case}");
            insta::assert_snapshot!(format!("{format}-{name}"), out);
        }
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let mut schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    // the published schema's `language` patterns have a stray `]` that strict regex engines
    // reject; put the intended pattern (a language tag such as `fr` or `fr-FR`)
    fn fix(v: &mut Value) -> usize {
        match v {
            Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                1
            }
            Value::Array(a) => a.iter_mut().map(fix).sum(),
            Value::Object(o) => o.values_mut().map(fix).sum(),
            _ => 0,
        }
    }
    assert!(fix(&mut schema) >= 1);
    jsonschema::draft4::new(&schema).expect("schema compiles")
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let validator = sarif_validator();
    for case in CASES
        .iter()
        .chain(&["fixtures/tender/fr-html", "fixtures/tender/office/ccap-clauses.docx"])
    {
        let out = output(&["tender", case, "--format", "sarif", "--no-config"]);
        let log: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{case}: {errors:#?}");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for r in run["results"].as_array().unwrap() {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
            assert!(r["partialFingerprints"]["clausier/v1"].as_str().unwrap().len() == 16);
            assert!(
                !r["locations"].as_array().unwrap().is_empty(),
                "GitHub needs a location: {r}"
            );
        }
    }
    // office locators travel in the result properties
    let out = output(&[
        "tender",
        "fixtures/tender/office/ccap-clauses.docx",
        "--format",
        "sarif",
        "--no-config",
    ]);
    assert!(out.contains("\"locator\""), "{out}");
}

#[test]
fn gitlab_code_quality_has_the_required_keys() {
    let out = output(&["tender", CASES[0], "--format", "gitlab", "--no-config"]);
    let issues: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!issues.is_empty());
    let mut fps = std::collections::HashSet::new();
    for i in &issues {
        assert!(i["description"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(i["check_name"].is_string());
        assert!(
            fps.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "fingerprints are unique"
        );
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()));
        assert!(
            i["location"]["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("fixtures/"))
        );
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn github_annotations_escape_their_properties() {
    let out = output(&["tender", CASES[0], "--format", "github", "--no-config"]);
    assert!(
        out.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{out}"
    );
    assert!(out.contains("file=fixtures/tender/fr-noncompliant/CCAP.md,line=17,col=5"));
}

fn write_config(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("clausier.toml");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn waivers_apply_and_unused_or_expired_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(
        dir.path(),
        r#"
[[waiver]]
rule = "BRD001"
path = "fixtures/tender/fr-noncompliant/CCTP.md"
reason = "the marketing platform is already licensed until 2028"

[[waiver]]
rule = "SRC004"
reason = "kept for the next consultation"

[[waiver]]
rule = "RLC002"
reason = "old exception"
expires = "2025-01-01"
"#,
    );
    let out = clausier()
        .args(["tender", CASES[0], "--format", "json", "--config"])
        .arg(&cfg)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("W002").and(predicate::str::contains("SRC004")))
        .stderr(predicate::str::contains("W003").and(predicate::str::contains("expired on 2025-01-01")))
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"BRD001"), "waived");
    assert!(codes.contains(&"RLC002"), "an expired waiver no longer applies");
    let brand = v["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "brand-neutrality")
        .unwrap();
    assert_eq!(
        brand["status"], "satisfied",
        "a waived finding no longer violates its category"
    );
}

#[test]
fn severity_overrides_and_selection_change_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    // fr-html only has warnings (missing categories): exit 0 by default…
    clausier()
        .args(["tender", "fixtures/tender/fr-html", "--no-config"])
        .assert()
        .code(0);
    // …and 1 when one of them is raised to error
    let cfg = write_config(dir.path(), "[severity]\nSBM000 = \"error\"\n");
    clausier()
        .args(["tender", "fixtures/tender/fr-html", "--config"])
        .arg(&cfg)
        .assert()
        .code(1);
    // selecting only the source-delivery rules leaves nothing failing in fr-pdf-converted but SRC001
    let cfg = write_config(dir.path(), "[rules]\nselect = [\"SRC\"]\n");
    let out = clausier()
        .args([
            "tender",
            "fixtures/tender/fr-pdf-converted",
            "--format",
            "json",
            "--config",
        ])
        .arg(&cfg)
        .output()
        .unwrap()
        .stdout;
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"].as_str().unwrap().starts_with("SRC"))
    );
}

#[test]
fn configuration_errors_point_into_the_file_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), "[[waiver]]\nrule = \"BRD001\"\nreason = \"\"\n");
    clausier()
        .args(["tender", CASES[0], "--config"])
        .arg(&cfg)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("E011").and(predicate::str::contains("reason")));
    let cfg = write_config(dir.path(), "[severity]\nNOPE42 = \"error\"\n");
    clausier()
        .args(["tender", CASES[0], "--color", "never", "--config"])
        .arg(&cfg)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("clausier.toml:2:1").and(predicate::str::contains("NOPE42")));
}

#[test]
fn a_baseline_hides_known_findings_and_shows_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let cons = dir.path().join("dce");
    std::fs::create_dir(&cons).unwrap();
    std::fs::copy("fixtures/tender/fr-noncompliant/CCAP.md", cons.join("CCAP.md")).unwrap();
    let base = dir.path().join("baseline.json");
    clausier()
        .arg("baseline")
        .arg(&cons)
        .arg("-o")
        .arg(&base)
        .arg("--no-config")
        .assert()
        .success();
    clausier()
        .arg("tender")
        .arg(&cons)
        .arg("--baseline")
        .arg(&base)
        .arg("--no-config")
        .assert()
        .code(0);
    let mut text = std::fs::read_to_string(cons.join("CCAP.md")).unwrap();
    text.push_str("\nLe titulaire conserve la propriété des logiciels développés.\n");
    std::fs::write(cons.join("CCAP.md"), text).unwrap();
    let out = clausier()
        .arg("tender")
        .arg(&cons)
        .args(["--format", "json", "--no-config", "--baseline"])
        .arg(&base)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let errors: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["code"], "IPR002");
}

#[test]
fn completions_and_man_page() {
    clausier()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("clausier"));
    clausier()
        .args(["man"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH clausier"));
}

const REPO: &str = "fixtures/repos/gpl-dependency";

#[test]
fn every_format_of_the_same_repository_is_pinned_and_sarif_is_valid() {
    for format in ["json", "sarif", "gitlab", "github", "markdown"] {
        let out = output(&["repo", REPO, "--format", format, "--lang", "en"]);
        assert!(!out.is_empty(), "{format}");
        insta::assert_snapshot!(format!("repo-{format}-gpl-dependency"), out);
    }
    let log: Value = serde_json::from_str(&output(&["repo", REPO, "--format", "sarif"])).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let ids: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"REP005"), "{ids:?}");
    let issues: Vec<Value> = serde_json::from_str(&output(&["repo", REPO, "--format", "gitlab"])).unwrap();
    assert!(
        issues
            .iter()
            .all(|i| i["location"]["lines"]["begin"].as_u64().unwrap() >= 1)
    );
}
