//! Windows for matching: sentences inside blocks, sections (a heading and what follows it up to
//! the next heading of the same or a higher level), and each block's heading path.

use crate::normalize::Folded;
use crate::read::{BlockKind, Document};
use std::ops::Range;

/// The structure of one folded document.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    /// Sentence ranges in the folded text, in order.
    pub sentences: Vec<Range<usize>>,
    /// For each block, the folded range of its section (the block's heading's extent).
    pub section_of_block: Vec<Range<usize>>,
    /// For each block, the indices of its enclosing heading blocks, outermost first.
    pub headings_of_block: Vec<Vec<usize>>,
}

const ABBREVIATIONS: &[&str] = &[
    "art", "cf", "n", "no", "p", "pp", "etc", "e.g", "i.e", "ex", "vol", "al", "m", "mme", "mr", "dr", "inc", "ltd",
    "sect", "ch", "chap", "fig", "ann", "min", "max", "env", "resp", "c", "cod", "v", "vs", "st", "u.s", "seq",
];

fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before.rfind([' ', '(', '\n', '\'']).map(|i| i + 1).unwrap_or(0);
    let word = &before[word_start..];
    word.len() == 1 && word.chars().all(|c| c.is_alphabetic()) || ABBREVIATIONS.contains(&word)
}

/// Splits one block's folded text (at `offset`) into sentences, at `.`, `!` and `?` followed by a
/// space (not after an abbreviation). A semicolon does not end a sentence: French clauses chain
/// their parts with it (« les données appartiennent à l'acheteur ; elles sont publiées… »).
fn split_sentences(text: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && i + 1 < bytes.len() && bytes[i + 1] == b' ' {
            if b == b'.' && is_abbreviation(text, i) {
                i += 1;
                continue;
            }
            out.push(offset + start..offset + i + 1);
            start = i + 2;
            i += 2;
            continue;
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(offset + start..offset + bytes.len());
    }
}

/// Computes sentences, sections and heading paths.
pub fn segment(doc: &Document, folded: &Folded) -> Segments {
    let mut sentences = Vec::new();
    for r in &folded.blocks {
        split_sentences(&folded.text[r.clone()], r.start, &mut sentences);
    }
    let n = doc.blocks.len();
    let mut headings_of_block: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if let BlockKind::Heading(level) = b.kind {
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            headings_of_block.push(stack.iter().map(|(_, j)| *j).collect());
            stack.push((level, i));
        } else {
            headings_of_block.push(stack.iter().map(|(_, j)| *j).collect());
        }
    }
    // section of a block: from its innermost heading (or the document start) to the next heading
    // of the same or a higher level
    let mut section_of_block = Vec::with_capacity(n);
    for i in 0..n {
        let own = match doc.blocks[i].kind {
            BlockKind::Heading(_) => Some(i),
            _ => headings_of_block[i].last().copied(),
        };
        let (start_block, level) = match own {
            Some(h) => (
                h,
                if let BlockKind::Heading(l) = doc.blocks[h].kind {
                    l
                } else {
                    0
                },
            ),
            None => (0, 0),
        };
        let mut end_block = n;
        for (j, b) in doc.blocks.iter().enumerate().skip(start_block + 1) {
            if let BlockKind::Heading(l) = b.kind {
                if level == 0 || l <= level {
                    end_block = j;
                    break;
                }
            }
        }
        let start = folded.blocks.get(start_block).map(|r| r.start).unwrap_or(0);
        let end = folded
            .blocks
            .get(end_block.saturating_sub(1))
            .map(|r| r.end)
            .unwrap_or(folded.text.len());
        section_of_block.push(start..end.max(start));
    }
    Segments {
        sentences,
        section_of_block,
        headings_of_block,
    }
}

impl Segments {
    /// The sentence containing folded byte `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<Range<usize>> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_document;
    use crate::read::read_bytes;
    use std::path::Path;

    #[test]
    fn sentences_and_sections() {
        let src = "# A\n\nUn. Deux selon l'art. 5 du CCAG; trois.\n\n## B\n\nQuatre.\n\n# C\n\nCinq.\n";
        let d = read_bytes(Path::new("x.md"), src.as_bytes()).unwrap();
        let f = fold_document(&d);
        let s = segment(&d, &f);
        let sents: Vec<&str> = s.sentences.iter().map(|r| &f.text[r.clone()]).collect();
        assert_eq!(
            sents,
            vec![
                "a",
                "un.",
                "deux selon l'art. 5 du ccag; trois.",
                "b",
                "quatre.",
                "c",
                "cinq."
            ]
        );
        // block 1 ("Un. …") is in section A, which runs to before heading C
        assert_eq!(
            &f.text[s.section_of_block[1].clone()],
            "a\nun. deux selon l'art. 5 du ccag; trois.\nb\nquatre."
        );
        assert_eq!(s.headings_of_block[3], vec![0, 2]);
    }
}
