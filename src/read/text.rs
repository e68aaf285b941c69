//! Plain text and Markdown: encoding detection (UTF-8, UTF-16 with or without BOM,
//! Windows-1252/Latin-1), then blocks from lines.
//!
//! Documents converted from PDF carry page markers (`## Page 13`, `- 3 -`, form feeds), running
//! headers and footers repeated around them, hard line breaks inside sentences and bullet glyphs.
//! Page markers and running headers are left out of the blocks' pieces, and a paragraph cut by a
//! page break continues across it, so a clause split over two pages still reads as one.

use super::{Block, BlockKind, Document, Format, Locator, Piece};
use crate::error::{Limit, ReadError, Reason};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

/// Decodes bytes to text: BOMs first, then UTF-8, then UTF-16 without BOM (NUL-byte pattern),
/// then Windows-1252. Refuses binary data.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc != encoding_rs::UTF_8 {
            return Err(ReadError::Malformed {
                path: path.to_path_buf(),
                reason: Reason::InvalidEncoding(enc.name()),
            });
        }
        // Keep a UTF-8 BOM's width out of offsets: the source is the text after the BOM.
        return Ok((text.into_owned(), static_name(enc)));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if s.contains('\0') {
            return binary_or_utf16(path, bytes);
        }
        return Ok((s.to_owned(), "utf-8"));
    }
    if bytes.contains(&0) {
        return binary_or_utf16(path, bytes);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    if control_ratio(&text) > 0.05 {
        return Err(binary(path));
    }
    Ok((text.into_owned(), "windows-1252"))
}

/// Checks the decoded text of a text, Markdown or HTML file against
/// [`super::office::MAX_TEXT_BYTES`], as for the text extracted from office and PDF documents:
/// folding, segmentation and matching keep several copies of it, so the cap bounds their memory
/// and time.
pub(crate) fn check_size(path: &Path, source: &str) -> Result<(), ReadError> {
    let max = super::office::MAX_TEXT_BYTES;
    if source.len() > max {
        return Err(ReadError::limit_hit(
            path,
            Limit::TextSize,
            Some(source.len() as u64),
            max as u64,
        ));
    }
    Ok(())
}

/// Refuses, before decoding, a file that must hold more text than the cap allows: every encoding
/// read gives at least one byte of UTF-8 for two bytes of input.
pub(crate) fn check_bytes(path: &Path, bytes: &[u8]) -> Result<(), ReadError> {
    let max = super::office::MAX_TEXT_BYTES;
    if bytes.len() / 2 > max {
        return Err(ReadError::limit_hit(path, Limit::TextSize, None, max as u64));
    }
    Ok(())
}

fn static_name(enc: &'static encoding_rs::Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        _ => "other",
    }
}

fn binary(path: &Path) -> ReadError {
    ReadError::Unsupported {
        path: path.to_path_buf(),
        reason: Reason::Binary,
    }
}

fn control_ratio(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    let ctrl = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    ctrl as f64 / total as f64
}

/// UTF-16 without BOM shows NUL in every other byte of ASCII text.
fn binary_or_utf16(path: &Path, bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    let n = bytes.len().min(4096) & !1;
    if n >= 4 {
        let (mut even0, mut odd0) = (0usize, 0usize);
        for (i, b) in bytes[..n].iter().enumerate() {
            if *b == 0 {
                if i % 2 == 0 { even0 += 1 } else { odd0 += 1 }
            }
        }
        let half = n / 2;
        let enc = if odd0 * 10 >= half * 6 && even0 * 10 < half {
            Some((encoding_rs::UTF_16LE, "utf-16le"))
        } else if even0 * 10 >= half * 6 && odd0 * 10 < half {
            Some((encoding_rs::UTF_16BE, "utf-16be"))
        } else {
            None
        };
        if let Some((enc, name)) = enc {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if !had_errors && control_ratio(&text) < 0.05 {
                return Ok((text.into_owned(), name));
            }
        }
    }
    Err(binary(path))
}

/// Reads a plain-text or Markdown document.
pub fn read(path: &Path, bytes: &[u8], format: Format) -> Result<Document, ReadError> {
    check_bytes(path, bytes)?;
    let (source, encoding) = decode(path, bytes)?;
    check_size(path, &source)?;
    super::check_time(path)?;
    let blocks = blocks_from_lines(&source, format == Format::Markdown);
    Ok(Document {
        path: path.to_path_buf(),
        format,
        source,
        blocks,
        encoding,
        warnings: Vec::new(),
    })
}

static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            \#{1,6}\s*page\s+\d+(?:\s*(?:/|sur|of)\s*\d+)?\s*
          | -{1,3}\s*(?:page\s+)?\d+(?:\s*(?:/|sur|of)\s*\d+)?\s*-{1,3}
          | page\s+\d+\s*(?:/|sur|of)\s*\d+
          | page\s+\d+
          | \d{1,4}\s*/\s*\d{1,4}
          | \d{1,4}
          | \x0c.*
          | (?:-{3,}|\*{3,}|_{3,})
        )\s*$",
    )
    .unwrap()
});
static MD_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$").unwrap());
static NUM_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:article|art\.|chapitre|chapter|section|titre|partie|part|annexe|annex)\s+[0-9IVXL]+(?:\.\d+)*(?-u:\b)|(\d+(?:\.\d+)*)\.?\s+\p{Lu})").unwrap()
});
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*+•◦▪▫➢►‣·●○■□✓✔–—]|\d{1,3}[.)]|[a-zA-Z][.)]|[ivx]{1,4}[.)])\s+").unwrap());
static TABLE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$").unwrap());

#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    Blank,
    Skip,
    Heading(u8),
    ListItem,
    TableRow,
    Text,
    Fence,
}

fn classify(line: &str, markdown: bool) -> Line {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    // cheap gates before each regex: most lines are plain prose
    let first = t.chars().next().unwrap_or(' ');
    let maybe_marker = t.len() <= 40 || first == '\x0c';
    if maybe_marker && PAGE_MARKER.is_match(line) {
        return Line::Skip;
    }
    if markdown && (t.starts_with("```") || t.starts_with("~~~")) {
        return Line::Fence;
    }
    if first == '#'
        && let Some(c) = MD_HEADING.captures(line)
    {
        return Line::Heading(c[1].len() as u8);
    }
    if t.starts_with('|') {
        return if TABLE_SEP.is_match(t) {
            Line::Skip
        } else {
            Line::TableRow
        };
    }
    let maybe_heading = t.len() <= 400
        && (first.is_ascii_digit() || matches!(first, 'A' | 'a' | 'C' | 'c' | 'S' | 's' | 'T' | 't' | 'P' | 'p'));
    if maybe_heading && let Some(c) = NUM_HEADING.captures(t) {
        let short = t.chars().count() <= 100 && !t.ends_with('.') && !t.ends_with(';') && !t.ends_with(',');
        if short {
            let level = c.get(1).map(|m| m.as_str().matches('.').count() as u8 + 1).unwrap_or(1);
            let is_word_heading = c.get(1).is_none();
            // "1. Le titulaire doit…" is a list item, not a heading: headings are short and
            // mostly capitalised, or introduced by a word like "Article".
            let caps = t
                .chars()
                .filter(|c| c.is_alphabetic())
                .take(20)
                .filter(|c| c.is_uppercase())
                .count();
            if is_word_heading || caps >= 6 || level > 1 {
                return Line::Heading(level.min(6));
            }
        }
    }
    let second = t.chars().nth(1).unwrap_or(' ');
    let maybe_item = !first.is_alphanumeric()
        || matches!(second, '.' | ')')
        || first.is_ascii_digit()
        || matches!(t.chars().nth(2), Some('.' | ')'));
    if maybe_item && LIST_ITEM.is_match(line) {
        return Line::ListItem;
    }
    Line::Text
}

/// The kind a line of extracted text announces by itself: a heading (`ARTICLE 8 - …`, `8.7 Droits…`)
/// or a list item (bullet, `1.`, `a)`), else `None`.
pub(crate) fn line_kind(line: &str) -> Option<BlockKind> {
    match classify(line, false) {
        Line::Heading(l) => Some(BlockKind::Heading(l)),
        Line::ListItem => Some(BlockKind::ListItem),
        _ => None,
    }
}

/// Lines that repeat next to page markers (running headers and footers of a converted PDF).
fn running_lines(lines: &[(Range<usize>, &str)], kinds: &[Line]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let markers = kinds.iter().filter(|k| **k == Line::Skip).count();
    if markers < 2 {
        return counts;
    }
    let key = |s: &str| {
        s.trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
    };
    for (i, k) in kinds.iter().enumerate() {
        if *k != Line::Skip {
            continue;
        }
        // the nearest two non-blank lines on each side
        for dir in [-1isize, 1] {
            let mut j = i as isize;
            let mut seen = 0;
            while seen < 2 {
                j += dir;
                if j < 0 || j as usize >= lines.len() {
                    break;
                }
                let ju = j as usize;
                if kinds[ju] == Line::Blank || kinds[ju] == Line::Skip {
                    continue;
                }
                seen += 1;
                let l = lines[ju].1.trim();
                if l.chars().count() <= 100 {
                    *counts.entry(key(l)).or_default() += 1;
                }
            }
        }
    }
    counts.retain(|_, n| *n >= 3);
    counts
}

/// Cuts text into blocks, one per paragraph, heading, list item or table row.
pub fn blocks_from_lines(source: &str, markdown: bool) -> Vec<Block> {
    let mut lines: Vec<(Range<usize>, &str)> = Vec::new();
    let mut pos = 0;
    for l in source.split_inclusive('\n') {
        let content = l.trim_end_matches(['\n', '\r']);
        lines.push((pos..pos + content.len(), content));
        pos += l.len();
    }
    let mut kinds: Vec<Line> = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    for (_, l) in &lines {
        let k = classify(l, markdown);
        if k == Line::Fence {
            in_fence = !in_fence;
            kinds.push(Line::Blank);
        } else if in_fence {
            kinds.push(if l.trim().is_empty() { Line::Blank } else { Line::Text });
        } else {
            kinds.push(k);
        }
    }
    let running = running_lines(&lines, &kinds);
    if !running.is_empty() {
        let key = |s: &str| {
            s.trim()
                .chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect::<String>()
        };
        for (i, (_, l)) in lines.iter().enumerate() {
            // running lines are short (see `running_lines`): skip the key of longer ones
            if kinds[i] != Line::Blank && kinds[i] != Line::Skip && l.len() <= 400 && running.contains_key(&key(l)) {
                kinds[i] = Line::Skip;
            }
        }
    }

    let mut blocks = Vec::new();
    let mut cur: Option<(BlockKind, Vec<Piece>)> = None;
    // true after a page marker: the paragraph may continue on the next page
    let mut across_page = false;
    let flush = |cur: &mut Option<(BlockKind, Vec<Piece>)>, blocks: &mut Vec<Block>| {
        if let Some((kind, pieces)) = cur.take() {
            if let Some(b) = Block::from_pieces(pieces, kind, Locator::default()) {
                blocks.push(b);
            }
        }
    };
    // a blank line ends a paragraph unless a page break follows it and the text goes on
    let mut blank = false;
    for (i, (range, line)) in lines.iter().enumerate() {
        let content = content_range(line, range.clone(), kinds[i], markdown);
        match kinds[i] {
            Line::Blank => blank = true,
            Line::Skip => across_page = true,
            Line::Heading(_) | Line::TableRow => {
                flush(&mut cur, &mut blocks);
                let kind = match kinds[i] {
                    Line::Heading(level) => BlockKind::Heading(level),
                    _ => BlockKind::TableCell,
                };
                cur = Some((kind, vec![Piece::verbatim(content)]));
                flush(&mut cur, &mut blocks);
                (blank, across_page) = (false, false);
            }
            Line::ListItem | Line::Text | Line::Fence => {
                let goes_on = across_page && continues(&cur, source, line);
                let new_item = kinds[i] == Line::ListItem && !goes_on;
                if (blank || across_page || new_item) && !goes_on {
                    flush(&mut cur, &mut blocks);
                }
                match &mut cur {
                    Some((_, pieces)) => pieces.push(Piece::verbatim(content)),
                    None => {
                        let kind = if kinds[i] == Line::ListItem {
                            BlockKind::ListItem
                        } else {
                            BlockKind::Paragraph
                        };
                        cur = Some((kind, vec![Piece::verbatim(content)]));
                    }
                }
                (blank, across_page) = (false, false);
            }
        }
    }
    flush(&mut cur, &mut blocks);
    blocks
}

/// Whether `next` continues the open block after a page break: the block does not end a sentence
/// and the next line starts in lower case.
fn continues(cur: &Option<(BlockKind, Vec<Piece>)>, source: &str, next: &str) -> bool {
    let Some((kind, pieces)) = cur else { return false };
    if matches!(kind, BlockKind::Heading(_) | BlockKind::TableCell) {
        return false;
    }
    let Some(last) = pieces.last() else { return false };
    let prev = source[last.src.clone()].trim_end();
    let ends_sentence = prev.ends_with(['.', '!', '?', ':', ';']);
    let starts_lower = next.trim_start().chars().next().is_some_and(|c| c.is_lowercase());
    !ends_sentence && starts_lower
}

/// The part of a line that is text: without the Markdown heading hashes, list bullet or
/// table pipes at the edges.
fn content_range(line: &str, range: Range<usize>, kind: Line, markdown: bool) -> Range<usize> {
    let mut start = range.start + (line.len() - line.trim_start().len());
    let mut end = range.start + line.trim_end().len();
    if let Line::Heading(_) = kind {
        if let Some(c) = MD_HEADING.captures(line) {
            let m = c.get(2).unwrap();
            start = range.start + m.start();
            end = range.start + m.end();
        }
    }
    if kind == Line::ListItem && markdown {
        if let Some(m) = LIST_ITEM.find(line) {
            // keep numbered bullets ("1.") as text: they may be article numbers
            let bullet = line[m.start()..m.end()].trim();
            if !bullet.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                start = range.start + m.end();
            }
        }
    }
    if kind == Line::TableRow {
        let t = &line[start - range.start..end - range.start];
        let t2 = t.trim_start_matches('|').trim_start();
        start += t.len() - t2.len();
        let t3 = t2.trim_end_matches('|').trim_end();
        end = start + t3.len();
    }
    if end < start { start..start } else { start..end }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str, md: bool) -> Vec<String> {
        blocks_from_lines(src, md).iter().map(|b| b.text(src)).collect()
    }

    #[test]
    fn decodes_each_encoding() {
        let p = Path::new("x.txt");
        assert_eq!(decode(p, "clé".as_bytes()).unwrap(), ("clé".to_string(), "utf-8"));
        assert_eq!(
            decode(p, b"cl\xe9 \x92").unwrap(),
            ("clé ’".to_string(), "windows-1252")
        );
        let mut le = vec![0xFF, 0xFE];
        for u in "clé".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(p, &le).unwrap(), ("clé".to_string(), "utf-16le"));
        let mut nobom = Vec::new();
        for u in "licence libre".encode_utf16() {
            nobom.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(p, &nobom).unwrap(), ("licence libre".to_string(), "utf-16le"));
        assert!(decode(p, &[0u8; 64]).is_err());
        assert!(decode(p, &[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 0xff, 0, 0, 3]).is_err());
    }

    #[test]
    fn paragraphs_headings_lists_tables() {
        let src = "# Titre\n\nLigne une\nligne deux.\n\n- item un\n- item deux\n\n| a | b |\n|---|---|\n| c | d |\n";
        assert_eq!(
            texts(src, true),
            vec![
                "Titre",
                "Ligne une\nligne deux.",
                "item un",
                "item deux",
                "a | b",
                "c | d"
            ]
        );
    }

    #[test]
    fn paragraph_continues_across_page_marker_and_running_header() {
        let src = "Intro.\n\nCCAP Marché 12\n\n## Page 1\n\nLe titulaire livre les codes\n\nCCAP Marché 12\n\n## Page 2\n\nsources dans la forge.\n\nCCAP Marché 12\n\n## Page 3\n\nFin.\n";
        assert_eq!(
            texts(src, true),
            vec!["Intro.", "Le titulaire livre les codes\nsources dans la forge.", "Fin."]
        );
    }

    #[test]
    fn numbered_headings() {
        let src = "ARTICLE 8 - PROPRIETE INTELLECTUELLE\n8.7 Droits sur les résultats\n1. Le titulaire doit livrer.\n";
        let b = blocks_from_lines(src, false);
        assert_eq!(b[0].kind, BlockKind::Heading(1));
        assert_eq!(b[1].kind, BlockKind::Heading(2));
        assert_eq!(b[2].kind, BlockKind::ListItem);
    }
}
