//! Licence text identification: which SPDX licences a file holds, with a score and a line range.
//!
//! The index is built at compile time (see `build.rs`) from every canonical text of the `spdx`
//! crate (texts identical after normalisation are grouped), alternates without the appendix after
//! "END OF TERMS AND CONDITIONS", and standard licence headers (SPDX headers plus the French CeCILL
//! notice). It is embedded as three little-endian arrays — sorted distinct bigram keys, offsets,
//! postings (entry numbers) — read in place: loading the store costs nothing.
//!
//! Matching: the file's word bigrams are looked up once in the inverted index, which yields for
//! every entry the number of its bigrams present in the file. Entries holding at least 60 % of
//! their bigrams are candidates; for each, the densest run of positions (maximum-sum segment, +1
//! for a bigram of the entry, −1 otherwise) is scored with the Sørensen–Dice coefficient between
//! the run's bigram set and the entry's. The best run above the threshold is claimed, and the
//! search repeats on the rest of the file, so several licences (and their line ranges) come out.

use super::tokens;
use serde::Serialize;
use std::collections::HashMap;

/// Kind of an index entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// Canonical licence text.
    Text,
    /// Canonical text without its appendix.
    Alternate,
    /// Licence exception text (`WITH` operand).
    Exception,
    /// Standard licence header (notice put in source files).
    Header,
}

/// One entry of the embedded index.
#[derive(Debug)]
pub struct IndexEntry {
    /// SPDX id reported (an `X-only OR X-or-later` expression when the text cannot tell).
    pub id: &'static str,
    /// Other SPDX ids whose canonical text is the same.
    pub aliases: &'static [&'static str],
    /// Kind.
    pub kind: EntryKind,
    /// GNU-style text that does not tell `-only` from `-or-later`.
    pub undetermined: bool,
    /// Number of distinct bigrams.
    pub bigrams: u32,
    /// Number of words.
    pub words: u32,
    /// First three bigrams (where the text starts).
    pub head: [u32; 3],
    /// Last three bigrams, last first (where the text ends).
    pub tail: [u32; 3],
}

mod generated {
    use super::{EntryKind, IndexEntry};
    include!(concat!(env!("OUT_DIR"), "/licence_index.rs"));
}

static KEYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/licence_keys.bin"));
static OFFSETS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/licence_offsets.bin"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/licence_postings.bin"));

/// Default score threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// Fraction of an entry's bigrams a file must hold for the entry to be considered.
const MIN_CONTAINMENT: f64 = 0.6;

/// Most candidates examined per file.
const MAX_CANDIDATES: usize = 64;

/// The embedded index.
#[derive(Debug, Clone, Copy)]
pub struct Store {
    keys: &'static [u8],
    offsets: &'static [u8],
    postings: &'static [u8],
    entries: &'static [IndexEntry],
}

#[inline]
fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
}

#[inline]
fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[2 * i], b[2 * i + 1]])
}

impl Store {
    /// The store embedded in the binary (checks its shape; no parsing, no allocation).
    pub fn embedded() -> Store {
        let s = Store {
            keys: KEYS,
            offsets: OFFSETS,
            postings: POSTINGS,
            entries: generated::ENTRIES,
        };
        assert_eq!(s.keys.len() / 4, generated::NKEYS, "licence index keys");
        assert_eq!(s.offsets.len() / 4, generated::NKEYS + 1, "licence index offsets");
        s
    }

    /// The entries.
    pub fn entries(&self) -> &'static [IndexEntry] {
        self.entries
    }

    /// SPDX licence-list version of the indexed texts.
    pub fn list_version(&self) -> &'static str {
        generated::LIST_VERSION
    }

    fn nkeys(&self) -> usize {
        self.keys.len() / 4
    }

    /// Posting range of a bigram key (empty when absent).
    fn lookup(&self, key: u32) -> (u32, u32) {
        let (mut lo, mut hi) = (0usize, self.nkeys());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let k = u32_at(self.keys, mid);
            if k < key {
                lo = mid + 1;
            } else if k > key {
                hi = mid;
            } else {
                return (u32_at(self.offsets, mid), u32_at(self.offsets, mid + 1));
            }
        }
        (0, 0)
    }

    /// Whether a posting range holds an entry (postings are sorted).
    fn holds(&self, r: (u32, u32), entry: u16) -> bool {
        let (mut lo, mut hi) = (r.0 as usize, r.1 as usize);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let e = u16_at(self.postings, mid);
            if e < entry {
                lo = mid + 1;
            } else if e > entry {
                hi = mid;
            } else {
                return true;
            }
        }
        false
    }
}

/// A licence found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// SPDX id (an `X-only OR X-or-later` expression when neither the text nor a notice tells).
    pub id: String,
    /// Sørensen–Dice similarity of the matched lines with the reference, 0–1.
    pub score: f64,
    /// First line (1-based).
    pub start_line: usize,
    /// Last line (1-based, inclusive).
    pub end_line: usize,
    /// What matched: full text, text without appendix, exception, or standard header.
    pub kind: EntryKind,
    /// Other SPDX ids with the same canonical text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_text: Vec<String>,
    /// Remark (e.g. GNU `-only` / `-or-later` undetermined, or how it was resolved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Identifies the licences of a text with the default threshold; best match first.
pub fn identify(text: &str) -> Vec<Match> {
    identify_with(&Store::embedded(), text, DEFAULT_THRESHOLD)
}

struct Best {
    score: f64,
    entry: usize,
    start: usize,
    end: usize,
}

fn better(a: &Best, b: &Best, entries: &[IndexEntry]) -> bool {
    let (ea, eb) = (&entries[a.entry], &entries[b.entry]);
    // Nearly as good and much longer (a full text holding a header in its appendix): longer wins.
    if (a.score - b.score).abs() < 0.01 {
        if f64::from(ea.bigrams) >= 1.5 * f64::from(eb.bigrams) {
            return true;
        }
        if f64::from(eb.bigrams) >= 1.5 * f64::from(ea.bigrams) {
            return false;
        }
    }
    a.score
        .partial_cmp(&b.score)
        .unwrap_or(std::cmp::Ordering::Equal)
        .then(eb.kind.cmp(&ea.kind))
        .then(ea.bigrams.cmp(&eb.bigrams))
        .then(eb.id.cmp(ea.id))
        .is_gt()
}

/// Identifies the licences of a text; matches scoring below `threshold` are left out.
pub fn identify_with(store: &Store, text: &str, threshold: f64) -> Vec<Match> {
    let words = tokens::words(text);
    if words.len() < 2 {
        return Vec::new();
    }
    let bg = tokens::bigrams(&words);
    let n = bg.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by_key(|&i| bg[i as usize].0);
    let mut post: Vec<(u32, u32)> = vec![(0, 0); n];
    let mut counts = vec![0u32; store.entries.len()];
    let mut i = 0;
    while i < n {
        let h = bg[order[i] as usize].0;
        let r = store.lookup(h);
        let mut j = i;
        while j < n && bg[order[j] as usize].0 == h {
            post[order[j] as usize] = r;
            j += 1;
        }
        for p in r.0..r.1 {
            counts[u16_at(store.postings, p as usize) as usize] += 1;
        }
        i = j;
    }
    let mut cands: Vec<usize> = (0..store.entries.len())
        .filter(|&e| {
            let b = store.entries[e].bigrams;
            b > 0 && f64::from(counts[e]) >= MIN_CONTAINMENT * f64::from(b)
        })
        .collect();
    // Most contained first (a short licence inside a bundle is wholly there), then most hits.
    let containment = |e: usize| u64::from(counts[e]) * 1_000_000 / u64::from(store.entries[e].bigrams);
    cands.sort_by(|&a, &b| {
        containment(b)
            .cmp(&containment(a))
            .then(counts[b].cmp(&counts[a]))
            .then(a.cmp(&b))
    });
    cands.truncate(MAX_CANDIDATES);

    let mut claimed = vec![false; n];
    let mut found: Vec<Best> = Vec::new();
    let mut scratch: Vec<u32> = Vec::new();
    let mut hit = vec![false; n];
    while !cands.is_empty() {
        let mut best: Option<Best> = None;
        for &e in &cands {
            let entry = &store.entries[e];
            // Upper bound of the Dice score of any window (candidates come in decreasing order
            // of it): stop when it cannot reach the threshold or beat the best so far.
            let c = f64::from(counts[e]);
            let bound = 2.0 * c / (c + f64::from(entry.bigrams));
            if bound < threshold || best.as_ref().is_some_and(|b| bound < b.score - 0.011) {
                break;
            }
            // Maximum-sum segment over unclaimed positions.
            let (mut sum, mut start) = (0i64, 0usize);
            let (mut best_sum, mut best_range) = (0i64, None);
            for p in 0..n {
                if claimed[p] {
                    sum = 0;
                    start = p + 1;
                    continue;
                }
                let h = store.holds(post[p], e as u16);
                hit[p] = h;
                if sum <= 0 {
                    sum = 0;
                    start = p;
                }
                sum += if h { 1 } else { -1 };
                if sum > best_sum {
                    best_sum = sum;
                    best_range = Some((start, p));
                }
            }
            let Some((mut a, mut b)) = best_range else { continue };
            // Trim to where the reference starts and ends when those words are near the edges
            // (a notice just before a licence shares many of its words).
            let slack = (b - a) / 4;
            if let Some(p) = (a..=(a + slack).min(b)).find(|&p| entry.head.contains(&bg[p].0)) {
                a = p;
            }
            if let Some(p) = (b.saturating_sub(slack).max(a)..=b)
                .rev()
                .find(|&p| entry.tail.contains(&bg[p].0))
            {
                b = p;
            }
            scratch.clear();
            scratch.extend((a..=b).map(|p| bg[p].0));
            scratch.sort_unstable();
            scratch.dedup();
            let w = scratch.len();
            scratch.clear();
            scratch.extend((a..=b).filter(|&p| hit[p]).map(|p| bg[p].0));
            scratch.sort_unstable();
            scratch.dedup();
            let inter = scratch.len();
            let score = 2.0 * inter as f64 / (w as f64 + f64::from(entry.bigrams));
            let cand = Best {
                score,
                entry: e,
                start: a,
                end: b,
            };
            if best.as_ref().is_none_or(|x| better(&cand, x, store.entries)) {
                best = Some(cand);
            }
        }
        match best {
            Some(b) if b.score >= threshold => {
                for c in claimed.iter_mut().take(b.end + 1).skip(b.start) {
                    *c = true;
                }
                cands.retain(|&e| e != b.entry);
                found.push(b);
            }
            _ => break,
        }
    }
    let mut out: Vec<Match> = found
        .iter()
        .map(|b| {
            let e = &store.entries[b.entry];
            Match {
                id: e.id.to_string(),
                score: (b.score * 1000.0).round() / 1000.0,
                start_line: bg[b.start].1 as usize + 1,
                end_line: bg[b.end].2 as usize + 1,
                kind: e.kind,
                same_text: e.aliases.iter().map(|s| s.to_string()).collect(),
                note: e.undetermined.then(|| "-only or -or-later undetermined".to_string()),
            }
        })
        .collect();
    resolve_gnu_variants(text, &mut out);
    out
}

/// GNU family of an undetermined id (`GPL-2.0-only OR GPL-2.0-or-later` → `GPL-2.0`).
fn gnu_base(id: &str) -> Option<&str> {
    id.split_once("-only OR ").map(|(b, _)| b)
}

/// Resolves `-only` / `-or-later` from a header matched in the same file, or from the notice
/// around the licence text (lines outside the match).
fn resolve_gnu_variants(text: &str, out: &mut [Match]) {
    if !out.iter().any(|m| m.note.is_some() && gnu_base(&m.id).is_some()) {
        return;
    }
    let headers: Vec<String> = out
        .iter()
        .filter(|m| m.kind == EntryKind::Header)
        .map(|m| m.id.clone())
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    for m in out.iter_mut() {
        let Some(base) = gnu_base(&m.id).map(str::to_string) else {
            continue;
        };
        let only = format!("{base}-only");
        let later = format!("{base}-or-later");
        if let Some(h) = headers.iter().find(|h| **h == only || **h == later) {
            m.note = Some(format!("variant from the standard header in the same file ({h})"));
            m.id = h.clone();
            continue;
        }
        let outside: String = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i + 1 < m.start_line || *i + 1 > m.end_line)
            .map(|(_, l)| l.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let b = base.to_lowercase();
        let says_later = outside.contains(&format!("{b}-or-later"))
            || outside.contains(&format!("{b}+"))
            || outside.contains("any later version")
            || outside.contains("or later")
            || outside.contains("toute version ultérieure")
            || outside.contains("version ultérieure");
        let says_only = outside.contains(&format!("{b}-only")) || outside.contains("only version");
        if says_later != says_only {
            m.id = if says_later { later } else { only };
            m.note = Some("variant from the notice next to the licence text".to_string());
        }
    }
}

/// Identifies many texts, identifying identical contents once.
#[derive(Debug)]
pub struct Identifier {
    store: Store,
    threshold: f64,
    cache: HashMap<u64, Vec<Match>>,
}

impl Identifier {
    /// An identifier with the embedded store.
    pub fn new(threshold: f64) -> Identifier {
        Identifier {
            store: Store::embedded(),
            threshold,
            cache: HashMap::new(),
        }
    }

    /// Identifies a text (cached by content hash).
    pub fn identify(&mut self, text: &str) -> Vec<Match> {
        let mut h = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(text, &mut h);
        let key = std::hash::Hasher::finish(&h);
        if let Some(m) = self.cache.get(&key) {
            return m.clone();
        }
        let m = identify_with(&self.store, text, self.threshold);
        self.cache.insert(key, m.clone());
        m
    }

    /// Number of distinct texts identified so far.
    pub fn distinct(&self) -> usize {
        self.cache.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIT: &str = "MIT License\n\nCopyright (c) 2021 Jane Doe\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n";

    #[test]
    fn store_shape() {
        let s = Store::embedded();
        assert!(s.entries().len() > 700);
        assert!(
            s.entries()
                .iter()
                .any(|e| e.kind == EntryKind::Header && e.id == "CECILL-2.1")
        );
    }

    #[test]
    fn mit_with_copyright_is_exact() {
        let m = identify(MIT);
        assert_eq!(m[0].id, "MIT");
        assert!(m[0].score > 0.99, "{m:?}");
        assert_eq!((m[0].start_line, m[0].end_line), (1, 21));
        assert_eq!(m.len(), 1, "{m:?}");
    }

    #[test]
    fn one_line_mit() {
        let flat = MIT.split_whitespace().collect::<Vec<_>>().join(" ");
        let m = identify(&flat);
        assert_eq!(m[0].id, "MIT", "{m:?}");
        assert!(m[0].score > 0.95);
    }

    #[test]
    fn identical_texts_are_cached() {
        let mut id = Identifier::new(DEFAULT_THRESHOLD);
        let a = id.identify(MIT);
        let b = id.identify(MIT);
        assert_eq!(a, b);
        assert_eq!(id.distinct(), 1);
    }
}
