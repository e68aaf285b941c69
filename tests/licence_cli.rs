//! `clausier licence …` and `clausier sill …` from the command line.

use assert_cmd::Command;
use predicates::prelude::*;

fn clausier() -> Command {
    let mut c = Command::cargo_bin("clausier").unwrap();
    c.env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

#[test]
fn identify_stdin_json() {
    let text = format!(
        "{}\n\n{}",
        spdx::license_id("MIT").unwrap().text(),
        spdx::license_id("Apache-2.0").unwrap().text()
    );
    let out = clausier()
        .args(["licence", "identify", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let matches = v[0]["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 2);
    let ids: Vec<&str> = matches.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"MIT") && ids.contains(&"Apache-2.0"));
    for m in matches {
        assert!(m["score"].as_f64().unwrap() > 0.95);
        assert!(m["start_line"].as_u64().unwrap() <= m["end_line"].as_u64().unwrap());
    }
    // best first
    assert!(matches[0]["score"].as_f64() >= matches[1]["score"].as_f64());
}

#[test]
fn identify_exit_codes_and_french() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, "# Outil\n\nUn outil pour les marchés publics.\n").unwrap();
    clausier()
        .args(["--lang", "fr", "licence", "identify"])
        .arg(&readme)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("aucune licence reconnue"));
    clausier()
        .args(["licence", "identify"])
        .arg(dir.path().join("missing"))
        .assert()
        .code(2);
}

#[test]
fn normalize_json_and_exit_codes() {
    let out = clausier()
        .args([
            "licence",
            "normalize",
            "GPL-2.0+",
            "MIT/Apache-2.0",
            "Licence Ouverte",
            "MIT",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["input"], "GPL-2.0+");
    assert_eq!(v[0]["expression"], "GPL-2.0-or-later");
    assert_eq!(v[0]["canonical"], false);
    assert!(!v[0]["notes"].as_array().unwrap().is_empty());
    assert_eq!(v[1]["expression"], "MIT OR Apache-2.0");
    assert_eq!(v[2]["expression"], "etalab-2.0");
    assert_eq!(v[3]["canonical"], true);
    clausier()
        .args(["--lang", "fr", "licence", "normalize", "une licence maison"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("non reconnue"));
}

#[test]
fn check_outbound() {
    let out = clausier()
        .args([
            "licence",
            "check",
            "--outbound",
            "MIT",
            "GPL-3.0-only",
            "BSD-3-Clause",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["verdict"], "conflict");
    assert!(v[0]["reason"].as_str().unwrap().contains("GPL"));
    assert_eq!(v[1]["verdict"], "ok");
    clausier()
        .args(["licence", "check", "--outbound", "EUPL-1.2", "MIT", "Apache-2.0"])
        .assert()
        .code(0);
    clausier()
        .args(["licence", "check", "--outbound", "GPL-3.0-only", "EUPL-1.2"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("EUPL art. 5"));
    // in French, the reasons and notes too
    clausier()
        .args([
            "--lang",
            "fr",
            "licence",
            "check",
            "--outbound",
            "MIT",
            "GPL-3.0-only",
            "SSPL-1.0",
        ])
        .assert()
        .code(1)
        .stdout(
            predicates::str::contains("CONFLIT")
                .and(predicates::str::contains("GPL-3 est une licence à copyleft fort"))
                .and(predicates::str::contains("SSPL-1.0 n'est pas une licence libre"))
                .and(predicates::str::contains("strong copyleft").not()),
        );
}
