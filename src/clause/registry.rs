//! The registry: the rules and categories of a run, validated.

use super::load::{self, PackFile, Parsed};
use super::model::{Category, Expect, Kind, Rule};
use crate::error::RuleError;
use regex::Regex;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

/// Rules, categories and vocabularies, sorted by category order then id.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Rules, sorted by id.
    pub rules: Vec<Rule>,
    /// Where each rule was read from (same index as `rules`).
    pub origins: Vec<String>,
    /// Categories, sorted by `order`.
    pub categories: Vec<Category>,
    /// Vocabularies.
    pub vocab: BTreeMap<String, Vec<String>>,
}

/// A registry entry found by code or name.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// A rule.
    Rule(&'a Rule),
    /// A category's `missing` diagnostic.
    Category(&'a Category),
}

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z]{3}\d{3}$").unwrap());
static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$").unwrap());

fn err(origin: &str, message: String) -> RuleError {
    RuleError {
        origin: origin.to_string(),
        message,
        span: None,
        source_text: None,
    }
}

impl Registry {
    /// The built-in packs.
    pub fn builtin() -> Result<Registry, Vec<RuleError>> {
        Registry::from_files(load::embedded())
    }

    /// The built-in packs plus the packs in `dirs`.
    pub fn with_dirs(dirs: &[&Path]) -> Result<Registry, Vec<RuleError>> {
        let mut files = load::embedded();
        for d in dirs {
            files.extend(load::from_dir(d).map_err(|e| vec![e])?);
        }
        Registry::from_files(files)
    }

    /// Parses and validates pack files.
    pub fn from_files(files: Vec<PackFile>) -> Result<Registry, Vec<RuleError>> {
        let mut parsed = Parsed::default();
        let mut errors = load::parse(files, &mut parsed);
        let mut reg = Registry {
            vocab: parsed.vocab,
            ..Default::default()
        };
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for (c, f) in parsed.categories {
            if !ID.is_match(&c.code) {
                errors.push(err(
                    &f.origin,
                    format!("category code `{}` does not match ^[A-Z]{{3}}\\d{{3}}$", c.code),
                ));
            }
            let dir = f
                .rel
                .rsplit_once('/')
                .map(|(d, _)| d.rsplit('/').next().unwrap_or(d))
                .unwrap_or("");
            if dir != c.id {
                errors.push(err(
                    &f.origin,
                    format!("category `{}` must live in folder `{}/`", c.id, c.id),
                ));
            }
            if !codes.insert(c.code.clone()) {
                errors.push(err(&f.origin, format!("duplicate code `{}`", c.code)));
            }
            if !names.insert(c.name.clone()) {
                errors.push(err(&f.origin, format!("duplicate name `{}`", c.name)));
            }
            if !matches!(c.default.as_str(), "missing" | "satisfied") {
                errors.push(err(
                    &f.origin,
                    format!("default must be `missing` or `satisfied`, not `{}`", c.default),
                ));
            }
            reg.categories.push(c);
        }
        reg.categories
            .sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
        let cats: HashSet<String> = reg.categories.iter().map(|c| c.id.clone()).collect();
        let mut rules: Vec<(Rule, PackFile)> = parsed.rules;
        rules.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        for (r, f) in rules {
            let o = &f.origin;
            if !ID.is_match(&r.id) {
                errors.push(err(
                    o,
                    format!("rule id `{}` does not match ^[A-Z]{{3}}\\d{{3}}$", r.id),
                ));
            }
            if !NAME.is_match(&r.name) {
                errors.push(err(o, format!("rule name `{}` is not kebab-case", r.name)));
            }
            let file_name = f.rel.rsplit('/').next().unwrap_or(&f.rel);
            if file_name != format!("{}-{}.toml", r.id, r.name) {
                errors.push(err(o, format!("file name must be `{}-{}.toml`", r.id, r.name)));
            }
            if !cats.contains(&r.category) {
                errors.push(err(o, format!("unknown category `{}`", r.category)));
            }
            if !codes.insert(r.id.clone()) {
                errors.push(err(o, format!("duplicate code `{}`", r.id)));
            }
            if !names.insert(r.name.clone()) {
                errors.push(err(o, format!("duplicate name `{}`", r.name)));
            }
            if r.languages.is_empty() {
                errors.push(err(o, "`languages` is empty".into()));
            }
            let m = &r.matcher;
            if m.anchor.is_empty() && m.anchor_vocab.is_none() && m.anchor_licence.is_none() {
                errors.push(err(
                    o,
                    "[match] needs `anchor`, `anchor-vocab` or `anchor-licence`".into(),
                ));
            }
            if let Some(v) = &m.anchor_vocab {
                if !reg.vocab.contains_key(v) {
                    errors.push(err(
                        o,
                        format!("unknown vocabulary `{v}` (expected clauses/vocab/{v}.txt)"),
                    ));
                }
            }
            if r.reference.source.trim().is_empty() {
                errors.push(err(o, "reference.source is empty".into()));
            }
            let pass = r.examples.iter().filter(|e| e.expect == Expect::Pass).count();
            let fail = r.examples.iter().filter(|e| e.expect == Expect::Fail).count();
            if pass == 0 || fail == 0 {
                errors.push(err(
                    o,
                    format!("a rule needs at least one pass and one fail example ({pass} pass, {fail} fail)"),
                ));
            }
            if r.kind == Kind::Requirement && r.severity != super::Severity::Info {
                errors.push(err(
                    o,
                    "a requirement rule reports evidence: its severity must be `info`".into(),
                ));
            }
            reg.origins.push(f.origin.clone());
            reg.rules.push(r);
        }
        if errors.is_empty() { Ok(reg) } else { Err(errors) }
    }

    /// Finds a rule or category by code (`SRC001`, case-insensitive) or name.
    pub fn find(&self, key: &str) -> Option<Entry<'_>> {
        let k = key.trim();
        if let Some(r) = self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(k) || r.name == k) {
            return Some(Entry::Rule(r));
        }
        self.categories
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(k) || c.name == k)
            .map(Entry::Category)
    }

    /// Codes and names close to `key` (for "did you mean").
    pub fn suggest(&self, key: &str) -> Vec<String> {
        let k = key.to_ascii_lowercase();
        let mut all: Vec<(usize, String)> = self
            .rules
            .iter()
            .flat_map(|r| [r.id.clone(), r.name.clone()])
            .chain(self.categories.iter().flat_map(|c| [c.code.clone(), c.name.clone()]))
            .map(|s| (strsim(&k, &s.to_ascii_lowercase()), s))
            .filter(|(d, s)| *d <= 2 + s.len() / 4)
            .collect();
        all.sort();
        all.into_iter().take(3).map(|(_, s)| s).collect()
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// Levenshtein distance.
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let v = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(v);
        }
        prev = cur;
    }
    prev[b.len()]
}
