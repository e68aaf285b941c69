//! A Markdown summary (`--format markdown`) a buyer can paste into an e-mail or a pull-request
//! comment: the verdict table, the problems with where they are, and the clauses to add.

use super::Report;
use crate::clause::Severity;
use crate::i18n::Lang;
use crate::verdict::Status;
use std::fmt::Write as _;

fn status(lang: Lang, s: Status) -> &'static str {
    match (lang, s) {
        (Lang::En, Status::Satisfied) => "✅ satisfied",
        (Lang::En, Status::Missing) => "⚠️ missing",
        (Lang::En, Status::Violated) => "❌ violated",
        (Lang::En, Status::NotApplicable) => "➖ not applicable",
        (Lang::Fr, Status::Satisfied) => "✅ satisfait",
        (Lang::Fr, Status::Missing) => "⚠️ absent",
        (Lang::Fr, Status::Violated) => "❌ enfreint",
        (Lang::Fr, Status::NotApplicable) => "➖ sans objet",
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Renders a report as Markdown.
pub fn render(r: &Report) -> String {
    let fr = r.lang == Lang::Fr;
    let t = |en: &'static str, f: &'static str| if fr { f } else { en };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## {}\n",
        t("Consultation check (clausier)", "Analyse de la consultation (clausier)")
    );
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| format!("`{}` ({})", d.path, d.role))
        .collect();
    let _ = writeln!(s, "{} {}\n", t("Documents:", "Documents :"), docs.join(", "));
    let _ = writeln!(
        s,
        "| {} | {} | {} |",
        t("Category", "Catégorie"),
        t("Verdict", "Verdict"),
        t("Where", "Où")
    );
    let _ = writeln!(s, "|---|---|---|");
    for c in &r.clauses {
        let at = c
            .evidence
            .first()
            .map(|l| format!("`{}:{}`", l.path, l.line))
            .unwrap_or_default();
        let _ = writeln!(s, "| {} | {} | {} |", cell(&c.title), status(r.lang, c.status), at);
    }
    let problems: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info && d.location.is_some())
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(s, "\n### {}\n", t("Problems", "Problèmes"));
        for d in problems {
            let l = d.location.as_ref().unwrap();
            let _ = writeln!(
                s,
                "- **{} {}** `{}:{}` — {}  \n  {} {}",
                d.severity.name(),
                d.code,
                l.path,
                l.line,
                d.message,
                t("Fix:", "Correction :"),
                d.help
            );
        }
    }
    let missing: Vec<_> = r.diagnostics.iter().filter(|d| d.location.is_none()).collect();
    if !missing.is_empty() {
        let _ = writeln!(s, "\n### {}\n", t("Clauses to add", "Clauses à ajouter"));
        for d in missing {
            let _ = writeln!(s, "- **{}** {}  \n  {}", d.code, d.message, d.help);
        }
    }
    let sm = &r.summary;
    let _ = writeln!(
        s,
        "\n{} {} / {} / {} / {}",
        t(
            "Satisfied / missing / violated / not applicable:",
            "Satisfaits / absents / enfreints / sans objet :"
        ),
        sm.satisfied,
        sm.missing,
        sm.violated,
        sm.not_applicable
    );
    s
}
