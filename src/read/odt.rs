//! OpenDocument text (`.odt`): `content.xml` for the body, `styles.xml` for the headers and
//! footers of the master pages.
//!
//! Each non-empty paragraph is one block (one line of the extracted `source`), as for `.docx`:
//! `text:h` are [`BlockKind::Heading`] with their `text:outline-level`; paragraphs in a
//! `text:list-item` are [`BlockKind::ListItem`]; paragraphs in `table:table-cell` are
//! [`BlockKind::TableCell`] with table / row / cell (repeated columns counted); notes
//! (`text:note`, class footnote or endnote) are [`BlockKind::Note`], part `footnote`/`endnote`,
//! `paragraph` being the note's number, placed right after the paragraph that holds them; headers
//! and footers are [`BlockKind::HeaderFooter`], first in the document.
//!
//! Comments (`office:annotation`) are reviewers' remarks, not requirements: they are **skipped**.
//! Tracked changes: the `text:tracked-changes` region (which holds the deleted text) is skipped,
//! `text:change` (where a deletion was) adds nothing, inserted text between `text:change-start`
//! and `text:change-end` is read. White space in text is collapsed as ODF prescribes;
//! `text:s` (`text:c` spaces), `text:tab` and `text:line-break` (a space: a block stays on one
//! line) are honoured.

use super::office::{
    Builder, CellPos, Container, Flow, Para, Sink, attr, cell_locator, count_text, para_locator, walk,
};
use super::{BlockKind, Document, Format};
use crate::error::{OfficeKind, ReadError, Reason};
use quick_xml::events::BytesStart;
use std::path::Path;

/// Where the paragraph being read belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Header,
    Footer,
    /// `styles.xml` outside headers and footers: nothing is read.
    None,
}

#[derive(Debug)]
struct Produced {
    text: String,
    kind: BlockKind,
    part: Part,
    cell: Option<CellPos>,
    /// The note it belongs to: (is endnote, ordinal).
    note: Option<(bool, u32)>,
}

struct OdtSink<'a> {
    path: &'a Path,
    text_bytes: usize,
    part: Part,
    paras: Vec<Para>,
    tables: Vec<CellPos>,
    table_count: u32,
    /// Columns a repeated cell stands for, per open cell.
    repeats: Vec<u32>,
    list_depth: u32,
    /// Open notes: (is endnote, number).
    notes: Vec<(bool, u32)>,
    note_count: [u32; 2],
    /// Paragraphs of notes, waiting for the end of the paragraph that holds them.
    pending: Vec<Produced>,
    out: Vec<Produced>,
}

impl<'a> OdtSink<'a> {
    fn new(path: &'a Path, part: Part) -> Self {
        OdtSink {
            path,
            text_bytes: 0,
            part,
            paras: Vec::new(),
            tables: Vec::new(),
            table_count: 0,
            repeats: Vec::new(),
            list_depth: 0,
            notes: Vec::new(),
            note_count: [0; 2],
            pending: Vec::new(),
            out: Vec::new(),
        }
    }
    fn push(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }
}

impl Sink for OdtSink<'_> {
    fn start(&mut self, name: &str, e: &BytesStart) -> Result<Flow, ReadError> {
        match name {
            "h" => self.paras.push(Para {
                heading: Some(
                    attr(e, "outline-level")
                        .and_then(|v| v.trim().parse::<u8>().ok())
                        .unwrap_or(1)
                        .clamp(1, 9),
                ),
                ..Para::default()
            }),
            "p" => self.paras.push(Para::default()),
            "list-item" | "list-header" => self.list_depth += 1,
            "s" => {
                let n = attr(e, "c").and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1);
                self.push(&" ".repeat(n.clamp(1, 64)));
            }
            "tab" => self.push("\t"),
            "line-break" => self.push(" "),
            "table" => {
                self.table_count += 1;
                self.tables.push([self.table_count, 0, 0]);
            }
            "table-row" => {
                if let Some(t) = self.tables.last_mut() {
                    t[1] += 1;
                    t[2] = 0;
                }
            }
            "table-cell" | "covered-table-cell" => {
                if let Some(t) = self.tables.last_mut() {
                    t[2] += 1;
                }
                let rep = attr(e, "number-columns-repeated")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1024);
                self.repeats.push(rep);
            }
            "note" => {
                let endnote = attr(e, "note-class").is_some_and(|c| c == "endnote");
                let slot = usize::from(endnote);
                self.note_count[slot] += 1;
                self.notes.push((endnote, self.note_count[slot]));
            }
            "header" | "header-left" | "header-first" if self.part == Part::None => self.part = Part::Header,
            "footer" | "footer-left" | "footer-first" if self.part == Part::None => self.part = Part::Footer,
            // deleted text, comments, note numbers, declarations
            "tracked-changes" | "annotation" | "note-citation" | "sequence-decls" | "variable-decls"
            | "user-field-decls" => return Ok(Flow::Skip),
            _ => {}
        }
        Ok(Flow::Enter)
    }

    fn end(&mut self, name: &str) -> Result<(), ReadError> {
        match name {
            "h" | "p" => {
                if let Some(p) = self.paras.pop() {
                    count_text(self.path, &mut self.text_bytes, p.text.len())?;
                    let cell = self.tables.last().copied();
                    let kind = if !self.notes.is_empty() {
                        BlockKind::Note
                    } else if self.part == Part::Header || self.part == Part::Footer {
                        BlockKind::HeaderFooter
                    } else if cell.is_some() {
                        BlockKind::TableCell
                    } else if let Some(l) = p.heading {
                        BlockKind::Heading(l)
                    } else if self.list_depth > 0 {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    let produced = Produced {
                        text: p.text,
                        kind,
                        part: self.part,
                        cell,
                        note: self.notes.last().copied(),
                    };
                    if produced.note.is_some() && !self.paras.is_empty() {
                        self.pending.push(produced);
                    } else {
                        self.out.push(produced);
                        if self.paras.is_empty() {
                            self.out.append(&mut self.pending);
                        }
                    }
                }
            }
            "list-item" | "list-header" => self.list_depth = self.list_depth.saturating_sub(1),
            "table" => {
                self.tables.pop();
            }
            "table-cell" | "covered-table-cell" => {
                let rep = self.repeats.pop().unwrap_or(1);
                if let Some(t) = self.tables.last_mut() {
                    t[2] += rep - 1;
                }
            }
            "note" => {
                self.notes.pop();
            }
            "header" | "header-left" | "header-first" | "footer" | "footer-left" | "footer-first" => {
                if self.part != Part::Body {
                    self.part = Part::None;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        // ODF collapses white space in text to one space
        let mut out = String::with_capacity(t.len());
        let mut space = false;
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                space = true;
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        self.push(&out);
    }
}

/// Reads an `.odt` document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = Container::open(path, bytes, OfficeKind::OpenDocument)?;
    let content = zip.text("content.xml")?.ok_or_else(|| ReadError::Malformed {
        path: path.to_path_buf(),
        reason: Reason::MissingPart {
            kind: OfficeKind::OpenDocument,
            part: "content.xml",
        },
    })?;
    let mut b = Builder::new(path);
    if let Some(styles) = zip.text("styles.xml")? {
        let mut sink = OdtSink::new(path, Part::None);
        walk(path, "styles.xml", &styles, &mut sink)?;
        let (mut headers, mut footers) = (0u32, 0u32);
        for p in sink.out {
            let (name, n) = match p.part {
                Part::Header => ("header", &mut headers),
                _ => ("footer", &mut footers),
            };
            let loc = match p.cell {
                Some(c) => cell_locator(name, c),
                None => para_locator(name, *n + 1),
            };
            if b.block(&p.text, BlockKind::HeaderFooter, loc)? {
                *n += 1;
            }
        }
    }
    let mut sink = OdtSink::new(path, Part::Body);
    walk(path, "content.xml", &content, &mut sink)?;
    let mut n = 0u32;
    for p in sink.out {
        let loc = match (p.note, p.cell) {
            (Some((endnote, num)), _) => para_locator(if endnote { "endnote" } else { "footnote" }, num),
            (None, Some(c)) => cell_locator("body", c),
            (None, None) => para_locator("body", n + 1),
        };
        if b.block(&p.text, p.kind, loc)? && p.note.is_none() && p.cell.is_none() {
            n += 1;
        }
    }
    Ok(b.finish(Format::Odt, Vec::new()))
}
