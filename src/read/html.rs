//! HTML: tokenised with `html5gum` (byte spans on every token). Block-level elements start new
//! blocks; text pieces point at the raw text in the file, and character references (`&eacute;`)
//! become replacement pieces so spans stay exact. `script`, `style` and comments are skipped.

use super::{Block, BlockKind, Document, Format, Locator, Piece};
use crate::error::ReadError;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::path::Path;

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "title",
    "form",
    "fieldset",
    "legend",
    "figure",
    "figcaption",
    "address",
    "caption",
    "body",
    "html",
    "head",
];

/// Reads an HTML document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    super::text::check_bytes(path, bytes)?;
    let (source, encoding) = super::text::decode(path, bytes)?;
    super::text::check_size(path, &source)?;
    super::check_time(path)?;
    let blocks = blocks(&source);
    Ok(Document {
        path: path.to_path_buf(),
        format: Format::Html,
        source,
        blocks,
        encoding,
        warnings: Vec::new(),
    })
}

struct Builder {
    blocks: Vec<Block>,
    pieces: Vec<Piece>,
    kind: BlockKind,
}

impl Builder {
    fn flush(&mut self, source: &str) {
        let pieces = std::mem::take(&mut self.pieces);
        let has_text = pieces.iter().any(|p| match &p.text {
            Some(t) => !t.trim().is_empty(),
            None => !source[p.src.clone()].trim().is_empty(),
        });
        if has_text {
            let pieces = trim_pieces(source, pieces);
            if let Some(b) = Block::from_pieces(pieces, self.kind, Locator::default()) {
                self.blocks.push(b);
            }
        }
        self.kind = BlockKind::Paragraph;
    }
}

fn trim_pieces(source: &str, mut pieces: Vec<Piece>) -> Vec<Piece> {
    while let Some(p) = pieces.first_mut() {
        if p.text.is_none() {
            let s = &source[p.src.clone()];
            let t = s.trim_start();
            p.src.start += s.len() - t.len();
        }
        if p.src.is_empty() || p.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            pieces.remove(0);
        } else {
            break;
        }
    }
    while let Some(p) = pieces.last_mut() {
        if p.text.is_none() {
            let s = &source[p.src.clone()];
            p.src.end -= s.len() - s.trim_end().len();
        }
        if p.src.is_empty() || p.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            pieces.pop();
        } else {
            break;
        }
    }
    pieces
}

/// Blocks of an HTML text.
pub fn blocks(source: &str) -> Vec<Block> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(source, emitter);
    let mut b = Builder {
        blocks: Vec::new(),
        pieces: Vec::new(),
        kind: BlockKind::Paragraph,
    };
    let mut skip_depth = 0usize;
    for token in tokenizer {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if matches!(name.as_str(), "script" | "style" | "noscript" | "template") && !tag.self_closing {
                    skip_depth += 1;
                } else if BLOCK_TAGS.contains(&name.as_str()) {
                    b.flush(source);
                    b.kind = match name.as_str() {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading(name.as_bytes()[1] - b'0'),
                        "li" | "dd" | "dt" => BlockKind::ListItem,
                        "td" | "th" => BlockKind::TableCell,
                        _ => BlockKind::Paragraph,
                    };
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
                    skip_depth = skip_depth.saturating_sub(1);
                } else if BLOCK_TAGS.contains(&name.as_str()) {
                    b.flush(source);
                }
            }
            Token::String(s) if skip_depth == 0 => {
                let raw_range = s.span.start..s.span.end;
                if raw_range.end > source.len()
                    || !source.is_char_boundary(raw_range.start)
                    || !source.is_char_boundary(raw_range.end)
                {
                    continue;
                }
                push_text(&mut b.pieces, source, raw_range, &String::from_utf8_lossy(&s.value));
            }
            _ => {}
        }
    }
    b.flush(source);
    b.blocks
}

/// Aligns decoded text with its raw source: verbatim runs stay verbatim, each character
/// reference becomes a replacement piece covering `&…;`.
fn push_text(pieces: &mut Vec<Piece>, source: &str, raw: std::ops::Range<usize>, decoded: &str) {
    let raw_s = &source[raw.clone()];
    if raw_s == decoded {
        pieces.push(Piece::verbatim(raw));
        return;
    }
    let mut rp = 0; // position in raw_s
    let mut dp = 0; // position in decoded
    let mut run_start = 0;
    while rp < raw_s.len() && dp < decoded.len() {
        let rc = raw_s[rp..].chars().next().unwrap();
        let dc = decoded[dp..].chars().next().unwrap();
        if rc == '&' {
            if let Some(semi) = raw_s[rp..].find(';').filter(|&n| n > 1 && n <= 32) {
                let ent = &raw_s[rp + 1..rp + semi];
                if ent.chars().all(|c| c.is_ascii_alphanumeric() || c == '#') && !(dc == '&' && ent == "amp" && false) {
                    if run_start < rp {
                        pieces.push(Piece::verbatim(raw.start + run_start..raw.start + rp));
                    }
                    pieces.push(Piece {
                        src: raw.start + rp..raw.start + rp + semi + 1,
                        text: Some(dc.to_string()),
                    });
                    rp += semi + 1;
                    dp += dc.len_utf8();
                    run_start = rp;
                    continue;
                }
            }
        }
        if rc == '\r' && dc != '\r' {
            // CR LF is reported as LF by the tokenizer
            rp += 1;
            continue;
        }
        rp += rc.len_utf8();
        dp += dc.len_utf8();
    }
    if run_start < raw_s.len() {
        pieces.push(Piece::verbatim(raw.start + run_start..raw.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_entities() {
        let src = "<html><head><title>RC</title><style>p{}</style></head><body><h2>Article 1</h2><p>Les r&eacute;sultats sont <b>publi&#233;s</b>.</p><script>var x='<p>no</p>';</script><ul><li>un</li><li>deux</li></ul></body></html>";
        let b = blocks(src);
        let texts: Vec<String> = b.iter().map(|b| b.text(src)).collect();
        assert_eq!(
            texts,
            vec!["RC", "Article 1", "Les résultats sont publiés.", "un", "deux"]
        );
        assert_eq!(b[1].kind, BlockKind::Heading(2));
        assert_eq!(
            &src[b[2].range.clone()],
            "Les r&eacute;sultats sont <b>publi&#233;s</b>."
        );
    }
}
