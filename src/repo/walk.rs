//! The parallel walk of a repository (`ignore` crate): `.gitignore` honoured without `.git`,
//! hidden files seen, `.git` and vendored folders skipped, symlinks not followed. Each file's
//! head is read once, prefiltered for `SPDX-` and its header tags extracted.

use super::headers::{self, HEAD_BYTES, Tag};
use aho_corasick::AhoCorasick;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

/// Folder names of vendored code.
pub const VENDORED: &[&str] = &[
    "node_modules",
    "vendor",
    "third_party",
    "third-party",
    "bower_components",
];

/// One file seen by the walk.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Path relative to the root, `/` separators.
    pub rel: String,
    /// Absolute (or root-joined) path.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Header tags found in the head.
    pub tags: Vec<Tag>,
    /// A symlink (not read).
    pub symlink: bool,
}

/// The walk's result.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files, sorted by path.
    pub files: Vec<Seen>,
    /// Folders visited (relative), sorted.
    pub dirs: Vec<String>,
}

static PREFILTER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(["SPDX-"]).ok());

/// Reads up to [`HEAD_BYTES`] of a file and extracts its header tags when it contains `SPDX-`.
pub fn scan_file(path: &Path, name: &str, buf: &mut Vec<u8>) -> Vec<Tag> {
    buf.clear();
    let Ok(f) = std::fs::File::open(path) else {
        return Vec::new();
    };
    if f.take(HEAD_BYTES as u64).read_to_end(buf).is_err() {
        return Vec::new();
    }
    let has = match PREFILTER.as_ref() {
        Some(ac) => ac.is_match(buf.as_slice()),
        None => buf.windows(5).any(|w| w == b"SPDX-"),
    };
    if !has {
        return Vec::new();
    }
    // only the header region is decoded and scanned (see `headers::tag_region`)
    let region = headers::tag_region_bytes(buf);
    let head = headers::head_text(region);
    headers::scan(name, &head)
}

fn rel_of(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.to_string_lossy().replace('\\', "/")
}

/// Walks `root` in parallel.
pub fn walk(root: &Path, threads: usize) -> Walked {
    let files: Mutex<Vec<Seen>> = Mutex::new(Vec::new());
    let dirs: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .parents(false)
        .follow_links(false)
        .ignore(false)
        .git_global(false)
        .threads(threads)
        .filter_entry(|e| {
            let n = e.file_name().to_string_lossy();
            !(e.file_type().is_some_and(|t| t.is_dir()) && (n == ".git" || VENDORED.contains(&n.as_ref())))
        })
        .build_parallel();
    walker.run(|| {
        let files = &files;
        let dirs = &dirs;
        let mut buf = Vec::with_capacity(HEAD_BYTES);
        Box::new(move |entry| {
            let Ok(e) = entry else {
                return ignore::WalkState::Continue;
            };
            let Some(ft) = e.file_type() else {
                return ignore::WalkState::Continue;
            };
            let rel = rel_of(root, e.path());
            if ft.is_dir() {
                if let Ok(mut d) = dirs.lock() {
                    d.push(rel);
                }
                return ignore::WalkState::Continue;
            }
            let symlink = ft.is_symlink();
            let name = e.file_name().to_string_lossy().into_owned();
            let (size, tags) = if symlink || !ft.is_file() {
                (0, Vec::new())
            } else {
                let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                (size, scan_file(e.path(), &name, &mut buf))
            };
            let seen = Seen {
                rel,
                path: e.path().to_path_buf(),
                size,
                tags,
                symlink,
            };
            if let Ok(mut f) = files.lock() {
                f.push(seen);
            }
            ignore::WalkState::Continue
        })
    });
    let mut files = files.into_inner().unwrap_or_default();
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut dirs = dirs.into_inner().unwrap_or_default();
    dirs.sort();
    Walked { files, dirs }
}
