//! Readers: one per input format. Each turns a file into a [`Document`]: a `source` text (what
//! diagnostics quote and point into) cut into [`Block`]s (paragraphs, headings, list items, table
//! cells…) whose ranges are byte offsets into `source`, each with a [`Locator`] a user can follow.
//!
//! For text formats `source` is the decoded original, so line:column are those of the file. For
//! office and PDF formats `source` is the extracted text, one block per line, and the locator gives
//! the part/paragraph/table cell or page.

pub mod docx;
pub mod html;
pub mod odt;
pub mod office;
pub mod pdf;
pub mod text;

use crate::error::{Limit, ReadError, Reason};
use serde::Serialize;
use std::cell::Cell;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Largest input file read (bytes). Larger files get a [`ReadError::Limit`].
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Default time budget for reading one file (see [`with_time_budget`]).
pub const DEFAULT_FILE_TIME_BUDGET: Duration = Duration::from_secs(30);

thread_local! {
    /// Deadline of the file being read on this thread, with its budget.
    static DEADLINE: Cell<Option<(Instant, Duration)>> = const { Cell::new(None) };
}

/// Runs `f` (the reading of one file) under a time budget; `None`: no budget.
///
/// The budget is cooperative: no thread is killed. The readers call [`check_time`] as they go
/// (every few thousand XML events in office parts, before each PDF page and each page's content
/// is parsed, after decoding a text file) and give up with [`ReadError::Limit`] (`E003`, "time
/// budget") once it is spent. The steps in between are bounded in time by the size caps
/// ([`MAX_FILE_BYTES`], [`office::MAX_DECOMPRESSED_BYTES`], [`office::MAX_TEXT_BYTES`],
/// [`pdf::MAX_PDF_STREAM_BYTES`]).
pub fn with_time_budget<T>(budget: Option<Duration>, f: impl FnOnce() -> T) -> T {
    let previous = DEADLINE.replace(budget.map(|b| (Instant::now() + b, b)));
    let out = f();
    DEADLINE.set(previous);
    out
}

/// Whether the time budget of the file being read is spent: then a [`ReadError::Limit`].
pub fn check_time(path: &Path) -> Result<(), ReadError> {
    match DEADLINE.get() {
        Some((deadline, budget)) if Instant::now() > deadline => Err(ReadError::limit_hit(
            path,
            Limit::TimeBudget,
            None,
            budget.as_millis().try_into().unwrap_or(u64::MAX),
        )),
        _ => Ok(()),
    }
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown (`.md`, `.markdown`).
    Markdown,
    /// Plain text (`.txt`, no extension).
    Text,
    /// HTML (`.html`, `.htm`, `.xhtml`).
    Html,
    /// Office Open XML (`.docx`).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
    /// PDF.
    Pdf,
}

impl Format {
    /// The format a path's extension names, if clausier reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" | "mdown" => Format::Markdown,
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }
    /// Lowercase name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
        }
    }
}

/// What a block is, structurally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// A body paragraph.
    Paragraph,
    /// A heading with its outline level (1 = top).
    Heading(u8),
    /// A list item.
    ListItem,
    /// A table row or cell.
    TableCell,
    /// A footnote or endnote.
    Note,
    /// A running header or footer.
    HeaderFooter,
}

/// Where a block is in the original file, in the terms of its format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Locator {
    /// Part of an office document: `body`, `footnote`, `endnote`, `header`, `footer`, `table`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// Paragraph number in the part (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// Table number in the document (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    /// Row in the table (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// Cell in the row (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<u32>,
    /// PDF page (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Line on the PDF page (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Locator {
    /// True when nothing is set (text formats: line:column suffice).
    pub fn is_empty(&self) -> bool {
        *self == Locator::default()
    }
}

/// A piece of a block's text and where it comes from in [`Document::source`].
///
/// Most pieces are verbatim (`text` is `None`: the text is `source[src]`); a piece whose text
/// differs from its source (an HTML entity, say) carries its replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the source.
    pub src: Range<usize>,
    /// Replacement text, when it is not the source text itself.
    pub text: Option<String>,
}

impl Piece {
    /// A verbatim piece.
    pub fn verbatim(src: Range<usize>) -> Piece {
        Piece { src, text: None }
    }
}

/// A structural unit of text.
#[derive(Debug, Clone)]
pub struct Block {
    /// Byte range in [`Document::source`] (from the first to the last piece).
    pub range: Range<usize>,
    /// The pieces of text in order; what lies between them (markup, page markers, running
    /// headers) is not part of the block's text.
    pub pieces: Vec<Piece>,
    /// Kind of block.
    pub kind: BlockKind,
    /// Where it is in the original file.
    pub locator: Locator,
}

/// A document read from a file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as given by the user (or found in a folder).
    pub path: PathBuf,
    /// Format read.
    pub format: Format,
    /// The text diagnostics point into.
    pub source: String,
    /// Blocks in source order, not overlapping.
    pub blocks: Vec<Block>,
    /// Character encoding detected (`utf-8`, `utf-16le`, `windows-1252`…).
    pub encoding: &'static str,
    /// Notes from the reader (e.g. a PDF without text layer); rendered as tool warnings.
    pub warnings: Vec<String>,
}

impl Document {
    /// Display name: the path with `/` separators.
    pub fn display_path(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }
}

/// Reads one file, choosing the reader by extension (content sniffing for unknown extensions).
pub fn read_path(path: &Path) -> Result<Document, ReadError> {
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(ReadError::Unsupported {
            path: path.to_path_buf(),
            reason: Reason::NotRegularFile,
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::limit_hit(
            path,
            Limit::FileSize,
            Some(meta.len()),
            MAX_FILE_BYTES,
        ));
    }
    // read at most one byte over the cap: the file may have grown since it was measured
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path).map_err(io)?, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::limit_hit(path, Limit::FileSize, None, MAX_FILE_BYTES));
    }
    read_bytes(path, &bytes)
}

/// Reads a document from memory; `path` names it and chooses the reader.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    let format = Format::from_path(path).unwrap_or_else(|| sniff(bytes));
    match format {
        Format::Markdown | Format::Text => text::read(path, bytes, format),
        Format::Html => html::read(path, bytes),
        Format::Docx => docx::read(path, bytes),
        Format::Odt => odt::read(path, bytes),
        Format::Pdf => pdf::read(path, bytes),
    }
}

fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(512)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if head.starts_with(b"%PDF") {
        Format::Pdf
    } else if lower.contains("<html") || lower.contains("<!doctype html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// What a folder holds for clausier: the documents it reads and what was left out with a reason.
#[derive(Debug, Default)]
pub struct FolderScan {
    /// Documents found (regular files with a known extension), sorted.
    pub files: Vec<PathBuf>,
    /// Entries not read, each with why: symbolic links (never followed, so no loop and nothing
    /// outside the folder is read), named pipes, sockets and devices with a document extension
    /// (opening a FIFO would block), sub-folders that cannot be listed.
    pub skipped: Vec<ReadError>,
}

/// Walks a folder (hidden entries and unknown extensions left out). Symbolic links are not
/// followed; special files are never opened. Only an unreadable top folder is an error.
pub fn scan_folder(dir: &Path) -> std::io::Result<FolderScan> {
    let mut scan = FolderScan::default();
    let mut stack = vec![dir.to_path_buf()];
    let mut top = true;
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if top => return Err(e),
            Err(source) => {
                scan.skipped.push(ReadError::Io { path: d, source });
                continue;
            }
        };
        top = false;
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(source) => {
                    scan.skipped.push(ReadError::Io {
                        path: d.clone(),
                        source,
                    });
                    continue;
                }
            };
            let p = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            // the type of the entry itself: a symbolic link is not followed
            let ft = match entry.file_type() {
                Ok(t) => t,
                Err(source) => {
                    scan.skipped.push(ReadError::Io { path: p, source });
                    continue;
                }
            };
            let known = Format::from_path(&p).is_some();
            let skip = |reason: Reason| ReadError::Unsupported {
                path: p.clone(),
                reason,
            };
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                if known {
                    scan.files.push(p);
                }
            } else if ft.is_symlink() {
                let target = std::fs::metadata(&p);
                if known || target.as_ref().is_ok_and(|m| m.is_dir()) {
                    scan.skipped.push(skip(Reason::LinkInFolder));
                }
            } else if known {
                scan.skipped.push(skip(Reason::SpecialFileInFolder));
            }
        }
    }
    scan.files.sort();
    scan.skipped.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(scan)
}

/// Files in a folder that clausier reads, sorted (hidden files, unknown extensions, symbolic
/// links and special files skipped; see [`scan_folder`] for what was skipped and why).
pub fn documents_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    scan_folder(dir).map(|s| s.files)
}

/// Whether the source between two pieces separates words.
pub fn gap_is_space(source: &str, end: usize, start: usize) -> bool {
    if start <= end {
        return false;
    }
    let gap = &source[end..start];
    // white space outside markup tags
    let mut in_tag = false;
    for c in gap.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if c.is_whitespace() && !in_tag => return true,
            _ => {}
        }
    }
    // block-level markup without white space ("</p><p>") cannot occur inside a block
    false
}

impl Block {
    /// A block made of verbatim pieces.
    pub fn from_pieces(pieces: Vec<Piece>, kind: BlockKind, locator: Locator) -> Option<Block> {
        let start = pieces.first()?.src.start;
        let end = pieces.last()?.src.end;
        Some(Block {
            range: start..end,
            pieces,
            kind,
            locator,
        })
    }

    /// The text of the part of the block that lies in `range` (source bytes), with replacement
    /// pieces (HTML character references) decoded and white space collapsed: what a message quotes.
    pub fn text_in(&self, source: &str, range: Range<usize>) -> String {
        let mut t = String::new();
        let mut last = None;
        for p in &self.pieces {
            let (a, b) = (p.src.start.max(range.start), p.src.end.min(range.end));
            if a >= b {
                continue;
            }
            if last.is_some_and(|l| gap_is_space(source, l, p.src.start)) {
                t.push(' ');
            }
            match &p.text {
                Some(x) => t.push_str(x),
                None => t.push_str(source.get(a..b).unwrap_or_default()),
            }
            last = Some(p.src.end);
        }
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The block's text; pieces are joined by a newline where the source between them holds
    /// white space (a line break, a page marker), and directly otherwise (inline markup).
    pub fn text(&self, source: &str) -> String {
        let mut out = String::new();
        let mut last = None;
        for p in &self.pieces {
            if let Some(l) = last {
                if gap_is_space(source, l, p.src.start) {
                    out.push('\n');
                }
            }
            match &p.text {
                Some(t) => out.push_str(t),
                None => out.push_str(&source[p.src.clone()]),
            }
            last = Some(p.src.end);
        }
        out
    }
}
