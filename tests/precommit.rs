//! The pre-commit hook definitions: their `entry`, run as pre-commit would (with the staged file
//! names appended, from the repository root), on fixture repositories.

use std::path::Path;
use std::process::Command;

/// The `entry` of a hook in `.pre-commit-hooks.yaml`.
fn entry(id: &str) -> Vec<String> {
    let yaml = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let mut in_hook = false;
    for line in yaml.lines() {
        if let Some(x) = line.strip_prefix("- id: ") {
            in_hook = x.trim() == id;
        } else if in_hook && let Some(e) = line.trim().strip_prefix("entry: ") {
            return e.split_whitespace().map(str::to_string).collect();
        }
    }
    panic!("no hook {id}");
}

fn run_hook(id: &str, dir: &Path, files: &[&str]) -> (i32, String) {
    let e = entry(id);
    assert_eq!(e[0], "clausier");
    let out = Command::new(env!("CARGO_BIN_EXE_clausier"))
        .args(&e[1..])
        .args(files)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_repo_hook_fails_on_a_gpl_dependency_and_passes_a_reuse_compliant_tree() {
    let (code, out) = run_hook(
        "clausier-repo",
        Path::new("fixtures/repos/gpl-dependency"),
        &["index.js"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("REP005"), "{out}");
    let (code, out) = run_hook(
        "clausier-repo",
        Path::new("fixtures/repos/reuse-compliant"),
        &["src/main.rs"],
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_tender_hook_checks_the_staged_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out) = run_hook(
        "clausier-tender",
        root,
        &[
            "fixtures/tender/fr-noncompliant/CCAP.md",
            "fixtures/tender/fr-noncompliant/CCTP.md",
        ],
    );
    assert_eq!(code, 1);
    assert!(out.contains("SRC001"), "{out}");
    let (code, _) = run_hook(
        "clausier-tender",
        root,
        &[
            "fixtures/tender/fr-compliant/CCAP.md",
            "fixtures/tender/fr-compliant/CCTP.md",
        ],
    );
    assert_eq!(code, 0);
}
