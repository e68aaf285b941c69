//! PDF, page by page, with `lopdf` alone (no `pdf-extract`).
//!
//! The text operators of each page's content stream are followed with their text matrix, so
//! that each piece of text gets a position; pieces are grouped into lines (same baseline) read
//! top to bottom. Then what PDF text extraction breaks is repaired:
//! * running headers and footers (lines in the first or last two of a page that repeat, digits
//!   aside, on at least half of the pages) and page numbers (`12`, `Page 3 sur 12`, `- 4 -`) at
//!   the top or bottom of a page are left out;
//! * the lines of a paragraph are the pieces of one block (a larger gap between lines, a heading
//!   or a list item starts a new one); a word hyphenated at a line end is joined by the folding
//!   (see `normalize`), as the gap between two pieces is a line break;
//! * a paragraph cut by a page break (its last line ends no sentence and the next page starts in
//!   lower case) continues on the next page: one block whose pieces span the break.
//!
//! `source` holds the kept lines, one per source line; the [`Locator`] of a block gives the page
//! and the line on that page (counting every line extracted from it, headers included) where it
//! starts.
//!
//! Encrypted PDFs that cannot be opened without a password give [`ReadError::Encrypted`]; a PDF
//! without any text gives [`ReadError::NoText`] (« OCR the file first »), and pages without text
//! in an otherwise readable PDF give a warning. Limits: at most [`MAX_PDF_OBJECTS`] objects and
//! [`MAX_PDF_PAGES`] pages, each stream inflated to at most [`MAX_PDF_STREAM_BYTES`], and the
//! extracted text is bounded as for office documents.

use super::office::Builder;
use super::{Block, BlockKind, Document, Format, Locator, Piece};
use crate::error::{Limit, ReadError, Reason};
use lopdf::content::Content;
use lopdf::{Encoding, Object, ObjectId};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

/// Most objects a PDF may hold. They are counted while the file is parsed (a load filter drops
/// every object over the cap, so memory stays bounded), as each costs several hundred bytes once
/// parsed.
pub const MAX_PDF_OBJECTS: usize = 100_000;

thread_local! {
    /// Objects parsed so far by the load running on this thread.
    static OBJECTS_SEEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Load filter: keeps the first [`MAX_PDF_OBJECTS`] objects, counts all.
fn count_object(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let n = OBJECTS_SEEN.get() + 1;
    OBJECTS_SEEN.set(n);
    // lopdf keeps `object` for a top-level object and the returned copy for a member of an object
    // stream: both must be the object itself
    (n <= MAX_PDF_OBJECTS).then(|| (id, object.clone()))
}
/// Most pages read.
pub const MAX_PDF_PAGES: usize = 20_000;
/// Most bytes one stream (or one page's content) may inflate to.
pub const MAX_PDF_STREAM_BYTES: usize = 32 * 1024 * 1024;

/// Most bytes of one page's content parsed into operators. Parsing keeps every operator and its
/// operands in memory (some 50 bytes of content become several hundred bytes), so a larger page
/// is not read: a warning names it, and a PDF with no other text gives [`ReadError::Limit`].
pub const MAX_PDF_PAGE_CONTENT_BYTES: usize = 2 * 1024 * 1024;

/// A piece of text shown at a position.
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// A line of a page.
#[derive(Debug, Clone)]
struct Line {
    y: f32,
    size: f32,
    text: String,
    /// Line number on the page (1-based, all extracted lines counted).
    number: u32,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row-vector convention of PDF: `a × b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    let mut out = [0f32; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = num(ops.get(i)?)?;
        if !o.is_finite() {
            return None;
        }
    }
    Some(out)
}

fn limit_error(path: &Path, e: &lopdf::Error) -> Option<ReadError> {
    let bomb = matches!(
        e,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })
    ) || e.to_string().contains("possible decompression bomb");
    bomb.then(|| ReadError::limit_hit(path, Limit::PdfStreamSize, None, MAX_PDF_STREAM_BYTES as u64))
}

/// Text of the operands of a text-showing operator.
fn shown(enc: &Encoding, operands: &[Object], out: &mut String) {
    for o in operands {
        match o {
            Object::String(bytes, _) => {
                let _ = enc.write_to_string(bytes, out);
            }
            Object::Array(items) => {
                for it in items {
                    match it {
                        Object::String(bytes, _) => {
                            let _ = enc.write_to_string(bytes, out);
                        }
                        // a large negative adjustment (thousandths of an em) is a word space
                        o => {
                            if num(o).is_some_and(|n| n < -180.0) && !out.ends_with(' ') {
                                out.push(' ');
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// What one page gives.
struct PageText {
    runs: Vec<Run>,
    /// Whether the page has any content at all.
    has_content: bool,
    /// Size of its content when over [`MAX_PDF_PAGE_CONTENT_BYTES`] (then it was not parsed).
    oversized: Option<usize>,
}

/// The runs of text of one page, with their positions.
fn page_runs(doc: &lopdf::Document, page: ObjectId) -> Result<PageText, lopdf::Error> {
    let fonts = doc.get_page_fonts(page)?;
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, MAX_PDF_STREAM_BYTES)
                .ok()
                .map(|e| (name, e))
        })
        .collect();
    let data = doc.get_page_content_with_limit(page, MAX_PDF_STREAM_BYTES)?;
    let has_content = data.iter().any(|b| !b.is_ascii_whitespace());
    if data.len() > MAX_PDF_PAGE_CONTENT_BYTES {
        return Ok(PageText {
            runs: Vec::new(),
            has_content,
            oversized: Some(data.len()),
        });
    }
    let content = Content::decode(&data)?;
    let mut runs = Vec::new();
    let mut ctm = IDENTITY;
    let mut stack: Vec<Matrix> = Vec::new();
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let mut leading = 0f32;
    let mut size = 0f32;
    let mut enc: Option<&Encoding> = None;
    for op in &content.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => {
                if stack.len() < 64 {
                    stack.push(ctm);
                }
            }
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" => {
                if let Some(m) = nums::<6>(o) {
                    ctm = mul(&m, &ctm);
                }
            }
            "BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            "Tf" => {
                enc = o.first().and_then(|n| n.as_name().ok()).and_then(|n| encodings.get(n));
                size = o.get(1).and_then(num).unwrap_or(size);
            }
            "TL" => leading = o.first().and_then(num).unwrap_or(leading),
            "Td" | "TD" => {
                if let Some([tx, ty]) = nums::<2>(o) {
                    if op.operator == "TD" {
                        leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
            }
            "Tm" => {
                if let Some(m) = nums::<6>(o) {
                    tlm = m;
                    tm = m;
                }
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let Some(enc) = enc else { continue };
                let mut text = String::new();
                let operands = if op.operator == "\"" {
                    o.get(2..).unwrap_or(&[])
                } else {
                    &o[..]
                };
                shown(enc, operands, &mut text);
                if text.is_empty() {
                    continue;
                }
                let m = mul(&tm, &ctm);
                let scale = (m[2] * m[2] + m[3] * m[3]).sqrt();
                let eff = (size * scale).abs().max(1.0);
                runs.push(Run {
                    x: m[4],
                    y: m[5],
                    size: eff,
                    text: text.clone(),
                });
                // advance by an estimate of the width (no font metrics): half an em per char
                let adv = 0.5 * size * text.chars().count() as f32;
                tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
            }
            _ => {}
        }
    }
    Ok(PageText {
        runs,
        has_content,
        oversized: None,
    })
}

/// Groups runs into lines, top to bottom, left to right.
fn lines_of(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f32, f32, Vec<Run>)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((y, size, rs)) if (*y - r.y).abs() < 0.4 * size.max(r.size) => {
                *size = size.max(r.size);
                rs.push(r);
            }
            _ => lines.push((r.y, r.size, vec![r])),
        }
    }
    lines
        .into_iter()
        .map(|(y, size, mut rs)| {
            rs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut end = f32::MIN;
            for r in rs {
                let gap = r.x - end;
                if !text.is_empty() && !text.ends_with(char::is_whitespace) && gap > 0.1 * r.size {
                    text.push(' ');
                }
                text.push_str(&r.text);
                end = r.x + 0.45 * r.size * r.text.chars().count() as f32;
            }
            Line {
                y,
                size,
                text: text.trim().to_string(),
                number: 0,
            }
        })
        .filter(|l| !l.text.is_empty())
        .enumerate()
        .map(|(i, mut l)| {
            l.number = i as u32 + 1;
            l
        })
        .collect()
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:-\s*)?(?:page|p\.)?\s*\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?\s*(?:-)?\s*$").unwrap()
});

fn running_key(s: &str) -> String {
    let mut out = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }));
    }
    out.to_lowercase()
}

/// How many lines at the top and at the bottom of a page may be running headers or footers.
const EDGE: usize = 2;

/// Marks lines to leave out: running headers/footers and page numbers at a page's edges.
fn running_lines(pages: &[Vec<Line>]) -> Vec<Vec<bool>> {
    let mut counts: HashMap<(bool, String), usize> = HashMap::new();
    for lines in pages {
        let n = lines.len();
        let edge = edge_of(n);
        let mut seen = std::collections::HashSet::new();
        for (i, l) in lines.iter().enumerate() {
            let top = i < edge;
            let bottom = i + edge >= n;
            for edge in [true, false] {
                if (edge && top) || (!edge && bottom) {
                    seen.insert((edge, running_key(&l.text)));
                }
            }
        }
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    let min = pages.len().div_ceil(2).max(2);
    pages
        .iter()
        .map(|lines| {
            let n = lines.len();
            let edge = edge_of(n);
            let running = |i: usize, top: bool| {
                let l: &Line = &lines[i];
                PAGE_NUMBER.is_match(&l.text) || counts.get(&(top, running_key(&l.text))).is_some_and(|c| *c >= min)
            };
            let mut skip = vec![false; n];
            // from each edge inwards, as long as the lines are running ones
            for i in 0..edge {
                if !running(i, true) {
                    break;
                }
                skip[i] = true;
            }
            for i in (n - edge..n).rev() {
                if !running(i, false) {
                    break;
                }
                skip[i] = true;
            }
            skip
        })
        .collect()
}

/// Lines at each edge of a page of `n` lines that may be running headers or footers: the zones
/// never meet, so a short page keeps its body.
fn edge_of(n: usize) -> usize {
    EDGE.min(n.saturating_sub(1) / 2)
}

/// Whether the text of an open paragraph ends a sentence.
fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

fn starts_lower(s: &str) -> bool {
    s.trim_start().chars().next().is_some_and(|c| c.is_lowercase())
}

/// Reads a PDF document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    // lopdf is not expected to panic, but a hostile file must never take the run down
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_inner(path, bytes))) {
        Ok(r) => r,
        Err(_) => Err(ReadError::Malformed {
            path: path.to_path_buf(),
            reason: Reason::PdfParserFailed,
        }),
    }
}

fn read_inner(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    let load = |force_reconstruct| {
        OBJECTS_SEEN.set(0);
        let options = lopdf::LoadOptions {
            max_decompressed_size: Some(MAX_PDF_STREAM_BYTES),
            filter: Some(count_object),
            force_reconstruct,
            ..Default::default()
        };
        let doc = lopdf::Document::load_mem_with_options(bytes, options);
        (doc, OBJECTS_SEEN.get())
    };
    let (mut doc, mut seen) = load(false);
    // with a filter, lopdf does not rebuild a damaged page tree by itself: ask for it
    if seen <= MAX_PDF_OBJECTS && doc.as_ref().is_ok_and(|d| d.get_pages().is_empty()) {
        let (again, seen_again) = load(true);
        if again.as_ref().is_ok_and(|d| !d.get_pages().is_empty()) {
            (doc, seen) = (again, seen_again);
        }
    }
    if seen > MAX_PDF_OBJECTS {
        return Err(ReadError::limit_hit(
            path,
            Limit::PdfObjects,
            None,
            MAX_PDF_OBJECTS as u64,
        ));
    }
    let doc = doc.map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ReadError::Encrypted {
            path: path.to_path_buf(),
        },
        e => limit_error(path, &e).unwrap_or_else(|| ReadError::Malformed {
            path: path.to_path_buf(),
            reason: Reason::Pdf(e.to_string()),
        }),
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(ReadError::Encrypted {
            path: path.to_path_buf(),
        });
    }
    if doc.objects.len() > MAX_PDF_OBJECTS {
        return Err(ReadError::limit_hit(
            path,
            Limit::PdfObjects,
            Some(doc.objects.len() as u64),
            MAX_PDF_OBJECTS as u64,
        ));
    }
    let page_ids = doc.get_pages();
    if page_ids.len() > MAX_PDF_PAGES {
        return Err(ReadError::limit_hit(
            path,
            Limit::PdfPages,
            Some(page_ids.len() as u64),
            MAX_PDF_PAGES as u64,
        ));
    }
    let mut warnings = Vec::new();
    let mut pages: Vec<Vec<Line>> = Vec::with_capacity(page_ids.len());
    let mut textless = Vec::new();
    let mut text_bytes = 0usize;
    let mut oversized = None;
    for (&n, &id) in &page_ids {
        super::check_time(path)?;
        match page_runs(&doc, id) {
            Ok(PageText {
                oversized: Some(size), ..
            }) => {
                warnings.push(format!(
                    "page {n}: content of {size} bytes over the {MAX_PDF_PAGE_CONTENT_BYTES}-byte cap: not read"
                ));
                oversized.get_or_insert(size);
                pages.push(Vec::new());
            }
            Ok(PageText { runs, has_content, .. }) => {
                let lines = lines_of(runs);
                if lines.is_empty() && has_content {
                    textless.push(n);
                }
                text_bytes += lines.iter().map(|l| l.text.len() + 1).sum::<usize>();
                if text_bytes > super::office::MAX_TEXT_BYTES {
                    return Err(ReadError::limit_hit(
                        path,
                        Limit::ExtractedTextSize,
                        None,
                        super::office::MAX_TEXT_BYTES as u64,
                    ));
                }
                pages.push(lines);
            }
            Err(e) => {
                if let Some(l) = limit_error(path, &e) {
                    return Err(l);
                }
                warnings.push(format!("page {n}: cannot extract text: {e}"));
                pages.push(Vec::new());
            }
        }
    }
    if page_ids.is_empty() || pages.iter().all(|p| p.is_empty()) {
        if let Some(size) = oversized {
            return Err(ReadError::limit_hit(
                path,
                Limit::PdfPageContent,
                Some(size as u64),
                MAX_PDF_PAGE_CONTENT_BYTES as u64,
            ));
        }
        return Err(ReadError::NoText {
            path: path.to_path_buf(),
        });
    }
    if !textless.is_empty() {
        let list: Vec<String> = textless.iter().map(|n| n.to_string()).collect();
        warnings.push(format!(
            "page(s) {} have no text layer (scanned?): OCR them first, their clauses cannot be checked",
            list.join(", ")
        ));
    }
    let skip = running_lines(&pages);
    let page_numbers: Vec<u32> = page_ids.keys().copied().collect();
    let mut b = Builder::new(path);
    // the open block: kind, pieces, locator, last line's text, last line's y
    let mut cur: Option<(BlockKind, Vec<Piece>, Locator, String, f32)> = None;
    let flush = |cur: &mut Option<(BlockKind, Vec<Piece>, Locator, String, f32)>, blocks: &mut Vec<Block>| {
        if let Some((kind, pieces, loc, _, _)) = cur.take() {
            if let Some(bl) = Block::from_pieces(pieces, kind, loc) {
                blocks.push(bl);
            }
        }
    };
    for (pi, lines) in pages.iter().enumerate() {
        let kept: Vec<&Line> = lines
            .iter()
            .zip(&skip[pi])
            .filter(|(_, s)| !**s)
            .map(|(l, _)| l)
            .collect();
        // usual line spacing on the page: the smallest positive gaps
        let mut gaps: Vec<f32> = kept.windows(2).map(|w| w[0].y - w[1].y).filter(|g| *g > 0.5).collect();
        gaps.sort_by(f32::total_cmp);
        let leading = gaps.get(gaps.len() / 4).copied();
        for (li, line) in kept.iter().enumerate() {
            let class = super::text::line_kind(&line.text);
            let first_on_page = li == 0;
            let continues = match &cur {
                None => false,
                Some((kind, _, _, last, last_y)) => {
                    let open = matches!(kind, BlockKind::Paragraph | BlockKind::ListItem);
                    if !open || class.is_some() {
                        false
                    } else if first_on_page {
                        !ends_sentence(last) && starts_lower(&line.text)
                    } else {
                        let gap = last_y - line.y;
                        let usual = leading.unwrap_or(line.size * 1.25);
                        gap > 0.0 && gap <= usual * 1.3 + 0.5
                    }
                }
            };
            let Some(r) = b.line(&line.text)? else { continue };
            if continues {
                if let Some((_, pieces, _, last, last_y)) = &mut cur {
                    pieces.push(Piece::verbatim(r));
                    *last = line.text.clone();
                    *last_y = line.y;
                }
            } else {
                flush(&mut cur, &mut b.blocks);
                let kind = class.unwrap_or(BlockKind::Paragraph);
                let loc = Locator {
                    page: Some(page_numbers[pi]),
                    line: Some(line.number),
                    ..Locator::default()
                };
                cur = Some((kind, vec![Piece::verbatim(r)], loc, line.text.clone(), line.y));
            }
        }
    }
    flush(&mut cur, &mut b.blocks);
    Ok(b.finish(Format::Pdf, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, text: &str) -> Line {
        Line {
            y,
            size: 11.0,
            text: text.into(),
            number: 0,
        }
    }

    #[test]
    fn running_headers_and_page_numbers() {
        let page = |n: u32| {
            vec![
                line(800.0, "CCAP lot 2"),
                line(700.0, ["premier", "deuxième", "troisième"][n as usize - 1]),
                line(690.0, "suite"),
                line(40.0, &format!("Page {n} sur 3")),
            ]
        };
        let pages = vec![page(1), page(2), page(3)];
        let skip = running_lines(&pages);
        assert_eq!(skip[0], vec![true, false, false, true]);
        assert_eq!(skip[2], vec![true, false, false, true]);
        // a short page keeps its body even where it repeats
        let short = |_| vec![line(800.0, "CCAP lot 2"), line(700.0, "suite"), line(40.0, "1")];
        let skip = running_lines(&[short(1), short(2)]);
        assert_eq!(skip[0], vec![true, false, true]);
    }

    #[test]
    fn page_numbers() {
        for s in ["12", "- 4 -", "Page 3 sur 12", "page 2/9", "3 of 10"] {
            assert!(PAGE_NUMBER.is_match(s), "{s}");
        }
        assert!(!PAGE_NUMBER.is_match("Article 12"));
    }
}
