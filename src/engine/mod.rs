//! The matching engine: every rule's patterns compiled once, then run over the folded text of
//! each document of a consultation. A finding is an anchor match whose window holds every
//! `require` pattern and no `unless` pattern, outside any `unless-section` heading.

use crate::clause::model::{LicenceAnchor, Match, Window};
use crate::clause::{Example, Registry, Rule};
use crate::consultation::{Analyzed, Consultation};
use crate::error::RuleError;
use crate::licence::{LicenceClass, names};
use crate::read::{self};
pub mod pattern;

use pattern::{Cache, Pattern};
use rayon::prelude::*;
use regex::bytes::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// A rule's patterns, compiled.
#[derive(Debug)]
struct CompiledRule {
    anchors: Vec<Arc<Pattern>>,
    licence: Option<LicenceAnchor>,
    require: Vec<Arc<Pattern>>,
    unless: Vec<Arc<Pattern>>,
    unless_before: Vec<Arc<Pattern>>,
    unless_section: Vec<Arc<Pattern>>,
    window: Window,
}

/// A category's applicability patterns, compiled.
#[derive(Debug, Default)]
pub struct CompiledApplies {
    /// Applies only when one of these matches.
    pub when: Vec<Arc<Pattern>>,
    /// Does not apply when one of these matches.
    pub unless: Vec<Arc<Pattern>>,
}

/// A placeholder value: known text, or a folded range read out only if the finding is kept.
#[derive(Debug, Clone)]
enum VarValue {
    Text(String),
    Range(Range<usize>),
}

type Vars = Vec<(String, VarValue)>;

/// A rule match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in the registry.
    pub rule: usize,
    /// Index of the document in the consultation.
    pub doc: usize,
    /// Index of the block in the document.
    pub block: usize,
    /// Range in the folded text.
    pub folded: Range<usize>,
    /// Range in the document's source.
    pub source: Range<usize>,
    /// Values for the message placeholders (`match`, `licence`, named captures).
    pub vars: BTreeMap<String, String>,
}

/// The compiled rules and categories of a registry.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<CompiledRule>,
    cache: Cache,
    /// Per category (same order as the registry's categories).
    pub applies: Vec<CompiledApplies>,
}

/// Compiles a rule pattern as the engine does: accent-folded, case-insensitive, with ASCII
/// classes (`\w`, `\b`, `\s`), since it runs on the folded text, which is ASCII but for rare
/// letters without an ASCII form.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    let p = Pattern::new(pattern)?;
    p.compile().map_err(|e| e.to_string())?;
    Ok(p.re().clone())
}

fn compile_all(
    cache: &mut Cache,
    origin: &str,
    what: &str,
    patterns: &[String],
    errors: &mut Vec<RuleError>,
) -> Vec<Arc<Pattern>> {
    patterns
        .iter()
        .filter_map(|p| match cache.get(p) {
            Ok(r) => Some(r),
            Err(e) => {
                errors.push(RuleError {
                    origin: origin.to_string(),
                    message: format!("invalid pattern in `{what}`: {e}"),
                    span: None,
                    source_text: None,
                });
                None
            }
        })
        .collect()
}

/// A vocabulary as one pattern, longest terms first (so that "microsoft 365" wins over
/// "microsoft"), the matched term captured as `term`.
fn vocab_pattern(terms: &[String]) -> String {
    let mut alts: Vec<String> = terms
        .iter()
        .map(|t| regex::escape(&crate::normalize::fold_str(t)))
        .collect();
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    format!(r"\b(?P<term>{})\b", alts.join("|"))
}

impl Engine {
    /// Compiles a registry; every bad pattern is reported.
    pub fn new(reg: &Registry) -> Result<Engine, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut cache = Cache::default();
        let mut rules = Vec::with_capacity(reg.rules.len());
        for (r, origin) in reg.rules.iter().zip(&reg.origins) {
            let m: &Match = &r.matcher;
            let mut anchors = compile_all(&mut cache, origin, "anchor", &m.anchor, &mut errors);
            if let Some(v) = &m.anchor_vocab {
                if let Some(terms) = reg.vocab.get(v) {
                    match cache.get(&vocab_pattern(terms)) {
                        Ok(p) => anchors.push(p),
                        Err(e) => errors.push(RuleError {
                            origin: origin.clone(),
                            message: format!("vocabulary `{v}`: {e}"),
                            span: None,
                            source_text: None,
                        }),
                    }
                }
            }
            rules.push(CompiledRule {
                anchors,
                licence: m.anchor_licence,
                require: compile_all(&mut cache, origin, "require", &m.require, &mut errors),
                unless: compile_all(&mut cache, origin, "unless", &m.unless, &mut errors),
                unless_before: compile_all(&mut cache, origin, "unless-before", &m.unless_before, &mut errors),
                unless_section: compile_all(&mut cache, origin, "unless-section", &m.unless_section, &mut errors),
                window: m.window,
            });
        }
        let applies = reg
            .categories
            .iter()
            .map(|c| {
                let o = format!("clauses/{}/category.toml", c.id);
                CompiledApplies {
                    when: compile_all(&mut cache, &o, "applies.when", &c.applies.when, &mut errors),
                    unless: compile_all(&mut cache, &o, "applies.unless", &c.applies.unless, &mut errors),
                }
            })
            .collect();
        if errors.is_empty() {
            Ok(Engine { rules, cache, applies })
        } else {
            Err(errors)
        }
    }

    /// Compiles every pattern now (patterns are otherwise compiled on first use), reporting
    /// those that exceed the size limit. Used when validating clause packs.
    pub fn compile_now(&self) -> Result<(), Vec<String>> {
        let errors: Vec<String> = self
            .cache
            .all()
            .filter_map(|p| p.compile().err().map(|e| e.to_string()))
            .collect();
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Runs every rule over a consultation. Findings are in rule, document, position order.
    pub fn run(&self, reg: &Registry, c: &Consultation) -> Vec<Finding> {
        let mentions: Vec<Vec<names::Mention>> = if self.rules.iter().any(|r| r.licence.is_some()) {
            c.docs.iter().map(|d| names::find(&d.folded.text)).collect()
        } else {
            vec![Vec::new(); c.docs.len()]
        };
        // rules are independent: run them in parallel, keep the registry order
        let per_rule: Vec<Vec<Finding>> = reg
            .rules
            .par_iter()
            .enumerate()
            .map(|(i, rule)| {
                let mut out = Vec::new();
                self.run_rule(i, rule, c, &mentions, &mut out);
                out
            })
            .collect();
        per_rule.into_iter().flatten().collect()
    }

    fn run_rule(
        &self,
        ri: usize,
        rule: &Rule,
        c: &Consultation,
        mentions: &[Vec<names::Mention>],
        out: &mut Vec<Finding>,
    ) {
        let cr = &self.rules[ri];
        // consultation-wide windows are evaluated once
        let consultation_ok = if cr.window == Window::Consultation {
            let req = cr
                .require
                .iter()
                .all(|re| c.docs.iter().any(|d| re.re().is_match(d.folded.text.as_bytes())));
            let unl = cr
                .unless
                .iter()
                .any(|re| c.docs.iter().any(|d| re.re().is_match(d.folded.text.as_bytes())));
            req && !unl
        } else {
            true
        };
        if !consultation_ok {
            return;
        }
        for (di, d) in c.docs.iter().enumerate() {
            if !rule.languages.contains(&d.lang) {
                continue;
            }
            if !rule.roles.is_empty() && !rule.roles.iter().any(|r| r.eq_ignore_ascii_case(&d.role)) {
                continue;
            }
            let mut anchors: Vec<(Range<usize>, Vars)> = Vec::new();
            for re in &cr.anchors {
                if re.re().captures_len() == 1 {
                    // no group: no captures to extract
                    for m in re.re().find_iter(d.folded.text.as_bytes()) {
                        if !m.is_empty() {
                            anchors.push((char_range(&d.folded.text, m.range()), Vars::new()));
                        }
                    }
                    continue;
                }
                for caps in re.re().captures_iter(d.folded.text.as_bytes()) {
                    let m = caps.get(0).unwrap();
                    if m.is_empty() {
                        continue;
                    }
                    // byte patterns may cut a multi-byte letter: widen to character boundaries
                    let range = char_range(&d.folded.text, m.range());
                    let mut vars = Vars::new();
                    for name in re.re().capture_names().flatten() {
                        if let Some(g) = caps.name(name) {
                            vars.push((name.to_string(), VarValue::Range(char_range(&d.folded.text, g.range()))));
                        }
                    }
                    anchors.push((range, vars));
                }
            }
            if let Some(class) = cr.licence {
                for m in &mentions[di] {
                    let ok = match class {
                        LicenceAnchor::Any => true,
                        LicenceAnchor::Free => matches!(m.class, LicenceClass::Listed | LicenceClass::FreeUnlisted),
                        LicenceAnchor::Listed => m.class == LicenceClass::Listed,
                        LicenceAnchor::FreeUnlisted => m.class == LicenceClass::FreeUnlisted,
                        LicenceAnchor::NonFree => m.class == LicenceClass::NonFree,
                    };
                    if ok {
                        let vars = vec![("licence".to_string(), VarValue::Text(m.id.clone()))];
                        anchors.push((m.range.clone(), vars));
                    }
                }
            }
            anchors.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
            let mut last_window: Option<Range<usize>> = None;
            for (range, vars) in anchors {
                let Some(block) = d.folded.block_at(range.start) else {
                    continue;
                };
                let sentence = d
                    .segments
                    .sentence_at(range.start)
                    .unwrap_or_else(|| d.folded.blocks[block].clone());
                let window = match cr.window {
                    Window::Sentence => sentence.clone(),
                    Window::Paragraph => d.folded.blocks[block].clone(),
                    Window::Section => d.segments.section_of_block[block].clone(),
                    Window::Document | Window::Consultation => 0..d.folded.text.len(),
                };
                // one finding per rule and sentence
                if last_window.as_ref() == Some(&sentence) {
                    continue;
                }
                if !cr.unless_section.is_empty() {
                    let path = &d.heading_paths[block];
                    if cr.unless_section.iter().any(|re| re.re().is_match(path.as_bytes())) {
                        continue;
                    }
                }
                if cr.window != Window::Consultation {
                    let text = &d.folded.text[window.clone()];
                    if !cr.require.iter().all(|re| re.re().is_match(text.as_bytes())) {
                        continue;
                    }
                    if cr.unless.iter().any(|re| re.re().is_match(text.as_bytes())) {
                        continue;
                    }
                }
                if !cr.unless_before.is_empty() {
                    let mut from = range.start.saturating_sub(60).max(sentence.start);
                    while !d.folded.text.is_char_boundary(from) {
                        from += 1;
                    }
                    let before = &d.folded.text[from..range.start];
                    if cr.unless_before.iter().any(|re| re.re().is_match(before.as_bytes())) {
                        continue;
                    }
                }
                last_window = Some(sentence);
                let source = d.folded.source_range(range.clone());
                // placeholder values are only read out for the findings kept
                let mut vars: BTreeMap<String, String> = vars
                    .into_iter()
                    .map(|(k, v)| {
                        let text = match v {
                            VarValue::Text(t) => t,
                            VarValue::Range(r) => source_text(d, r),
                        };
                        (k, text)
                    })
                    .collect();
                vars.insert("match".to_string(), source_text(d, range.clone()));
                out.push(Finding {
                    rule: ri,
                    doc: di,
                    block,
                    folded: range,
                    source,
                    vars,
                });
            }
        }
    }

    /// Runs one rule on an example text, as a one-document consultation.
    pub fn run_example(&self, reg: &Registry, rule: usize, example: &Example) -> Vec<Finding> {
        let doc = read::read_bytes(Path::new("example.md"), example.text.as_bytes()).expect("example text reads");
        let c = Consultation {
            docs: vec![Analyzed::new(doc, example.lang)],
        };
        let mentions: Vec<Vec<names::Mention>> = c.docs.iter().map(|d| names::find(&d.folded.text)).collect();
        let mut out = Vec::new();
        self.run_rule(rule, &reg.rules[rule], &c, &mentions, &mut out);
        out
    }
}

/// Widens a byte range to the enclosing character boundaries.
fn char_range(text: &str, r: Range<usize>) -> Range<usize> {
    let mut start = r.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = r.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The text of a folded range as written (for messages): character references decoded, white
/// space collapsed.
fn source_text(d: &Analyzed, folded: Range<usize>) -> String {
    let r = d.folded.source_range(folded.clone());
    match d.folded.block_at(folded.start).and_then(|b| d.doc.blocks.get(b)) {
        Some(block) => block.text_in(&d.doc.source, r),
        None => d.doc.source[r].split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) if after[..j].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                match vars.get(&after[..j]) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[i..i + j + 2]),
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
