//! Delivered repositories (`clausier repo DIR`): the project licence and its evidence (licence
//! files, manifests, README), per-file licensing (SPDX headers found in comments with
//! [`headers`], `.license` sidecars, `REUSE.toml` and `.reuse/dep5` with [`reuse`]), components
//! from manifests, lockfiles and SBOMs ([`manifest`]), and the checks of [`rules`]. Nothing in
//! the repository is executed or written.

pub mod check;
pub mod formats;
pub mod headers;
pub mod manifest;
pub mod render;
pub mod reuse;
pub mod rules;
pub mod tender;
pub mod walk;

use crate::clause::Severity;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

/// Errors that stop a repository scan.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// The root is not a folder (or cannot be reached).
    #[error("cannot read {path}: not a folder")]
    NotAFolder {
        /// The root given.
        path: PathBuf,
    },
}

impl RepoError {
    /// The message in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match (self, lang) {
            (RepoError::NotAFolder { path }, crate::i18n::Lang::Fr) => {
                format!("impossible de lire {} : ce n'est pas un dossier", path.display())
            }
            (e, _) => e.to_string(),
        }
    }
}

/// Where a piece of licensing evidence was found.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    /// `licence-file`, `licenses-dir`, `manifest`, `readme`, `header`, `sidecar`, `reuse-toml`,
    /// `dep5`.
    pub kind: &'static str,
    /// Path relative to the root (`/` separators).
    pub path: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// The licence as written there.
    pub value: String,
    /// SPDX expression it reads as, when recognised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// Byte range in the file.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// One term (licence id) of the project expression and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// SPDX id.
    pub id: String,
    /// Evidence naming it.
    pub evidence: Vec<Evidence>,
}

/// The project licence.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Project {
    /// SPDX expression, when one could be established.
    pub expression: Option<String>,
    /// What the expression was taken from (`manifest`, `licence-file`, `readme`, `headers`).
    pub from: Option<&'static str>,
    /// Per-term evidence.
    pub terms: Vec<Term>,
    /// All evidence found (licence files, manifests, README).
    pub evidence: Vec<Evidence>,
}

/// The licensing of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileLicensing {
    /// Path relative to the root.
    pub path: String,
    /// Licence expressions that apply.
    pub licences: Vec<String>,
    /// Copyright notices.
    pub copyright: Vec<String>,
    /// Where the information comes from.
    pub evidence: Vec<Evidence>,
    /// Has both a licence and a copyright notice (REUSE compliant).
    pub covered: bool,
}

/// Coverage counts, like `reuse lint`'s summary.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Coverage {
    /// Files considered (licence texts, sidecars, REUSE metadata, symlinks and empty files excluded).
    pub files: usize,
    /// Files with licence information.
    pub with_licence: usize,
    /// Files with copyright information.
    pub with_copyright: usize,
    /// Files with both.
    pub covered: usize,
    /// Files without licence information.
    pub without_licence: usize,
}

/// A component with its licence as read: the component as its file lists it, plus what the
/// check derives (JSON: the component's keys, then `expression`, `path`, `line`, `vendored`).
#[derive(Debug, Clone, Serialize)]
pub struct ComponentInfo {
    /// The component as read (name, version, ecosystem, licence as written, span).
    #[serde(flatten)]
    pub component: manifest::Component,
    /// SPDX expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// File it was read from.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// Read from a vendored folder (`node_modules`, `vendor`…).
    pub vendored: bool,
}

/// A folder present but not scanned.
#[derive(Debug, Clone, Serialize)]
pub struct Ignored {
    /// Path relative to the root.
    pub path: String,
    /// `gitignore` or `vendored`.
    pub reason: &'static str,
}

/// A label of a repository diagnostic: a span in a repository file or a tender document.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// Path (relative to the root for repository files, as given for tender documents).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What the span is.
    pub message: String,
    /// Primary label.
    pub primary: bool,
    /// Byte range.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A diagnostic of a repository check.
#[derive(Debug, Clone, Serialize)]
pub struct RepoDiagnostic {
    /// Rule code (`REP005`).
    pub code: String,
    /// Rule name.
    pub name: String,
    /// Severity.
    pub severity: Severity,
    /// Message.
    pub message: String,
    /// Remedy.
    pub help: String,
    /// Legal basis.
    pub reference: String,
    /// Spans (repository files, tender documents).
    pub labels: Vec<Label>,
    /// Notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl RepoDiagnostic {
    /// A diagnostic of rule `code`, its name, severity, help and reference taken from the rule
    /// table.
    pub fn of_rule(
        code: &str,
        lang: crate::i18n::Lang,
        message: String,
        labels: Vec<Label>,
        notes: Vec<String>,
    ) -> Self {
        let r = rules::rule(code);
        RepoDiagnostic {
            code: r.code.to_string(),
            name: r.name.to_string(),
            severity: r.severity,
            message,
            help: r.help(lang).to_string(),
            reference: r.reference.to_string(),
            labels,
            notes,
        }
    }
}

/// Summary counts.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

/// The repository report (JSON `kind: "repo"`, see docs/json-schema.md).
#[derive(Debug, Clone, Serialize)]
pub struct RepoReport {
    /// Always `repo`.
    pub kind: &'static str,
    /// Schema version.
    pub schema_version: &'static str,
    /// Root as given.
    pub root: String,
    /// Licence policy applied.
    pub policy: String,
    /// Project licence.
    pub project: Project,
    /// Coverage.
    pub coverage: Coverage,
    /// Every file considered with its licensing.
    pub files: Vec<FileLicensing>,
    /// Components.
    pub components: Vec<ComponentInfo>,
    /// Folders present but not scanned.
    pub ignored: Vec<Ignored>,
    /// Diagnostics, most severe first.
    pub diagnostics: Vec<RepoDiagnostic>,
    /// Counts.
    pub summary: Summary,
    /// Notices about the configuration (unused `W002` or expired `W003` waivers).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<crate::report::Notice>,
    /// Tender documents given with `--tender` that could not be read (`E001`–`E006`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<crate::report::FileError>,
    /// Text of the files labels point into (for the human renderer).
    #[serde(skip)]
    pub sources: BTreeMap<String, String>,
}

/// Version of the repository JSON report.
pub const SCHEMA_VERSION: &str = "1.0";

/// 1-based line and column (characters) of a byte offset.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(text.len());
    let mut p = pos;
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    let before = &text[..p];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, col)
}

/// The ids of an SPDX expression (strictly parsed after normalisation), in order, deduplicated.
pub fn ids_of(expr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Ok(e) = spdx::Expression::parse_mode(expr, spdx::ParseMode::LAX) {
        for r in e.requirements() {
            let s = r.req.license.to_string();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Applies a `clausier.toml` to a repository report: `[rules]` selection, `[severity]`
/// overrides, then waivers (by rule and by the path of the diagnostic's first label; a
/// diagnostic without a label matches waivers without `path`). Unused and expired waivers of
/// repository rules become notices. Returns how many diagnostics were waived.
pub fn apply_config(r: &mut RepoReport, cfg: &crate::config::Config) -> usize {
    r.diagnostics.retain(|d| cfg.keeps(&d.code));
    for d in &mut r.diagnostics {
        if let Some(s) = cfg.severity_of(&d.code) {
            d.severity = s;
        }
    }
    let mut used = vec![false; cfg.waivers.len()];
    let before = r.diagnostics.len();
    r.diagnostics.retain(|d| {
        let path = d.labels.first().map_or("", |l| l.path.as_str());
        match cfg.waiver_for(&d.code, path) {
            Some(i) if !cfg.waiver_expired(i) => {
                used[i] = true;
                false
            }
            _ => true,
        }
    });
    let waived = before - r.diagnostics.len();
    r.diagnostics
        .sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)));
    r.summary = Summary::default();
    for d in &r.diagnostics {
        match d.severity {
            Severity::Error => r.summary.errors += 1,
            Severity::Warning => r.summary.warnings += 1,
            Severity::Info => r.summary.infos += 1,
        }
    }
    let path = cfg.path.as_ref().map(|p| p.display().to_string());
    for (i, w) in cfg.waivers.iter().enumerate() {
        if !crate::config::is_repo_code(w.rule.get_ref()) {
            continue;
        }
        let (code, message) = if cfg.waiver_expired(i) {
            let date = w.expires.as_ref().map(|e| e.get_ref().clone()).unwrap_or_default();
            (
                "W003",
                format!(
                    "waiver for {} expired on {date}: it no longer applies",
                    w.rule.get_ref()
                ),
            )
        } else if !used[i] {
            (
                "W002",
                format!("waiver for {} matches no finding: remove it", w.rule.get_ref()),
            )
        } else {
            continue;
        };
        r.notices.push(crate::report::Notice {
            code,
            severity: Severity::Warning,
            message,
            path: path.clone(),
            line: Some(cfg.text[..w.span.start.min(cfg.text.len())].matches('\n').count() + 1),
            span: Some(w.span.clone()),
            text: Some(cfg.text.clone()),
        });
    }
    waived
}
