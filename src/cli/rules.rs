//! `clausier rules`: the rule list.

use super::{EXIT_CLEAN, EXIT_ERROR, PackArgs, print_rule_errors};
use crate::i18n::Lang;
use clap::ValueEnum;
use serde::Serialize;

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RulesFormat {
    /// A table.
    Human,
    /// JSON.
    Json,
}

/// Arguments of `rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Only the rules of this category.
    #[arg(long)]
    pub category: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
    /// Extra clause packs.
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    category: &'a str,
    kind: &'a str,
    severity: &'a str,
    languages: Vec<&'a str>,
    title: &'a str,
    reference: String,
}

/// Runs `rules`.
pub fn run(a: &RulesArgs, lang: Lang) -> anyhow::Result<u8> {
    let reg = match a.packs.registry() {
        Ok(r) => r,
        Err(e) => {
            print_rule_errors(&e);
            return Ok(EXIT_ERROR);
        }
    };
    let mut rows = Vec::new();
    for c in &reg.categories {
        if a.category.as_ref().is_some_and(|x| x != &c.id) {
            continue;
        }
        rows.push(Row {
            code: &c.code,
            name: &c.name,
            category: &c.id,
            kind: "missing",
            severity: c.severity.name(),
            languages: vec!["en", "fr"],
            title: c.title.get(lang),
            reference: c.reference.line(),
        });
        for r in reg.rules.iter().filter(|r| r.category == c.id) {
            rows.push(Row {
                code: &r.id,
                name: &r.name,
                category: &r.category,
                kind: match r.kind {
                    crate::clause::Kind::Requirement => "requirement",
                    crate::clause::Kind::AntiPattern => "anti-pattern",
                    crate::clause::Kind::Advisory => "advisory",
                },
                severity: r.severity.name(),
                languages: r.languages.iter().map(|l| l.code()).collect(),
                title: r.title.get(lang),
                reference: r.reference.line(),
            });
        }
    }
    if a.category.as_ref().is_none_or(|x| x == "repository") {
        for r in crate::repo::rules::RULES {
            rows.push(Row {
                code: r.code,
                name: r.name,
                category: "repository",
                kind: "repository",
                severity: r.severity.name(),
                languages: vec!["en", "fr"],
                title: r.title(lang),
                reference: r.reference.to_string(),
            });
        }
    }
    if a.category.is_some() && rows.is_empty() {
        eprintln!("error: unknown category `{}`", a.category.as_deref().unwrap_or(""));
        return Ok(EXIT_ERROR);
    }
    match a.format {
        RulesFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        RulesFormat::Human => {
            for r in &rows {
                println!(
                    "{:7} {:8} {:22} {:13} {:44} {}",
                    r.code, r.severity, r.category, r.kind, r.name, r.title
                );
            }
        }
    }
    Ok(EXIT_CLEAN)
}
