//! GitHub Actions workflow commands (`--format github`): one `::error` / `::warning` line per
//! problem, which GitHub shows as an annotation on the file and line. Evidence (`info`) is left out.

use super::Report;
use crate::clause::Severity;
use std::fmt::Write as _;

fn esc_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn esc_prop(s: &str) -> String {
    esc_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders a report as workflow commands.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for d in r.diagnostics.iter().filter(|d| d.severity > Severity::Info) {
        let cmd = if d.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let title = esc_prop(&format!("{} {}", d.code, d.name));
        let msg = esc_data(&format!("{} — {}", d.message, d.help));
        match &d.location {
            Some(l) => {
                let _ = writeln!(
                    out,
                    "::{cmd} file={},line={},col={},endLine={},endColumn={},title={title}::{msg}",
                    esc_prop(&l.path),
                    l.line,
                    l.column,
                    l.end_line,
                    l.end_column
                );
            }
            None => {
                let _ = writeln!(out, "::{cmd} title={title}::{msg}");
            }
        }
    }
    for e in &r.file_errors {
        let _ = writeln!(
            out,
            "::error file={},title={}::{}",
            esc_prop(&e.path),
            e.code,
            esc_data(&e.message)
        );
    }
    out
}
