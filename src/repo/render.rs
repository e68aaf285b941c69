//! Human (codespan-reporting) and JSON renderings of a [`RepoReport`].

use super::RepoReport;
use crate::clause::Severity;
use crate::i18n::Lang;
use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer};
use std::collections::BTreeMap;
use std::io::Write;

/// The JSON report.
pub fn json(r: &RepoReport) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

/// The human report: diagnostics with their spans, then the project licence and coverage.
pub fn human(r: &RepoReport, lang: Lang, color: bool) -> Vec<u8> {
    let fr = lang == Lang::Fr;
    let mut buf = if color { Buffer::ansi() } else { Buffer::no_color() };
    let config = crate::report::human::codespan_config();
    let mut files = SimpleFiles::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, text) in &r.sources {
        ids.insert(path.as_str(), files.add(path.clone(), text.clone()));
    }
    for d in &r.diagnostics {
        let base = match d.severity {
            Severity::Error => Diagnostic::error(),
            Severity::Warning => Diagnostic::warning(),
            Severity::Info => Diagnostic::note(),
        };
        let labels: Vec<Label<usize>> = d
            .labels
            .iter()
            .filter_map(|l| {
                let id = *ids.get(l.path.as_str())?;
                let style = if l.primary {
                    LabelStyle::Primary
                } else {
                    LabelStyle::Secondary
                };
                Some(Label::new(style, id, l.range.clone()).with_message(l.message.clone()))
            })
            .collect();
        let mut notes = d.notes.clone();
        for l in d.labels.iter().filter(|l| !ids.contains_key(l.path.as_str())) {
            notes.push(format!("{}:{}:{}: {}", l.path, l.line, l.column, l.message));
        }
        notes.push(format!("{}: {}", if fr { "aide" } else { "help" }, d.help));
        let diag = base
            .with_code(d.code.clone())
            .with_message(d.message.clone())
            .with_labels(labels)
            .with_notes(notes);
        let _ = term::emit_to_write_style(&mut buf, &config, &files, &diag);
    }
    let mut out = buf.into_inner();
    let p = &r.project;
    let _ = writeln!(
        out,
        "{}: {}",
        if fr { "licence du projet" } else { "project licence" },
        p.expression.as_deref().unwrap_or(if fr { "aucune" } else { "none" })
    );
    for t in &p.terms {
        let ev: Vec<String> = t
            .evidence
            .iter()
            .map(|e| {
                if e.line > 0 {
                    format!("{}:{} ({})", e.path, e.line, e.kind)
                } else {
                    format!("{} ({})", e.path, e.kind)
                }
            })
            .collect();
        let _ = writeln!(out, "  {}: {}", t.id, ev.join(", "));
    }
    let c = &r.coverage;
    let _ = writeln!(
        out,
        "{}: {}/{} {}, {}/{} {}",
        if fr { "couverture" } else { "coverage" },
        c.with_licence,
        c.files,
        if fr { "avec licence" } else { "with licence" },
        c.with_copyright,
        c.files,
        if fr { "avec copyright" } else { "with copyright" },
    );
    let _ = writeln!(
        out,
        "{}: {}",
        if fr { "composants" } else { "components" },
        r.components.len()
    );
    let s = &r.summary;
    let _ = writeln!(
        out,
        "{}",
        if fr {
            format!(
                "{} erreur(s), {} avertissement(s), {} information(s)",
                s.errors, s.warnings, s.infos
            )
        } else {
            format!("{} error(s), {} warning(s), {} info(s)", s.errors, s.warnings, s.infos)
        }
    );
    out
}
