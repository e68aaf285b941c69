//! The tender fixtures (`fixtures/tender/<case>/`): each folder is one consultation whose
//! `expected.toml` gives the verdict of every category. The human and JSON renderings are pinned
//! by insta snapshots.

use assert_cmd::Command;
use clausier::clause::Registry;
use clausier::consultation;
use clausier::engine::Engine;
use clausier::verdict;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("fixtures/tender")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected.toml").exists())
        .collect();
    v.sort();
    v
}

#[test]
fn every_fixture_gets_its_expected_verdicts() {
    let reg = Registry::builtin().unwrap();
    let engine = Engine::new(&reg).unwrap();
    let cases = cases();
    assert!(cases.len() >= 8, "fixtures missing: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let expected: BTreeMap<String, String> =
            toml::from_str(&std::fs::read_to_string(case.join("expected.toml")).unwrap()).unwrap();
        let files: Vec<PathBuf> = clausier::read::documents_in(case).unwrap();
        let loaded = consultation::load(&files);
        assert!(loaded.errors.is_empty(), "{case:?}: {:?}", loaded.errors);
        let findings = engine.run(&reg, &loaded.consultation);
        let verdicts = verdict::decide(&reg, &engine, &loaded.consultation, &findings);
        assert_eq!(
            expected.len(),
            11,
            "{case:?}: expected.toml must list the 11 categories"
        );
        for v in verdicts {
            let cat = &reg.categories[v.category].id;
            let want = expected.get(cat).map(String::as_str).unwrap_or("?");
            if v.status.name() != want {
                failures.push(format!(
                    "{}: {cat}: expected {want}, got {}",
                    case.display(),
                    v.status.name()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn run(args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("clausier")
        .unwrap()
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap())
}

fn name(case: &Path) -> String {
    case.file_name().unwrap().to_string_lossy().to_string()
}

#[test]
fn human_rendering_of_each_fixture() {
    for case in cases() {
        let path = case.to_string_lossy().replace('\\', "/");
        let (out, _) = run(&["tender", &path, "--color", "never", "--lang", "en"]);
        insta::assert_snapshot!(format!("human-{}", name(&case)), out);
    }
}

#[test]
fn json_rendering_of_each_fixture() {
    for case in cases() {
        let path = case.to_string_lossy().replace('\\', "/");
        let (out, _) = run(&["tender", &path, "--format", "json", "--lang", "en"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], clausier::report::SCHEMA_VERSION);
        insta::assert_snapshot!(format!("json-{}", name(&case)), out);
    }
}

#[test]
fn french_rendering_uses_french_messages_and_typography() {
    let (out, code) = run(&[
        "tender",
        "fixtures/tender/fr-noncompliant",
        "--color",
        "never",
        "--lang",
        "fr",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("codes sources déclarés confidentiels"), "{out}");
    assert!(out.contains("bilan\u{202f}:"), "{out}");
    insta::assert_snapshot!("human-fr-noncompliant-in-french", out);
}
