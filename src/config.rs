//! `clausier.toml`: rule selection, severity overrides, licence policy and waivers, for the tender
//! rules and the repository rules (`REP…`, applied by `repo::apply_config`).
//!
//! Found upward from the current directory (or given with `--config`). Every waiver needs a
//! `reason`; waivers that match nothing, or whose `expires` date is past, are reported. Errors
//! point into the TOML file.
//!
//! ```toml
//! [rules]
//! select = ["SRC", "ORS001"]      # codes or prefixes; default: all
//! ignore = ["BRD002"]
//!
//! [severity]
//! CMF000 = "error"                 # code = error | warning | info
//!
//! [licence]
//! policy = "fr-crpa"               # fr-crpa | osi | fsf | custom
//! allow = ["CC0-1.0"]              # added to the policy's list
//! deny = []
//!
//! [[waiver]]
//! rule = "BRD001"
//! path = "DCE/CCTP*.md"            # glob on the document path
//! reason = "the existing Oracle licence is renewed, see the RC article 2"
//! expires = "2027-06-30"
//! ```

use crate::clause::{Registry, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Name of the configuration file.
pub const FILE_NAME: &str = "clausier.toml";

/// An error in the configuration file, with the span it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
    /// Where, in bytes.
    pub span: Option<Range<usize>>,
    /// The file's text.
    pub text: String,
}

/// `[rules]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSelection {
    /// Codes or prefixes to keep (all when empty).
    #[serde(default)]
    pub select: Vec<Spanned<String>>,
    /// Codes or prefixes to drop.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
}

/// Licence policy for repositories and tender licences.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// The CRPA D.323-2-1 list (French public bodies).
    #[default]
    FrCrpa,
    /// OSI-approved licences.
    Osi,
    /// FSF free licences.
    Fsf,
    /// Only the `allow` list.
    Custom,
}

/// `[licence]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceConfig {
    /// Base policy.
    #[serde(default)]
    pub policy: Policy,
    /// SPDX ids allowed in addition.
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    /// SPDX ids denied.
    #[serde(default)]
    pub deny: Vec<Spanned<String>>,
}

/// A waiver: findings of `rule` in documents matching `path` are accepted, for `reason`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// Rule code.
    pub rule: Spanned<String>,
    /// Glob on the document path (all documents when absent).
    #[serde(default)]
    pub path: Option<String>,
    /// Why (required).
    pub reason: String,
    /// Last day it applies (`YYYY-MM-DD`).
    #[serde(default)]
    pub expires: Option<Spanned<String>>,
    /// Span of the whole table (for "unused" reports).
    #[serde(skip)]
    pub span: Range<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    rules: RuleSelection,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    #[serde(default)]
    licence: LicenceConfig,
    #[serde(default)]
    waiver: Vec<Spanned<Waiver>>,
}

/// A loaded configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it was read from (none: defaults).
    pub path: Option<PathBuf>,
    /// Its text.
    pub text: String,
    /// Rule selection.
    pub rules: RuleSelection,
    /// Severity overrides by code, with the key's span.
    pub severity: Vec<(Spanned<String>, Severity)>,
    /// Licence policy.
    pub licence: LicenceConfig,
    /// Waivers.
    pub waivers: Vec<Waiver>,
}

/// Finds `clausier.toml` in `dir` or its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(x) = d {
        let p = x.join(FILE_NAME);
        if p.is_file() {
            return Some(p);
        }
        d = x.parent();
    }
    None
}

/// Whether a code (or code prefix) names repository rules (`REP…`).
pub fn is_repo_code(code: &str) -> bool {
    code.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("REP"))
}

fn matches_code(pattern: &str, code: &str) -> bool {
    code.eq_ignore_ascii_case(pattern)
        || (pattern.len() < code.len() && code.to_ascii_uppercase().starts_with(&pattern.to_ascii_uppercase()))
}

/// Today's date as `YYYY-MM-DD` (UTC), or `CLAUSIER_TODAY` when set (tests).
pub fn today() -> String {
    if let Ok(t) = std::env::var("CLAUSIER_TODAY") {
        return t;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

/// Largest configuration file read (bytes).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

impl Config {
    /// Reads and checks a configuration file against a registry (codes must exist).
    pub fn load(path: &Path, reg: &Registry) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
            span: None,
            text: String::new(),
        };
        let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read the configuration: {e}")))?;
        if !meta.is_file() {
            // a named pipe would block the read
            return Err(err("the configuration is not a regular file".into()));
        }
        if meta.len() > MAX_CONFIG_BYTES {
            return Err(err(format!(
                "the configuration is too large ({} bytes > {MAX_CONFIG_BYTES} bytes)",
                meta.len()
            )));
        }
        let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read the configuration: {e}")))?;
        Config::parse(path, text, reg)
    }

    /// Parses configuration text.
    pub fn parse(path: &Path, text: String, reg: &Registry) -> Result<Config, ConfigError> {
        let err = |message: String, span: Option<Range<usize>>, text: &str| ConfigError {
            path: path.to_path_buf(),
            message,
            span,
            text: text.to_string(),
        };
        let raw: Raw = toml::from_str(&text).map_err(|e| err(e.message().to_string(), e.span(), &text))?;
        let known = |c: &str| {
            reg.rules.iter().any(|r| matches_code(c, &r.id))
                || reg.categories.iter().any(|k| matches_code(c, &k.code))
                || crate::repo::rules::RULES.iter().any(|r| matches_code(c, r.code))
        };
        for s in raw.rules.select.iter().chain(&raw.rules.ignore) {
            if !known(s.get_ref()) {
                return Err(err(
                    format!("no rule code starts with `{}`", s.get_ref()),
                    Some(s.span()),
                    &text,
                ));
            }
        }
        for k in raw.severity.keys() {
            let exact = reg.rules.iter().any(|r| r.id.eq_ignore_ascii_case(k.get_ref()))
                || reg.categories.iter().any(|c| c.code.eq_ignore_ascii_case(k.get_ref()))
                || crate::repo::rules::RULES
                    .iter()
                    .any(|r| r.code.eq_ignore_ascii_case(k.get_ref()));
            if !exact {
                return Err(err(
                    format!("unknown rule code `{}`", k.get_ref()),
                    Some(k.span()),
                    &text,
                ));
            }
        }
        for id in raw.licence.allow.iter().chain(&raw.licence.deny) {
            if spdx::license_id(id.get_ref()).is_none() && !id.get_ref().starts_with("LicenseRef-") {
                return Err(err(
                    format!("`{}` is not an SPDX licence id", id.get_ref()),
                    Some(id.span()),
                    &text,
                ));
            }
        }
        let mut waivers = Vec::new();
        for w in raw.waiver {
            let span = w.span();
            let mut w = w.into_inner();
            w.span = span.clone();
            if !reg.rules.iter().any(|r| r.id.eq_ignore_ascii_case(w.rule.get_ref()))
                && !crate::repo::rules::RULES
                    .iter()
                    .any(|r| r.code.eq_ignore_ascii_case(w.rule.get_ref()))
            {
                return Err(err(
                    format!("unknown rule code `{}`", w.rule.get_ref()),
                    Some(w.rule.span()),
                    &text,
                ));
            }
            if w.reason.trim().is_empty() {
                return Err(err("a waiver needs a non-empty `reason`".into(), Some(span), &text));
            }
            if let Some(e) = &w.expires {
                if !valid_date(e.get_ref()) {
                    return Err(err(
                        format!("`expires` must be a date YYYY-MM-DD, not `{}`", e.get_ref()),
                        Some(e.span()),
                        &text,
                    ));
                }
            }
            waivers.push(w);
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            text,
            rules: raw.rules,
            severity: raw.severity.into_iter().collect(),
            licence: raw.licence,
            waivers,
        })
    }

    /// Whether `[rules]` keeps the rule `code`. `select` counts within a family: patterns of
    /// repository rules (`REP…`) select among them only, the others among the tender rules.
    pub fn keeps(&self, code: &str) -> bool {
        let family = |c: &str| is_repo_code(c);
        let select: Vec<&str> = self
            .rules
            .select
            .iter()
            .map(|s| s.get_ref().as_str())
            .filter(|p| family(p) == family(code))
            .collect();
        (select.is_empty() || select.iter().any(|p| matches_code(p, code)))
            && !self.rules.ignore.iter().any(|p| matches_code(p.get_ref(), code))
    }

    /// The severity set for `code` in `[severity]`, if any.
    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        self.severity
            .iter()
            .find(|(c, _)| c.get_ref().eq_ignore_ascii_case(code))
            .map(|(_, s)| *s)
    }

    /// Whether the waiver `i` is past its `expires` date.
    pub fn waiver_expired(&self, i: usize) -> bool {
        let today = today();
        self.waivers[i]
            .expires
            .as_ref()
            .is_some_and(|e| e.get_ref().as_str() < today.as_str())
    }

    /// Applies selection and severity overrides to a registry.
    pub fn apply(&self, reg: &mut Registry) {
        let keep = |code: &str| self.keeps(code);
        let mut i = 0;
        while i < reg.rules.len() {
            if keep(&reg.rules[i].id) {
                i += 1;
            } else {
                reg.rules.remove(i);
                reg.origins.remove(i);
            }
        }
        for c in &mut reg.categories {
            c.report_missing = keep(&c.code);
        }
        for (code, sev) in &self.severity {
            for r in reg
                .rules
                .iter_mut()
                .filter(|r| r.id.eq_ignore_ascii_case(code.get_ref()))
            {
                r.severity = *sev;
            }
            for c in reg
                .categories
                .iter_mut()
                .filter(|c| c.code.eq_ignore_ascii_case(code.get_ref()))
            {
                c.severity = *sev;
            }
        }
    }

    /// Whether a waiver covers a finding of `rule` in `path`.
    pub fn waiver_for(&self, rule: &str, path: &str) -> Option<usize> {
        self.waivers.iter().position(|w| {
            w.rule.get_ref().eq_ignore_ascii_case(rule) && w.path.as_deref().is_none_or(|g| glob_match(g, path))
        })
    }
}

/// A small glob: `*` matches within a path segment, `**` across segments, `?` one character.
pub fn glob_match(glob: &str, path: &str) -> bool {
    fn rec(g: &[u8], p: &[u8]) -> bool {
        match g.first() {
            None => p.is_empty(),
            Some(b'*') if g.get(1) == Some(&b'*') => {
                let rest = if g.get(2) == Some(&b'/') { &g[3..] } else { &g[2..] };
                (0..=p.len()).any(|i| rec(rest, &p[i..]))
            }
            Some(b'*') => (0..=p.len())
                .take_while(|&i| i == 0 || p[i - 1] != b'/')
                .any(|i| rec(&g[1..], &p[i..])),
            Some(b'?') => !p.is_empty() && p[0] != b'/' && rec(&g[1..], &p[1..]),
            Some(c) => !p.is_empty() && p[0] == *c && rec(&g[1..], &p[1..]),
        }
    }
    let path = path.strip_prefix("./").unwrap_or(path);
    let glob = glob.strip_prefix("./").unwrap_or(glob);
    rec(glob.as_bytes(), path.as_bytes())
        || (!glob.contains('/')
            && path
                .rsplit('/')
                .next()
                .is_some_and(|n| rec(glob.as_bytes(), n.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("DCE/CCTP*.md", "DCE/CCTP-lot1.md"));
        assert!(!glob_match("DCE/CCTP*.md", "DCE/sub/CCTP.md"));
        assert!(glob_match("**/CCTP.md", "a/b/CCTP.md"));
        assert!(glob_match("CCTP.md", "a/b/CCTP.md"));
        assert!(glob_match("vendor/**", "vendor/x/y.rs"));
    }

    #[test]
    fn dates() {
        assert!(valid_date("2027-06-30"));
        assert!(!valid_date("2027-13-01"));
        assert!(!valid_date("30/06/2027"));
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn config_errors_point_into_the_file() {
        let reg = Registry::builtin().unwrap();
        let text = "[severity]\nXYZ999 = \"error\"\n".to_string();
        let e = Config::parse(Path::new("clausier.toml"), text.clone(), &reg).unwrap_err();
        assert_eq!(&text[e.span.unwrap()], "XYZ999");
        let text = "[[waiver]]\nrule = \"BRD001\"\nreason = \"\"\n".to_string();
        let e = Config::parse(Path::new("clausier.toml"), text, &reg).unwrap_err();
        assert!(e.message.contains("reason"));
        let text = "[rules]\nselect = [\"SRC\"]\n[severity]\nCMF000 = \"error\"\n".to_string();
        let c = Config::parse(Path::new("clausier.toml"), text, &reg).unwrap();
        let mut r = reg.clone();
        c.apply(&mut r);
        assert!(r.rules.iter().all(|x| x.id.starts_with("SRC")));
        assert_eq!(r.category("commons-first").unwrap().severity, Severity::Error);
        assert!(!r.category("commons-first").unwrap().report_missing);
    }

    #[test]
    fn repository_codes_are_told_apart_without_slicing_inside_a_character() {
        assert!(is_repo_code("REP007") && is_repo_code("rep") && !is_repo_code("RLC001"));
        assert!(!is_repo_code("éé") && !is_repo_code("R") && !is_repo_code(""));
    }
}
