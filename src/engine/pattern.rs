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
    b.unicode(false).case_insensitive(true).size_limit(1 << 24);
    b
}

impl Pattern {
    /// Checks the syntax of a pattern without compiling it.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        let folded = fold_pattern(pattern);
        regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .case_insensitive(true)
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
    }
}
