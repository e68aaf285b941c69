//! `clausier repo`: fixture repositories in fixtures/repos/.

use assert_cmd::Command;
use serde_json::Value;

fn repo(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("clausier")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["--lang", "en", "repo"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn json(dir: &str, extra: &[&str]) -> (i32, Value) {
    let mut a = vec![dir, "-f", "json"];
    a.extend_from_slice(extra);
    let (code, out) = repo(&a);
    (code, serde_json::from_str(&out).expect("JSON report"))
}

/// An empty repository with an MIT licence file.
fn mit_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("LICENSE"),
        include_str!("../fixtures/repos/gpl-dependency/LICENSE"),
    )
    .unwrap();
    dir
}

/// The diagnostics of one rule.
fn with_code<'a>(v: &'a Value, code: &str) -> Vec<&'a Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

fn codes(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn reuse_compliant_is_clean_and_fully_covered() {
    let (code, v) = json("fixtures/repos/reuse-compliant", &[]);
    assert_eq!(v["kind"], "repo");
    assert_eq!(v["project"]["expression"], "EUPL-1.2");
    assert_eq!(v["coverage"]["without_licence"], 0, "{v:#}");
    assert_eq!(v["coverage"]["files"], v["coverage"]["covered"], "{v:#}");
    let c = codes(&v);
    assert!(!c.iter().any(|c| c != "REP009"), "{c:?}");
    assert_eq!(code, 0);
    // the GPL tag inside a Rust string literal is not a header
    let main = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "src/main.rs")
        .unwrap();
    assert_eq!(main["licences"], serde_json::json!(["EUPL-1.2"]));
}

#[test]
fn gpl_and_sspl_dependencies_in_an_mit_project() {
    let (code, v) = json("fixtures/repos/gpl-dependency", &[]);
    assert_eq!(code, 1);
    assert_eq!(v["project"]["expression"], "MIT");
    let c = codes(&v);
    for want in ["REP005", "REP006", "REP007", "REP014", "REP011"] {
        assert!(c.contains(&want.to_string()), "{want} in {c:?}");
    }
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "REP005")
        .unwrap();
    assert_eq!(d["labels"][0]["path"], "package-lock.json");
    assert_eq!(d["labels"][0]["line"], 6);
    let (_, human) = repo(&["fixtures/repos/gpl-dependency"]);
    insta::assert_snapshot!("gpl_dependency_human", human);
}

#[test]
fn vendored_node_modules_are_read_and_reported() {
    let (_, v) = json("fixtures/repos/vendored", &[]);
    let ignored: Vec<(&str, &str)> = v["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap(), i["reason"].as_str().unwrap()))
        .collect();
    assert!(ignored.contains(&("build", "gitignore")), "{ignored:?}");
    assert!(ignored.contains(&("node_modules", "vendored")), "{ignored:?}");
    let names: Vec<&str> = v["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"@scope/agpl-thing") && names.contains(&"left-pad"),
        "{names:?}"
    );
    let c = codes(&v);
    assert!(c.contains(&"REP004".to_string()), "Apache 2.0 is not canonical: {c:?}");
    assert!(c.contains(&"REP005".to_string()), "AGPL under Apache-2.0: {c:?}");
    // hidden folders are seen
    assert!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == ".github/workflows/ci.yml")
    );
}

#[test]
fn pom_named_licence_disagrees_with_licence_file() {
    let (_, v) = json("fixtures/repos/pom-named", &[]);
    assert_eq!(v["project"]["expression"], "Apache-2.0");
    let c = codes(&v);
    assert!(c.contains(&"REP003".to_string()), "{c:?}");
    let names: Vec<&str> = v["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"org.postgresql:postgresql"));
}

#[test]
fn publiccode_with_a_wrong_licence() {
    let (code, v) = json("fixtures/repos/publiccode-wrong", &[]);
    assert_eq!(code, 1);
    let msgs: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "REP012")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("AGPL-3.0-or-later") && m.contains("MIT")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("platforms")), "{msgs:?}");
}

#[test]
fn delivery_contradicting_the_tender() {
    let (code, v) = json(
        "fixtures/repos/tender-mismatch",
        &["--tender", "fixtures/tender/fr-compliant"],
    );
    assert_eq!(code, 1);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "REP020")
        .expect("REP020");
    let paths: Vec<&str> = d["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.contains("fr-compliant")), "{paths:?}");
    assert!(paths.contains(&"LICENSE") || paths.contains(&"Cargo.toml"), "{paths:?}");
}

/// A tender document that cannot be read is named with its reason (stderr, JSON `errors`, SARIF
/// notifications) and the check goes on with the others; with none readable, exit 2 naming it.
#[test]
fn unreadable_tender_documents_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("scan.md");
    std::fs::write(&bad, [0u8; 64]).unwrap();
    let bad = bad.to_str().unwrap();
    let good = "fixtures/tender/fr-compliant";
    let (code, v) = json("fixtures/repos/tender-mismatch", &["--tender", bad, "--tender", good]);
    assert_eq!(code, 1);
    assert_eq!(v["errors"].as_array().unwrap().len(), 1, "{}", v["errors"]);
    assert_eq!(v["errors"][0]["code"], "E002");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("scan.md: binary data")
    );
    assert!(
        !with_code(&v, "REP020").is_empty(),
        "the readable tender is still checked"
    );
    let (_, sarif) = repo(&[
        "fixtures/repos/tender-mismatch",
        "-f",
        "sarif",
        "--tender",
        bad,
        "--tender",
        good,
    ]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let n = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(n["descriptor"]["id"], "E002", "{sarif}");
    let out = Command::cargo_bin("clausier")
        .unwrap()
        .args([
            "--lang",
            "fr",
            "repo",
            "fixtures/repos/tender-mismatch",
            "--tender",
            bad,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("[E002]")
            && stderr.contains("impossible de lire")
            && stderr.contains("scan.md : données binaires")
            && stderr.contains("aucun document de la consultation n'a pu être lu"),
        "{stderr}"
    );
}

#[test]
fn only_given_files_and_errors() {
    let (code, v) = json(
        "fixtures/repos/reuse-compliant",
        &["--", "fixtures/repos/reuse-compliant/src/main.rs"],
    );
    assert_eq!(code, 0);
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    let (code, _) = repo(&["fixtures/repos/does-not-exist"]);
    assert_eq!(code, 2);
}

#[test]
fn explain_and_rules_know_repository_rules() {
    let out = Command::cargo_bin("clausier")
        .unwrap()
        .args(["--lang", "fr", "explain", "REP005"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("incompatible"));
    let out = Command::cargo_bin("clausier")
        .unwrap()
        .args(["rules", "--category", "repository"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("REP001"));
}

#[test]
fn one_contradicting_header_diagnostic_per_expression_and_notices_anywhere() {
    let dir = mit_repo();
    let root = dir.path();
    std::fs::create_dir(root.join("src")).unwrap();
    for i in 0..15 {
        std::fs::write(
            root.join(format!("src/f{i:02}.c")),
            format!("// SPDX-License-Identifier: GPL-2.0-only\n/*\n * (C) Copyright 2020 Author {i}\n */\nint f{i};\n"),
        )
        .unwrap();
    }
    // a notice far below the header, and a Python module docstring
    let mut far = String::from("# SPDX-License-Identifier: MIT\n");
    far.push_str(&"x = 1\n".repeat(30_000));
    far.push_str("# Copyright 2021 Far Below\n");
    std::fs::write(root.join("far.py"), far).unwrap();
    std::fs::write(
        root.join("doc.py"),
        "# SPDX-License-Identifier: MIT\n\"\"\"Tool.\n\nCopyright 2022 In A Docstring\n\"\"\"\n",
    )
    .unwrap();
    let (_, v) = json(root.to_str().unwrap(), &[]);
    let rep007 = with_code(&v, "REP007");
    assert_eq!(rep007.len(), 1, "{rep007:#?}");
    let d = rep007[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("15 files are under GPL-2.0-only"),
        "{d:#}"
    );
    assert_eq!(d["labels"][0]["path"], "src/f00.c");
    assert_eq!(d["labels"][0]["line"], 1);
    let also = d["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n.as_str().unwrap().starts_with("also:"))
        .unwrap();
    assert!(also.as_str().unwrap().ends_with("… (+4)"), "{also}");
    let file = |p: &str| {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == p)
            .unwrap()
            .clone()
    };
    assert_eq!(
        file("src/f03.c")["copyright"],
        serde_json::json!(["Copyright 2020 Author 3"])
    );
    assert_eq!(
        file("far.py")["copyright"],
        serde_json::json!(["Copyright 2021 Far Below"])
    );
    assert_eq!(
        file("doc.py")["copyright"],
        serde_json::json!(["Copyright 2022 In A Docstring"])
    );
}

#[test]
fn sill_components_are_reported_and_old_versions_warned() {
    let sill = |v: &Value, code: &str| -> Vec<String> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, v) = json("fixtures/repos/sill-below", &[]);
    assert_eq!(
        sill(&v, "REP010"),
        ["keycloakify 4.0.0: the SILL recommends at least 4.4.0"]
    );
    assert!(sill(&v, "REP009").is_empty());
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "REP010")
        .unwrap();
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["labels"][0]["path"], "package-lock.json");
    let (_, v) = json("fixtures/repos/sill-listed", &[]);
    assert_eq!(sill(&v, "REP009"), ["keycloakify is in the SILL (Keycloakify)"]);
    assert!(sill(&v, "REP010").is_empty());
}

#[test]
fn publiccode_yml_is_read_with_a_yaml_parser() {
    let dir = mit_repo();
    let root = dir.path();
    // flow style and quoted keys: valid YAML a line reader would miss
    std::fs::write(
        root.join("publiccode.yml"),
        "publiccodeYmlVersion: \"0.4\"\nname: Portail\nurl: https://example.org/portail.git\n\
         platforms: [web]\ndevelopmentStatus: stable\nsoftwareType: standalone/web\n\
         description: {fr: {shortDescription: Portail}}\n\"maintenance\": {type: internal}\n\
         legal: {license: EUPL-1.2}\n",
    )
    .unwrap();
    let (_, v) = json(root.to_str().unwrap(), &[]);
    let rep012 = with_code(&v, "REP012");
    assert_eq!(rep012.len(), 1, "{rep012:#?}");
    assert_eq!(
        rep012[0]["message"],
        "legal.license is EUPL-1.2, the project licence is MIT"
    );
    assert_eq!(rep012[0]["labels"][0]["line"], 9);
    // broken YAML is reported with its place
    std::fs::write(root.join("publiccode.yml"), "name: Portail\nlegal:\n  license: [MIT\n").unwrap();
    let (_, v) = json(root.to_str().unwrap(), &[]);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "REP012")
        .unwrap()
        .clone();
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("publiccode.yml is not valid YAML"),
        "{d:#}"
    );
    assert!(d["labels"][0]["line"].as_u64().unwrap() >= 3, "{d:#}");
}

#[test]
fn clausier_toml_selects_overrides_and_waives_repository_rules() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("clausier.toml");
    std::fs::write(
        &cfg,
        "[rules]\nselect = [\"IPR\"]\nignore = [\"REP014\"]\n\n[severity]\nREP011 = \"error\"\n\n\
         [[waiver]]\nrule = \"REP007\"\npath = \"index.js\"\nreason = \"vendored widget, licence agreed with the author\"\n\n\
         [[waiver]]\nrule = \"REP005\"\npath = \"nothing/**\"\nreason = \"stale\"\n",
    )
    .unwrap();
    let (_, before) = json("fixtures/repos/gpl-dependency", &[]);
    let (_, v) = json("fixtures/repos/gpl-dependency", &["--config", cfg.to_str().unwrap()]);
    let c = codes(&v);
    // the tender selection does not drop repository rules; the ignored one and the waived one are gone
    assert!(
        codes(&before).contains(&"REP014".to_string()) && !c.contains(&"REP014".to_string()),
        "{c:?}"
    );
    assert!(
        codes(&before).contains(&"REP007".to_string()) && !c.contains(&"REP007".to_string()),
        "{c:?}"
    );
    assert!(
        c.contains(&"REP005".to_string()) && c.contains(&"REP006".to_string()),
        "{c:?}"
    );
    let rep011 = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "REP011")
        .unwrap();
    assert_eq!(rep011["severity"], "error");
    assert_eq!(
        v["summary"]["errors"].as_u64().unwrap() as usize,
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count()
    );
    // the waiver that matched nothing is reported, pointing at its table
    let notices = v["notices"].as_array().expect("notices");
    assert_eq!(notices.len(), 1, "{notices:#?}");
    assert_eq!(notices[0]["code"], "W002");
    assert!(notices[0]["message"].as_str().unwrap().contains("REP005"));
    assert_eq!(notices[0]["line"], 13);
}
