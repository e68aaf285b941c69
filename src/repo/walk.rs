//! The parallel walk of a repository (`ignore` crate): `.gitignore` honoured without `.git`,
//! hidden files seen, `.git` and vendored folders skipped, symlinks not followed. Each file's
//! file is read once and its tags extracted (see `headers::scan_bytes`).

use super::headers::{self, Tag};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// Reads a file (up to [`headers::READ_CAP`]) and extracts its tags; binary files are skipped.
/// Returns the file's size and its tags.
pub fn scan_file(path: &Path, name: &str, buf: &mut Vec<u8>) -> (u64, Vec<Tag>) {
    buf.clear();
    let Ok(mut f) = std::fs::File::open(path) else {
        return (0, Vec::new());
    };
    let cap = headers::READ_CAP as u64;
    let read = f.by_ref().take(cap).read_to_end(buf);
    let size = if buf.len() as u64 == cap {
        f.metadata().map_or(cap, |m| m.len())
    } else {
        buf.len() as u64
    };
    if read.is_err() || headers::is_binary(buf) {
        return (size, Vec::new());
    }
    let tags = headers::scan_bytes(name, buf);
    if buf.capacity() > 1024 * 1024 {
        // a big file's buffer is not kept for the thread's next files
        *buf = Vec::with_capacity(64 * 1024);
    }
    (size, tags)
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
        let mut buf = Vec::with_capacity(64 * 1024);
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
                scan_file(e.path(), &name, &mut buf)
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
