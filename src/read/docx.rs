//! Office Open XML (`.docx`): `word/document.xml`, with `footnotes.xml`, `endnotes.xml`,
//! `header*.xml` and `footer*.xml`.
//!
//! Each non-empty paragraph is one block (one line of the extracted `source`):
//! * body paragraphs: part `body`, paragraph number (non-empty paragraphs outside tables,
//!   1-based); headings (`w:pStyle` Heading1…9 / Titre1… or an `w:outlineLvl`, in the paragraph or
//!   its style chain in `styles.xml`) are [`BlockKind::Heading`] with their outline level; numbered
//!   paragraphs are [`BlockKind::ListItem`];
//! * paragraphs in tables: [`BlockKind::TableCell`], locator table (numbered in document order,
//!   nested tables included) / row / cell;
//! * footnotes and endnotes: [`BlockKind::Note`], part `footnote` / `endnote`, `paragraph` being
//!   the note's number (in order of first reference); each note is placed right after the
//!   paragraph that cites it, so it shares that paragraph's heading path;
//! * headers and footers: [`BlockKind::HeaderFooter`], part `header` / `footer`, first in the
//!   document (they belong to no section).
//!
//! Comments (`comments.xml`) are reviewers' remarks, not requirements: they are **skipped**.
//!
//! Tracked changes: insertions (`w:ins`, `w:moveTo`) are read as text, deletions (`w:del`,
//! `w:delText`, `w:moveFrom`) are not, nor are formatting-change records or field instructions.
//! Runs are concatenated, so a word split across runs is joined; `w:tab` is a tab, `w:br` and
//! `w:cr` a space (a block stays on one line), `w:noBreakHyphen` a hyphen.

use super::office::{
    Builder, CellPos, Container, Flow, Para, Sink, attr, cell_locator, count_text, heading_level_of_style,
    para_locator, walk,
};
use super::{BlockKind, Document, Format};
use crate::error::{OfficeKind, ReadError, Reason};
use quick_xml::events::BytesStart;
use std::collections::HashMap;
use std::path::Path;

/// What `styles.xml` says about a paragraph style.
#[derive(Debug, Default, Clone)]
struct StyleInfo {
    outline: Option<u8>,
    name_level: Option<u8>,
    list: bool,
    based_on: Option<String>,
}

#[derive(Default)]
struct Styles(HashMap<String, StyleInfo>);

impl Styles {
    /// Heading level and list flag of a style, following `w:basedOn`.
    fn resolve(&self, id: &str) -> (Option<u8>, bool) {
        let mut cur = Some(id.to_string());
        let mut list = false;
        for _ in 0..16 {
            let Some(s) = cur.as_deref().and_then(|c| self.0.get(c)) else {
                break;
            };
            list |= s.list;
            if let Some(o) = s.outline {
                return ((o < 9).then_some(o + 1), list);
            }
            if let Some(l) = s.name_level {
                return (Some(l), list);
            }
            cur = s.based_on.clone();
        }
        (heading_level_of_style(id), list)
    }
}

struct StyleSink {
    styles: Styles,
    cur: Option<(String, StyleInfo)>,
}

impl Sink for StyleSink {
    fn start(&mut self, name: &str, e: &BytesStart) -> Result<Flow, ReadError> {
        match name {
            "style" => {
                if attr(e, "type").as_deref().is_none_or(|t| t == "paragraph") {
                    if let Some(id) = attr(e, "styleId") {
                        let name_level = heading_level_of_style(&id);
                        self.cur = Some((
                            id,
                            StyleInfo {
                                name_level,
                                ..StyleInfo::default()
                            },
                        ));
                    }
                }
            }
            "name" => {
                if let (Some((_, s)), Some(v)) = (&mut self.cur, attr(e, "val")) {
                    if let Some(l) = heading_level_of_style(&v) {
                        s.name_level = Some(l);
                    }
                }
            }
            "basedOn" => {
                if let Some((_, s)) = &mut self.cur {
                    s.based_on = attr(e, "val");
                }
            }
            "outlineLvl" => {
                if let Some((_, s)) = &mut self.cur {
                    s.outline = attr(e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "numPr" => {
                if let Some((_, s)) = &mut self.cur {
                    s.list = true;
                }
            }
            "pPrChange" | "rPrChange" => return Ok(Flow::Skip),
            _ => {}
        }
        Ok(Flow::Enter)
    }
    fn end(&mut self, name: &str) -> Result<(), ReadError> {
        if name == "style" {
            if let Some((id, s)) = self.cur.take() {
                self.styles.0.insert(id, s);
            }
        }
        Ok(())
    }
    fn text(&mut self, _: &str) {}
}

/// A paragraph as read, before it is placed in the document.
#[derive(Debug)]
struct Produced {
    text: String,
    kind: BlockKind,
    cell: Option<CellPos>,
    notes: Vec<(bool, String)>,
    /// The note it belongs to (notes parts).
    note: Option<String>,
}

struct PartSink<'s> {
    path: &'s Path,
    text_bytes: usize,
    styles: &'s Styles,
    paras: Vec<Para>,
    tables: Vec<CellPos>,
    table_count: u32,
    in_t: bool,
    note: Option<String>,
    out: Vec<Produced>,
}

impl<'s> PartSink<'s> {
    fn new(path: &'s Path, styles: &'s Styles, table_count: u32) -> Self {
        PartSink {
            path,
            text_bytes: 0,
            styles,
            paras: Vec::new(),
            tables: Vec::new(),
            table_count,
            in_t: false,
            note: None,
            out: Vec::new(),
        }
    }
    fn push(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }
}

impl Sink for PartSink<'_> {
    fn start(&mut self, name: &str, e: &BytesStart) -> Result<Flow, ReadError> {
        match name {
            "p" => self.paras.push(Para::default()),
            "pStyle" => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            "outlineLvl" => {
                if let Some(p) = self.paras.last_mut() {
                    if let Some(v) = attr(e, "val").and_then(|v| v.trim().parse::<u8>().ok()) {
                        p.heading = Some(v.saturating_add(1));
                    }
                }
            }
            "numPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.list = true;
                }
            }
            "t" => self.in_t = true,
            "tab" | "ptab" => self.push("\t"),
            "br" | "cr" => self.push(" "),
            "noBreakHyphen" => self.push("-"),
            "footnoteReference" | "endnoteReference" => {
                if let (Some(p), Some(id)) = (self.paras.last_mut(), attr(e, "id")) {
                    p.notes.push((name == "endnoteReference", id));
                }
            }
            "footnote" | "endnote" => {
                let special = attr(e, "type").is_some_and(|t| t != "normal");
                if special {
                    return Ok(Flow::Skip);
                }
                self.note = attr(e, "id");
            }
            "tbl" => {
                self.table_count += 1;
                self.tables.push([self.table_count, 0, 0]);
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t[1] += 1;
                    t[2] = 0;
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t[2] += 1;
                }
            }
            // deleted text, moved-away text, old formatting, field codes, tab stops, section
            // properties, the fallback copy of alternate content, drawing descriptions
            "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "pPrChange" | "rPrChange"
            | "sectPrChange" | "tblPrChange" | "trPrChange" | "tcPrChange" | "numberingChange" | "tabs" | "sectPr"
            | "Fallback" | "docPr" | "commentReference" => return Ok(Flow::Skip),
            _ => {}
        }
        Ok(Flow::Enter)
    }

    fn end(&mut self, name: &str) -> Result<(), ReadError> {
        match name {
            "t" => self.in_t = false,
            "p" => {
                if let Some(p) = self.paras.pop() {
                    count_text(self.path, &mut self.text_bytes, p.text.len())?;
                    let (style_level, style_list) =
                        p.style.as_deref().map(|s| self.styles.resolve(s)).unwrap_or_default();
                    let heading = p.heading.filter(|l| *l <= 9).or(style_level);
                    let cell = self.tables.last().copied();
                    let kind = if cell.is_some() {
                        BlockKind::TableCell
                    } else if let Some(l) = heading {
                        BlockKind::Heading(l)
                    } else if p.list || style_list {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    self.out.push(Produced {
                        text: p.text,
                        kind,
                        cell,
                        notes: p.notes,
                        note: self.note.clone(),
                    });
                }
            }
            "tbl" => {
                self.tables.pop();
            }
            "footnote" | "endnote" => self.note = None,
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        if self.in_t {
            self.push(t);
        }
    }
}

fn read_part(
    path: &Path,
    zip: &mut Container,
    name: &str,
    styles: &Styles,
    table_count: &mut u32,
) -> Result<Vec<Produced>, ReadError> {
    let Some(xml) = zip.text(name)? else {
        return Ok(Vec::new());
    };
    let mut sink = PartSink::new(path, styles, *table_count);
    walk(path, name, &xml, &mut sink)?;
    *table_count = sink.table_count;
    Ok(sink.out)
}

/// Numeric order of `header2.xml`, `header10.xml`…
fn part_number(name: &str) -> u32 {
    name.chars()
        .filter(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

/// Reads a `.docx` document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = Container::open(path, bytes, OfficeKind::Word)?;
    let names = zip.names();
    let main = if zip.has("word/document.xml") {
        "word/document.xml".to_string()
    } else {
        names
            .iter()
            .find(|n| n.starts_with("word/document") && n.ends_with(".xml"))
            .cloned()
            .ok_or_else(|| ReadError::Malformed {
                path: path.to_path_buf(),
                reason: Reason::MissingPart {
                    kind: OfficeKind::Word,
                    part: "word/document.xml",
                },
            })?
    };
    let mut styles = StyleSink {
        styles: Styles::default(),
        cur: None,
    };
    if let Some(xml) = zip.text("word/styles.xml")? {
        walk(path, "word/styles.xml", &xml, &mut styles)?;
    }
    let styles = styles.styles;
    let mut b = Builder::new(path);
    let mut tables = 0u32;

    // headers and footers first: they belong to no section
    for kind in ["header", "footer"] {
        let mut parts: Vec<&String> = names
            .iter()
            .filter(|n| {
                n.strip_prefix("word/")
                    .and_then(|r| r.strip_prefix(kind))
                    .is_some_and(|r| r.ends_with(".xml") && !r.contains('/'))
            })
            .collect();
        parts.sort_by_key(|n| part_number(n));
        let mut n = 0;
        for part in parts {
            for p in read_part(path, &mut zip, part, &styles, &mut tables)? {
                let loc = match p.cell {
                    Some(c) => cell_locator(kind, c),
                    None => para_locator(kind, n + 1),
                };
                if b.block(&p.text, BlockKind::HeaderFooter, loc)? {
                    n += 1;
                }
            }
        }
    }

    // notes, by id
    let mut notes: HashMap<(bool, String), Vec<Produced>> = HashMap::new();
    let mut note_order: Vec<(bool, String)> = Vec::new();
    for (endnote, part) in [(false, "word/footnotes.xml"), (true, "word/endnotes.xml")] {
        let mut t = 0;
        for p in read_part(path, &mut zip, part, &styles, &mut t)? {
            if let Some(id) = p.note.clone() {
                let key = (endnote, id);
                if !notes.contains_key(&key) {
                    note_order.push(key.clone());
                }
                notes.entry(key).or_default().push(p);
            }
        }
    }
    let mut note_numbers = [0u32; 2];
    let mut emit_note = |b: &mut Builder, key: &(bool, String), notes: &mut HashMap<(bool, String), Vec<Produced>>| {
        if let Some(paras) = notes.remove(key) {
            let slot = usize::from(key.0);
            note_numbers[slot] += 1;
            let part = if key.0 { "endnote" } else { "footnote" };
            for p in paras {
                let loc = match p.cell {
                    Some(c) => cell_locator(part, c),
                    None => para_locator(part, note_numbers[slot]),
                };
                b.block(&p.text, BlockKind::Note, loc)?;
            }
        }
        Ok::<(), ReadError>(())
    };

    let body = read_part(path, &mut zip, &main, &styles, &mut tables)?;
    let mut n = 0u32;
    for p in body {
        let loc = match p.cell {
            Some(c) => cell_locator("body", c),
            None => para_locator("body", n + 1),
        };
        if b.block(&p.text, p.kind, loc)? && p.cell.is_none() {
            n += 1;
        }
        for key in &p.notes {
            emit_note(&mut b, key, &mut notes)?;
        }
    }
    // notes never cited
    for key in &note_order {
        emit_note(&mut b, key, &mut notes)?;
    }
    Ok(b.finish(Format::Docx, Vec::new()))
}
