//! The CI integrations shipped in the repository: the script the GitHub Action and the GitLab
//! template run, on a fixture consultation, as a CI job would.

use std::path::Path;
use std::process::Command;

fn ci_lint(format: &str, out: &Path, extra_env: &[(&str, &str)], args: &[&str]) -> i32 {
    let mut c = Command::new("bash");
    c.arg("scripts/ci-lint.sh").arg(format).arg(out).args(args);
    c.env("CLAUSIER_BIN", env!("CARGO_BIN_EXE_clausier"));
    for (k, v) in extra_env {
        c.env(k, v);
    }
    c.status().unwrap().code().unwrap()
}

#[test]
fn the_ci_script_writes_the_report_and_keeps_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("clausier.sarif");
    let code = ci_lint(
        "sarif",
        &sarif,
        &[],
        &["tender", "fixtures/tender/fr-noncompliant", "--no-config"],
    );
    assert_eq!(code, 1, "findings fail the job");
    let log: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());

    let gl = dir.path().join("gl-code-quality-report.json");
    let code = ci_lint(
        "gitlab",
        &gl,
        &[("CLAUSIER_NO_FAIL", "1")],
        &["tender", "fixtures/tender/fr-noncompliant"],
    );
    assert_eq!(code, 0, "CLAUSIER_NO_FAIL=1 keeps the job green on findings");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(&gl).unwrap()).unwrap();
    assert!(!issues.is_empty());

    let code = ci_lint("gitlab", &gl, &[("CLAUSIER_NO_FAIL", "1")], &["tender", "no/such/dir"]);
    assert_eq!(code, 2, "errors still fail the job");
}

#[test]
fn the_action_and_the_gitlab_template_call_the_ci_script() {
    let action = std::fs::read_to_string("action.yml").unwrap();
    assert!(action.contains("scripts/ci-lint.sh\" sarif"));
    assert!(action.contains("github/codeql-action/upload-sarif"));
    for input in ["command:", "paths:", "fail-level:", "lang:", "upload-sarif:"] {
        assert!(action.contains(input), "action.yml lacks {input}");
    }
    let gitlab = std::fs::read_to_string("ci/clausier.gitlab-ci.yml").unwrap();
    assert!(gitlab.contains("scripts/ci-lint.sh gitlab gl-code-quality-report.json"));
    assert!(gitlab.contains("codequality: gl-code-quality-report.json"));
}
