//! GitLab Code Quality report (`--format gitlab`): a JSON array of issues with `description`,
//! `check_name`, `fingerprint`, `severity` (`info`, `minor`, `major`, `critical`, `blocker`) and
//! `location.path` / `location.lines.begin`. Consultation-level issues point at line 1 of the first
//! document. Evidence (`info` diagnostics) is left out: the report lists problems only.

use super::Report;
use crate::clause::Severity;
use serde_json::{Value, json};

/// Renders a report as GitLab Code Quality JSON.
pub fn render(r: &Report) -> String {
    let first = r.documents.first().map(|d| d.path.clone()).unwrap_or_default();
    let issues: Vec<Value> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info)
        .map(|d| {
            let (path, line) = match &d.location {
                Some(l) => (l.path.clone(), l.line),
                None => (first.clone(), 1),
            };
            json!({
                "description": format!("{}: {} — {}", d.code, d.message, d.help),
                "check_name": d.name,
                "fingerprint": d.fingerprint,
                "severity": match d.severity { Severity::Error => "critical", Severity::Warning => "major", Severity::Info => "info" },
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).expect("report serialises");
    s.push('\n');
    s
}
