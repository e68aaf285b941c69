//! Human rendering: rustc-style diagnostics with codespan-reporting, pointing at the exact text of
//! each document, then the verdict table of the consultation.

use super::{Diagnostic, Report};
use crate::clause::Severity;
use crate::consultation::Consultation;
use crate::i18n::{Lang, french_typography};
use crate::verdict::Status;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor::Buffer};
use std::io::Write;

/// Options of the human rendering.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// ANSI colours.
    pub color: bool,
    /// Show the evidence (info diagnostics of satisfied clauses).
    pub evidence: bool,
}

/// The codespan configuration shared by every human rendering.
pub fn codespan_config() -> Config {
    Config::default()
}

fn tr(lang: Lang, en: &str, fr: &str) -> String {
    lang.pick(en, fr).to_string()
}

fn status_label(lang: Lang, s: Status) -> &'static str {
    match (lang, s) {
        (Lang::En, Status::Satisfied) => "satisfied",
        (Lang::En, Status::Missing) => "missing",
        (Lang::En, Status::Violated) => "violated",
        (Lang::En, Status::NotApplicable) => "not applicable",
        (Lang::Fr, Status::Satisfied) => "satisfait",
        (Lang::Fr, Status::Missing) => "absent",
        (Lang::Fr, Status::Violated) => "enfreint",
        (Lang::Fr, Status::NotApplicable) => "sans objet",
    }
}

fn typo(lang: Lang, s: &str) -> String {
    if lang == Lang::Fr {
        french_typography(s)
    } else {
        s.to_string()
    }
}

fn to_codespan(d: &Diagnostic, file: Option<usize>, lang: Lang) -> CsDiagnostic<usize> {
    let sev = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut cs = CsDiagnostic::new(sev)
        .with_code(&d.code)
        .with_message(typo(lang, &d.message));
    let mut notes = Vec::new();
    if let (Some(file), Some(l)) = (file, &d.location) {
        cs = cs.with_labels(vec![
            Label::primary(file, l.range.clone()).with_message(typo(lang, &d.label)),
        ]);
        let mut place = Vec::new();
        if let Some(loc) = &l.locator {
            place.push(super::human::locator_text(loc, lang));
        }
        if !l.section.is_empty() {
            place.push(l.section.join(" › "));
        }
        if !place.is_empty() {
            notes.push(format!("{}: {}", tr(lang, "in", "dans"), place.join(" — ")));
        }
    }
    notes.push(format!("{}: {}", tr(lang, "rule", "règle"), d.name));
    notes.push(format!("{}: {}", tr(lang, "legal basis", "fondement"), d.reference));
    if !d.help.is_empty() {
        notes.push(format!("{}: {}", tr(lang, "help", "aide"), d.help));
    }
    cs.with_notes(notes.into_iter().map(|n| typo(lang, &n)).collect())
}

/// The locator of an office or PDF span, as a user reads it.
pub fn locator_text(l: &crate::read::Locator, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &l.page {
        parts.push(format!("{} {p}", tr(lang, "page", "page")));
    }
    if let Some(line) = &l.line {
        parts.push(format!("{} {line}", tr(lang, "line", "ligne")));
    }
    if let Some(part) = &l.part {
        parts.push(part.clone());
    }
    if let Some(t) = &l.table {
        parts.push(format!("{} {t}", tr(lang, "table", "tableau")));
    }
    if let Some(r) = &l.row {
        parts.push(format!("{} {r}", tr(lang, "row", "ligne")));
    }
    if let Some(c) = &l.cell {
        parts.push(format!("{} {c}", tr(lang, "cell", "cellule")));
    }
    if let Some(p) = &l.paragraph {
        parts.push(format!("{} {p}", tr(lang, "paragraph", "paragraphe")));
    }
    parts.join(", ")
}

/// Renders the files that could not be read (for standard error).
pub fn render_file_errors(errors: &[super::FileError], color: bool) -> Vec<u8> {
    let files = SimpleFiles::<String, String>::new();
    let mut buf = if color { Buffer::ansi() } else { Buffer::no_color() };
    for e in errors {
        let d = CsDiagnostic::<usize>::error()
            .with_code(e.code)
            .with_message(e.message.clone());
        let _ = term::emit_to_write_style(&mut buf, &codespan_config(), &files, &d);
    }
    buf.into_inner()
}

/// Renders a tender report.
pub fn render(r: &Report, c: &Consultation, opts: Options) -> Vec<u8> {
    let lang = r.lang;
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = c
        .docs
        .iter()
        .map(|d| files.add(d.doc.display_path(), d.doc.source.as_str()))
        .collect();
    let config = codespan_config();
    let mut buf = if opts.color { Buffer::ansi() } else { Buffer::no_color() };
    for d in &r.diagnostics {
        if d.severity == Severity::Info && !opts.evidence {
            continue;
        }
        let file = d.location.as_ref().map(|l| ids[l.doc]);
        let cs = to_codespan(d, file, lang);
        let _ = term::emit_to_write_style(&mut buf, &config, &files, &cs);
    }
    // verdicts
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| format!("{} ({}, {})", d.path, d.role, d.language.code()))
        .collect();
    let _ = writeln!(
        buf,
        "{}",
        typo(
            lang,
            &format!(
                "{} ({}): {}",
                tr(lang, "consultation", "consultation"),
                r.documents.len(),
                docs.join(", ")
            )
        )
    );
    let width = r.clauses.iter().map(|v| v.category.len()).max().unwrap_or(10);
    for v in &r.clauses {
        let label = status_label(lang, v.status);
        let first = v
            .evidence
            .first()
            .map(|l| format!("{}:{}:{}", l.path, l.line, l.column))
            .unwrap_or_default();
        let more = if v.evidence.len() > 1 {
            format!(" (+{})", v.evidence.len() - 1)
        } else {
            String::new()
        };
        let color = match v.status {
            Status::Satisfied => "\x1b[32m",
            Status::Missing => "\x1b[33m",
            Status::Violated => "\x1b[31m",
            Status::NotApplicable => "\x1b[2m",
        };
        let (on, off) = if opts.color { (color, "\x1b[0m") } else { ("", "") };
        let line = format!(
            "  {:width$}  {on}{:14}{off}  {first}{more}",
            v.category,
            label,
            width = width
        );
        let _ = writeln!(buf, "{}", line.trim_end());
    }
    let s = &r.summary;
    let summary = match lang {
        Lang::En => format!(
            "summary: {} satisfied, {} missing, {} violated, {} not applicable; {} error(s), {} warning(s)",
            s.satisfied, s.missing, s.violated, s.not_applicable, s.errors, s.warnings
        ),
        Lang::Fr => format!(
            "bilan : {} satisfait(s), {} absent(s), {} enfreint(s), {} sans objet ; {} erreur(s), {} avertissement(s)",
            s.satisfied, s.missing, s.violated, s.not_applicable, s.errors, s.warnings
        ),
    };
    let _ = writeln!(buf, "{}", typo(lang, &summary));
    let _ = writeln!(
        buf,
        "{}",
        typo(
            lang,
            &tr(
                lang,
                "For more information about a rule, try `clausier explain <CODE>`.",
                "Pour en savoir plus sur une règle : `clausier explain <CODE>`.",
            )
        )
    );
    buf.into_inner()
}
