//! JSON rendering (`--format json`). The schema is documented in `docs/json-schema.md` and
//! versioned by [`super::SCHEMA_VERSION`]; keys are stable and arrays sorted, so dashboards can diff
//! two runs.

use super::{ClauseVerdict, DocumentInfo, FileError, Report, Summary};
use crate::clause::{Effect, Severity};
use crate::read::Locator;
use serde::Serialize;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    category: Option<&'a str>,
    effect: Effect,
    message: &'a str,
    path: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    text: Option<&'a str>,
    locator: Option<&'a Locator>,
    section: Vec<&'a str>,
    help: &'a str,
    reference: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'static str,
    tool: Tool,
    kind: &'static str,
    language: crate::i18n::Lang,
    documents: &'a [DocumentInfo],
    clauses: &'a [ClauseVerdict],
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: &'a [FileError],
    summary: &'a Summary,
}

/// Renders a tender report as pretty JSON.
pub fn render(r: &Report) -> String {
    let diagnostics = r
        .diagnostics
        .iter()
        .map(|d| {
            let l = d.location.as_ref();
            JsonDiagnostic {
                code: &d.code,
                name: &d.name,
                severity: d.severity,
                category: (!d.category.is_empty()).then_some(d.category.as_str()),
                effect: d.effect,
                message: &d.message,
                path: l.map(|l| l.path.as_str()),
                line: l.map(|l| l.line),
                column: l.map(|l| l.column),
                end_line: l.map(|l| l.end_line),
                end_column: l.map(|l| l.end_column),
                text: l.map(|l| l.text.as_str()),
                locator: l.and_then(|l| l.locator.as_ref()),
                section: l
                    .map(|l| l.section.iter().map(String::as_str).collect())
                    .unwrap_or_default(),
                help: &d.help,
                reference: &d.reference,
            }
        })
        .collect();
    let j = JsonReport {
        version: super::SCHEMA_VERSION,
        tool: Tool {
            name: "clausier",
            version: env!("CARGO_PKG_VERSION"),
        },
        kind: "tender",
        language: r.lang,
        documents: &r.documents,
        clauses: &r.clauses,
        diagnostics,
        errors: &r.file_errors,
        summary: &r.summary,
    };
    let mut s = serde_json::to_string_pretty(&j).expect("report serialises");
    s.push('\n');
    s
}
