//! Languages: of documents (detected) and of messages (`--lang`, default from the environment).

use serde::{Deserialize, Serialize};

/// A language clausier speaks and reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The English or the French one of two values (a message and its translation).
    pub fn pick<T>(self, en: T, fr: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    /// Parses `fr`, `fr_FR.UTF-8`, `en-GB`…
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("fr") {
            Some(Lang::Fr)
        } else if s.starts_with("en") || s == "c" || s == "posix" || s.starts_with("c.") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The message language from `LC_ALL`, `LC_MESSAGES`, `LANGUAGE` then `LANG`; English otherwise.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                if let Some(l) = Lang::parse(v.split(':').next().unwrap_or("")) {
                    return l;
                }
            }
        }
        Lang::En
    }
}

const FR_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "et",
    "est",
    "sont",
    "pour",
    "dans",
    "une",
    "un",
    "par",
    "sur",
    "au",
    "aux",
    "que",
    "qui",
    "ne",
    "pas",
    "doit",
    "titulaire",
    "marche",
    "avec",
    "ou",
    "ce",
    "cette",
    "il",
    "son",
    "ses",
];
const EN_WORDS: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "in",
    "is",
    "are",
    "for",
    "with",
    "be",
    "shall",
    "will",
    "that",
    "this",
    "by",
    "on",
    "or",
    "as",
    "an",
    "a",
    "contractor",
    "must",
    "it",
    "its",
    "from",
    "at",
    "any",
    "all",
    "not",
    "which",
];

/// Detects French or English from function words in folded text; `None` if neither shows.
pub fn detect(folded: &str) -> Option<Lang> {
    let (mut fr, mut en) = (0usize, 0usize);
    for w in folded.split(|c: char| !c.is_alphanumeric()).take(20_000) {
        if w.is_empty() {
            continue;
        }
        if FR_WORDS.contains(&w) {
            fr += 1;
        }
        if EN_WORDS.contains(&w) {
            en += 1;
        }
    }
    if fr == 0 && en == 0 {
        None
    } else if fr >= en {
        Some(Lang::Fr)
    } else {
        Some(Lang::En)
    }
}

/// French typography: a narrow no-break space before `: ; ? !` and inside « ».
pub fn french_typography(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ':' | ';' | '?' | '!' => {
                let prev = if i > 0 { Some(chars[i - 1]) } else { None };
                let next = chars.get(i + 1).copied();
                // not in URLs ("https:"), times ("10:30") or code
                let word_before =
                    prev.is_some_and(|p| p.is_alphanumeric() || p == ')' || p == '»' || p == '`' || p == '"');
                let spaced = next.is_none_or(|n| n.is_whitespace());
                if word_before && spaced {
                    out.push('\u{202f}');
                } else if prev == Some(' ') && spaced {
                    out.pop();
                    out.push('\u{202f}');
                }
                out.push(c);
            }
            '«' => {
                out.push('«');
                if chars.get(i + 1) == Some(&' ') {
                    continue;
                }
                out.push('\u{a0}');
            }
            '»' => {
                if out.ends_with(' ') {
                    out.pop();
                }
                if !out.ends_with('\u{a0}') {
                    out.push('\u{a0}');
                }
                out.push('»');
            }
            ' ' if chars.get(i + 1) == Some(&'»') || (i > 0 && chars[i - 1] == '«') => {
                if i > 0 && chars[i - 1] == '«' {
                    out.push('\u{a0}');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_locales() {
        assert_eq!(Lang::parse("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("de_DE"), None);
    }

    #[test]
    fn detects_language() {
        assert_eq!(
            detect("le titulaire livre les codes sources dans la forge"),
            Some(Lang::Fr)
        );
        assert_eq!(detect("the contractor shall deliver the source code"), Some(Lang::En));
        assert_eq!(detect("12 34"), None);
    }

    #[test]
    fn french_spacing() {
        assert_eq!(
            french_typography("Attention : voir «ici» !"),
            "Attention\u{202f}: voir «\u{a0}ici\u{a0}»\u{202f}!"
        );
        assert_eq!(french_typography("https://x.fr 10:30"), "https://x.fr 10:30");
    }
}
