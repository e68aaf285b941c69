//! Loading clause packs: the embedded ones and those of a `--clauses DIR`.

use super::model::{Category, Rule};
use crate::error::RuleError;
use std::collections::BTreeMap;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_clauses.rs"));

/// One file of a clause pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Path under the pack root (`open-results/ORS001-….toml`), prefixed by `<embedded>/` for
    /// built-in files.
    pub origin: String,
    /// Path relative to the pack root.
    pub rel: String,
    /// Contents.
    pub text: String,
}

/// The files of the built-in packs.
pub fn embedded() -> Vec<PackFile> {
    EMBEDDED
        .iter()
        .map(|(rel, text)| PackFile {
            origin: format!("clauses/{rel}"),
            rel: rel.to_string(),
            text: text.to_string(),
        })
        .collect()
}

/// Largest clause-pack file read (bytes).
pub const MAX_PACK_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The files of a pack folder on disk.
pub fn from_dir(dir: &Path) -> Result<Vec<PackFile>, RuleError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| RuleError {
            origin: d.display().to_string(),
            message: format!("cannot read clause folder: {e}"),
            span: None,
            source_text: None,
        })?;
        for e in rd.flatten() {
            let p = e.path();
            let err = |message: String| RuleError {
                origin: p.display().to_string(),
                message,
                span: None,
                source_text: None,
            };
            // the entry's own type: a link to a folder is not followed (no loop), a link to a file is
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                stack.push(p);
                continue;
            }
            if !matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "txt")) {
                continue;
            }
            let meta = std::fs::metadata(&p).map_err(|e| err(format!("cannot read clause file: {e}")))?;
            if ft.is_symlink() && meta.is_dir() {
                return Err(err("symbolic link to a folder in a clause pack: not followed".into()));
            }
            if !meta.is_file() {
                // a named pipe would block the read
                return Err(err("clause file is not a regular file".into()));
            }
            if meta.len() > MAX_PACK_FILE_BYTES {
                return Err(err(format!(
                    "clause file too large ({} bytes > {MAX_PACK_FILE_BYTES} bytes)",
                    meta.len()
                )));
            }
            let text = std::fs::read_to_string(&p).map_err(|e| err(format!("cannot read clause file: {e}")))?;
            let rel = p.strip_prefix(dir).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            out.push(PackFile {
                origin: p.display().to_string(),
                rel,
                text,
            });
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// The parsed contents of pack files.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Rules with their file.
    pub rules: Vec<(Rule, PackFile)>,
    /// Categories with their file.
    pub categories: Vec<(Category, PackFile)>,
    /// Vocabularies by name (file stem), terms in file order, comments (`#`) and blanks dropped.
    pub vocab: BTreeMap<String, Vec<String>>,
}

fn toml_error(f: &PackFile, e: toml::de::Error) -> RuleError {
    RuleError {
        origin: f.origin.clone(),
        message: e.message().to_string(),
        span: e.span(),
        source_text: Some(f.text.clone()),
    }
}

/// Parses pack files; every error is collected.
pub fn parse(files: Vec<PackFile>, into: &mut Parsed) -> Vec<RuleError> {
    let mut errors = Vec::new();
    for f in files {
        let file_name = f.rel.rsplit('/').next().unwrap_or(&f.rel).to_string();
        if f.rel.ends_with(".txt") {
            let stem = file_name.trim_end_matches(".txt").to_string();
            let terms = f
                .text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
            into.vocab.insert(stem, terms);
        } else if file_name == "category.toml" {
            match toml::from_str::<Category>(&f.text) {
                Ok(c) => into.categories.push((c, f)),
                Err(e) => errors.push(toml_error(&f, e)),
            }
        } else {
            match toml::from_str::<Rule>(&f.text) {
                Ok(r) => into.rules.push((r, f)),
                Err(e) => errors.push(toml_error(&f, e)),
            }
        }
    }
    errors
}
