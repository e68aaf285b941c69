//! Word normalisation and hashed word bigrams for licence matching. Shared by the build script
//! (which indexes the canonical texts) and the runtime matcher, so this file uses `std` only.
//!
//! Normalisation follows the spirit of the SPDX matching guidelines: case, accents, punctuation,
//! quotes, dashes, bullets and whitespace are ignored; varietal spellings (« licence » / "license",
//! "colour" / "color"…) are equated; copyright statements are dropped (they differ from file to file).

/// One word of a text: its hash and the 0-based line it sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// FNV-1a hash of the normalised word.
    pub hash: u64,
    /// 0-based line number in the input.
    pub line: u32,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The hash of a word bigram (order matters).
#[inline]
pub fn bigram(a: u64, b: u64) -> u32 {
    let x = a.rotate_left(23) ^ b ^ 0x9e37_79b9_7f4a_7c15;
    let x = (x ^ (x >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (x >> 32) as u32
}

/// Lower-cases and strips the accents of Latin letters; other alphanumerics are kept, anything
/// else is `None` (a separator).
#[inline]
fn fold_char(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    if c.is_ascii() {
        return None;
    }
    let f = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ if c.is_alphanumeric() => return c.to_lowercase().next(),
        _ => return None,
    };
    Some(f)
}

/// Varietal spellings equated by the SPDX matching guidelines (and a few more), British → US.
fn equivalent(w: &str) -> &str {
    match w {
        "licence" => "license",
        "licences" => "licenses",
        "licenced" => "licensed",
        "licencing" => "licensing",
        "licensor" | "licenser" => "licensor",
        "acknowledgement" => "acknowledgment",
        "acknowledgements" => "acknowledgments",
        "analogue" => "analog",
        "authorisation" => "authorization",
        "authorise" => "authorize",
        "authorised" => "authorized",
        "behaviour" => "behavior",
        "cancelled" => "canceled",
        "centre" => "center",
        "colour" => "color",
        "favour" => "favor",
        "honour" => "honor",
        "labelled" => "labeled",
        "labour" => "labor",
        "organisation" => "organization",
        "organise" => "organize",
        "practise" => "practice",
        "recognise" => "recognize",
        "utilise" => "utilize",
        "percent" => "per cent",
        "https" => "http",
        _ => w,
    }
}

/// Words that end a copyright statement written on the same line as the licence text.
const COPYRIGHT_STOP: &[&str] = &[
    "permission",
    "redistribution",
    "redistributions",
    "licensed",
    "license",
    "this",
    "the",
    "all",
    "everyone",
    "you",
    "subject",
    "under",
    "use",
    "ce",
    "le",
    "la",
];

/// Splits a text into normalised words (see the module documentation).
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 5);
    let mut buf = String::with_capacity(32);
    // Words of the current copyright statement still to drop (None: not in one).
    let mut in_copyright: Option<u32> = None;
    let mut pending_copyright = false;
    for (ln, line) in text.lines().enumerate() {
        let ln = ln as u32;
        // A copyright statement ends at the end of its line.
        in_copyright = None;
        pending_copyright = false;
        let mut chars = line.chars().peekable();
        loop {
            buf.clear();
            let mut symbol = false;
            let mut dot = false;
            let mut sentence_end = false;
            while let Some(&c) = chars.peek() {
                if fold_char(c).is_some() {
                    break;
                }
                if c == '©' {
                    symbol = true;
                }
                if c == '.' {
                    dot = true;
                } else if dot && c.is_whitespace() {
                    sentence_end = true;
                }
                chars.next();
            }
            // A sentence ends a copyright statement reflowed with the text that follows.
            if sentence_end && in_copyright.is_some() {
                in_copyright = None;
            }
            while let Some(&c) = chars.peek() {
                match fold_char(c) {
                    Some(f) => {
                        buf.push(f);
                        chars.next();
                    }
                    None => break,
                }
            }
            if symbol && buf.is_empty() && pending_copyright {
                in_copyright = Some(14);
                pending_copyright = false;
            }
            if buf.is_empty() {
                break;
            }
            let w = equivalent(&buf);
            // Copyright statements: "copyright (c) 2020 …", "copyright 2020 …", "© 2020 …",
            // "copyright <year> <owner>" in templates.
            if let Some(left) = in_copyright {
                if left == 0 || COPYRIGHT_STOP.contains(&w) {
                    in_copyright = None;
                } else {
                    in_copyright = Some(left - 1);
                    continue;
                }
            }
            if pending_copyright {
                pending_copyright = false;
                let starts_statement = w == "c"
                    || w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                    || matches!(w, "year" | "yyyy" | "yyyyy" | "dates" | "date" | "years");
                if starts_statement || symbol {
                    in_copyright = Some(14);
                    continue;
                }
                out.push(Word {
                    hash: fnv(b"copyright"),
                    line: ln,
                });
            }
            if w == "copyright" {
                pending_copyright = true;
                continue;
            }
            if symbol && w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                in_copyright = Some(14);
                continue;
            }
            for part in w.split(' ') {
                out.push(Word {
                    hash: fnv(part.as_bytes()),
                    line: ln,
                });
            }
        }
        if pending_copyright {
            out.push(Word {
                hash: fnv(b"copyright"),
                line: ln,
            });
        }
    }
    let _ = (in_copyright, pending_copyright);
    out
}

/// The hashed bigrams of a word list, each with the lines of its two words.
pub fn bigrams(words: &[Word]) -> Vec<(u32, u32, u32)> {
    words
        .windows(2)
        .map(|w| (bigram(w[0].hash, w[1].hash), w[0].line, w[1].line))
        .collect()
}

/// The hash of one word as [`words`] computes it (for callers that look for a given word).
pub fn word_hash(w: &str) -> u64 {
    fnv(equivalent(w).as_bytes())
}
