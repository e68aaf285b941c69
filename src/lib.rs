//! clausier: a linter for the public procurement of software.
//!
//! The data flow of a tender check: [`read`] (one reader per format) → [`normalize`] (folded text
//! with a source map) and [`segment`] (sentences, sections) → [`engine`] (clause packs from
//! [`clause`]) → [`verdict`] (one status per category and consultation) → [`report`]
//! (human, JSON).
#![deny(missing_docs)]

pub mod clause;
pub mod cli;
pub mod config;
pub mod consultation;
pub mod engine;
pub mod error;
pub mod i18n;
pub mod licence;
pub mod normalize;
pub mod read;
pub mod repo;
pub mod report;
pub mod segment;
pub mod verdict;
