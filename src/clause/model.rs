//! The rule and category model, as read from TOML (`deny_unknown_fields`: a typo in a rule file
//! is an error, not a silently ignored key).

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A text in English and French; a plain string is used for both.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Text {
    /// The same text in every language.
    One(String),
    /// One text per language.
    Langs {
        /// English.
        en: String,
        /// French.
        fr: Option<String>,
    },
}

impl Text {
    /// The text in `lang`, English when there is no translation.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::One(s) => s,
            Text::Langs { en, fr } => match lang {
                Lang::Fr => fr.as_deref().unwrap_or(en),
                Lang::En => en,
            },
        }
    }
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Evidence and information: never fails a run unless `--fail-level info`.
    Info,
    /// Should be fixed.
    Warning,
    /// Must be fixed.
    Error,
}

impl Severity {
    /// Lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A clause that satisfies its category.
    Requirement,
    /// A clause that defeats its category (the category is `violated`).
    AntiPattern,
    /// A clause worth a remark that changes no verdict.
    Advisory,
}

/// How a rule's findings weigh on its category's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Evidence for `satisfied`.
    Satisfies,
    /// Makes the category `violated`.
    Violates,
    /// No effect on the verdict.
    None,
}

impl Kind {
    /// The effect of a finding of this kind.
    pub fn effect(self) -> Effect {
        match self {
            Kind::Requirement => Effect::Satisfies,
            Kind::AntiPattern => Effect::Violates,
            Kind::Advisory => Effect::None,
        }
    }
}

/// Where `require` and `unless` patterns are looked for, around the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Window {
    /// The anchor's sentence.
    #[default]
    Sentence,
    /// The anchor's paragraph (block: paragraph, list item, table row or cell).
    Paragraph,
    /// The anchor's section: its heading and what follows up to the next heading of the same level.
    Section,
    /// The anchor's document.
    Document,
    /// Every document of the consultation.
    Consultation,
}

/// Which licence mentions anchor a rule (see [`crate::licence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LicenceAnchor {
    /// Any licence mention.
    Any,
    /// A free/open licence (on the D.323-2-1 list or not) or a public-domain dedication.
    Free,
    /// On the CRPA D.323-2-1 list.
    Listed,
    /// Free or open, but not on the D.323-2-1 list (needs homologation, D.323-2-2).
    FreeUnlisted,
    /// Not free (NC/ND, proprietary…).
    NonFree,
}

/// Legal basis of a rule.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Text of law, regulation or policy (e.g. « Code de la commande publique »).
    pub source: String,
    /// Article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Reference {
    /// One line: « source, article ».
    pub fn line(&self) -> String {
        match &self.article {
            Some(a) => format!("{}, {}", self.source, a),
            None => self.source.clone(),
        }
    }
}

/// The matching part of a rule.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Match {
    /// Patterns (regular expressions, case- and accent-insensitive) whose match is the span of a
    /// finding. Any one suffices.
    #[serde(default)]
    pub anchor: Vec<String>,
    /// A vocabulary (`clauses/vocab/<name>.txt`, one term per line) whose terms are anchors too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_vocab: Option<String>,
    /// Licence mentions of this class are anchors too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_licence: Option<LicenceAnchor>,
    /// Each of these patterns must match in the window.
    #[serde(default)]
    pub require: Vec<String>,
    /// None of these patterns may match in the window (negations, exceptions).
    #[serde(default)]
    pub unless: Vec<String>,
    /// None of these patterns may match in the text just before the anchor (the same sentence,
    /// at most 60 characters before): « ne … pas », « aucune ».
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// None of these patterns may match the anchor's heading path (« Description de l'existant »).
    #[serde(default)]
    pub unless_section: Vec<String>,
    /// The window of `require` and `unless`.
    #[serde(default)]
    pub window: Window,
}

/// Documentation of a rule, by section.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Explain {
    /// What it checks.
    pub what: Text,
    /// Why it matters.
    pub why: Text,
    /// How to fix.
    pub fix: Text,
}

/// Whether an example must satisfy the rule (`pass`) or be reported by it (`fail`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    /// Compliant text: an anti-pattern/advisory rule reports nothing; a requirement rule finds
    /// its clause.
    Pass,
    /// Non-compliant text: an anti-pattern/advisory rule reports it; a requirement rule finds
    /// nothing.
    Fail,
}

/// A rule example, run by the test suite.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Expected outcome.
    pub expect: Expect,
    /// Language of the text (detected when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The text (Markdown).
    pub text: String,
}

/// A clause rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rule {
    /// Stable code, `^[A-Z]{3}\d{3}$`; never reused.
    pub id: String,
    /// Kebab-case name describing what is found.
    pub name: String,
    /// Category id (see `CATEGORIES.md`).
    pub category: String,
    /// Requirement, anti-pattern or advisory.
    pub kind: Kind,
    /// Default severity.
    pub severity: Severity,
    /// Languages the patterns are written for.
    pub languages: Vec<Lang>,
    /// Document roles the rule applies to (all when empty).
    #[serde(default)]
    pub roles: Vec<String>,
    /// Title, one line.
    pub title: Text,
    /// Legal basis.
    pub reference: Reference,
    /// The patterns.
    #[serde(rename = "match")]
    pub matcher: Match,
    /// Diagnostic message; `{match}` is the matched text, `{licence}` the licence found,
    /// `{name}` any named capture.
    pub message: Text,
    /// What the primary span is.
    pub label: Text,
    /// The remedy.
    pub help: Text,
    /// Documentation.
    pub explain: Explain,
    /// Examples (docs and tests).
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
    /// Free-form tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// When a category does not apply to a consultation.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Applies {
    /// The category applies only when one of these matches somewhere in the consultation.
    #[serde(default)]
    pub when: Vec<String>,
    /// The category does not apply when one of these matches (and no evidence was found).
    #[serde(default)]
    pub unless: Vec<String>,
}

/// What to say when a category is missing.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Missing {
    /// What was searched for.
    pub searched: Text,
    /// A clause to add, in the consultation's language.
    pub suggestion: Text,
}

/// A verdict category (`CATEGORIES.md`) and its consultation-level `missing` diagnostic.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Category {
    /// Category id (`open-results`…).
    pub id: String,
    /// Position in reports.
    pub order: u32,
    /// Code of the `missing` diagnostic (`ORS000`).
    pub code: String,
    /// Name of the `missing` diagnostic.
    pub name: String,
    /// Title.
    pub title: Text,
    /// What `satisfied` needs.
    pub satisfied_when: Text,
    /// Severity of the `missing` diagnostic.
    pub severity: Severity,
    /// Verdict when nothing is found and the category applies: `missing` (most) or `satisfied`
    /// (categories defined by the absence of an anti-pattern, such as brand neutrality).
    #[serde(default = "default_missing")]
    pub default: String,
    /// Applicability.
    #[serde(default)]
    pub applies: Applies,
    /// Legal basis.
    pub reference: Reference,
    /// What to say when missing.
    pub missing: Missing,
    /// Whether the `missing` diagnostic is reported (false when deselected in `clausier.toml`).
    #[serde(skip, default = "yes")]
    pub report_missing: bool,
}

fn yes() -> bool {
    true
}

fn default_missing() -> String {
    "missing".into()
}
