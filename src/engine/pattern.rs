//! Rule patterns: checked when the packs load, compiled on first use and shared between rules
//! that use the same pattern. Most `require` and `unless` patterns are only needed when an anchor
//! matched, so a small consultation compiles only a fraction of them.

use crate::normalize::fold_pattern;
use regex::bytes::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A pattern, folded like the text it runs on, compiled lazily.
#[derive(Debug)]
pub struct Pattern {
    folded: String,
    re: OnceLock<Regex>,
}

fn builder(p: &str) -> RegexBuilder {
    let mut b = RegexBuilder::new(p);
    b.unicode(false).size_limit(1 << 24);
    b
}

/// Lower-cases the letters of a pattern, leaving escapes (`\S`, `\W`, `\B`, `\p{…}`) and group
/// names alone. The folded text is lower case, so a lower-case pattern needs no case-insensitive
/// matching, which would defeat the literal prefilters that make the search fast.
pub fn lowercase_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                    if matches!(n, 'p' | 'P') && chars.peek() == Some(&'{') {
                        for x in chars.by_ref() {
                            out.push(x);
                            if x == '}' {
                                break;
                            }
                        }
                    }
                }
            }
            '(' if chars.peek() == Some(&'?') => {
                out.push(c);
                out.push(chars.next().unwrap_or('?'));
                // named group: (?P<name> or (?<name>
                let named = match chars.peek() {
                    Some('P') => {
                        out.push(chars.next().unwrap_or('P'));
                        chars.peek() == Some(&'<')
                    }
                    Some('<') => !matches!(chars.clone().nth(1), Some('=' | '!')),
                    _ => false,
                };
                if named {
                    for x in chars.by_ref() {
                        out.push(x);
                        if x == '>' {
                            break;
                        }
                    }
                }
            }
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

impl Pattern {
    /// Checks the syntax of a pattern without compiling it.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        let folded = lowercase_pattern(&fold_pattern(pattern));
        regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(&folded)
            .map_err(|e| e.to_string())?;
        Ok(Pattern {
            folded,
            re: OnceLock::new(),
        })
    }

    /// The compiled expression. A pattern that parses but exceeds the size limit never matches
    /// (`Engine::compile_all` reports it when packs are validated).
    pub fn re(&self) -> &Regex {
        self.re
            .get_or_init(|| builder(&self.folded).build().unwrap_or_else(|_| never()))
    }

    /// Compiles now, reporting any error.
    pub fn compile(&self) -> Result<(), regex::Error> {
        if self.re.get().is_none() {
            let re = builder(&self.folded).build()?;
            let _ = self.re.set(re);
        }
        Ok(())
    }
}

fn never() -> Regex {
    Regex::new(r"[^\x00-\xff]").expect("static regex")
}

/// Shares identical patterns.
#[derive(Debug, Default)]
pub struct Cache {
    map: HashMap<String, Arc<Pattern>>,
}

impl Cache {
    /// The shared pattern for `p`.
    pub fn get(&mut self, p: &str) -> Result<Arc<Pattern>, String> {
        if let Some(x) = self.map.get(p) {
            return Ok(x.clone());
        }
        let x = Arc::new(Pattern::new(p)?);
        self.map.insert(p.to_string(), x.clone());
        Ok(x)
    }

    /// Every pattern in the cache.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Pattern>> {
        self.map.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_and_shared() {
        let mut c = Cache::default();
        let a = c.get(r"\bréversibilité\b").unwrap();
        let b = c.get(r"\bréversibilité\b").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(a.re.get().is_none());
        assert!(a.re().is_match(b"une clause de reversibilite est prevue"));
        assert!(c.get("(unclosed").is_err());
        assert!(c.get(r"\bOPTION B\b").unwrap().re().is_match(b"l'option b du ccag"));
    }

    #[test]
    fn lowercasing_keeps_escapes_and_group_names() {
        assert_eq!(
            lowercase_pattern(r"\bCODE\S+\W(?P<Term>ABC)\p{L}[A-Z]"),
            r"\bcode\S+\W(?P<Term>abc)\p{L}[a-z]"
        );
        assert_eq!(lowercase_pattern(r"(?:X)(?<Name>Y)"), r"(?:x)(?<Name>y)");
    }
}
