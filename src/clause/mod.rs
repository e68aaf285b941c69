//! Clause packs as data: the rule model ([`model`]), loading and validation ([`load`]) and the
//! registry that holds the rules and categories of a run ([`registry`]).
//!
//! Each rule is a TOML file under `clauses/<category>/<ID>-<name>.toml`; each category has a
//! `clauses/<category>/category.toml`. The packs shipped with clausier are embedded in the binary;
//! `--clauses DIR` adds more.

pub mod load;
pub mod model;
pub mod registry;

pub use model::{Category, Effect, Example, Expect, Kind, Rule, Severity, Text, Window};
pub use registry::Registry;
