//! The SILL catalogue: embedded 2022 data, Catalogi exports, name matching, CLI.

use assert_cmd::Command;
use clausier::licence::sill::{Catalogue, Status};
use predicates::prelude::*;

const CATALOGI: &str = r#"[
  {"id": 1, "name": "LibreOffice", "description": "Suite bureautique", "license": "MPL-2.0",
   "versionMin": "24.2", "isStillInObservation": false, "isPresentInSupportContract": true,
   "categories": ["office"], "externalId": "Q10135", "softwareType": {"type": "desktop/mobile"}},
  {"id": 2, "name": "PostgreSQL", "license": "PostgreSQL", "versionMin": "16",
   "isStillInObservation": false, "isPresentInSupportContract": true},
  {"id": 3, "name": "Vieux Logiciel", "license": "GPL-2.0+", "versionMin": "1.0",
   "isStillInObservation": false, "isPresentInSupportContract": false,
   "dereferencing": {"reason": "plus maintenu", "time": 1700000000000, "lastRecommendedVersion": "1.4"}},
  {"id": 4, "name": "Nouveau", "license": "Licence Ouverte 2.0", "isStillInObservation": true,
   "isPresentInSupportContract": false}
]"#;

#[test]
fn catalogi_format() {
    let c = Catalogue::from_json(CATALOGI, "test").unwrap();
    assert_eq!(c.entries.len(), 4);
    let lo = c.lookup("libreoffice-core").unwrap();
    assert_eq!((lo.version_min.as_deref(), lo.support_contract), (Some("24.2"), true));
    assert_eq!(c.lookup("postgres").unwrap().name, "PostgreSQL");
    let old = c.lookup("vieux-logiciel").unwrap();
    assert_eq!(old.licence.as_deref(), Some("GPL-2.0-or-later"));
    assert_eq!(
        old.status,
        Status::Dereferenced {
            reason: Some("plus maintenu".into()),
            last_recommended_version: Some("1.4".into())
        }
    );
    let new = c.lookup("NOUVEAU").unwrap();
    assert_eq!(new.status, Status::InObservation);
    assert_eq!(new.licence.as_deref(), Some("etalab-2.0"));
    assert!(Catalogue::from_json(r#"{"hello": 1}"#, "x").is_err());
    assert!(Catalogue::from_json(r#"[{"foo": 1}]"#, "x").is_err());
}

#[test]
fn embedded_2022_licences_normalised() {
    let c = Catalogue::embedded();
    assert_eq!(c.entries.len(), 240);
    let unrecognised: Vec<&str> = c
        .entries
        .iter()
        .filter(|e| e.licence.is_none())
        .map(|e| e.licence_raw.as_str())
        .collect();
    // only "N/A", "CPA" and an inexistent "CeCILL-2.2"-style list are left, each with a note
    assert!(unrecognised.len() < 12, "{unrecognised:?}");
    for e in &c.entries {
        if let Some(l) = &e.licence {
            spdx::Expression::parse(l).unwrap();
        } else {
            assert!(!e.licence_notes.is_empty(), "{}", e.name);
        }
    }
    assert!(c.entries.iter().any(|e| e.status == Status::InObservation));
}

fn clausier() -> Command {
    let mut c = Command::cargo_bin("clausier").unwrap();
    c.env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CLAUSIER_SILL");
    c
}

#[test]
fn cli_show_search_and_fresher_export() {
    clausier()
        .args(["sill", "show", "libreoffice-core"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("MPL-2.0").and(predicates::str::contains("support contract: yes")));
    clausier()
        .args(["sill", "show", "no-such-software-xyz"])
        .assert()
        .code(1);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("sill.json");
    std::fs::write(&f, CATALOGI).unwrap();
    let out = clausier()
        .args(["sill", "show", "Vieux Logiciel", "--format", "json", "--sill"])
        .arg(&f)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"]["status"], "dereferenced");
    assert_eq!(v["licence"], "GPL-2.0-or-later");
    // environment variable
    clausier()
        .env("CLAUSIER_SILL", &f)
        .args(["--lang", "fr", "sill", "search", "nouv"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Nouveau").and(predicates::str::contains("en observation")));
    // the 2022 export itself, when the shared data is there
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/sill/sill-2022-05.json");
    if p.exists() {
        clausier()
            .args(["sill", "show", "PostgreSQL", "--sill"])
            .arg(&p)
            .assert()
            .code(0);
    } else {
        println!("note: {} not found, part skipped", p.display());
    }
    std::fs::write(&f, "not json").unwrap();
    clausier()
        .args(["sill", "search", "x", "--sill"])
        .arg(&f)
        .assert()
        .code(2);
}
