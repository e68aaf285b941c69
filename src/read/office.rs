//! What the office readers (`.docx`, `.odt`) share: a zip container read under limits, an XML
//! walker over `quick-xml` events, and a builder of extracted text, one block per line.
//!
//! Limits against hostile files: at most [`MAX_ZIP_ENTRIES`] entries in a container, at most
//! [`MAX_DECOMPRESSED_BYTES`] decompressed over all the parts read (counted while inflating, the
//! sizes written in the zip headers are not trusted), XML nested at most [`MAX_XML_DEPTH`] deep, and
//! at most [`MAX_TEXT_BYTES`] of extracted text. `quick-xml` expands no entity but the five
//! predefined ones and character references: a `DOCTYPE` is ignored and an entity it declares is
//! dropped, so no declaration can make the text grow.

use super::{Block, BlockKind, Document, Format, Locator, Piece};
use crate::error::{Limit, OfficeKind, ReadError, Reason};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};
use std::path::Path;

/// Most entries a zip container may hold.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Most bytes decompressed from one zip container, all parts read together.
pub const MAX_DECOMPRESSED_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest XML nesting accepted.
pub const MAX_XML_DEPTH: usize = 256;
/// Most bytes of text extracted from one office or PDF document, or decoded from one text,
/// Markdown or HTML file.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// A zip container (OOXML or ODF package) opened under limits.
pub(crate) struct Container<'a> {
    path: &'a Path,
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes decompressed so far.
    inflated: u64,
}

fn malformed(path: &Path, reason: Reason) -> ReadError {
    ReadError::Malformed {
        path: path.to_path_buf(),
        reason,
    }
}

impl<'a> Container<'a> {
    /// Opens a zip container; a truncated or non-zip file is malformed.
    pub(crate) fn open(path: &'a Path, bytes: &'a [u8], kind: OfficeKind) -> Result<Self, ReadError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            malformed(
                path,
                Reason::NotAZip {
                    kind,
                    detail: e.to_string(),
                },
            )
        })?;
        if zip.len() > MAX_ZIP_ENTRIES {
            return Err(ReadError::limit_hit(
                path,
                Limit::ZipEntries,
                Some(zip.len() as u64),
                MAX_ZIP_ENTRIES as u64,
            ));
        }
        Ok(Container { path, zip, inflated: 0 })
    }

    /// Names of the entries (those that are valid UTF-8).
    pub(crate) fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// Whether an entry exists.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Reads one entry as UTF-8 text, `None` when absent. Counts the bytes inflated against
    /// [`MAX_DECOMPRESSED_BYTES`] while reading.
    pub(crate) fn text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let path = self.path;
        let remaining = MAX_DECOMPRESSED_BYTES.saturating_sub(self.inflated);
        // the part cannot be opened or inflated
        let bad_part = |e: &dyn std::fmt::Display| {
            malformed(
                path,
                Reason::BadPart {
                    part: name.to_string(),
                    detail: e.to_string(),
                },
            )
        };
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(bad_part(&e)),
        };
        // the declared size is only a hint for the allocation, capped by what may still be read
        let hint = file.size().min(remaining) as usize;
        let mut buf = Vec::with_capacity(hint.saturating_add(1).min(remaining as usize + 1));
        let read = (&mut file)
            .take(remaining + 1)
            .read_to_end(&mut buf)
            .map_err(|e| bad_part(&e))?;
        self.inflated += read as u64;
        if read as u64 > remaining {
            return Err(ReadError::Limit {
                path: path.to_path_buf(),
                limit: Limit::DecompressedSize,
                found: None,
                max: MAX_DECOMPRESSED_BYTES,
                at: Some(name.to_string()),
            });
        }
        // XML parts are UTF-8 (a UTF-16 part is decoded by its BOM)
        let text = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => {
                let bytes = e.into_bytes();
                match encoding_rs::Encoding::for_bom(&bytes) {
                    Some((enc, bom)) => enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned(),
                    None => return Err(malformed(path, Reason::PartNotUtf8(name.to_string()))),
                }
            }
        };
        let mut text = text;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(Some(text))
    }
}

/// What a sink asks of the walker after an opening tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Go into the element.
    Enter,
    /// Skip the element and all it holds (its `end` is not called).
    Skip,
}

/// Receives the events of an XML part. Names are local names (prefix removed).
pub(crate) trait Sink {
    /// An opening (or empty) tag.
    fn start(&mut self, name: &str, e: &BytesStart) -> Result<Flow, ReadError>;
    /// A closing tag (also sent after an empty tag).
    fn end(&mut self, name: &str) -> Result<(), ReadError>;
    /// Character data, entities resolved.
    fn text(&mut self, t: &str);
}

/// Local name of a qualified name (`w:p` → `p`).
fn local(q: &str) -> &str {
    q.rsplit_once(':').map(|(_, l)| l).unwrap_or(q)
}

/// The value of an attribute, matched on its local name, entities resolved.
pub(crate) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| local(a.key.0) == name).map(|a| {
        quick_xml::escape::unescape(&a.value)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| a.value.to_string())
    })
}

/// Walks an XML part, sending its events to `sink`, under [`MAX_XML_DEPTH`].
pub(crate) fn walk(path: &Path, part: &str, xml: &str, sink: &mut impl Sink) -> Result<(), ReadError> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.allow_dangling_amp = true;
    let mut depth = 0usize;
    // depth at which a skipped element was opened
    let mut skip: Option<usize> = None;
    let mut events = 0u32;
    loop {
        events = events.wrapping_add(1);
        if events % 4096 == 0 {
            super::check_time(path)?;
        }
        let ev = reader.read_event().map_err(|e| {
            malformed(
                path,
                Reason::Xml {
                    part: part.to_string(),
                    at: reader.buffer_position(),
                    detail: e.to_string(),
                },
            )
        })?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(ReadError::Limit {
                        path: path.to_path_buf(),
                        limit: Limit::XmlDepth,
                        found: None,
                        max: MAX_XML_DEPTH as u64,
                        at: Some(part.to_string()),
                    });
                }
                if skip.is_none() && sink.start(local(e.name().0), &e)? == Flow::Skip {
                    skip = Some(depth);
                }
            }
            Event::Empty(e) => {
                if skip.is_none() {
                    let name = local(e.name().0);
                    if sink.start(name, &e)? == Flow::Enter {
                        sink.end(name)?;
                    }
                }
            }
            Event::End(e) => {
                match skip {
                    Some(d) if d == depth => skip = None,
                    Some(_) => {}
                    None => sink.end(local(e.name().0))?,
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip.is_none() => sink.text(&t.xml10_content()),
            Event::CData(t) if skip.is_none() => sink.text(&t.xml10_content()),
            Event::GeneralRef(r) if skip.is_none() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    let mut b = [0u8; 4];
                    sink.text(c.encode_utf8(&mut b));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r.xml10_content()) {
                    sink.text(s);
                }
                // any other entity (declared in a DOCTYPE or not) is dropped: nothing expands
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// Builds the `source` of an office or PDF document, one line per block.
pub(crate) struct Builder<'a> {
    pub(crate) path: &'a Path,
    pub(crate) source: String,
    pub(crate) blocks: Vec<Block>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(path: &'a Path) -> Self {
        Builder {
            path,
            source: String::new(),
            blocks: Vec::new(),
        }
    }

    /// Checks the extracted text stays under [`MAX_TEXT_BYTES`] once `more` bytes are added.
    pub(crate) fn check_room(&self, more: usize) -> Result<(), ReadError> {
        if self.source.len() + more > MAX_TEXT_BYTES {
            return Err(ReadError::limit_hit(
                self.path,
                Limit::ExtractedTextSize,
                None,
                MAX_TEXT_BYTES as u64,
            ));
        }
        Ok(())
    }

    /// Appends one line of text (line breaks in it become spaces) and returns its range in the
    /// source, `None` when it is blank (nothing is appended then).
    pub(crate) fn line(&mut self, text: &str) -> Result<Option<std::ops::Range<usize>>, ReadError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        self.check_room(t.len() + 1)?;
        if !self.source.is_empty() {
            self.source.push('\n');
        }
        let start = self.source.len();
        if t.contains(['\n', '\r', '\u{b}', '\u{c}']) {
            let flat = |c: char| {
                if matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}') {
                    ' '
                } else {
                    c
                }
            };
            self.source.extend(t.chars().map(flat));
        } else {
            self.source.push_str(t);
        }
        Ok(Some(start..self.source.len()))
    }

    /// Appends a one-line block; blank text makes no block. Returns whether a block was made.
    pub(crate) fn block(&mut self, text: &str, kind: BlockKind, locator: Locator) -> Result<bool, ReadError> {
        let Some(r) = self.line(text)? else { return Ok(false) };
        self.blocks.push(Block {
            range: r.clone(),
            pieces: vec![Piece::verbatim(r)],
            kind,
            locator,
        });
        Ok(true)
    }

    pub(crate) fn finish(self, format: Format, warnings: Vec<String>) -> Document {
        Document {
            path: self.path.to_path_buf(),
            format,
            source: self.source,
            blocks: self.blocks,
            encoding: "utf-8",
            warnings,
        }
    }
}

/// A paragraph being read: its text and what its markup says about it.
#[derive(Debug, Default)]
pub(crate) struct Para {
    pub(crate) text: String,
    /// Outline level (1-based) when the paragraph is a heading.
    pub(crate) heading: Option<u8>,
    /// Style name or id.
    pub(crate) style: Option<String>,
    /// In a list (numbering).
    pub(crate) list: bool,
    /// Notes referenced from the paragraph: (is endnote, id).
    pub(crate) notes: Vec<(bool, String)>,
}

/// Counts the text a reader collects before it is placed, against [`MAX_TEXT_BYTES`], so that a
/// huge part fails early instead of filling memory.
pub(crate) fn count_text(path: &Path, total: &mut usize, more: usize) -> Result<(), ReadError> {
    *total += more + 1;
    if *total > MAX_TEXT_BYTES {
        return Err(ReadError::limit_hit(
            path,
            Limit::ExtractedTextSize,
            None,
            MAX_TEXT_BYTES as u64,
        ));
    }
    Ok(())
}

/// Where a table cell is: (table, row, cell), 1-based.
pub(crate) type CellPos = [u32; 3];

/// The locator of a cell.
pub(crate) fn cell_locator(part: &str, pos: CellPos) -> Locator {
    Locator {
        part: Some(part.to_string()),
        table: Some(pos[0]),
        row: Some(pos[1]),
        cell: Some(pos[2]),
        ..Locator::default()
    }
}

/// A part locator with a paragraph number.
pub(crate) fn para_locator(part: &str, n: u32) -> Locator {
    Locator {
        part: Some(part.to_string()),
        paragraph: Some(n),
        ..Locator::default()
    }
}

/// The outline level a style name or id implies (`Heading 2`, `heading2`, `Titre 3`,
/// `Überschrift 1`), if any.
pub(crate) fn heading_level_of_style(name: &str) -> Option<u8> {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    for prefix in [
        "heading",
        "titre",
        "überschrift",
        "berschrift",
        "titolo",
        "encabezado",
        "kop",
    ] {
        if let Some(rest) = n.strip_prefix(prefix) {
            if let Ok(l) = rest.parse::<u8>() {
                if (1..=9).contains(&l) {
                    return Some(l);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_give_levels() {
        assert_eq!(heading_level_of_style("Heading 2"), Some(2));
        assert_eq!(heading_level_of_style("Titre1"), Some(1));
        assert_eq!(heading_level_of_style("Normal"), None);
        assert_eq!(heading_level_of_style("heading 12"), None);
    }
}
