//! Licence strings as found in the wild (package metadata, the SILL, tenders) normalised to SPDX
//! expressions, with notes saying what was not canonical: strict SPDX parsing first, then the
//! `spdx` crate's lax mode (deprecated ids, `/` for OR, GNU `+`, imprecise names), then licence
//! URLs, then the name table of [`super::names`] (free text in English and French).

use serde::Serialize;
use spdx::{Expression, ParseMode};

/// Result of normalising one licence string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normalized {
    /// The string as given.
    pub input: String,
    /// SPDX expression (strictly valid), or `None` when not recognised.
    pub expression: Option<String>,
    /// Whether the input already was a canonical SPDX expression.
    pub canonical: bool,
    /// What was changed or why nothing could be read (English; see [`note_fr`]).
    pub notes: Vec<String>,
}

/// Known licence URLs (lower-case prefix without scheme) → SPDX id.
const URLS: &[(&str, &str)] = &[
    ("www.apache.org/licenses/license-2.0", "Apache-2.0"),
    ("apache.org/licenses/license-2.0", "Apache-2.0"),
    ("www.mozilla.org/mpl/2.0", "MPL-2.0"),
    ("mozilla.org/mpl/2.0", "MPL-2.0"),
    ("www.gnu.org/licenses/gpl-3.0", "GPL-3.0-only"),
    ("www.gnu.org/licenses/gpl-2.0", "GPL-2.0-only"),
    ("www.gnu.org/licenses/agpl-3.0", "AGPL-3.0-only"),
    ("www.gnu.org/licenses/lgpl-3.0", "LGPL-3.0-only"),
    ("www.gnu.org/licenses/lgpl-2.1", "LGPL-2.1-only"),
    ("www.gnu.org/licenses/old-licenses/gpl-2.0", "GPL-2.0-only"),
    ("www.gnu.org/licenses/old-licenses/lgpl-2.1", "LGPL-2.1-only"),
    ("www.eclipse.org/legal/epl-2.0", "EPL-2.0"),
    ("www.eclipse.org/legal/epl-v20", "EPL-2.0"),
    ("www.eclipse.org/legal/epl-v10", "EPL-1.0"),
    ("www.cecill.info/licences/licence_cecill_v2.1", "CECILL-2.1"),
    ("www.cecill.info/licences/licence_cecill-b", "CECILL-B"),
    ("www.cecill.info/licences/licence_cecill-c", "CECILL-C"),
    ("joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12", "EUPL-1.2"),
    ("eupl.eu/1.2", "EUPL-1.2"),
    ("www.etalab.gouv.fr/licence-ouverte-open-licence", "etalab-2.0"),
    ("opendatacommons.org/licenses/odbl", "ODbL-1.0"),
    ("creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"),
    ("unlicense.org", "Unlicense"),
];

/// The SPDX id of a licence URL, if known (`opensource.org/licenses/ID`, `spdx.org/licenses/ID`
/// and a table of licence stewards' addresses).
pub fn from_url(url: &str) -> Option<String> {
    let u = url.trim().trim_end_matches(['/', '.', ')', '>']).to_ascii_lowercase();
    let u = u
        .trim_start_matches('<')
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    for prefix in [
        "opensource.org/licenses/",
        "spdx.org/licenses/",
        "www.opensource.org/licenses/",
    ] {
        if let Some(rest) = u.strip_prefix(prefix) {
            let id = rest
                .trim_end_matches(".html")
                .trim_end_matches(".php")
                .trim_end_matches(".json");
            let id = id.trim_end_matches("-license");
            if let Some(l) = spdx::license_id(id) {
                return Some(canonical_id(l));
            }
            if let Some(l) = spdx::imprecise_license_id(id) {
                return Some(canonical_id(l.0));
            }
        }
    }
    let u = u
        .trim_end_matches(".html")
        .trim_end_matches(".txt")
        .trim_end_matches(".en");
    URLS.iter()
        .find(|(p, _)| u.starts_with(p) || u.strip_prefix("www.").is_some_and(|v| v.starts_with(p)))
        .map(|(_, id)| id.to_string())
}

/// Current form of an id: GNU ids without suffix get `-only`; other deprecated ids are kept.
fn canonical_id(l: spdx::LicenseId) -> String {
    if l.is_gnu() && !l.name.ends_with("-only") && !l.name.ends_with("-or-later") {
        if let Some(b) = l.name.strip_suffix('+') {
            return format!("{b}-or-later");
        }
        return format!("{}-only", l.name);
    }
    l.name.to_string()
}

fn lax_notes(s: &str, notes: &mut Vec<String>) {
    if s.contains('/') {
        notes.push("'/' read as OR".to_string());
    }
    // whether the string holds an id as written, asked once per id (not once per token)
    let mut written: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for tok in spdx::lexer::Lexer::new_mode(s, ParseMode::LAX).flatten() {
        match tok.token {
            spdx::lexer::Token::Spdx(id) if id.is_deprecated() => {
                notes.push(format!("deprecated SPDX id {}", id.name));
            }
            spdx::lexer::Token::Spdx(id) if !*written.entry(id.name).or_insert_with(|| s.contains(id.name)) => {
                notes.push(format!("'{}' read as {}", &s[tok.span.clone()], id.name));
            }
            spdx::lexer::Token::Plus => notes.push("GNU '+' read as -or-later".to_string()),
            _ => {}
        }
    }
}

/// Longest licence string read (bytes): a longer one is not a licence string but a text (give it
/// to `licence identify`), and the cap bounds the time spent on it.
pub const MAX_LICENCE_STRING_BYTES: usize = 64 * 1024;

/// [`normalize`] with a per-thread memo: a repository repeats the same few header values
/// thousands of times, and parsing one costs more than reading the file that holds it.
pub fn normalize_memo(input: &str) -> Normalized {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static MEMO: RefCell<HashMap<String, Normalized>> = RefCell::new(HashMap::new());
    }
    MEMO.with(|m| {
        if let Some(n) = m.borrow().get(input) {
            return n.clone();
        }
        let n = normalize(input);
        let mut m = m.borrow_mut();
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(input.to_string(), n.clone());
        n
    })
}

/// Normalises one licence string.
pub fn normalize(input: &str) -> Normalized {
    let s = input.trim();
    let mut out = Normalized {
        input: input.to_string(),
        expression: None,
        canonical: false,
        notes: Vec::new(),
    };
    if s.len() > MAX_LICENCE_STRING_BYTES {
        out.notes.push(format!(
            "licence string too long ({} bytes > {MAX_LICENCE_STRING_BYTES} bytes): not read",
            s.len()
        ));
        return out;
    }
    let lower = s.to_ascii_lowercase();
    if s.is_empty()
        || matches!(
            lower.as_str(),
            "n/a" | "na" | "none" | "noassertion" | "unknown" | "?" | "-"
        )
    {
        out.notes.push("no licence given".to_string());
        return out;
    }
    // 1. strict
    if Expression::parse(s).is_ok() {
        match Expression::canonicalize(s) {
            Ok(None) => {
                out.expression = Some(s.to_string());
                out.canonical = true;
                return out;
            }
            Ok(Some(c)) if Expression::parse(&c).is_ok() => {
                out.notes.push(format!("canonical form: {c}"));
                out.expression = Some(c);
                return out;
            }
            _ => {
                out.expression = Some(s.to_string());
                out.canonical = true;
                return out;
            }
        }
    }
    // 2. lax
    if Expression::parse_mode(s, ParseMode::LAX).is_ok() {
        let c = match Expression::canonicalize(s) {
            Ok(Some(c)) => c,
            _ => s.to_string(),
        };
        if Expression::parse(&c).is_ok() {
            lax_notes(s, &mut out.notes);
            out.expression = Some(c);
            return out;
        }
    }
    // 3. a URL
    if !s.contains(char::is_whitespace)
        && (lower.starts_with("http") || lower.contains(".org/") || lower.contains("www."))
    {
        if let Some(id) = from_url(s) {
            out.notes.push(format!("licence URL read as {id}"));
            out.expression = Some(id);
        } else {
            out.notes.push("unrecognised licence URL".to_string());
        }
        return out;
    }
    // 4. a list ("MPL-2.0, GPL-2.0", "MPL 2.0 et EPL 1.0"): each part on its own
    let parts = split_list(s);
    if parts.len() > 1 {
        let read: Vec<(Option<String>, &str, &str)> = parts.iter().map(|(p, op)| (single(p), *p, *op)).collect();
        if read.iter().any(|r| r.0.is_some()) {
            let bad: Vec<&str> = read.iter().filter(|r| r.0.is_none()).map(|r| r.1).collect();
            if !bad.is_empty() {
                out.notes
                    .push(format!("unrecognised licence in the list: {}", bad.join(", ")));
                return out;
            }
            let mut expr = String::new();
            let mut seen: Vec<String> = Vec::new();
            for (x, _, op) in &read {
                let x = x.as_ref().expect("checked");
                if seen.contains(x) {
                    continue;
                }
                if !expr.is_empty() {
                    expr.push_str(op);
                }
                let compound = x.contains(' ');
                if compound {
                    expr.push('(');
                }
                expr.push_str(x);
                if compound {
                    expr.push(')');
                }
                seen.push(x.clone());
            }
            if Expression::parse(&expr).is_ok() {
                out.notes.push(format!("list read as {expr}"));
                if read.iter().any(|r| r.2 == " AND ") && (s.contains(',') || s.contains(';')) {
                    out.notes.push("list of licences read as AND (all apply)".to_string());
                }
                out.expression = Some(expr);
                return out;
            }
        }
    }
    // 5. names in free text
    match names_expr(s) {
        Some(expr) => {
            out.notes.push(format!("free text read as {expr}"));
            out.expression = Some(expr);
        }
        None => out.notes.push("unrecognised licence".to_string()),
    }
    out
}

/// Splits a list of licences on `,` `;` « et » "and" (AND) and « ou » "or" ` / ` (OR).
fn split_list(s: &str) -> Vec<(&str, &'static str)> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut op: &'static str = "";
    let seps: &[(&str, &str)] = &[
        (",", " AND "),
        (";", " AND "),
        (" et ", " AND "),
        (" and ", " AND "),
        (" ou ", " OR "),
        (" or ", " OR "),
        (" / ", " OR "),
    ];
    // the separators are ASCII: an ASCII lowercase copy keeps the byte offsets of `s`, and is made
    // once (not once per part: a long list stays linear)
    let lower = s.to_ascii_lowercase();
    let mut at = 0;
    // next position of each separator at or after `at` (absolute), searched again only once passed
    let mut found: Vec<Option<usize>> = seps.iter().map(|(sep, _)| lower.find(sep)).collect();
    loop {
        for (f, (sep, _)) in found.iter_mut().zip(seps) {
            if f.is_some_and(|p| p < at) {
                *f = lower[at..].find(sep).map(|i| at + i);
            }
        }
        let next = found
            .iter()
            .zip(seps)
            .filter_map(|(f, (sep, o))| f.map(|p| (p - at, sep.len(), *o)))
            .min_by_key(|x| x.0);
        match next {
            Some((i, len, o)) if rest.is_char_boundary(i) && rest.is_char_boundary(i + len) => {
                let part = rest[..i].trim();
                if !part.is_empty() {
                    out.push((part, op));
                }
                op = o;
                rest = &rest[i + len..];
                at += i + len;
            }
            _ => {
                let part = rest.trim();
                if !part.is_empty() {
                    out.push((part, op));
                }
                return out;
            }
        }
    }
}

/// One licence: strict, lax, URL or name.
fn single(s: &str) -> Option<String> {
    if Expression::parse(s).is_ok() {
        return Some(
            Expression::canonicalize(s)
                .ok()
                .flatten()
                .unwrap_or_else(|| s.to_string()),
        );
    }
    if Expression::parse_mode(s, ParseMode::LAX).is_ok() {
        if let Ok(Some(c)) = Expression::canonicalize(s) {
            if Expression::parse(&c).is_ok() {
                return Some(c);
            }
        }
    }
    if let Some(id) = from_url(s) {
        return Some(id);
    }
    names_expr(s)
}

/// Licence names found in free text, joined by OR when « ou », "or" or `/` stands between two,
/// AND otherwise.
fn names_expr(s: &str) -> Option<String> {
    let folded = crate::normalize::fold_str(s);
    let mentions = super::names::find(&folded);
    let mut expr = String::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut prev_end = 0;
    for m in &mentions {
        if seen.contains(&m.id.as_str()) {
            prev_end = m.range.end;
            continue;
        }
        if !expr.is_empty() {
            let between = &folded[prev_end..m.range.start];
            let or = between.contains(" ou ") || between.contains(" or ") || between.contains('/');
            expr.push_str(if or { " OR " } else { " AND " });
        }
        expr.push_str(&m.id);
        seen.push(&m.id);
        prev_end = m.range.end;
    }
    (!expr.is_empty() && Expression::parse(&expr).is_ok()).then_some(expr)
}

/// French rendering of a note produced by [`normalize`].
pub fn note_fr(note: &str) -> String {
    let pairs: &[(&str, &str)] = &[
        ("no licence given", "aucune licence indiquée"),
        ("unrecognised licence URL", "URL de licence non reconnue"),
        ("'/' read as OR", "« / » lu comme OR"),
        ("GNU '+' read as -or-later", "« + » GNU lu comme -or-later"),
        (
            "list of licences read as AND (all apply)",
            "liste de licences lue comme AND (toutes s'appliquent)",
        ),
    ];
    for (en, fr) in pairs {
        if note == *en {
            return fr.to_string();
        }
    }
    let prefixes: &[(&str, &str)] = &[
        ("canonical form: ", "forme canonique : "),
        ("deprecated SPDX id ", "identifiant SPDX obsolète "),
        ("licence URL read as ", "URL de licence lue comme "),
        ("free text read as ", "texte libre lu comme "),
        ("list read as ", "liste lue comme "),
        (
            "unrecognised licence in the list: ",
            "licence non reconnue dans la liste : ",
        ),
        ("unrecognised licence", "licence non reconnue"),
        ("licence string too long ", "chaîne de licence trop longue "),
    ];
    for (en, fr) in prefixes {
        if let Some(rest) = note.strip_prefix(en) {
            return format!("{fr}{rest}");
        }
    }
    note.replace(" read as ", " lu comme ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> (Option<String>, bool) {
        let n = normalize(s);
        (n.expression, n.canonical)
    }

    #[test]
    fn strict_then_lax_then_names() {
        assert_eq!(e("MIT OR Apache-2.0"), (Some("MIT OR Apache-2.0".into()), true));
        assert_eq!(e("GPL-2.0").0.as_deref(), Some("GPL-2.0-only"));
        assert!(!e("GPL-2.0").1);
        assert_eq!(e("GPL-2.0+").0.as_deref(), Some("GPL-2.0-or-later"));
        assert_eq!(e("MIT/Apache-2.0").0.as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(e("GPL V2.0").0.as_deref(), Some("GPL-2.0-only"));
        assert_eq!(e("LGPL-v2.1").0.as_deref(), Some("LGPL-2.1-only"));
        assert_eq!(e("MPL 2.0 et EPL 1.0").0.as_deref(), Some("MPL-2.0 AND EPL-1.0"));
        assert_eq!(
            e("The Apache Software License, Version 2.0").0.as_deref(),
            Some("Apache-2.0")
        );
        assert_eq!(
            e("https://www.apache.org/licenses/LICENSE-2.0").0.as_deref(),
            Some("Apache-2.0")
        );
        assert_eq!(e("http://opensource.org/licenses/MIT").0.as_deref(), Some("MIT"));
        assert_eq!(e("Licence Ouverte").0.as_deref(), Some("etalab-2.0"));
        assert_eq!(e("licence CeCILL version 2.1").0.as_deref(), Some("CECILL-2.1"));
        assert_eq!(e("N/A"), (None, false));
        assert_eq!(e("licence propriétaire").0.as_deref(), Some("LicenseRef-proprietary"));
        assert_eq!(e("distributed under good vibes"), (None, false));
        assert_eq!(
            e("MIT, LGPL-3, AGPL-3").0.as_deref(),
            Some("MIT AND LGPL-3.0-only AND AGPL-3.0-only")
        );
        assert_eq!(e("IPL-1.0, EPL-2.0").0.as_deref(), Some("IPL-1.0 AND EPL-2.0"));
        assert_eq!(e("MPL-2.0, CeCILL-2.2"), (None, false));
        assert_eq!(e("MIT or Apache 2.0").0.as_deref(), Some("MIT OR Apache-2.0"));
        assert!(normalize("GPL-2.0").notes.iter().any(|n| n.contains("deprecated")));
        assert!(normalize("MIT/Apache-2.0").notes.iter().any(|n| n.contains("'/'")));
    }

    #[test]
    fn long_strings_are_refused_and_long_lists_stay_linear() {
        let n = normalize(&"MIT, ".repeat(20_000));
        assert_eq!(n.expression, None);
        assert!(n.notes[0].starts_with("licence string too long (99999 bytes > 65536 bytes)"));
        assert!(note_fr(&n.notes[0]).starts_with("chaîne de licence trop longue"));
        // a list just under the cap: split once, not re-lowercased per part
        let n = normalize(&"MIT, LGPL-3, AGPL-3 et ".repeat(2_500));
        assert_eq!(n.expression.as_deref(), Some("MIT AND LGPL-3.0-only AND AGPL-3.0-only"));
        assert_eq!(
            split_list("A, B ET C / D"),
            vec![("A", ""), ("B", " AND "), ("C", " AND "), ("D", " OR ")]
        );
    }
}
