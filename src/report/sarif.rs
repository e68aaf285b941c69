//! SARIF 2.1.0 rendering (`--format sarif`), for GitHub code scanning and other CI dashboards.
//!
//! `tool.driver.rules` comes from the rule registry (rules and the categories' `missing`
//! diagnostics); results carry a level, a message, a physical location with `columnKind`
//! `unicodeCodePoints` (columns count characters, as everywhere in clausier), office/PDF locators
//! and the heading path in `properties`, and a stable `partialFingerprints` entry. Consultation-level
//! results (a category found missing) point at the first line of the consultation's first document.
//! The per-category verdicts are in the run's `properties.verdicts`.

use super::{Diagnostic, Report};
use crate::clause::{Kind, Registry, Severity};
use crate::i18n::Lang;
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF `toolExecutionNotifications`: the files that could not be read, then the configuration
/// notices (shared by the tender and repository logs).
pub fn notifications(errors: &[super::FileError], notices: &[super::Notice]) -> Vec<Value> {
    errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "descriptor": { "id": e.code },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } }],
            })
        })
        .chain(notices.iter().map(
            |n| json!({ "level": level(n.severity), "message": { "text": n.message }, "descriptor": { "id": n.code } }),
        ))
        .collect()
}

/// A path as a SARIF URI reference: forward slashes, spaces and `%` escaped, absolute paths as
/// `file://` URIs.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    if out.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn rules(reg: &Registry, lang: Lang) -> Vec<Value> {
    let mut v = Vec::new();
    for c in &reg.categories {
        v.push(json!({
            "id": c.code,
            "name": c.name,
            "shortDescription": { "text": c.title.get(lang) },
            "fullDescription": { "text": c.satisfied_when.get(lang) },
            "help": { "text": c.missing.suggestion.get(lang) },
            "helpUri": c.reference.url,
            "defaultConfiguration": { "level": level(c.severity), "enabled": c.report_missing },
            "properties": {
                "tags": ["procurement", c.id.as_str(), "missing"],
                "category": c.id,
                "kind": "missing",
                "reference": c.reference.line(),
            }
        }));
    }
    for r in &reg.rules {
        let kind = match r.kind {
            Kind::Requirement => "requirement",
            Kind::AntiPattern => "anti-pattern",
            Kind::Advisory => "advisory",
        };
        let mut tags = vec!["procurement".to_string(), r.category.clone(), kind.to_string()];
        tags.extend(r.tags.iter().cloned());
        v.push(json!({
            "id": r.id,
            "name": r.name,
            "shortDescription": { "text": r.title.get(lang) },
            "fullDescription": { "text": r.explain.what.get(lang) },
            "help": {
                "text": r.explain.fix.get(lang),
                "markdown": format!("{}\n\n{}", r.explain.why.get(lang), r.explain.fix.get(lang)),
            },
            "helpUri": r.reference.url,
            "defaultConfiguration": { "level": level(r.severity) },
            "properties": {
                "tags": tags,
                "category": r.category,
                "kind": kind,
                "reference": r.reference.line(),
            }
        }));
    }
    // helpUri is optional: drop nulls
    for r in &mut v {
        if r["helpUri"].is_null() {
            r.as_object_mut().unwrap().remove("helpUri");
        }
    }
    v
}

fn result(d: &Diagnostic, rule_index: Option<usize>, first_doc: Option<&str>) -> Value {
    let mut props = json!({ "category": d.category, "effect": d.effect });
    let location = match &d.location {
        Some(l) => {
            if let Some(loc) = &l.locator {
                props["locator"] = serde_json::to_value(loc).unwrap_or(Value::Null);
            }
            if !l.section.is_empty() {
                props["section"] = json!(l.section);
            }
            Some(json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&l.path) },
                    "region": {
                        "startLine": l.line, "startColumn": l.column,
                        "endLine": l.end_line, "endColumn": l.end_column,
                        "snippet": { "text": l.text },
                    }
                }
            }))
        }
        None => {
            props["consultationLevel"] = json!(true);
            first_doc.map(|p| {
                json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(p) },
                        "region": { "startLine": 1, "startColumn": 1 }
                    }
                })
            })
        }
    };
    let mut r = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": format!("{} — {}", d.message, d.help) },
        "locations": location.map(|l| vec![l]).unwrap_or_default(),
        "partialFingerprints": { "clausier/v1": d.fingerprint },
        "properties": props,
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    r
}

/// Renders a report as a SARIF 2.1.0 log.
pub fn render(r: &Report, reg: &Registry) -> String {
    let rules = rules(reg, r.lang);
    let index = |code: &str| rules.iter().position(|x| x["id"] == code);
    let first_doc = r.documents.first().map(|d| d.path.as_str());
    let results: Vec<Value> = r
        .diagnostics
        .iter()
        .map(|d| result(d, index(&d.code), first_doc))
        .collect();
    let verdicts: Vec<Value> = r
        .clauses
        .iter()
        .map(|c| json!({ "category": c.category, "status": c.status, "rules": c.rules }))
        .collect();
    let notifications = notifications(&r.file_errors, &r.notices);
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "clausier",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": r.documents.len() > 0,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": { "verdicts": verdicts, "summary": r.summary },
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    s.push('\n');
    s
}
