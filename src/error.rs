//! Typed errors of the library. The binary turns them into diagnostics (tool codes `E0xx`) or,
//! at the edge, into `anyhow` errors.

use std::path::PathBuf;

/// An error met while reading one input file. The run goes on with the other files.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// File concerned.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a document clausier can read (binary, unknown format…).
    #[error("cannot read {path}: {reason}")]
    Unsupported {
        /// File concerned.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file exceeds a safety limit (size, entries, depth…).
    #[error("cannot read {path}: {limit} exceeded ({detail})")]
    Limit {
        /// File concerned.
        path: PathBuf,
        /// Name of the limit hit.
        limit: &'static str,
        /// Measured value / cap.
        detail: String,
    },
    /// The file is encrypted and cannot be opened without its password.
    #[error("cannot read {path}: encrypted document: remove the password (or ask the buyer for an open copy) first")]
    Encrypted {
        /// File concerned.
        path: PathBuf,
    },
    /// The file has no text to read (a scanned PDF).
    #[error("cannot read {path}: no text layer: OCR the file first")]
    NoText {
        /// File concerned.
        path: PathBuf,
    },
    /// The file is malformed.
    #[error("cannot read {path}: {reason}")]
    Malformed {
        /// File concerned.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl ReadError {
    /// The path of the file concerned.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Unsupported { path, .. }
            | ReadError::Limit { path, .. }
            | ReadError::Malformed { path, .. }
            | ReadError::Encrypted { path }
            | ReadError::NoText { path } => path,
        }
    }
    /// The tool code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "E001",
            ReadError::Unsupported { .. } => "E002",
            ReadError::Limit { .. } => "E003",
            ReadError::Malformed { .. } => "E004",
            ReadError::Encrypted { .. } => "E005",
            ReadError::NoText { .. } => "E006",
        }
    }
}

/// An error in a clause pack (rule file) or its registry.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct RuleError {
    /// The rule file (or `<embedded>/…`).
    pub origin: String,
    /// What is wrong.
    pub message: String,
    /// Byte span in the rule file, when known.
    pub span: Option<std::ops::Range<usize>>,
    /// The text of the rule file, to render the span.
    pub source_text: Option<String>,
}
