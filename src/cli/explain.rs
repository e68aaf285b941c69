//! `clausier explain CODE|NAME`: a rule's documentation, as Markdown (or JSON).

use super::{EXIT_CLEAN, EXIT_ERROR, PackArgs, print_rule_errors};
use crate::clause::registry::Entry;
use crate::clause::{Category, Expect, Kind, Rule};
use crate::i18n::Lang;
use clap::ValueEnum;
use std::fmt::Write as _;

/// Output formats of `explain`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExplainFormat {
    /// Markdown text.
    Markdown,
    /// The rule as JSON.
    Json,
}

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code (`SRC001`), a category's missing code (`SRC000`) or a name.
    pub code: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Markdown)]
    pub format: ExplainFormat,
    /// Extra clause packs.
    #[command(flatten)]
    pub packs: PackArgs,
}

fn kind_text(k: Kind, lang: Lang) -> &'static str {
    match (k, lang) {
        (Kind::Requirement, Lang::En) => "requirement (evidence that the category is satisfied)",
        (Kind::Requirement, Lang::Fr) => "exigence (preuve que la catégorie est satisfaite)",
        (Kind::AntiPattern, Lang::En) => "anti-pattern (the category is violated)",
        (Kind::AntiPattern, Lang::Fr) => "anti-motif (la catégorie est enfreinte)",
        (Kind::Advisory, Lang::En) => "advisory (no effect on the verdict)",
        (Kind::Advisory, Lang::Fr) => "conseil (sans effet sur le verdict)",
    }
}

/// The Markdown explanation of a rule.
pub fn rule_markdown(r: &Rule, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut s = String::new();
    let _ = writeln!(s, "# {} ({})\n", r.name, r.id);
    let _ = writeln!(s, "{}\n", r.title.get(lang));
    let langs: Vec<&str> = r.languages.iter().map(|l| l.code()).collect();
    let _ = writeln!(
        s,
        "{}: `{}` · {}: {} · {}: {} · {}: {}\n",
        if fr { "Catégorie" } else { "Category" },
        r.category,
        if fr { "type" } else { "kind" },
        kind_text(r.kind, lang),
        if fr { "sévérité" } else { "severity" },
        r.severity.name(),
        if fr { "langues" } else { "languages" },
        langs.join(", ")
    );
    let refline = match &r.reference.url {
        Some(u) => format!("{} <{}>", r.reference.line(), u),
        None => r.reference.line(),
    };
    let _ = writeln!(s, "{}: {}\n", if fr { "Fondement" } else { "Legal basis" }, refline);
    let _ = writeln!(
        s,
        "## {}\n\n{}\n",
        if fr {
            "Ce que la règle vérifie"
        } else {
            "What it checks"
        },
        r.explain.what.get(lang)
    );
    let _ = writeln!(
        s,
        "## {}\n\n{}\n",
        if fr { "Pourquoi" } else { "Why it matters" },
        r.explain.why.get(lang)
    );
    let _ = writeln!(
        s,
        "## {}\n\n{}\n",
        if fr { "Comment corriger" } else { "How to fix" },
        r.explain.fix.get(lang)
    );
    let _ = writeln!(s, "## {}\n", if fr { "Exemples" } else { "Examples" });
    let reported = match r.kind {
        Kind::Requirement => (if fr { "Clause reconnue" } else { "Clause recognised" }, Expect::Pass),
        _ => (if fr { "Signalé" } else { "Reported" }, Expect::Fail),
    };
    for (title, expect) in [
        (reported.0, reported.1),
        (
            if reported.1 == Expect::Pass {
                if fr { "Non reconnu" } else { "Not recognised" }
            } else if fr {
                "Accepté"
            } else {
                "Accepted"
            },
            if reported.1 == Expect::Pass {
                Expect::Fail
            } else {
                Expect::Pass
            },
        ),
    ] {
        let _ = writeln!(s, "{title}:\n");
        for e in r.examples.iter().filter(|e| e.expect == expect) {
            let _ = writeln!(s, "> {}\n", e.text.trim().replace('\n', "\n> "));
        }
    }
    s
}

/// The Markdown explanation of a category's `missing` diagnostic.
pub fn category_markdown(c: &Category, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut s = String::new();
    let _ = writeln!(s, "# {} ({})\n", c.name, c.code);
    let _ = writeln!(
        s,
        "{}: `{}` — {}\n",
        if fr { "Catégorie" } else { "Category" },
        c.id,
        c.title.get(lang)
    );
    let _ = writeln!(
        s,
        "{}: {}\n",
        if fr { "Fondement" } else { "Legal basis" },
        c.reference.line()
    );
    let _ = writeln!(
        s,
        "## {}\n\n{}\n",
        if fr { "Satisfaite quand" } else { "Satisfied when" },
        c.satisfied_when.get(lang)
    );
    let _ = writeln!(
        s,
        "## {}\n\n{}\n",
        if fr { "Recherché" } else { "Searched for" },
        c.missing.searched.get(lang)
    );
    let _ = writeln!(
        s,
        "## {}\n\n> {}\n",
        if fr { "Clause suggérée" } else { "Suggested clause" },
        c.missing.suggestion.get(lang)
    );
    s
}

/// Runs `explain`.
pub fn run(a: &ExplainArgs, lang: Lang) -> anyhow::Result<u8> {
    let reg = match a.packs.registry() {
        Ok(r) => r,
        Err(e) => {
            print_rule_errors(&e);
            return Ok(EXIT_ERROR);
        }
    };
    match reg.find(&a.code) {
        Some(entry) => {
            let out = match (a.format, entry) {
                (ExplainFormat::Markdown, Entry::Rule(r)) => rule_markdown(r, lang),
                (ExplainFormat::Markdown, Entry::Category(c)) => category_markdown(c, lang),
                (ExplainFormat::Json, Entry::Rule(r)) => serde_json::to_string_pretty(r)? + "\n",
                (ExplainFormat::Json, Entry::Category(c)) => serde_json::to_string_pretty(c)? + "\n",
            };
            print!("{out}");
            Ok(EXIT_CLEAN)
        }
        None if crate::repo::rules::find(&a.code).is_some() => {
            let r = crate::repo::rules::find(&a.code).expect("checked");
            match a.format {
                ExplainFormat::Markdown => print!("{}", crate::repo::rules::markdown(r, lang)),
                ExplainFormat::Json => println!("{}", serde_json::to_string_pretty(r)?),
            }
            Ok(EXIT_CLEAN)
        }
        None => {
            let sugg = reg.suggest(&a.code);
            if lang == Lang::Fr {
                eprintln!("erreur : règle inconnue « {} »", a.code);
            } else {
                eprintln!("error: unknown rule `{}`", a.code);
            }
            if !sugg.is_empty() {
                eprintln!(
                    "{}: {}",
                    if lang == Lang::Fr {
                        "suggestions"
                    } else {
                        "did you mean"
                    },
                    sugg.join(", ")
                );
            }
            Ok(EXIT_ERROR)
        }
    }
}
