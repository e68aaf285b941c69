//! Normalisation with a source map.
//!
//! Clause patterns are matched on a *folded* text: lower case, accents removed, ligatures
//! expanded (`œ` → `oe`), typographic apostrophes and quotes made plain (`’` → `'`, `« »` → `"`),
//! dashes made `-`, every run of white space (NBSP, narrow NBSP, tabs, line breaks) one space,
//! bullet glyphs and Markdown emphasis dropped, and words hyphenated at a line end joined.
//! Every byte of the folded text keeps the source byte range of the character it came from, so a
//! match maps back to the exact span of the original.

use crate::read::{Document, Format, gap_is_space};
use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A document's folded text and its map back to the source.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Folded text; blocks are separated by `\n`.
    pub text: String,
    /// For each byte of `text`, the source byte where its character starts.
    starts: Vec<u32>,
    /// For each byte of `text`, the source byte where its character ends.
    ends: Vec<u32>,
    /// Folded range of each block of the document (same order as `Document::blocks`).
    pub blocks: Vec<Range<usize>>,
}

/// Folds one character (not white space) into `out`.
pub fn fold_char(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        '’' | '‘' | '‛' | '′' | '´' | 'ʼ' => out.push('\''),
        '«' | '»' | '“' | '”' | '„' | '″' | '‹' | '›' => out.push('"'),
        '–' | '—' | '‑' | '‐' | '−' | '‒' => out.push('-'),
        'ø' => out.push('o'),
        'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        }),
    }
}

/// True for glyphs that only mark list items.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '➢'
            | '►'
            | '‣'
            | '●'
            | '○'
            | '■'
            | '□'
            | '✓'
            | '✔'
            | '⁃'
            | '∙'
            | '·'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '\u{f0d8}'
    )
}

/// Folds a whole string (for tests and vocabularies): same as the document folding, without a map.
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        fold_char(c, &mut out);
    }
    out
}

/// Folds the non-ASCII characters of a regular expression, so that patterns written with accents
/// and typographic quotes match the folded text. ASCII (and so regex syntax) is left alone; the
/// engine compiles patterns case-insensitively.
pub fn fold_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c.is_whitespace() {
            out.push(' ');
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

struct Writer<'a> {
    f: &'a mut Folded,
    pending_space: bool,
    pending_break: bool,
}

impl Writer<'_> {
    fn push(&mut self, folded: &str, src: Range<usize>) {
        // every byte of the folded form maps to the whole source character
        let n = folded.len();
        self.f.starts.extend(std::iter::repeat_n(src.start as u32, n));
        self.f.ends.extend(std::iter::repeat_n(src.end as u32, n));
        self.f.text.push_str(folded);
    }

    fn emit(&mut self, c: char, src: Range<usize>, buf: &mut String) {
        buf.clear();
        fold_char(c, buf);
        if buf.is_empty() {
            return;
        }
        if self.pending_space {
            let t = self.f.text.as_bytes();
            let n = t.len();
            let first = buf.chars().next().unwrap();
            // "publi-\ncation": a word cut at a line end
            let hyphenated = self.pending_break
                && n >= 2
                && t[n - 1] == b'-'
                && (t[n - 2] as char).is_ascii_alphabetic()
                && c.is_lowercase()
                && first.is_alphabetic();
            if hyphenated {
                self.f.text.pop();
                self.f.starts.pop();
                self.f.ends.pop();
            } else if n > 0 && t[n - 1] != b'\n' {
                let at = self.f.ends.last().copied().unwrap_or(0) as usize;
                self.f.text.push(' ');
                self.f.starts.push(at as u32);
                self.f.ends.push(at as u32);
            }
            self.pending_space = false;
            self.pending_break = false;
        }
        let folded = std::mem::take(buf);
        self.push(&folded, src);
        *buf = folded;
    }

    fn space(&mut self, is_break: bool) {
        self.pending_space = true;
        self.pending_break |= is_break;
    }
}

/// Folds a document block by block.
pub fn fold_document(doc: &Document) -> Folded {
    let mut f = Folded::default();
    f.text.reserve(doc.source.len());
    f.starts.reserve(doc.source.len());
    f.ends.reserve(doc.source.len());
    let markdown = doc.format == Format::Markdown;
    let mut buf = String::new();
    for block in &doc.blocks {
        if !f.text.is_empty() {
            let at = f.ends.last().copied().unwrap_or(0);
            f.text.push('\n');
            f.starts.push(at);
            f.ends.push(at);
        }
        let start = f.text.len();
        let mut w = Writer {
            f: &mut f,
            pending_space: false,
            pending_break: false,
        };
        let mut last_end: Option<usize> = None;
        for piece in &block.pieces {
            if let Some(e) = last_end {
                if gap_is_space(&doc.source, e, piece.src.start) {
                    w.space(true);
                }
            }
            last_end = Some(piece.src.end);
            match &piece.text {
                Some(t) => {
                    for c in t.chars() {
                        if c.is_whitespace() {
                            w.space(false);
                        } else {
                            w.emit(c, piece.src.clone(), &mut buf);
                        }
                    }
                }
                None => {
                    let s = &doc.source[piece.src.clone()];
                    for (i, c) in s.char_indices() {
                        let at = piece.src.start + i;
                        // fast path: a plain ASCII letter or digit after a letter or digit
                        if c.is_ascii_alphanumeric() && !w.pending_space {
                            let b = c.to_ascii_lowercase() as u8;
                            w.f.text.push(b as char);
                            w.f.starts.push(at as u32);
                            w.f.ends.push(at as u32 + 1);
                            continue;
                        }
                        if c.is_whitespace() {
                            w.space(c == '\n' || c == '\r');
                        } else if is_bullet(c) || (markdown && matches!(c, '*' | '_' | '`')) {
                            // markup, not text; a bullet separates words
                            if is_bullet(c) {
                                w.space(false);
                            }
                        } else {
                            w.emit(c, at..at + c.len_utf8(), &mut buf);
                        }
                    }
                }
            }
        }
        // a block's folded text never starts with a space
        let end = f.text.len();
        f.blocks.push(start..end);
    }
    f
}

impl Folded {
    /// Source byte range of a folded byte range.
    pub fn source_range(&self, r: Range<usize>) -> Range<usize> {
        if self.starts.is_empty() {
            return 0..0;
        }
        let s = r.start.min(self.starts.len() - 1);
        let e = r.end.saturating_sub(1).max(s).min(self.ends.len() - 1);
        let a = self.starts[s] as usize;
        let b = (self.ends[e] as usize).max(a);
        a..b
    }

    /// Index of the block holding folded byte `pos`.
    pub fn block_at(&self, pos: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.end < pos);
        (i < self.blocks.len() && self.blocks[i].start <= pos).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{self};
    use std::path::Path;

    fn doc(src: &str, name: &str) -> Document {
        read::read_bytes(Path::new(name), src.as_bytes()).unwrap()
    }

    #[test]
    fn folds_french_typography() {
        assert_eq!(
            fold_str("Maître d’œuvre : « Licence Ouverte »\u{a0}!"),
            "maitre d'oeuvre : \" licence ouverte \" !"
        );
        // ASCII (regex syntax included) is kept: patterns are compiled case-insensitively
        assert_eq!(fold_pattern(r"\bcœur\s+RÉSULTATS\b"), r"\bcoeur\s+ReSULTATS\b");
    }

    #[test]
    fn maps_back_to_exact_source() {
        let src = "Titre\n\nLes **résultats** sont publi-\nés sous licence\u{202f}libre.\n";
        let d = doc(src, "a.md");
        let f = fold_document(&d);
        assert_eq!(f.text, "titre\nles resultats sont publies sous licence libre.");
        let at = f.text.find("resultats").unwrap();
        let r = f.source_range(at..at + "resultats".len());
        assert_eq!(&src[r], "résultats");
        let at = f.text.find("publies sous").unwrap();
        let r = f.source_range(at..at + "publies sous".len());
        assert_eq!(&src[r], "publi-\nés sous");
        let at = f.text.find("licence libre").unwrap();
        let r = f.source_range(at..at + "licence libre".len());
        assert_eq!(&src[r], "licence\u{202f}libre");
        assert_eq!(f.block_at(at), Some(1));
    }

    #[test]
    fn html_entities_map_to_the_reference() {
        let src = "<p>publi&eacute;s</p>";
        let d = doc(src, "a.html");
        let f = fold_document(&d);
        assert_eq!(f.text, "publies");
        assert_eq!(&src[f.source_range(0..7)], "publi&eacute;s");
    }
}
