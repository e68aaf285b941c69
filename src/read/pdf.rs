//! PDF.
use super::Document;
use crate::error::ReadError;
use std::path::Path;
/// Reads.
pub fn read(path: &Path, _b: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::Unsupported {
        path: path.to_path_buf(),
        reason: "todo".into(),
    })
}
