//! Per-category verdicts for a consultation (`CATEGORIES.md`), in this order: `violated` when an
//! anti-pattern is found (it wins over everything); `not-applicable` when one of the category's
//! `applies.unless` patterns matches (e.g. access to an existing SaaS is bought); `satisfied` when a
//! requirement is found; `not-applicable` when none of its `applies.when` patterns matches; else the
//! category's default (`missing` for most).

use crate::clause::{Effect, Registry};
use crate::consultation::Consultation;
use crate::engine::{Engine, Finding};
use serde::Serialize;

/// A category's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A clause meets the requirement.
    Satisfied,
    /// Nothing meets it, and it applies.
    Missing,
    /// An anti-pattern defeats it.
    Violated,
    /// It does not apply to this consultation.
    NotApplicable,
}

impl Status {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Status::Satisfied => "satisfied",
            Status::Missing => "missing",
            Status::Violated => "violated",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// The verdict on one category.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// Index of the category in the registry.
    pub category: usize,
    /// Status.
    pub status: Status,
    /// Indices (into the findings) of the evidence: violating findings when violated, satisfying
    /// ones when satisfied.
    pub evidence: Vec<usize>,
}

/// Decides every category.
pub fn decide(reg: &Registry, engine: &Engine, c: &Consultation, findings: &[Finding]) -> Vec<Verdict> {
    reg.categories
        .iter()
        .enumerate()
        .map(|(ci, cat)| {
            let of = |effect: Effect| -> Vec<usize> {
                findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| {
                        let r = &reg.rules[f.rule];
                        r.category == cat.id && r.kind.effect() == effect
                    })
                    .map(|(i, _)| i)
                    .collect()
            };
            let violating = of(Effect::Violates);
            if !violating.is_empty() {
                return Verdict {
                    category: ci,
                    status: Status::Violated,
                    evidence: violating,
                };
            }
            let ap = &engine.applies[ci];
            let any = |res: &[std::sync::Arc<crate::engine::pattern::Pattern>]| {
                res.iter()
                    .any(|p| c.docs.iter().any(|d| p.re().is_match(d.folded.text.as_bytes())))
            };
            // `unless` is a positive sign that the category does not apply (e.g. access to an
            // existing SaaS is bought): boilerplate evidence does not make it apply
            if c.docs.is_empty() || any(&ap.unless) {
                return Verdict {
                    category: ci,
                    status: Status::NotApplicable,
                    evidence: Vec::new(),
                };
            }
            let satisfying = of(Effect::Satisfies);
            if !satisfying.is_empty() {
                return Verdict {
                    category: ci,
                    status: Status::Satisfied,
                    evidence: satisfying,
                };
            }
            // `when` is a weak sign: without any of its words, the category does not apply
            let status = if !(ap.when.is_empty() || any(&ap.when)) {
                Status::NotApplicable
            } else if cat.default == "satisfied" {
                Status::Satisfied
            } else {
                Status::Missing
            };
            Verdict {
                category: ci,
                status,
                evidence: Vec::new(),
            }
        })
        .collect()
}
