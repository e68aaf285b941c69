//! Reports: the findings and verdicts of a run, as a format-neutral [`Report`] that the
//! renderers turn into human output ([`human`]) or JSON ([`json`]).

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::clause::{Effect, Registry, Severity};
use crate::consultation::Consultation;
use crate::engine::{Finding, fill};
use crate::error::ReadError;
use crate::i18n::Lang;
use crate::read::Locator;
use crate::verdict::{Status, Verdict};
use serde::Serialize;
use std::ops::Range;

/// Version of the JSON report schema (`docs/json-schema.md`). Bumped on any breaking change.
pub const SCHEMA_VERSION: &str = "1.0";

/// Where a diagnostic points.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Location {
    /// Index of the document in the consultation.
    #[serde(skip)]
    pub doc: usize,
    /// Byte range in the document's source.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Path of the document.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// 1-based end column (exclusive, characters).
    pub end_column: usize,
    /// The matched text as written.
    pub text: String,
    /// Office/PDF locator (part, paragraph, table cell, page), when the format has one.
    pub locator: Option<Locator>,
    /// Heading path of the paragraph (« Article 8 › 8.7 Propriété intellectuelle »).
    pub section: Vec<String>,
}

/// A diagnostic: a rule finding, a category found missing, or a tool message.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Rule or tool code.
    pub code: String,
    /// Rule name.
    pub name: String,
    /// Severity.
    pub severity: Severity,
    /// Category id (empty for tool diagnostics).
    pub category: String,
    /// How the finding weighs on the category.
    pub effect: Effect,
    /// Message.
    pub message: String,
    /// What the span is.
    #[serde(skip)]
    pub label: String,
    /// Remedy.
    pub help: String,
    /// Legal basis.
    pub reference: String,
    /// Where (none for consultation-level diagnostics).
    pub location: Option<Location>,
    /// Stable identity of the finding across runs (code, path, text, occurrence), for baselines
    /// and SARIF `partialFingerprints`.
    pub fingerprint: String,
}

/// A message of the tool itself about its configuration (an unused or expired waiver…).
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// Tool code (`W001`…).
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Message.
    pub message: String,
    /// File concerned (the configuration file).
    pub path: Option<String>,
    /// Line in that file.
    pub line: Option<usize>,
    /// Byte span in that file.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Text of that file, for rendering.
    #[serde(skip)]
    pub text: Option<String>,
}

/// 64-bit FNV-1a, as 16 hex digits: a stable hash that does not change across Rust versions.
pub fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// A document of the consultation.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    /// Path.
    pub path: String,
    /// Format.
    pub format: &'static str,
    /// Role.
    pub role: String,
    /// Language.
    pub language: Lang,
    /// Encoding.
    pub encoding: &'static str,
}

/// The verdict on a category.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseVerdict {
    /// Category id.
    pub category: String,
    /// Title in the report's language.
    pub title: String,
    /// Status.
    pub status: Status,
    /// Evidence spans.
    pub evidence: Vec<Location>,
    /// Codes of the rules behind the evidence, sorted.
    pub rules: Vec<String>,
}

/// A file that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    /// Tool code.
    pub code: &'static str,
    /// Path.
    pub path: String,
    /// The message, naming the file and the reason, in the language of the report.
    pub message: String,
    /// For `E003`: the stable identifier of the limit hit (`file-size`, `zip-entries`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<&'static str>,
}

impl FileError {
    /// The entry of a file that could not be read, its message in `lang`.
    pub fn of(e: &ReadError, lang: Lang) -> FileError {
        FileError {
            code: e.code(),
            path: e.path().to_string_lossy().replace('\\', "/"),
            message: e.message(lang),
            limit: e.limit().map(|l| l.id()),
        }
    }
}

/// Totals.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Categories satisfied.
    pub satisfied: usize,
    /// Categories missing.
    pub missing: usize,
    /// Categories violated.
    pub violated: usize,
    /// Categories not applicable.
    pub not_applicable: usize,
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Diagnostics of severity info.
    pub infos: usize,
}

/// Everything a renderer needs.
#[derive(Debug, Clone)]
pub struct Report {
    /// Message language.
    pub lang: Lang,
    /// Documents.
    pub documents: Vec<DocumentInfo>,
    /// Verdicts, in category order.
    pub clauses: Vec<ClauseVerdict>,
    /// Diagnostics, sorted by path, line, column, code; consultation-level ones last.
    pub diagnostics: Vec<Diagnostic>,
    /// Unreadable files.
    pub file_errors: Vec<FileError>,
    /// Messages about the configuration (waivers…).
    pub notices: Vec<Notice>,
    /// Findings left out because a waiver covers them.
    pub waived: usize,
    /// Findings left out because they are in the baseline.
    pub baselined: usize,
    /// Totals.
    pub summary: Summary,
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn location(c: &Consultation, f: &Finding) -> Location {
    let d = &c.docs[f.doc];
    let (line, column) = line_col(&d.doc.source, f.source.start);
    let (end_line, end_column) = line_col(&d.doc.source, f.source.end);
    let locator = d
        .doc
        .blocks
        .get(f.block)
        .map(|b| b.locator.clone())
        .filter(|l| !l.is_empty());
    Location {
        doc: f.doc,
        range: f.source.clone(),
        path: d.doc.display_path(),
        line,
        column,
        end_line,
        end_column,
        text: d.doc.source[f.source.clone()].to_string(),
        locator,
        section: d.heading_path_source(f.block),
    }
}

impl Report {
    /// Builds the report of a tender run.
    pub fn build(
        reg: &Registry,
        c: &Consultation,
        findings: &[Finding],
        verdicts: &[Verdict],
        read_errors: &[ReadError],
        lang: Lang,
    ) -> Report {
        let mut diagnostics: Vec<Diagnostic> = findings
            .iter()
            .map(|f| {
                let r = &reg.rules[f.rule];
                Diagnostic {
                    code: r.id.clone(),
                    name: r.name.clone(),
                    severity: r.severity,
                    category: r.category.clone(),
                    effect: r.kind.effect(),
                    message: fill(r.message.get(lang), &f.vars),
                    label: fill(r.label.get(lang), &f.vars),
                    help: fill(r.help.get(lang), &f.vars),
                    reference: r.reference.line(),
                    location: Some(location(c, f)),
                    fingerprint: String::new(),
                }
            })
            .collect();
        let clang = if c.docs.is_empty() { lang } else { c.lang() };
        for v in verdicts {
            let cat = &reg.categories[v.category];
            if v.status != Status::Missing || !cat.report_missing {
                continue;
            }
            let searched = cat.missing.searched.get(lang);
            let message = match lang {
                Lang::Fr => format!(
                    "aucune clause trouvée pour « {} » (recherché : {searched})",
                    cat.title.get(lang)
                ),
                Lang::En => format!(
                    "no clause found for \"{}\" (searched for: {searched})",
                    cat.title.get(lang)
                ),
            };
            let help = match lang {
                Lang::Fr => format!(
                    "ajouter une clause telle que : « {} »",
                    cat.missing.suggestion.get(clang)
                ),
                Lang::En => format!("add a clause such as: \"{}\"", cat.missing.suggestion.get(clang)),
            };
            diagnostics.push(Diagnostic {
                code: cat.code.clone(),
                name: cat.name.clone(),
                severity: cat.severity,
                category: cat.id.clone(),
                effect: Effect::None,
                message,
                label: String::new(),
                help,
                reference: cat.reference.line(),
                location: None,
                fingerprint: String::new(),
            });
        }
        // what the readers noted (a PDF page without text layer…): tool warnings W001
        for d in &c.docs {
            for w in &d.doc.warnings {
                diagnostics.push(Diagnostic {
                    code: "W001".into(),
                    name: "reader-warning".into(),
                    severity: Severity::Warning,
                    category: String::new(),
                    effect: Effect::None,
                    message: format!("{}: {w}", d.doc.display_path()),
                    label: String::new(),
                    help: String::new(),
                    reference: String::new(),
                    location: None,
                    fingerprint: String::new(),
                });
            }
        }
        // located diagnostics by path and position, then consultation-level ones by category order
        let order = |d: &Diagnostic| {
            reg.categories
                .iter()
                .position(|c| c.id == d.category)
                .unwrap_or(usize::MAX)
        };
        diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| match &d.location {
                Some(l) => (0, l.path.clone(), l.line, l.column, 0),
                None => (1, String::new(), 0, 0, order(d)),
            };
            key(a).cmp(&key(b)).then(a.code.cmp(&b.code))
        });
        // fingerprints: code, path and normalised text, plus the occurrence number among equals
        let mut seen: std::collections::HashMap<(String, String, String), usize> = Default::default();
        for d in &mut diagnostics {
            let (path, text) = match &d.location {
                Some(l) => (
                    l.path.clone(),
                    l.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(),
                ),
                None => ("<consultation>".to_string(), String::new()),
            };
            let n = seen.entry((d.code.clone(), path.clone(), text.clone())).or_insert(0);
            d.fingerprint = fnv1a(&[&d.code, &path, &text, &n.to_string()]);
            *n += 1;
        }
        let clauses: Vec<ClauseVerdict> = verdicts
            .iter()
            .map(|v| {
                let cat = &reg.categories[v.category];
                let mut rules: Vec<String> = v
                    .evidence
                    .iter()
                    .map(|&i| reg.rules[findings[i].rule].id.clone())
                    .collect();
                rules.sort();
                rules.dedup();
                let mut evidence: Vec<Location> = v.evidence.iter().map(|&i| location(c, &findings[i])).collect();
                evidence.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
                ClauseVerdict {
                    category: cat.id.clone(),
                    title: cat.title.get(lang).to_string(),
                    status: v.status,
                    evidence,
                    rules,
                }
            })
            .collect();
        let documents = c
            .docs
            .iter()
            .map(|d| DocumentInfo {
                path: d.doc.display_path(),
                format: d.doc.format.name(),
                role: d.role.clone(),
                language: d.lang,
                encoding: d.doc.encoding,
            })
            .collect();
        let mut file_errors: Vec<FileError> = read_errors.iter().map(|e| FileError::of(e, lang)).collect();
        file_errors.sort_by(|a, b| a.path.cmp(&b.path));
        let mut summary = Summary {
            documents: c.docs.len(),
            unreadable: file_errors.len(),
            ..Default::default()
        };
        for v in &clauses {
            match v.status {
                Status::Satisfied => summary.satisfied += 1,
                Status::Missing => summary.missing += 1,
                Status::Violated => summary.violated += 1,
                Status::NotApplicable => summary.not_applicable += 1,
            }
        }
        let mut report = Report {
            lang,
            documents,
            clauses,
            diagnostics,
            file_errors,
            notices: Vec::new(),
            waived: 0,
            baselined: 0,
            summary,
        };
        report.recount();
        report
    }

    /// Recomputes the diagnostic counts of the summary (after a baseline removed some).
    pub fn recount(&mut self) {
        let s = &mut self.summary;
        (s.errors, s.warnings, s.infos) = (0, 0, 0);
        for d in &self.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
    }

    /// Whether a diagnostic at or above `level` was reported.
    pub fn fails(&self, level: Option<Severity>) -> bool {
        match level {
            None => false,
            Some(l) => self.diagnostics.iter().any(|d| d.severity >= l) || self.notices.iter().any(|n| n.severity >= l),
        }
    }
}
