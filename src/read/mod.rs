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

use crate::error::ReadError;
use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Largest input file read (bytes). Larger files get a [`ReadError::Limit`].
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
            reason: "not a regular file".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::Limit {
            path: path.to_path_buf(),
            limit: "maximum file size",
            detail: format!("{} bytes > {} bytes", meta.len(), MAX_FILE_BYTES),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
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

/// Files in a folder that clausier reads, sorted (hidden files and unknown extensions skipped).
pub fn documents_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let p = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let ft = entry.file_type()?;
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() && Format::from_path(&p).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
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
