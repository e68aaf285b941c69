//! SARIF 2.1.0, GitLab Code Quality, GitHub workflow commands and Markdown renderings of a
//! [`RepoReport`], in the same shapes as those of `clausier tender` (see `crate::report`).

use super::RepoReport;
use super::rules::RULES;
use crate::clause::Severity;
use crate::i18n::Lang;
use crate::report::fnv1a;
use crate::report::sarif::uri;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One entry per diagnostic: its primary label (path, line, column) and a stable fingerprint.
fn located(r: &RepoReport) -> Vec<(Option<(&str, usize, usize)>, String)> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    r.diagnostics
        .iter()
        .map(|d| {
            let l = d.labels.iter().find(|l| l.primary).or(d.labels.first());
            let path = l.map(|l| l.path.as_str()).unwrap_or("<repository>");
            let n = seen.entry((d.code.clone(), path.to_string())).or_insert(0);
            let fp = fnv1a(&[&d.code, path, &d.message, &n.to_string()]);
            *n += 1;
            (l.map(|l| (l.path.as_str(), l.line, l.column)), fp)
        })
        .collect()
}

/// SARIF 2.1.0; repository-level diagnostics point at the first line of the root's licence file
/// or of `.`.
pub fn sarif(r: &RepoReport, lang: Lang) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|x| {
            json!({
                "id": x.code, "name": x.name,
                "shortDescription": { "text": x.title(lang) },
                "fullDescription": { "text": x.explain(lang) },
                "help": { "text": x.help(lang) },
                "defaultConfiguration": { "level": level(x.severity) },
                "properties": { "tags": ["licensing", "repository"], "reference": x.reference },
            })
        })
        .collect();
    let results: Vec<Value> = r
        .diagnostics
        .iter()
        .zip(located(r))
        .map(|(d, (loc, fp))| {
            let (path, line, col) = loc.unwrap_or((".", 1, 1));
            let mut res = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": format!("{} — {}", d.message, d.help) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri(path) },
                    "region": { "startLine": line, "startColumn": col },
                }}],
                "partialFingerprints": { "clausier/v1": fp },
            });
            if let Some(i) = RULES.iter().position(|x| x.code == d.code) {
                res["ruleIndex"] = json!(i);
            }
            res
        })
        .collect();
    let mut log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "clausier", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": { "project": r.project, "coverage": r.coverage },
        }]
    });
    // tender files that could not be read and configuration notices, as the tender report has them
    let notifications = crate::report::sarif::notifications(&r.errors, &r.notices);
    if !notifications.is_empty() {
        log["runs"][0]["invocations"] =
            json!([{ "executionSuccessful": true, "toolExecutionNotifications": notifications }]);
    }
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// GitLab Code Quality (problems only; `info` left out).
pub fn gitlab(r: &RepoReport) -> String {
    let issues: Vec<Value> = r
        .diagnostics
        .iter()
        .zip(located(r))
        .filter(|(d, _)| d.severity > Severity::Info)
        .map(|(d, (loc, fp))| {
            let (path, line, _) = loc.unwrap_or((".", 1, 1));
            json!({
                "description": format!("{}: {} — {}", d.code, d.message, d.help),
                "check_name": d.name,
                "fingerprint": fp,
                "severity": if d.severity == Severity::Error { "critical" } else { "major" },
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}

fn esc(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub Actions workflow commands (problems only).
pub fn github(r: &RepoReport) -> String {
    let mut out = String::new();
    for (d, (loc, _)) in r
        .diagnostics
        .iter()
        .zip(located(r))
        .filter(|(d, _)| d.severity > Severity::Info)
    {
        let cmd = if d.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let title = esc(&format!("{} {}", d.code, d.name))
            .replace(':', "%3A")
            .replace(',', "%2C");
        let msg = esc(&format!("{} — {}", d.message, d.help));
        match loc {
            Some((p, line, col)) => {
                let p = esc(p).replace(':', "%3A").replace(',', "%2C");
                let _ = writeln!(out, "::{cmd} file={p},line={line},col={col},title={title}::{msg}");
            }
            None => {
                let _ = writeln!(out, "::{cmd} title={title}::{msg}");
            }
        }
    }
    out
}

/// A Markdown summary: project licence, coverage, problems.
pub fn markdown(r: &RepoReport, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## {}\n",
        if fr {
            "Analyse du dépôt (clausier)"
        } else {
            "Repository check (clausier)"
        }
    );
    let _ = writeln!(
        s,
        "- {} `{}`",
        if fr { "Licence du projet :" } else { "Project licence:" },
        r.project.expression.as_deref().unwrap_or("?")
    );
    let c = &r.coverage;
    let _ = writeln!(
        s,
        "- {} {}/{} ({} {})",
        if fr {
            "Fichiers couverts (licence et copyright) :"
        } else {
            "Files covered (licence and copyright):"
        },
        c.covered,
        c.files,
        c.with_licence,
        if fr { "avec licence" } else { "with a licence" }
    );
    let problems: Vec<_> = r
        .diagnostics
        .iter()
        .zip(located(r))
        .filter(|(d, _)| d.severity > Severity::Info)
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(s, "\n### {}\n", if fr { "Problèmes" } else { "Problems" });
        for (d, (loc, _)) in problems {
            let at = loc.map(|(p, l, _)| format!(" `{p}:{l}`")).unwrap_or_default();
            let _ = writeln!(
                s,
                "- **{} {}**{at} — {}  \n  {}",
                d.severity.name(),
                d.code,
                d.message,
                d.help
            );
        }
    }
    s
}
